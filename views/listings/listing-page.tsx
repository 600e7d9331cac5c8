import type { Child } from 'hono/jsx'
import { dateTimeFormat } from '../../src/lib/intl'
import { telHref, whatsappHref } from '../../src/lib/phone'
import type { Category } from '../../src/models/category'
import {
  listingLocations,
  listingTags,
  SERVICE_LOCATIONS,
  type ListingDetails,
} from '../../src/models/listing'
import type { ListingPhoto } from '../../src/models/listing-photos'
import type { StoreAvatar as Avatar } from '../../src/models/store'
import { PackageAddForm, QuantityAddForm, VariantAddForm } from '../cart/add-to-cart'
import { Breadcrumb } from '../components/breadcrumb'
import { initial } from '../components/initial'
import { Money } from '../components/money'
import { Picture } from '../components/picture'
import { Paragraphs } from '../components/paragraphs'
import { StoreAvatar } from '../components/store-avatar'
import { MessageButton } from '../conversations/message-button'
import { FavouriteButton } from '../favourites/favourite-button'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import type { ReviewsPage } from '../../src/models/review/reading'
import { ratingOf } from '../../src/models/rating'
import { Rating } from '../components/rating'
import { REVIEWS_ID, ReviewsSection, type ReviewsContext } from '../reviews/reviews-section'
import { BOOK_ID, BookingSection, type BookingSectionProps } from '../bookings/booking-calendar'
import { ListingShelf, type ShelfListings } from './listing-shelf'
import { ListingStatus } from './listing-status'

/** What a buyer weighs about who sells: shown on the seller's card beside the listing. */
export type Seller = {
  avatar: Avatar | null
  completedOrders: number
  /** When the store's owner joined: "Member since March 2026". */
  memberSince: Date
  timeZone: string
}

type ListingPageProps = {
  shell: Shell
  listing: ListingDetails
  parentCategory: Category | undefined
  isOwner: boolean
  /** Whether the member has it in their favourites (always false for visitors). */
  saved: boolean
  photos: ListingPhoto[]
  currency: string
  seller: Seller
  similar: ShelfListings
  /** Reviews of the orders that included this listing, sorted and paged as asked. */
  reviews: ReviewsPage
  reviewsContext: ReviewsContext
  /** A bookable service's calendar: packages are then booked at a time, not put in the cart. */
  booking: BookingSectionProps | null
}

/** The buy panel's id: the phone's buy bar leads to it. */
const BUY_ID = 'buy'

/**
 * A listing as buyers see it. On a phone, top to bottom: photos to swipe, the title and price,
 * the buy panel, what it is, who sells it; a bar at the bottom keeps the price and the way to the
 * buy panel in reach. From 48rem the photos and description take the left and the buy
 * panel and seller stay in view on the right.
 */
