import { telHref, whatsappHref } from '../../src/lib/phone'
import type { Category } from '../../src/models/category'
import {
  listingLocations,
  listingTags,
  SERVICE_LOCATIONS,
  type ListingDetails,
} from '../../src/models/listing'
import type { ListingPhoto } from '../../src/models/listing-photos'
import { PackageAddForm, QuantityAddForm, VariantAddForm } from '../cart/add-to-cart'
import { Money } from '../components/money'
import { Picture } from '../components/picture'
import { Paragraphs } from '../components/paragraphs'
import { FavouriteButton } from '../favourites/favourite-button'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { ListingShelf, type ShelfListings } from './listing-shelf'
import { ListingStatus } from './listing-status'

type ListingPageProps = {
  shell: Shell
  listing: ListingDetails
  parentCategory: Category | undefined
  isOwner: boolean
  /** Whether the member has it in their favourites (always false for visitors). */
  saved: boolean
  photos: ListingPhoto[]
  currency: string
  similar: ShelfListings
}

/** A listing as buyers see it: what, how much, from whom, and how to get in touch. */
export function ListingPage(props: ListingPageProps) {
  const { shell, listing, parentCategory, isOwner, currency, photos } = props
  const money = (amount: number) => (
    <Money amount={amount} currency={currency} locale={shell.locale} />
  )
  const store = listing.store
  // Anyone but its provider may buy what is on sale; visitors' carts are kept in a cookie.
  const buying = !isOwner && listing.status === 'published'
  const common = { listingId: listing.id, returnTo: shell.returnTo }
  const inStock = listing.variants.some((variant) => (variant.stock ?? 0) > 0)
  const simpleUnit = listing.defaultUnit
  return (
    <SiteLayout shell={shell} title={listing.title}>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <ol>
          <li>
            <a href="/">Home</a>
          </li>
          {parentCategory ? (
            <li>
              <a href={`/categories/${parentCategory.slug}`}>{parentCategory.name}</a>
            </li>
          ) : null}
          <li>
            <a href={`/categories/${listing.category.slug}`}>{listing.category.name}</a>
          </li>
        </ol>
      </nav>
      {isOwner ? (
        <p class="owner-bar">
          <ListingStatus status={listing.status} />{' '}
          {listing.status === 'published' ? 'Buyers see this page.' : 'Only you can see this page.'}{' '}
          <a href={`/listings/${listing.id}/edit`}>Edit</a>
        </p>
      ) : null}
      <div class="listing-head">
        <h1>{listing.title}</h1>
        {isOwner ? null : (
          <FavouriteButton listing={listing} saved={props.saved} returnTo={shell.returnTo} />
        )}
      </div>
      {photos.length > 0 ? (
        <ul class="gallery" aria-label="Photos">
          {photos.map((photo, index) => (
            <li>
              <Picture
                image={photo.image}
                alt={photo.alt}
                sizes="(min-width: 60rem) 40rem, 90vw"
                eager={index === 0}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {listing.kind === 'service' ? (
        <section aria-labelledby="packages-heading">
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
                {buying ? <PackageAddForm {...common} unit={item} /> : null}
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
      ) : (
        <section aria-labelledby="price-heading">
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
            <p class="price">
              {money(listing.defaultUnit?.price ?? listing.fromPrice)}{' '}
              <span class="muted">
                {(listing.defaultUnit?.stock ?? 0) > 0
                  ? `${listing.defaultUnit!.stock} in stock`
                  : 'Sold out'}
              </span>
            </p>
          )}
          {buying && listing.variants.length === 0 && simpleUnit && (simpleUnit.stock ?? 0) > 0 ? (
            <QuantityAddForm {...common} unit={simpleUnit} />
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
      )}
      {listing.description ? <Paragraphs text={listing.description} /> : null}
      {listingTags(listing).length > 0 ? (
        <ul class="tags" aria-label="Tags">
          {listingTags(listing).map((tag) => (
            <li>{tag}</li>
          ))}
        </ul>
      ) : null}
      <aside class="card store-card" aria-label="Sold by">
        <p>
          Sold by <a href={`/stores/${store.slug}`}>{store.name}</a>
          {store.area ? <span class="muted"> · {store.area}</span> : null}
        </p>
        {(store.showPhone && store.phone) || (store.showWhatsapp && store.whatsapp) ? (
          <p class="store__contact">
            {store.showPhone && store.phone ? (
              <a class="button button--secondary" href={telHref(store.phone)}>
                Call
              </a>
            ) : null}
            {store.showWhatsapp && store.whatsapp ? (
              <a class="button button--primary" href={whatsappHref(store.whatsapp)} rel="noopener">
                WhatsApp
              </a>
            ) : null}
          </p>
        ) : null}
      </aside>
      {/* "People who ordered this also ordered" goes here, above similar, once orders exist
          (issue 8; see src/models/listing/similar.ts). */}
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
