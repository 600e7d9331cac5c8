import {
  bookingRulesOf,
  saveBookingRules,
  type BookingRules,
  type BookingRulesInput,
} from './booking/rules'
import { and, asc, desc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm'
import { categories, listings, listingUnits, stores } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { slugify } from '../lib/slug'
import {
  changeStock,
  hasOptionsSql,
  inStockSql,
  insertUnits,
  lowestPriceSql,
  saveUnits,
  sortUnits,
  unitsOnSale,
  type ListingUnit,
  type UnitsOnSale,
} from './listing/units'
import { listCategoryTree, type Category } from './category'
import { coverPhotos, type ListingPhoto } from './listing-photos'
import { prepared } from './prepared'
import type { SessionMember } from './session'
import { readStoreAvatar, storeAvatarSql, type StoreAvatar } from './store'
import { transactionUnlessRefused, type Tx } from './transaction'

export type Listing = typeof listings.$inferSelect
export const SERVICE_LOCATION_VALUES = ['customer', 'provider', 'online'] as const
export type ServiceLocation = (typeof SERVICE_LOCATION_VALUES)[number]

// A row that names a unit (`unitId`, a hidden field of the edit form) updates that unit in place;
// `stockWas` is the stock the form showed, so a save applies the difference (listing/units.ts).
export type PackageInput = {
  unitId?: number | null
  name: string
  included: string
  price: number
  turnaroundDays: number | null
}
export type VariantInput = {
  unitId?: number | null
  name: string
  price: number
  stock: number
  stockWas?: number | null
}

type CommonInput = { title: string; description: string; categoryId: number; tags: string[] }
export type ServiceInput = CommonInput & {
  kind: 'service'
  packages: PackageInput[]
  serviceLocations: ServiceLocation[]
  durationMinutes: number | null
  /** How buyers book a time (the duration is the slot); null: not bookable; absent: unchanged. */
  booking?: BookingRulesInput | null
}
export type ProductInput = CommonInput & {
  kind: 'product'
  /** Without variants: the default unit's price and stock (and the stock the form showed). */
  price: number | null
  stock: number | null
  stockWas?: number | null
  variants: VariantInput[]
  pickup: boolean
  delivery: boolean
  deliveryFee: number | null
}
export type ListingInput = ServiceInput | ProductInput

/** A listing with everything its page and forms show: its units on sale, store and category. */
export type ListingDetails = Listing &
  UnitsOnSale & {
    store: typeof stores.$inferSelect
    category: typeof categories.$inferSelect
    /** How it is booked, when it is a bookable service. */
    booking: BookingRules | undefined
  }

export const MAX_PACKAGES = 3

/** Where a service can happen, with the words for each. */
export const SERVICE_LOCATIONS: { value: ServiceLocation; label: string }[] = [
  { value: 'customer', label: "At the customer's place" },
  { value: 'provider', label: 'At my place' },
  { value: 'online', label: 'Online' },
]
export const MAX_VARIANTS = 6

/** The price a card shows as "from": the cheapest package, variant or the product's price. */
export function fromPrice(input: ListingInput): number {
  const prices =
    input.kind === 'service'
      ? input.packages.map((item) => item.price)
      : input.variants.length > 0
        ? input.variants.map((variant) => variant.price)
        : [input.price ?? 0]
  return Math.min(...prices)
}

export type SaveListingResult =
  | { ok: true; listing: Listing }
  | { ok: false; reason: 'no_store' | 'unknown_category' | 'not_found' }
  | { ok: false; reason: 'stale_form' }
  | { ok: false; reason: 'not_enough_stock'; unitId: number; stock: number }

/** Saves a new listing as a draft in the member's storefront. */
export function createListing(
  db: Db,
  clock: Clock,
  owner: SessionMember,
  input: ListingInput,
): SaveListingResult {
  return db.transaction((tx): SaveListingResult => {
    const store = tx.select().from(stores).where(eq(stores.memberId, owner.id)).get()
    if (!store) return { ok: false, reason: 'no_store' }
    if (!categoryExists(tx, input.categoryId)) return { ok: false, reason: 'unknown_category' }
    const now = clock.now()
    const listing = tx
      .insert(listings)
      .values({
        ...listingColumns(input),
        storeId: store.id,
        kind: input.kind,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get()
    insertUnits(tx, listing.id, input)
    keepBookingRules(tx, listing.id, input)
    return { ok: true, listing }
  })
}

/**
 * Changes the owner's listing and its units in one step: units updated in place, retired or
 * added (listing/units.ts). Nothing is saved when a unit the form names is not this listing's,
 * or a stock change would go below zero.
 */
export function updateListing(
  db: Db,
  clock: Clock,
  owner: SessionMember,
  listingId: number,
  input: ListingInput,
): SaveListingResult {
  return transactionUnlessRefused(db, (tx): SaveListingResult => {
    const existing = ownedListing(tx, owner, listingId)
    if (!existing || existing.kind !== input.kind) return { ok: false, reason: 'not_found' }
    if (!categoryExists(tx, input.categoryId)) return { ok: false, reason: 'unknown_category' }
    const now = clock.now()
    const saved = saveUnits(tx, now, listingId, input)
    if (!saved.ok) return saved
    const listing = tx
      .update(listings)
      .set({ ...listingColumns(input), updatedAt: now })
      .where(eq(listings.id, listingId))
      .returning()
      .get()!
    keepBookingRules(tx, listingId, input)
    return { ok: true, listing }
  })
}

/** The listing only if `owner`'s storefront holds it; anyone else gets undefined (and a 404). */
export function findListingForOwner(
  db: Reader,
  owner: SessionMember,
  listingId: number,
): ListingDetails | undefined {
  const listing = ownedListing(db, owner, listingId)
  return listing && withDetails(db, listing)
}

/** A listing as a visitor may see it: on sale, or any status for its own provider. */
export function findVisibleListing(
  db: Db,
  viewer: SessionMember | null,
  listingId: number,
): ListingDetails | undefined {
  const listing = prepared(db, listingById).get({ id: listingId })
  if (!listing) return undefined
  const details: ListingDetails = {
    ...listing,
    ...sortUnits(prepared(db, unitsOfListing).all({ listingId })),
    store: prepared(db, storeById).get({ id: listing.storeId })!,
    category: prepared(db, categoryById).get({ id: listing.categoryId })!,
    booking: listing.bookable ? bookingRulesOf(db, listingId) : undefined,
  }
  const isOwner = viewer !== null && details.store.memberId === viewer.id
  return listing.status === 'published' || (isOwner && listing.status !== 'archived')
    ? details
    : undefined
}

/**
 * A listing on My listings: its stock in all (null for services) and, for goods without
 * variants, the default unit that the quick edit changes.
 */
export type OwnListing = Listing & {
  stock: number | null
  defaultUnit: ListingUnit | undefined
  /** Its first photo, for the row's thumbnail. */
  cover: ListingPhoto | undefined
}

/** The provider's own listings, newest first, archived ones last. */
export function listOwnListings(db: Db, owner: SessionMember): OwnListing[] {
  return ownListings(db, eq(stores.memberId, owner.id))
}

/** One of the provider's own listings as its row shows it; anyone else's is undefined. */
export function findOwnListing(
  db: Db,
  owner: SessionMember,
  listingId: number,
): OwnListing | undefined {
  return ownListings(db, and(eq(stores.memberId, owner.id), eq(listings.id, listingId)))[0]
}

function ownListings(db: Db, where: SQL | undefined): OwnListing[] {
  const rows = db
    .select({ listing: listings })
    .from(listings)
    .innerJoin(stores, eq(stores.id, listings.storeId))
    .where(where)
    .orderBy(desc(listings.updatedAt))
    .all()
    .map((row) => row.listing)
  const ids = rows.map((listing) => listing.id)
  const units = unitsOnSale(db, ids)
  const covers = coverPhotos(db, ids)
  return [
    ...rows.filter((l) => l.status !== 'archived'),
    ...rows.filter((l) => l.status === 'archived'),
  ].map((listing) => {
    const own = units.filter((unit) => unit.listingId === listing.id && unit.stock !== null)
    return {
      ...listing,
      stock: own.length > 0 ? own.reduce((sum, unit) => sum + unit.stock!, 0) : null,
      defaultUnit: own.find((unit) => unit.kind === 'default'),
      cover: covers.get(listing.id),
    }
  })
}

/** What a card in a grid shows: not the description, which is most of a listing's bytes. */
export type ListingCard = Pick<
  Listing,
  'id' | 'slug' | 'title' | 'kind' | 'fromPrice' | 'ratingCount' | 'ratingSum'
> & {
  /** Buyers choose among packages or variants: the card says "from". */
  hasOptions: boolean
  /** Goods with no stock left in any of their units (a service is never sold out). */
  soldOut: boolean
  storeName: string
  storeSlug: string
  /** Where in town the store is ("Madiyana"); "" when it did not say. */
  storeArea: string
  storeAvatar: StoreAvatar | null
}

/** A card on its own storefront, which needs no store; its category is for the store's filter. */
export type StoreListing = CardListing & { categoryId: number }

/** A card without its store. */
type CardListing = Omit<ListingCard, 'storeName' | 'storeSlug' | 'storeArea' | 'storeAvatar'>

/** One of the categories a storefront sells in: a chip of its filter. */
export type StoreCategory = Pick<Category, 'id' | 'slug' | 'name'>

/** What a storefront shows: its listings on sale, the categories they are in, and one chosen. */
export type StoreShelf = {
  /** The listings on sale, only the chosen category's when one is chosen. */
  listings: StoreListing[]
  /** How many it has on sale in all. */
  onSale: number
  /** The categories of its listings, in the market's order. */
  categories: StoreCategory[]
  chosen: StoreCategory | undefined
}

/**
 * A storefront's listings on sale as cards, narrowed to one of its categories by slug
 * (?category=plumbing). A slug it sells nothing in chooses nothing: all its listings show.
 */
export function listStoreListings(db: Db, storeId: number, categorySlug?: string): StoreShelf {
  const all = prepared(db, listingsOfStore).all({ storeId })
  const used = new Set(all.map((listing) => listing.categoryId))
  const sold = listCategoryTree(db)
    .flatMap((top) => [top, ...top.children])
    .filter((category) => used.has(category.id))
    .map(({ id, slug, name }) => ({ id, slug, name }))
  const chosen = sold.find((category) => category.slug === categorySlug)
  return {
    listings: chosen ? all.filter((listing) => listing.categoryId === chosen.id) : all,
    onSale: all.length,
    categories: sold,
    chosen,
  }
}

/** The newest listings on sale across the market, for the home page. */
export function listNewestListings(db: Db, limit: number): ListingCard[] {
  return prepared(db, newestListings).all({ limit }).map(cardFromRow)
}

/** The quick edit's fields: a new price and stock, and the stock the row showed. */
export type QuickEdit = { price: number; stock: number; stockWas: number | null }

export type QuickEditResult =
  | { ok: true; listing: Listing }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'stale_form' }
  | { ok: false; reason: 'not_enough_stock'; stock: number }

/**
 * The inline edit on "my listings": price and stock of a product without variants (its default
 * unit). The stock changes by the difference from what the row showed, so sales made since the
 * page was opened stand; it is refused if that would go below zero. Never touches another
 * member's listing, an archived one or one with variants (not_found).
 */
export function quickEditListing(
  db: Db,
  clock: Clock,
  owner: SessionMember,
  listingId: number,
  edit: QuickEdit,
): QuickEditResult {
  return transactionUnlessRefused(db, (tx): QuickEditResult => {
    const listing = ownedListing(tx, owner, listingId)
    const unit =
      listing?.kind === 'product'
        ? tx
            .select()
            .from(listingUnits)
            .where(
              and(
                eq(listingUnits.listingId, listingId),
                eq(listingUnits.kind, 'default'),
                isNull(listingUnits.retiredAt),
              ),
            )
            .get()
        : undefined
    if (!unit) return { ok: false, reason: 'not_found' }
    if (edit.stockWas === null) return { ok: false, reason: 'stale_form' }
    const changed = changeStock(tx, unit.id, edit.stockWas, edit.stock)
    if (!changed.ok) return { ok: false, reason: 'not_enough_stock', stock: changed.stock }
    tx.update(listingUnits).set({ price: edit.price }).where(eq(listingUnits.id, unit.id)).run()
    const updated = tx
      .update(listings)
      .set({ fromPrice: lowestPriceSql(listingId), updatedAt: clock.now() })
      .where(eq(listings.id, listingId))
      .returning()
      .get()!
    return { ok: true, listing: updated }
  })
}

/** "/listings/12-bike-repair": the id finds it, the slug is for people and search engines. */
export function listingPath(listing: Pick<Listing, 'id' | 'slug'>): string {
  return `/listings/${listing.id}-${listing.slug}`
}

export function listingTags(listing: Pick<Listing, 'tags'>): string[] {
  return listing.tags ? listing.tags.split(',') : []
}

export function listingLocations(listing: Pick<Listing, 'serviceLocations'>): ServiceLocation[] {
  return listing.serviceLocations ? (listing.serviceLocations.split(',') as ServiceLocation[]) : []
}

type Reader = Pick<Db, 'select'>

// The hot reads behind the home, listing, storefront and category pages (see prepared.ts).
const onSale = eq(listings.status, 'published')
/** The columns a ListingCard is read from, for other models' card queries. */
const cardListing = {
  id: listings.id,
  slug: listings.slug,
  title: listings.title,
  kind: listings.kind,
  fromPrice: listings.fromPrice,
  // Its reviews' stored count and stars (src/models/review.ts): the card's rating, read as is.
  ratingCount: listings.ratingCount,
  ratingSum: listings.ratingSum,
  hasOptions: sql.raw(hasOptionsSql('"listings"')).mapWith(Boolean),
  soldOut: sql.raw(`NOT ${inStockSql('"listings"')}`).mapWith(Boolean),
}
/** The columns a ListingCard is read from, with its store joined; cardFromRow makes the card. */
export const card = {
  listing: cardListing,
  storeName: stores.name,
  storeSlug: stores.slug,
  storeArea: stores.area,
  storeAvatar: sql.raw(storeAvatarSql('"stores"')).mapWith(readStoreAvatar),
}

type CardRow = {
  listing: CardListing
  storeName: string
  storeSlug: string
  storeArea: string
  storeAvatar: StoreAvatar | null
}

export function cardFromRow({ listing, ...store }: CardRow): ListingCard {
  return { ...listing, ...store }
}
const newestFirst = [desc(listings.publishedAt), desc(listings.id)] as const

const listingById = (db: Db) =>
  db
    .select()
    .from(listings)
    .where(eq(listings.id, sql.placeholder('id')))
    .prepare()

const unitsOfListing = (db: Db) =>
  db
    .select()
    .from(listingUnits)
    .where(
      and(eq(listingUnits.listingId, sql.placeholder('listingId')), isNull(listingUnits.retiredAt)),
    )
    .orderBy(asc(listingUnits.position))
    .prepare()

const storeById = (db: Db) =>
  db
    .select()
    .from(stores)
    .where(eq(stores.id, sql.placeholder('id')))
    .prepare()

const categoryById = (db: Db) =>
  db
    .select()
    .from(categories)
    .where(eq(categories.id, sql.placeholder('id')))
    .prepare()

const listingsOfStore = (db: Db) =>
  db
    .select({ ...cardListing, categoryId: listings.categoryId })
    .from(listings)
    .where(and(eq(listings.storeId, sql.placeholder('storeId')), onSale))
    .orderBy(desc(listings.publishedAt))
    .prepare()

const newestListings = (db: Db) =>
  db
    .select(card)
    .from(listings)
    .innerJoin(stores, eq(stores.id, listings.storeId))
    .where(onSale)
    .orderBy(...newestFirst)
    .limit(sql.placeholder('limit'))
    .prepare()

/** The owner's listing row alone (not archived), for changes that need no packages or photos. */
export function ownedListing(
  db: Reader,
  owner: SessionMember,
  listingId: number,
): Listing | undefined {
  return db
    .select({ listing: listings })
    .from(listings)
    .innerJoin(stores, eq(stores.id, listings.storeId))
    .where(
      and(
        eq(listings.id, listingId),
        eq(stores.memberId, owner.id),
        ne(listings.status, 'archived'),
      ),
    )
    .get()?.listing
}

function withDetails(db: Reader, listing: Listing): ListingDetails {
  return {
    ...listing,
    ...sortUnits(unitsOnSale(db, [listing.id])),
    store: db.select().from(stores).where(eq(stores.id, listing.storeId)).get()!,
    category: db.select().from(categories).where(eq(categories.id, listing.categoryId)).get()!,
    booking: listing.bookable ? bookingRulesOf(db as Db, listing.id) : undefined,
  }
}

function keepBookingRules(tx: Tx, listingId: number, input: ListingInput) {
  if (input.kind === 'service' && input.booking !== undefined)
    saveBookingRules(tx, listingId, input.booking, input.durationMinutes)
}

function categoryExists(db: Reader, categoryId: number): boolean {
  return (
    db.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)).get() !==
    undefined
  )
}

/** A listing row's own columns: what a service or a product keeps, and its from price. */
export function listingColumns(input: ListingInput) {
  const common = {
    title: input.title,
    slug: slugify(input.title) || 'listing',
    description: input.description,
    categoryId: input.categoryId,
    tags: input.tags.join(','),
    fromPrice: fromPrice(input),
  }
  if (input.kind === 'service')
    return {
      ...common,
      serviceLocations: input.serviceLocations.join(','),
      durationMinutes: input.durationMinutes,
      // Absent, the column is left as it is (drizzle skips undefined).
      bookable:
        input.booking === undefined
          ? undefined
          : input.booking !== null && input.durationMinutes !== null,
      pickup: false,
      delivery: false,
      deliveryFee: null,
    }
  return {
    ...common,
    serviceLocations: '',
    durationMinutes: null,
    bookable: false,
    pickup: input.pickup,
    delivery: input.delivery,
    deliveryFee: input.delivery ? input.deliveryFee : null,
  }
}