export function ListingPage(props: ListingPageProps) {
  const { shell, listing, parentCategory, isOwner, currency, photos } = props
  const rating = ratingOf(listing)
  const money = (amount: number) => (
    <Money amount={amount} currency={currency} locale={shell.locale} />
  )
  // Anyone but its provider may buy what is on sale; visitors' carts are kept in a cookie.
  const buying = !isOwner && listing.status === 'published'
  const soldOut =
    listing.kind === 'product' &&
    !listing.variants.some((variant) => (variant.stock ?? 0) > 0) &&
    (listing.defaultUnit?.stock ?? 0) === 0
  const hasOptions = listing.kind === 'service' || listing.variants.length > 0
  const price = (
    <p class="price listing__price">
      {hasOptions ? <span class="price__from">from </span> : null}
      {money(listing.fromPrice)}
      {soldOut ? (
        <>
          {' '}
          <span class="badge badge--sold-out">Sold out</span>
        </>
      ) : null}
    </p>
  )
  return (
    <SiteLayout shell={shell} title={listing.title} wide>
      <Breadcrumb parent={parentCategory} category={listing.category} />
      {isOwner ? (
        <p class="owner-bar">
          <ListingStatus status={listing.status} />{' '}
          {listing.status === 'published' ? 'Buyers see this page.' : 'Only you can see this page.'}{' '}
          <a href={`/listings/${listing.id}/edit`}>Edit</a>
        </p>
      ) : null}
      <div class="listing">
        <Gallery title={listing.title} photos={photos} />
        <div class="listing__buy">
          <div class="listing-head">
            <h1>{listing.title}</h1>
            {isOwner ? null : (
              <FavouriteButton listing={listing} saved={props.saved} returnTo={shell.returnTo} />
            )}
          </div>
          {rating ? (
            <p class="listing__rating">
              <a href={`#${REVIEWS_ID}`}>
                <Rating {...rating} locale={shell.locale} />
              </a>
            </p>
          ) : null}
          {price}
          <BuyPanel {...props} buying={buying} money={money} />
          {props.booking ? <BookingSection {...props.booking} /> : null}
          <SellerCard listing={listing} seller={props.seller} shell={shell} />
        </div>
        <div class="listing__details">
          {listing.description ? (
            <section aria-labelledby="about-heading">
              <h2 id="about-heading">
                About this {listing.kind === 'service' ? 'service' : 'item'}
              </h2>
              <Paragraphs text={listing.description} />
            </section>
          ) : null}
          {listingTags(listing).length > 0 ? (
            <ul class="chips" aria-label="Tags">
              {listingTags(listing).map((tag) => (
                <li class="chip">{tag}</li>
              ))}
            </ul>
          ) : null}
        </div>
        {buying && !soldOut ? (
          <div class="buy-bar">
            {price}
            {props.booking ? (
              <a class="button button--primary" href={`#${BOOK_ID}`}>
                Book a time
              </a>
            ) : (
              <a class="button button--primary" href={`#${BUY_ID}`}>
                {listing.kind === 'service' ? 'Choose a package' : 'Buy'}
              </a>
            )}
          </div>
        ) : null}
      </div>
      <ReviewsSection
        reviews={props.reviews}
        context={props.reviewsContext}
        subject={listing.kind === 'service' ? 'this service' : 'this item'}
      />
      {/* "People who ordered this also ordered" goes here, above similar, once there are enough
          orders to say it (see src/models/listing/similar.ts). */}
      <ListingShelf
        id="similar"
        title="Similar listings"
        shelf={props.similar}
        currency={currency}
        locale={shell.locale}
      />
    </SiteLayout>
  )
}

/**
 * The photos in a row that swipes (scroll snapping, no script), each with its place in the row
 * ("2 / 5") so a buyer knows there are more; the initial in the photo's box when there are none.
 */
