import type { ListingCard as Card } from '../../src/models/listing'
import type { ListingPhoto } from '../../src/models/listing-photos'
import { SectionHead } from '../components/section-head'
import { ListingCard } from './listing-card'

/** Cards to show in a row and their cover photos, as a route puts them together. */
export type ShelfListings = { listings: Card[]; covers: Map<number, ListingPhoto> }

type ListingShelfProps = {
  /** Names the section and its heading: "trending" → #trending-heading. */
  id: string
  title: string
  shelf: ShelfListings
  currency: string
  locale: string
  /** Where the whole list is ("See all"), when the row shows only its first few. */
  seeAll?: string
}

/**
 * A titled row of listing cards that scrolls sideways on a phone (recently viewed, trending,
 * similar): a few at a glance, the rest a swipe away. Nothing at all when it has no listings.
 */
export function ListingShelf(props: ListingShelfProps) {
  const { id, title, shelf, currency, locale, seeAll } = props
  if (shelf.listings.length === 0) return null
  return (
    <section id={id} aria-labelledby={`${id}-heading`}>
      <SectionHead id={`${id}-heading`} title={title} seeAll={seeAll} />
      <ul class="listing-shelf">
        {shelf.listings.map((listing) => (
          <ListingCard
            listing={listing}
            store={listing}
            photo={shelf.covers.get(listing.id)}
            currency={currency}
            locale={locale}
          />
        ))}
      </ul>
    </section>
  )
}
