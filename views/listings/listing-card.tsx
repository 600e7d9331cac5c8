import type { Child } from 'hono/jsx'
import { listingPath, type ListingCard as Card } from '../../src/models/listing'
import type { ListingPhoto } from '../../src/models/listing-photos'
import { Money } from '../components/money'
import { Picture } from '../components/picture'
import { FavouriteButton } from '../favourites/favourite-button'

type ListingCardProps = {
  listing: Pick<Card, 'id' | 'slug' | 'title' | 'kind' | 'fromPrice' | 'hasOptions'>
  storeName?: string
  photo?: ListingPhoto | undefined
  currency: string
  locale: string
  /** The title as search marks it; the plain title otherwise. */
  title?: Child
  /** More to say under the store's name: a snippet of the description, a distance. */
  children?: Child
  /** Its heart: saved or not, and the page it is on. Without it the card has no heart. */
  favourite?: { saved: boolean; returnTo: string } | undefined
}

/**
 * A listing in a grid: its photo (or its initial), title, "from" price and who sells it. The
 * heart sits beside the link, not inside it (a link may not hold a form or a button), and is
 * placed over the photo's corner by the stylesheet.
 */
export function ListingCard(props: ListingCardProps) {
  const { listing, storeName, photo, currency, locale, favourite } = props
  return (
    <li class="listing-card">
      <a href={listingPath(listing)}>
        {photo ? (
          <Picture
            image={photo.image}
            alt=""
            sizes="(min-width: 40rem) 14rem, 50vw"
            class="listing-card__photo"
          />
        ) : (
          // Same box as a photo, so a grid of cards with and without photos stays even.
          <span class="listing-card__photo listing-card__photo--none" aria-hidden="true">
            {initial(listing.title)}
          </span>
        )}
        <span class="listing-card__title">{props.title ?? listing.title}</span>
        <span class="listing-card__price">
          {listing.hasOptions ? 'from ' : ''}
          <Money amount={listing.fromPrice} currency={currency} locale={locale} />
        </span>
        {storeName ? <span class="listing-card__store">{storeName}</span> : null}
        {props.children}
      </a>
      {favourite ? (
        <FavouriteButton listing={listing} saved={favourite.saved} returnTo={favourite.returnTo} />
      ) : null}
    </li>
  )
}

// Making a Segmenter costs far more than using one: a page of cards without photos made 24.
const graphemes = new Intl.Segmenter()

/** "mango jam" → "M": the first character as a person sees it, even an emoji or "É". */
function initial(title: string): string {
  const [first] = graphemes.segment(title.trim())
  return first ? first.segment.toLocaleUpperCase() : ''
}
