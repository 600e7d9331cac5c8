import type { CategoryBranch } from '../../src/models/category'
import type { ListingCard as Card } from '../../src/models/listing'
import type { ListingPhoto } from '../../src/models/listing-photos'
import type { Store } from '../../src/models/store'
import { ListingCard } from '../listings/listing-card'
import { ListingShelf, type ShelfListings } from '../listings/listing-shelf'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type HomePageProps = {
  shell: Shell
  categories: CategoryBranch[]
  ownStore: Store | undefined
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
 * The front page: what the market offers by category, what is trending and the newest listings
 * once they exist; for a member, what they looked at lately first.
 */
export function HomePage(props: HomePageProps) {
  const { shell, categories, ownStore, newest, covers, saved, currency } = props
  return (
    <SiteLayout shell={shell} title={shell.marketName}>
      <section class="hero">
        <h1>{shell.marketName}</h1>
        <p class="hero__lead">
          Services and goods from your neighbours{shell.town ? ` in ${shell.town}` : ''}: repairs,
          lessons, cleaning, design, food and things made nearby.
        </p>
        {shell.member ? (
          <p>
            Hello, {shell.member.displayName}. What do you need today?{' '}
            {ownStore ? (
              <a href={`/stores/${ownStore.slug}`}>Your storefront</a>
            ) : (
              <a href="/stores/new">Sell something? Open your storefront</a>
            )}
          </p>
        ) : (
          <p>
            <a class="button button--primary" href="/sign-up">
              Join the marketplace
            </a>{' '}
            <a href="/sign-in">I already have an account</a>
          </p>
        )}
      </section>
      <ListingShelf
        id="recently-viewed"
        title="Recently viewed"
        shelf={props.recentlyViewed}
        currency={currency}
        locale={shell.locale}
      />
      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading">Browse by category</h2>
        <ul class="category-grid">
          {categories.map((category) => (
            <li>
              <a href={`/categories/${category.slug}`}>{category.name}</a>
            </li>
          ))}
        </ul>
      </section>
      <ListingShelf
        id="trending"
        title="Trending"
        shelf={props.trending}
        currency={currency}
        locale={shell.locale}
      />
      <section aria-labelledby="newest-heading">
        <h2 id="newest-heading">Newest on the market</h2>
        {newest.length > 0 ? (
          <ul class="listing-grid">
            {newest.map((listing) => (
              <ListingCard
                listing={listing}
                storeName={listing.storeName}
                photo={covers.get(listing.id)}
                currency={currency}
                locale={shell.locale}
                favourite={{ saved: saved.has(listing.id), returnTo: shell.returnTo }}
              />
            ))}
          </ul>
        ) : (
          <p class="empty">Nothing is for sale yet. Neighbours' listings will appear here.</p>
        )}
      </section>
    </SiteLayout>
  )
}
