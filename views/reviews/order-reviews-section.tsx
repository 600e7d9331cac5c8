import { DAY } from '../../src/lib/clock'
import { dateTimeFormat } from '../../src/lib/intl'
import type { Order } from '../../src/models/order'
import type { OrderReviews, ShownReview } from '../../src/models/review/order-reviews'
import { Paragraphs } from '../components/paragraphs'
import { Picture } from '../components/picture'

/** The id of an order's Review section (a link from elsewhere can lead straight to it). */
export function orderReviewsId(order: Pick<Order, 'code'>): string {
  return `order-${order.code}-reviews`
}

type OrderReviewsSectionProps = {
  order: Order
  reviews: OrderReviews
  /** The other side, as the member knows them: the store's name, or the buyer's. */
  otherName: string
  /** Both sides' names, for an operator looking on. */
  storeName: string
  buyerName: string
  now: Date
  locale: string
  timeZone: string
}

/**
 * The order page's Review section, double-blind: a member who has not reviewed is asked to (with
 * the days left); one whose review waits is told plainly that the other side cannot read it yet,
 * nor they the other's, and when it publishes; once published, both reviews show to both sides.
 * The other side's review never shows before it is published.
 */
export function OrderReviewsSection(props: OrderReviewsSectionProps) {
  const { order, reviews, otherName } = props
  if (!reviews.closesAt) return null
  const isParty = reviews.direction !== null
  if (!isParty && reviews.published.length === 0) return null
  const day = dateTimeFormat(props.locale, { dateStyle: 'long', timeZone: props.timeZone })
  const { mine } = reviews
  const headingId = `${orderReviewsId(order)}-heading`
  return (
    <section id={orderReviewsId(order)} class="panel order-reviews" aria-labelledby={headingId}>
      <h2 id={headingId}>Review</h2>
      {reviews.published.length > 0 ? (
        reviews.published.map((review) => (
          <ReviewArticle
            review={review}
            heading={reviewHeading(review, props)}
            locale={props.locale}
            timeZone={props.timeZone}
          />
        ))
      ) : mine ? (
        <>
          <p>
            Your review waits for {otherName}’s, or is published on {day.format(reviews.closesAt)}.{' '}
            {otherName} cannot see it yet, and you cannot see theirs until then.
          </p>
          <ReviewArticle
            review={mine}
            heading="Your review (not published yet)"
            locale={props.locale}
            timeZone={props.timeZone}
          />
        </>
      ) : reviews.open && isParty ? (
        <>
          <p>
            {reviews.theirsWritten
              ? `${otherName} has reviewed this order. Theirs is published when you write yours, or on ${day.format(reviews.closesAt)}.`
              : `How did it go? Your review is published once ${otherName} has written theirs, or on ${day.format(reviews.closesAt)}.`}
          </p>
          <p>
            <a class="button button--primary" href={`/orders/${order.code}/review`}>
              Review this order
            </a>{' '}
            <span class="muted">{daysLeft(reviews.closesAt, props.now)}</span>
          </p>
        </>
      ) : isParty && !mine ? (
        <p class="muted">Reviews of this order closed on {day.format(reviews.closesAt)}.</p>
      ) : null}
      {mine && reviews.editable ? (
        <p>
          <a href={`/orders/${order.code}/review/edit`}>Change your review</a>
          {mine.publishedAt ? <span class="muted"> (shown as edited)</span> : null}
        </p>
      ) : null}
    </section>
  )
}

function reviewHeading(review: ShownReview, props: OrderReviewsSectionProps): string {
  if (props.reviews.mine?.id === review.id) return 'Your review'
  if (props.reviews.direction !== null) return `${review.authorName}’s review of you`
  const subject = review.direction === 'of_store' ? props.storeName : props.buyerName
  return `${review.authorName}’s review of ${subject}`
}

/** "12 days left", counted in whole days up: the last day is "1 day left". */
export function daysLeft(closesAt: Date, now: Date): string {
  const days = Math.max(1, Math.ceil((closesAt.getTime() - now.getTime()) / DAY))
  return days === 1 ? '1 day left' : `${days} days left`
}

/** Stars given, drawn like a rating, said in words: "4 out of 5 stars". */
export function ReviewStars({ stars }: { stars: number }) {
  return (
    <span class="rating" role="img" aria-label={`${stars} out of 5 stars`}>
      <span class={`rating__stars rating__stars--${stars * 20}`} aria-hidden="true">
        ★★★★★
      </span>
    </span>
  )
}

type ReviewArticleProps = {
  review: ShownReview
  heading: string
  locale: string
  timeZone: string
  /** Where the author's name leads (a store's page), if anywhere. */
  authorHref?: string | undefined
}

/** One review: its stars and title, who wrote it and when, its words, photos and verdict. */
export function ReviewArticle({
  review,
  heading,
  locale,
  timeZone,
  authorHref,
}: ReviewArticleProps) {
  const when = dateTimeFormat(locale, { dateStyle: 'medium', timeZone })
  const shownAt = review.publishedAt ?? review.createdAt
  return (
    <article class="review">
      <h3 class="review__heading">{heading}</h3>
      {review.hiddenAt ? (
        <p class="muted">
          Hidden by the market’s operator{review.hiddenNote ? `: ${review.hiddenNote}` : '.'}
        </p>
      ) : (
        <>
          <p class="review__meta">
            <ReviewStars stars={review.stars} />{' '}
            <span class="muted">
              {authorHref ? <a href={authorHref}>{review.authorName}</a> : review.authorName} ·{' '}
              <time datetime={shownAt.toISOString()}>{when.format(shownAt)}</time>
              {review.editedAt ? ' · edited' : ''}
            </span>
          </p>
          {review.title ? <p class="review__title">{review.title}</p> : null}
          <Paragraphs text={review.body} />
          {review.photos.length > 0 ? (
            <ul class="photo-grid" aria-label="Photos">
              {review.photos.map((image, index) => (
                <li>
                  <Picture
                    image={image}
                    alt={`Photo ${index + 1} from ${review.authorName}`}
                    sizes="9rem"
                  />
                </li>
              ))}
            </ul>
          ) : null}
          {review.recommend === null ? null : (
            <p>{review.recommend ? 'Would recommend' : 'Would not recommend'} this store.</p>
          )}
        </>
      )}
    </article>
  )
}
