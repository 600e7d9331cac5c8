import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { categories, listingPackages, listings, listingVariants, stores } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { slugify } from '../lib/slug'
import { prepared } from './prepared'
import type { SessionMember } from './session'

export type Listing = typeof listings.$inferSelect
export type ListingPackage = typeof listingPackages.$inferSelect
export type ListingVariant = typeof listingVariants.$inferSelect
export const SERVICE_LOCATION_VALUES = ['customer', 'provider', 'online'] as const
export type ServiceLocation = (typeof SERVICE_LOCATION_VALUES)[number]

export type PackageInput = {
  name: string
  included: string
  price: number
  turnaroundDays: number | null
}
export type VariantInput = { name: string; price: number; stock: number }

type CommonInput = { title: string; description: string; categoryId: number; tags: string[] }
export type ServiceInput = CommonInput & {
  kind: 'service'
  packages: PackageInput[]
  serviceLocations: ServiceLocation[]
  durationMinutes: number | null
  /** Kept for the booking calendar to come; the form does not ask yet, so an edit leaves it. */
  bookable?: boolean
}
export type ProductInput = CommonInput & {
  kind: 'product'
  price: number | null
  stock: number | null
  variants: VariantInput[]
  pickup: boolean
  delivery: boolean
  deliveryFee: number | null
}
export type ListingInput = ServiceInput | ProductInput

/** A listing with everything its page and forms show. */
export type ListingDetails = Listing & {
  packages: ListingPackage[]
  variants: ListingVariant[]
  store: typeof stores.$inferSelect
  category: typeof categories.$inferSelect
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
    insertOptions(tx, listing.id, input)
    return { ok: true, listing }
  })
}

