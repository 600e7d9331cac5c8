import type { CategoryBranch } from '../../src/models/category'
import type { ListingCard as Card } from '../../src/models/listing'
import type { ListingPhoto } from '../../src/models/listing-photos'
import type { RequestRow } from '../../src/models/request/browse'
import type { Store } from '../../src/models/store'
import { signUpHref } from '../accounts/account-links'
import { EmptyState } from '../components/empty-state'
import { SectionHead } from '../components/section-head'
import { ListingCard } from '../listings/listing-card'
import { ListingShelf, type ShelfListings } from '../listings/listing-shelf'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { RequestCard } from '../requests/request-card'

type HomePageProps = {
  shell: Shell
  categories: CategoryBranch[]
  ownStore: Store | undefined
  /** For a member whose store sells in some category: the newest open requests in those. */
  requests: { rows: RequestRow[]; now: Date } | null
  newest: Card[]
  covers: Map<number, ListingPhoto>
  /** Which of the newest the member has saved (none for visitors): their hearts are filled. */
  saved: ReadonlySet<number>
  currency: string
  /** The member's own, newest first; empty for visitors. */
  recentlyViewed: ShelfListings
  trending: ShelfListings
}

/**
 * The front page, for a phone first: the header's search, one line on what this market is, the
 * categories as a row of chips, then listings — what the member looked at lately, what is new in
 * town, what is trending — so that cards are on the first screen. Joining and selling are offered
 * once, quietly, not before the goods.
 */
export function HomePage(props: HomePageProps) {
  const { shell, categories, ownStore, newest, covers, saved, currency } = props
  const town = shell.town ? ` in ${shell.town}` : ''
  return (
    <SiteLayout shell={shell} title={shell.marketName} wide>
      <section class="intro" aria-labelledby="intro-heading">
        <h1 id="intro-heading">{shell.marketName}</h1>
        <p>
          Services and goods from your neighbours{town}.{' '}
          {shell.member ? null : <a href={signUpHref('/')}>Join to buy, book and sell</a>}
        </p>
        <p>
          Need a job done? <a href="/requests">See what neighbours ask for, or post a request</a>.
        </p>
      </section>
      <nav aria-label="Categories">
        <ul class="chips chips--scroll">
          {categories.map((category) => (
            <li>
              <a class="chip" href={`/categories/${category.slug}`}>
                {category.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.requests ? (
        <RequestsInWhatTheySell {...props.requests} currency={currency} locale={shell.locale} />
      ) : null}
      <ListingShelf
        id="recently-viewed"
        title="Recently viewed"
        shelf={props.recentlyViewed}
        currency={currency}
        locale={shell.locale}
      />
      <section aria-labelledby="newest-heading">
        <SectionHead
          id="newest-heading"
          title="Newest on the market"
          seeAll={newest.length > 0 ? '/search?sort=newest' : undefined}
        />
        {newest.length > 0 ? (
          <ul class="listing-grid">
            {newest.map((listing) => (
              <ListingCard
                listing={listing}
                store={listing}
                photo={covers.get(listing.id)}
                currency={currency}
                locale={shell.locale}
                favourite={{ saved: saved.has(listing.id), returnTo: shell.returnTo }}
              />
            ))}
          </ul>
        ) : (
          <EmptyState title="Nothing is for sale yet">
            <p>Be the first: what you make or do is what a neighbour is looking for.</p>
            <a class="button button--primary" href={ownStore ? '/listings/new' : '/stores/new'}>
              {ownStore ? 'List something' : 'Open your store'}
            </a>
          </EmptyState>
        )}
      </section>
      <ListingShelf
        id="trending"
        title="Trending"
        shelf={props.trending}
        currency={currency}
        locale={shell.locale}
      />
      {ownStore || newest.length === 0 ? null : (
        <aside class="panel sell-prompt" aria-labelledby="sell-heading">
          <h2 id="sell-heading">Sell to your neighbours</h2>
          <p>
            Open a store in a few minutes: list a service or what you make, and take orders here.
          </p>
          <a class="button button--secondary" href="/stores/new">
            Open your store
          </a>
        </aside>
      )}
    </SiteLayout>
  )
}

type RequestsProps = { rows: RequestRow[]; now: Date; currency: string; locale: string }

/** A provider's work waiting: the newest requests in what their store sells, and the way to all. */
function RequestsInWhatTheySell({ rows, now, currency, locale }: RequestsProps) {
  return (
    <section aria-labelledby="requests-heading">
      <div class="section-head">
        <h2 id="requests-heading">Requests in what you sell</h2>
        <a href="/requests">See all requests</a>
      </div>
      {rows.length > 0 ? (
        <ol class="request-list">
          {rows.map((request) => (
            <RequestCard
              request={request}
              currency={currency}
              locale={locale}
              now={now}
              level={3}
            />
          ))}
        </ol>
      ) : (
        <p class="muted">No open requests in what you sell just now; new ones show here.</p>
      )}
    </section>
  )
}
