import type { Child } from 'hono/jsx'
import { listingPath, type ListingCard as Card } from '../../src/models/listing'
import type { ListingPhoto } from '../../src/models/listing-photos'
import { initial } from '../components/initial'
import { Money } from '../components/money'
import { Picture } from '../components/picture'
import { ratingOf } from '../../src/models/rating'
import { Rating, type RatingSummary } from '../components/rating'
import { StoreAvatar } from '../components/store-avatar'
import { FavouriteButton } from '../favourites/favourite-button'

type ListingCardProps = {
  listing: Pick<
    Card,
    | 'id'
    | 'slug'
    | 'title'
    | 'kind'
    | 'fromPrice'
    | 'hasOptions'
    | 'soldOut'
    | 'ratingCount'
    | 'ratingSum'
  >
  /** Who sells it; left out on the store's own page. */
  store?: Pick<Card, 'storeName' | 'storeArea' | 'storeAvatar'>
  photo?: ListingPhoto | undefined
  currency: string
  locale: string
  /** Its reviews, once it has any: the listing's own stored counts unless given. */
  rating?: RatingSummary | undefined
  /** The title as search marks it; the plain title otherwise. */
  title?: Child
  /** More to say under the store: a snippet of the description, a distance. */
  children?: Child
  /** Its heart: saved or not, and the page it is on. Without it the card has no heart. */
  favourite?: { saved: boolean; returnTo: string } | undefined
}

/**
 * A listing in a grid, with what a buyer weighs at a glance: its photo (or its initial) in one
 * shape for every card, whether it is sold out, the title, the "from" price, its rating, and
 * the store's face, name and part of town. Cards in a row are as tall as the tallest, the store
 * line at the bottom of each. The heart sits beside the link, not inside it (a link may not hold
 * a form), and the stylesheet places it over the photo's corner.
 */
export function ListingCard(props: ListingCardProps) {
  const { listing, store, photo, currency, locale, favourite } = props
  const rating = props.rating ?? ratingOf(listing)
  return (
    <li class="listing-card">
      <a href={listingPath(listing)}>
        {photo ? (
          <Picture
            image={photo.image}
            alt=""
            sizes="(min-width: 72rem) 14rem, (min-width: 40rem) 30vw, 50vw"
            class="listing-card__photo"
          />
        ) : (
          <span class="listing-card__photo listing-card__photo--none" aria-hidden="true">
            {initial(listing.title)}
          </span>
        )}
        {listing.soldOut ? (
          <span class="badge badge--sold-out listing-card__badge">Sold out</span>
        ) : null}
        <span class="listing-card__title">{props.title ?? listing.title}</span>
        <span class="listing-card__price price">
          {listing.hasOptions ? <span class="price__from">from </span> : null}
          <Money amount={listing.fromPrice} currency={currency} locale={locale} />
        </span>
        {rating ? <Rating {...rating} locale={locale} /> : null}
        {props.children}
        {store ? (
          <span class="listing-card__store">
            <StoreAvatar avatar={store.storeAvatar} name={store.storeName} />
            <span>
              {store.storeName}
              {store.storeArea ? (
                <span class="listing-card__area"> · {store.storeArea}</span>
              ) : null}
            </span>
          </span>
        ) : null}
      </a>
      {favourite ? (
        <FavouriteButton listing={listing} saved={favourite.saved} returnTo={favourite.returnTo} />
      ) : null}
    </li>
  )
}
