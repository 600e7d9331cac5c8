import type { PublicStore } from '../../src/models/store'
import { storeSkills } from '../../src/models/store'
import { telHref, whatsappHref } from '../../src/lib/phone'
import type { StoreListing } from '../../src/models/listing'
import type { Image } from '../../src/models/image'
import type { ListingPhoto } from '../../src/models/listing-photos'
import type { PortfolioItem } from '../../src/models/store-photos'
import { Paragraphs } from '../components/paragraphs'
import { dateTimeFormat } from '../../src/lib/intl'
import { Picture } from '../components/picture'
import { ListingCard } from '../listings/listing-card'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type StorePageProps = {
  shell: Shell
  store: PublicStore
  listings: StoreListing[]
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
}

/** A provider's public page: who they are, what they do, how to reach them. */
export function StorePage(props: StorePageProps) {
  const { shell, store, listings, isOwner, timeZone, currency } = props
  const since = dateTimeFormat(shell.locale, { month: 'long', year: 'numeric', timeZone })
  const skills = storeSkills(store)
  return (
    <SiteLayout shell={shell} title={store.name} wide>
      <article class="store">
        {props.cover ? (
          <Picture
            image={props.cover}
            alt=""
            sizes="(min-width: 60rem) 58rem, 100vw"
            class="cover"
            eager
          />
        ) : null}
        <header class="store__header">
          {props.avatar ? (
            <Picture
              image={props.avatar}
              alt={`${store.ownerName}, ${store.name}`}
              sizes="6rem"
              class="avatar"
              square
            />
          ) : null}
          <h1>{store.name}</h1>
          <p class="muted">
            {[store.area, `Member since ${since.format(store.memberSince)}`]
              .filter(Boolean)
              .join(' · ')}
          </p>
          {isOwner ? (
            <p>
              <a class="button button--secondary" href={`/stores/${store.slug}/edit`}>
                Edit storefront
              </a>{' '}
              <a class="button button--secondary" href={`/stores/${store.slug}/balance`}>
                Balance
              </a>
            </p>
          ) : props.isOperator ? (
            <p>
              <a class="button button--secondary" href={`/stores/${store.slug}/balance`}>
                Balance and payouts
              </a>
            </p>
          ) : null}
        </header>
        <ContactLinks store={store} />
        {store.bio ? <Paragraphs text={store.bio} /> : null}
        {skills.length > 0 ? (
          <ul class="tags" aria-label="Skills">
            {skills.map((skill) => (
              <li>{skill}</li>
            ))}
          </ul>
        ) : null}
        {store.latitude !== null && store.longitude !== null ? (
          <p>
            <a
              href={`https://www.openstreetmap.org/?mlat=${store.latitude}&mlon=${store.longitude}#map=16/${store.latitude}/${store.longitude}`}
              rel="noopener"
            >
              See on the map
            </a>
          </p>
        ) : null}
        {props.portfolio.length > 0 ? (
          <section aria-labelledby="portfolio-heading">
            <h2 id="portfolio-heading">Past work</h2>
            <ul class="photo-grid">
              {props.portfolio.map((item) => (
                <li>
                  <Picture
                    image={item.image}
                    alt={item.caption || `Work by ${store.name}`}
                    sizes="(min-width: 40rem) 15rem, 50vw"
                  />
                  {item.caption ? <p>{item.caption}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="store-listings-heading">
          <h2 id="store-listings-heading">Listings</h2>
          {listings.length > 0 ? (
            <ul class="listing-grid">
              {listings.map((listing) => (
                <ListingCard
                  listing={listing}
                  photo={props.covers.get(listing.id)}
                  currency={currency}
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
          ) : (
            <p class="empty">{store.name} has nothing listed yet.</p>
          )}
          {isOwner ? (
            <p>
              <a href="/listings/mine">Manage my listings</a> ·{' '}
              <a href="/listings/new">New listing</a> · <a href="/coupons">Coupons</a>
            </p>
          ) : null}
        </section>
      </article>
    </SiteLayout>
  )
}

function ContactLinks({ store }: { store: PublicStore }) {
  const phone = store.showPhone && store.phone
  const whatsapp = store.showWhatsapp && store.whatsapp
  if (!phone && !whatsapp) return null
  return (
    <p class="store__contact">
      {phone ? (
        <a class="button button--secondary" href={telHref(store.phone)}>
          Call {store.phone}
        </a>
      ) : null}
      {whatsapp ? (
        <a class="button button--primary" href={whatsappHref(store.whatsapp)} rel="noopener">
          WhatsApp {store.ownerName}
        </a>
      ) : null}
    </p>
  )
}
