import { dateTimeFormat } from '../../src/lib/intl'
import type { MemberProfile } from '../../src/models/member-profile'
import { EmptyState } from '../components/empty-state'
import { Pagination } from '../components/pagination'
import { Rating } from '../components/rating'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { ReviewArticle } from '../reviews/order-reviews-section'

/** A member's profile page. */
export function memberHref(memberId: number): string {
  return `/members/${memberId}`
}

type MemberPageProps = { shell: Shell; profile: MemberProfile; timeZone: string }

/**
 * Who a member is on the market: their name, since when, their storefront if they have one, and
 * what the stores they bought from said of them — so a provider can weigh a new buyer.
 */
export function MemberPage({ shell, profile, timeZone }: MemberPageProps) {
  const since = dateTimeFormat(shell.locale, { month: 'long', year: 'numeric', timeZone })
  const { rating } = profile
  return (
    <SiteLayout shell={shell} title={profile.displayName}>
      <h1>{profile.displayName}</h1>
      <p class="muted">Member since {since.format(profile.memberSince)}</p>
      {profile.store ? (
        <p>
          Storefront: <a href={`/stores/${profile.store.slug}`}>{profile.store.name}</a>
        </p>
      ) : null}
      <section aria-labelledby="member-reviews">
        <h2 id="member-reviews">As a buyer</h2>
        {rating.count === 0 ? (
          <EmptyState title="No reviews yet">
            <p>
              After an order, the store may review its buyer. Those reviews show here once they are
              published.
            </p>
          </EmptyState>
        ) : (
          <>
            <p>
              <Rating average={rating.average} count={rating.count} locale={shell.locale} /> from
              the stores {profile.displayName} bought from.
            </p>
            {profile.reviews.map((review) => (
              <ReviewArticle
                review={review}
                heading={`${review.authorName}’s review`}
                authorHref={
                  review.storeSlug ? `/stores/${encodeURIComponent(review.storeSlug)}` : undefined
                }
                locale={shell.locale}
                timeZone={timeZone}
              />
            ))}
            <Pagination
              page={profile.page.number}
              totalPages={profile.page.totalPages}
              href={(page) => `${memberHref(profile.id)}?page=${page}`}
            />
          </>
        )}
      </section>
    </SiteLayout>
  )
}