function Gallery({ title, photos }: { title: string; photos: ListingPhoto[] }) {
  if (photos.length === 0)
    return (
      <div class="listing__gallery gallery gallery--none" aria-hidden="true">
        <span>{initial(title)}</span>
      </div>
    )
  return (
    <ul class="listing__gallery gallery" aria-label="Photos">
      {photos.map((photo, index) => (
        <li>
          <Picture
            image={photo.image}
            alt={photo.alt}
            sizes="(min-width: 72rem) 44rem, (min-width: 48rem) 60vw, 100vw"
            eager={index === 0}
          />
          {photos.length > 1 ? (
            <span class="gallery__count" aria-hidden="true">
              {index + 1} / {photos.length}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

type BuyPanelProps = ListingPageProps & {
  buying: boolean
  money: (amount: number) => Child
}

/** Packages of a service, or the variants and quantity of goods, and how it reaches the buyer. */
function BuyPanel({ shell, listing, currency, buying, money }: BuyPanelProps) {
  const common = { listingId: listing.id, returnTo: shell.returnTo }
  if (listing.kind === 'service')
    return (
      <section id={BUY_ID} class="panel buy-panel" aria-labelledby="packages-heading">
        <h2 id="packages-heading">Packages</h2>
        <ul class="options">
          {listing.packages.map((item) => (
            <li class="option">
              <p class="option__head">
                <strong>{item.name}</strong> {money(item.price)}
              </p>
              {item.included ? <p>{item.included}</p> : null}
              {item.turnaroundDays !== null ? (
                <p class="muted">
                  {item.turnaroundDays === 0
                    ? 'Same day'
                    : `Ready in ${item.turnaroundDays} ${item.turnaroundDays === 1 ? 'day' : 'days'}`}
                </p>
              ) : null}
              {/* A bookable service's package is chosen with its time, on the booking form. */}
              {buying && !listing.booking ? <PackageAddForm {...common} unit={item} /> : null}
            </li>
          ))}
        </ul>
        <p class="muted">
          {SERVICE_LOCATIONS.filter((location) =>
            listingLocations(listing).includes(location.value),
          )
            .map((location) => location.label)
            .join(' · ')}
          {listing.durationMinutes ? ` · about ${listing.durationMinutes} minutes` : ''}
        </p>
      </section>
    )
  const unit = listing.defaultUnit
  const inStock = listing.variants.some((variant) => (variant.stock ?? 0) > 0)
  return (
    <section id={BUY_ID} class="panel buy-panel" aria-labelledby="price-heading">
      <h2 id="price-heading">Price</h2>
      {listing.variants.length > 0 && buying && inStock ? (
        <VariantAddForm
          {...common}
          variants={listing.variants}
          currency={currency}
          locale={shell.locale}
        />
      ) : listing.variants.length > 0 ? (
        <ul class="options">
          {listing.variants.map((variant) => (
            <li class="option">
              <p class="option__head">
                <strong>{variant.name}</strong> {money(variant.price)}
              </p>
              <p class="muted">
                {(variant.stock ?? 0) > 0 ? `${variant.stock} in stock` : 'Sold out'}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        // The price is the page's, above: here only what is left.
        <p class="muted">{(unit?.stock ?? 0) > 0 ? `${unit?.stock} in stock` : 'Sold out'}</p>
      )}
      {buying && listing.variants.length === 0 && unit && (unit.stock ?? 0) > 0 ? (
        <QuantityAddForm {...common} unit={unit} />
      ) : null}
      <p class="muted">
        {listing.pickup ? 'Pickup' : null}
        {listing.pickup && listing.delivery ? ' · ' : null}
        {listing.delivery ? (
          listing.deliveryFee ? (
            <>Local delivery {money(listing.deliveryFee)}</>
          ) : (
            'Free local delivery'
          )
        ) : null}
      </p>
    </section>
  )
}

/**
 * Who sells it, and why a buyer might trust them: face, name, part of town, orders completed,
 * how long they have been here, and ways to reach them (a message here, or their phone).
 * The store's rating leads the facts once it has reviews; response time will join them.
 */
function SellerCard(props: { listing: ListingDetails; seller: Seller; shell: Shell }) {
  const { listing, seller, shell } = props
  const locale = shell.locale
  const store = listing.store
  const phone = store.showPhone && store.phone ? store.phone : null
  const whatsapp = store.showWhatsapp && store.whatsapp ? store.whatsapp : null
  return (
    <aside class="panel seller" aria-label="Sold by">
      <div class="seller__who">
        <StoreAvatar avatar={seller.avatar} name={store.name} large />
        <p>
          Sold by <a href={`/stores/${store.slug}`}>{store.name}</a>
          {store.area ? <span class="muted"> · {store.area}</span> : null}
        </p>
      </div>
      <ul class="seller__facts">
        {ratingOf(store) ? (
          <li>
            <Rating {...ratingOf(store)!} locale={locale} />
          </li>
        ) : null}
        <li>
          {seller.completedOrders === 0
            ? 'No completed orders yet'
            : `${seller.completedOrders} ${seller.completedOrders === 1 ? 'order' : 'orders'} completed`}
        </li>
        <li>
          Member since{' '}
          {dateTimeFormat(locale, {
            month: 'long',
            year: 'numeric',
            timeZone: seller.timeZone,
          }).format(seller.memberSince)}
        </li>
      </ul>
      <p class="seller__contact">
        <MessageButton shell={shell} to={store.memberId} listingId={listing.id} />
        {whatsapp ? (
          <a class="button button--secondary" href={whatsappHref(whatsapp)} rel="noopener">
            WhatsApp
          </a>
        ) : null}
        {phone ? (
          <a class="button button--secondary" href={telHref(phone)}>
            Call
          </a>
        ) : null}
      </p>
    </aside>
  )
}