/** Replaces the owner's listing's fields, packages and variants in one step. */
export function updateListing(
  db: Db,
  clock: Clock,
  owner: SessionMember,
  listingId: number,
  input: ListingInput,
): SaveListingResult {
  return db.transaction((tx): SaveListingResult => {
    const existing = ownedListing(tx, owner, listingId)
    if (!existing || existing.kind !== input.kind) return { ok: false, reason: 'not_found' }
    if (!categoryExists(tx, input.categoryId)) return { ok: false, reason: 'unknown_category' }
    const listing = tx
      .update(listings)
      .set({ ...listingColumns(input), updatedAt: clock.now() })
      .where(eq(listings.id, listingId))
      .returning()
      .get()!
    tx.delete(listingPackages).where(eq(listingPackages.listingId, listingId)).run()
    tx.delete(listingVariants).where(eq(listingVariants.listingId, listingId)).run()
    insertOptions(tx, listingId, input)
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
    packages: prepared(db, packagesOfListing).all({ listingId }),
    variants: prepared(db, variantsOfListing).all({ listingId }),
    store: prepared(db, storeById).get({ id: listing.storeId })!,
    category: prepared(db, categoryById).get({ id: listing.categoryId })!,
  }
  const isOwner = viewer !== null && details.store.memberId === viewer.id
  return listing.status === 'published' || (isOwner && listing.status !== 'archived')
    ? details
    : undefined
}

/** The provider's own listings, newest first, archived ones last. */
export function listOwnListings(
  db: Db,
  owner: SessionMember,
): (Listing & { variantStock: number | null })[] {
  const rows = db
    .select({ listing: listings })
    .from(listings)
    .innerJoin(stores, eq(stores.id, listings.storeId))
    .where(eq(stores.memberId, owner.id))
    .orderBy(desc(listings.updatedAt))
    .all()
    .map((row) => row.listing)
  const variants = variantsOf(
    db,
    rows.map((listing) => listing.id),
  )
  return [
    ...rows.filter((l) => l.status !== 'archived'),
    ...rows.filter((l) => l.status === 'archived'),
  ].map((listing) => {
    const own = variants.filter((variant) => variant.listingId === listing.id)
    return {
      ...listing,
      variantStock: own.length > 0 ? own.reduce((sum, v) => sum + v.stock, 0) : null,
    }
  })
}

/** What a storefront shows: its listings on sale. */
export function listStoreListings(db: Db, storeId: number): Listing[] {
  return prepared(db, listingsOfStore).all({ storeId })
}

/** What a card in a grid shows: not the description, which is most of a listing's bytes. */
export type ListingCard = Pick<
  Listing,
  'id' | 'slug' | 'title' | 'kind' | 'price' | 'fromPrice'
> & {
  storeName: string
  storeSlug: string
}

/** The newest listings on sale across the market, for the home page. */
export function listNewestListings(db: Db, limit: number): ListingCard[] {
  return prepared(db, newestListings)
    .all({ limit })
    .map((row) => ({ ...row.listing, storeName: row.storeName, storeSlug: row.storeSlug }))
}

export type QuickEdit = { price?: number; stock?: number }

/**
 * The inline edit on "my listings": price and stock of a product without variants. Guarded so
 * it never touches another member's listing or one with variants.
 */
export function quickEditListing(
  db: Db,
  clock: Clock,
  owner: SessionMember,
  listingId: number,
  edit: QuickEdit,
): Listing | undefined {
  return db.transaction((tx) => {
    const listing = ownedListing(tx, owner, listingId)
    if (!listing || listing.kind !== 'product' || listing.status === 'archived') return undefined
    if (variantsOf(tx, [listingId]).length > 0) return undefined
    const price = edit.price ?? listing.price
    return tx
      .update(listings)
      .set({
        price,
        fromPrice: price ?? listing.fromPrice,
        stock: edit.stock ?? listing.stock,
        updatedAt: clock.now(),
      })
      .where(eq(listings.id, listingId))
      .returning()
      .get()
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
export const card = {
  listing: {
    id: listings.id,
    slug: listings.slug,
    title: listings.title,
    kind: listings.kind,
    price: listings.price,
    fromPrice: listings.fromPrice,
  },
  storeName: stores.name,
  storeSlug: stores.slug,
}
const newestFirst = [desc(listings.publishedAt), desc(listings.id)] as const

const listingById = (db: Db) =>
  db
    .select()
    .from(listings)
    .where(eq(listings.id, sql.placeholder('id')))
    .prepare()

const packagesOfListing = (db: Db) =>
  db
    .select()
    .from(listingPackages)
    .where(eq(listingPackages.listingId, sql.placeholder('listingId')))
    .orderBy(asc(listingPackages.position))
    .prepare()

const variantsOfListing = (db: Db) =>
  db
    .select()
    .from(listingVariants)
    .where(eq(listingVariants.listingId, sql.placeholder('listingId')))
    .orderBy(asc(listingVariants.position))
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
    .select()
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
    packages: db
      .select()
      .from(listingPackages)
      .where(eq(listingPackages.listingId, listing.id))
      .orderBy(asc(listingPackages.position))
      .all(),
    variants: variantsOf(db, [listing.id]),
    store: db.select().from(stores).where(eq(stores.id, listing.storeId)).get()!,
    category: db.select().from(categories).where(eq(categories.id, listing.categoryId)).get()!,
  }
}

function variantsOf(db: Reader, listingIds: number[]): ListingVariant[] {
  if (listingIds.length === 0) return []
  return db
    .select()
    .from(listingVariants)
    .where(inArray(listingVariants.listingId, listingIds))
    .orderBy(asc(listingVariants.position))
    .all()
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
      bookable: input.bookable,
      price: null,
      stock: null,
      pickup: false,
      delivery: false,
      deliveryFee: null,
    }
  const hasVariants = input.variants.length > 0
  return {
    ...common,
    serviceLocations: '',
    durationMinutes: null,
    bookable: false,
    price: hasVariants ? null : input.price,
    stock: hasVariants ? null : input.stock,
    pickup: input.pickup,
    delivery: input.delivery,
    deliveryFee: input.delivery ? input.deliveryFee : null,
  }
}

function insertOptions(db: Pick<Db, 'insert'>, listingId: number, input: ListingInput) {
  if (input.kind === 'service' && input.packages.length > 0)
    db.insert(listingPackages)
      .values(input.packages.map((item, position) => ({ ...item, listingId, position })))
      .run()
  if (input.kind === 'product' && input.variants.length > 0)
    db.insert(listingVariants)
      .values(input.variants.map((variant, position) => ({ ...variant, listingId, position })))
      .run()
}
