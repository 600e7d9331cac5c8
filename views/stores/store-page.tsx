import type { PublicStore } from '../../src/models/store'
import { storeSkills } from '../../src/models/store'
import { telHref, whatsappHref } from '../../src/lib/phone'
import type { StoreShelf } from '../../src/models/listing'
import type { Image } from '../../src/models/image'
import type { ListingPhoto } from '../../src/models/listing-photos'
import type { PortfolioItem } from '../../src/models/store-photos'
import { EmptyState } from '../components/empty-state'
import { initial } from '../components/initial'
import { Paragraphs } from '../components/paragraphs'
import { dateTimeFormat } from '../../src/lib/intl'
import { Picture } from '../components/picture'
import { ListingCard } from '../listings/listing-card'
import { MessageButton } from '../conversations/message-button'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import type { ReviewsPage } from '../../src/models/review/reading'
import { ratingOf } from '../../src/models/rating'
import { Rating } from '../components/rating'
import { REVIEWS_ID, ReviewsSection, type ReviewsContext } from '../reviews/reviews-section'

type StorePageProps = {
  shell: Shell
  store: PublicStore
  /** Its listings on sale (one category's, when chosen) and the categories to filter them by. */
  shelf: StoreShelf
  /** Orders of this store that completed: a count buyers weigh. */
  completedOrders: number
  covers: Map<number, ListingPhoto>
  /** Which listings the member has saved (none for visitors): their hearts are filled. */
  saved: ReadonlySet<number>
  avatar: Image | undefined
  cover: Image | undefined
  portfolio: PortfolioItem[]
  isOwner: boolean
  /** Operators keep every store's books: they get the balance link too. */
  isOperator?: boolean
  timeZone: string
  currency: string
  /** Every published review of the store, sorted and paged as asked. */
  reviews: ReviewsPage
  reviewsContext: ReviewsContext
}

/** The listings section's id: the category chips lead back to it. */
const LISTINGS_ID = 'listings'

/**
 * A provider's public page, made to sell: the cover and their face, who they are and what they
 * have done here, how to reach them; then what they offer, filtered by category, and past work.
 * On a wide screen what they write about themselves stands in a column beside the listings.
 */
export function StorePage(props: StorePageProps) {
  const { shell, store } = props
  const skills = storeSkills(store)
  const map = store.latitude !== null && store.longitude !== null
  const about = store.bio || skills.length > 0 || map
  return (
    <SiteLayout shell={shell} title={store.name} wide>
      <article class="store">
        {props.cover ? (
          <Picture
            image={props.cover}
            alt=""
            sizes={`(min-width: ${PAGE_REM}rem) ${PAGE_REM - 2}rem, 100vw`}
            class="store__cover"
            eager
          />
        ) : (
          <div class="store__cover store__cover--none" />
        )}
        <StoreHeader {...props} />
        <div class={about ? 'store__body store__body--about' : 'store__body'}>
          <div>
            <Listings {...props} />
            <PastWork store={store} portfolio={props.portfolio} />
            <ReviewsSection
              reviews={props.reviews}
              context={props.reviewsContext}
              subject={store.name}
            />
          </div>
          {about ? (
            <aside class="panel store__about" aria-labelledby="store-about-heading">
              <h2 id="store-about-heading">About</h2>
              {store.bio ? <Paragraphs text={store.bio} /> : null}
              {skills.length > 0 ? (
                <ul class="chips" aria-label="Skills">
                  {skills.map((skill) => (
                    <li class="badge">{skill}</li>
                  ))}
                </ul>
              ) : null}
              {map ? (
                <p>
                  <a
                    href={`https://www.openstreetmap.org/?mlat=${store.latitude}&mlon=${store.longitude}#map=16/${store.latitude}/${store.longitude}`}
                    rel="noopener"
                  >
                    See on the map
                  </a>
                </p>
              ) : null}
            </aside>
          ) : null}
        </div>
      </article>
    </SiteLayout>
  )
}

/** The widest the page gets (--page, 72rem): the cover is never fetched wider. */
const PAGE_REM = 72

