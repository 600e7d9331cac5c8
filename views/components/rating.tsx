import { formatRating } from '../../src/lib/intl'

export type RatingSummary = { average: number; count: number }

type RatingProps = RatingSummary & { locale: string }

/**
 * Stars for an average out of 5 and how many reviews make it. Screen readers hear the words
 * ("4.5 out of 5, 23 reviews"); the stars are drawn by a gradient filled to the average, which
 * a class picks in tenths because the CSP allows no style attribute.
 */
export function Rating({ average, count, locale }: RatingProps) {
  const tenths = Math.round(Math.min(5, Math.max(0, average)) * 2) * 10
  const said = `${formatRating(average, locale)} out of 5, ${count} ${count === 1 ? 'review' : 'reviews'}`
  return (
    <span class="rating" role="img" aria-label={said}>
      <span class={`rating__stars rating__stars--${tenths}`} aria-hidden="true">
        ★★★★★
      </span>
      <span aria-hidden="true">
        {formatRating(average, locale)} ({count})
      </span>
    </span>
  )
}
