import { listingPath, type Listing } from '../../src/models/listing'
import { Money } from '../components/money'

type ListingCardProps = {
  listing: Listing
  storeName?: string
  currency: string
  locale: string
}

/** A listing in a grid: title, "from" price and who sells it. */
export function ListingCard({ listing, storeName, currency, locale }: ListingCardProps) {
  const needsFrom = listing.kind === 'service' || listing.price === null
  return (
    <li class="listing-card">
      <a href={listingPath(listing)}>
        <span class="listing-card__title">{listing.title}</span>
        <span class="listing-card__price">
          {needsFrom ? 'from ' : ''}
          <Money amount={listing.fromPrice} currency={currency} locale={locale} />
        </span>
        {storeName ? <span class="listing-card__store">{storeName}</span> : null}
      </a>
    </li>
  )
}