function StoreHeader(props: StorePageProps) {
  const { shell, store, shelf, completedOrders, isOwner, timeZone } = props
  const since = dateTimeFormat(shell.locale, { month: 'long', year: 'numeric', timeZone })
  return (
    <header class="store__header">
      {props.avatar ? (
        <Picture
          image={props.avatar}
          alt={`${store.ownerName}, ${store.name}`}
          sizes="6rem"
          class="store__avatar"
          square
        />
      ) : (
        <span class="store__avatar store__avatar--none" aria-hidden="true">
          {initial(store.name)}
        </span>
      )}
      <div class="store__who">
        <h1>{store.name}</h1>
        <p class="muted">
          {[store.area, `Member since ${since.format(store.memberSince)}`]
            .filter(Boolean)
            .join(' · ')}
        </p>
        <ul class="seller__facts" aria-label="In this market">
          {ratingOf(store) ? (
            <li>
              <a href={`#${REVIEWS_ID}`}>
                <Rating {...ratingOf(store)!} locale={shell.locale} />
              </a>
            </li>
          ) : null}
          <li>
            {shelf.onSale === 0
              ? 'Nothing on sale yet'
              : `${shelf.onSale} ${shelf.onSale === 1 ? 'listing' : 'listings'} on sale`}
          </li>
          <li>
            {completedOrders === 0
              ? 'No completed orders yet'
              : `${completedOrders} ${completedOrders === 1 ? 'order' : 'orders'} completed`}
          </li>
        </ul>
      </div>
      <ContactLinks store={store} shell={shell} />
      {isOwner ? (
        <nav class="store__contact store__owner" aria-label="Manage your store">
          <a class="button button--secondary button--small" href={`/stores/${store.slug}/edit`}>
            Edit storefront
          </a>
          <a class="button button--secondary button--small" href="/listings/mine">
            My listings
          </a>
          <a class="button button--secondary button--small" href="/listings/new">
            New listing
          </a>
          <a class="button button--secondary button--small" href="/coupons">
            Coupons
          </a>
          <a class="button button--secondary button--small" href={`/stores/${store.slug}/balance`}>
            Balance
          </a>
        </nav>
      ) : props.isOperator ? (
        <nav class="store__contact store__owner" aria-label="Keep the store's books">
          <a class="button button--secondary button--small" href={`/stores/${store.slug}/balance`}>
            Balance and payouts
          </a>
        </nav>
      ) : null}
    </header>
  )
}

/** The ways to reach the provider, as buttons: a message first, then their phone if shown. */
function ContactLinks({ store, shell }: { store: PublicStore; shell: Shell }) {
  const phone = store.showPhone && store.phone
  const whatsapp = store.showWhatsapp && store.whatsapp
  const own = shell.member?.id === store.memberId
  if (own && !phone && !whatsapp) return null
  return (
    <p class="store__contact">
      <MessageButton shell={shell} to={store.memberId} label={`Message ${store.name}`} />
      {whatsapp ? (
        <a class="button button--primary" href={whatsappHref(store.whatsapp)} rel="noopener">
          WhatsApp {store.ownerName}
        </a>
      ) : null}
      {phone ? (
        <a class="button button--secondary" href={telHref(store.phone)}>
          Call {store.phone}
        </a>
      ) : null}
    </p>
  )
}

/** The store's listings as cards, with a chip per category once it sells in two or more. */
function Listings(props: StorePageProps) {
  const { shell, store, shelf, isOwner } = props
  const here = `/stores/${store.slug}`
  return (
    <section id={LISTINGS_ID} aria-labelledby="store-listings-heading">
      <h2 id="store-listings-heading">Listings</h2>
      {shelf.categories.length > 1 ? (
        <nav aria-label="Categories in this store">
          <ul class="chips chips--scroll">
            <li>
              <a
                class="chip"
                href={`${here}#${LISTINGS_ID}`}
                aria-current={shelf.chosen ? undefined : 'page'}
              >
                All
              </a>
            </li>
            {shelf.categories.map((category) => (
              <li>
                <a
                  class="chip"
                  href={`${here}?category=${category.slug}#${LISTINGS_ID}`}
                  aria-current={shelf.chosen?.id === category.id ? 'page' : undefined}
                >
                  {category.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {shelf.listings.length > 0 ? (
        <ul class="listing-grid">
          {shelf.listings.map((listing) => (
            <ListingCard
              listing={listing}
              photo={props.covers.get(listing.id)}
              currency={props.currency}
              locale={shell.locale}
              // No hearts for the owner: saving one's own listings is not what they are for.
              favourite={
                isOwner
                  ? undefined
                  : { saved: props.saved.has(listing.id), returnTo: shell.returnTo }
              }
            />
          ))}
        </ul>
      ) : isOwner ? (
        <EmptyState title="Nothing listed yet">
          <p>Buyers find you by what you list: say what it is, add a photo and a price.</p>
          <a class="button button--primary" href="/listings/new">
            List your first service or item
          </a>
        </EmptyState>
      ) : (
        <EmptyState title="Nothing on sale here yet">
          <p>{store.name} has not listed anything yet; other stores in the market have.</p>
          <a href="/">Browse the market</a>
        </EmptyState>
      )}
    </section>
  )
}

function PastWork({ store, portfolio }: { store: PublicStore; portfolio: PortfolioItem[] }) {
  if (portfolio.length === 0) return null
  return (
    <section aria-labelledby="portfolio-heading">
      <h2 id="portfolio-heading">Past work</h2>
      <ul class="photo-grid">
        {portfolio.map((item) => (
          <li>
            <Picture
              image={item.image}
              alt={item.caption || `Work by ${store.name}`}
              sizes="(min-width: 48rem) 12rem, 50vw"
              square
            />
            {item.caption ? <p>{item.caption}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
