import { sql } from 'drizzle-orm'
import {
  blob,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core'

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`)

/** The marketplace itself: one row, written by first-run setup. */
export const site = sqliteTable('site', {
  id: integer('id').primaryKey(),
  marketName: text('market_name').notNull(),
  town: text('town').notNull(),
  currency: text('currency').notNull(),
  locale: text('locale').notNull(),
  timeZone: text('time_zone').notNull(),
  setupCompletedAt: integer('setup_completed_at', { mode: 'timestamp_ms' }).notNull(),
})

/** One-time tokens that unlock /setup on an empty marketplace; only their hash is kept. */
export const setupTokens = sqliteTable('setup_tokens', {
  tokenHash: blob('token_hash', { mode: 'buffer' }).primaryKey(),
  createdAt: createdAt(),
})

export const members = sqliteTable('members', {
  id: integer('id').primaryKey(),
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['member', 'operator'] })
    .notNull()
    .default('member'),
  createdAt: createdAt(),
})

/** Sessions after Lucia's design: the id is public, only a SHA-256 hash of the secret is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    userAgent: text('user_agent').notNull().default(''),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('sessions_member_id_idx').on(table.memberId)],
)

/** Failed sign-ins, kept briefly to throttle guessing per account and per address. */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: integer('id').primaryKey(),
    email: text('email').notNull(),
    address: text('address').notNull(),
    failedAt: integer('failed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    index('sign_in_failures_email_idx').on(table.email, table.failedAt),
    index('sign_in_failures_address_idx').on(table.address, table.failedAt),
  ],
)

/** A two-level tree: top categories (parentId null) and their subcategories. */
export const categories = sqliteTable(
  'categories',
  {
    id: integer('id').primaryKey(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => categories.id),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
  },
  (table) => [index('categories_parent_id_idx').on(table.parentId, table.position)],
)

/**
 * A processed photo. Its variants live in the uploads folder under its content hash
 * (`<hash>-<width>.<avif|webp|jpg>`), so identical uploads are stored once.
 */
export const images = sqliteTable('images', {
  id: integer('id').primaryKey(),
  hash: text('hash').notNull().unique(),
  /** Size after auto-rotation; variants never exceed it. */
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  /** Widths actually written (never upscaled), ascending, comma-separated: "160,320,640". */
  widths: text('widths').notNull(),
  /** A tiny blurred WebP as a data: URI, inlined while the real photo loads. */
  placeholder: text('placeholder').notNull(),
  uploadedBy: integer('uploaded_by').references(() => members.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
})

/** A member's shop front: one per member, public at /stores/:slug. */
export const stores = sqliteTable(
  'stores',
  {
    id: integer('id').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .unique()
      .references(() => members.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    bio: text('bio').notNull().default(''),
    area: text('area').notNull().default(''),
    latitude: real('latitude'),
    longitude: real('longitude'),
    phone: text('phone').notNull().default(''),
    showPhone: integer('show_phone', { mode: 'boolean' }).notNull().default(false),
    whatsapp: text('whatsapp').notNull().default(''),
    showWhatsapp: integer('show_whatsapp', { mode: 'boolean' }).notNull().default(false),
    /** Skills and tags, lower-case, comma-separated: "plumbing,boilers,emergency call-outs". */
    skills: text('skills').notNull().default(''),
    avatarImageId: integer('avatar_image_id').references(() => images.id, { onDelete: 'set null' }),
    coverImageId: integer('cover_image_id').references(() => images.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  // Search "near" a place narrows to a bounding box on this index before measuring distances.
  (table) => [index('stores_position_idx').on(table.latitude, table.longitude)],
)

/** Examples of a provider's past work, shown on their storefront. */
export const portfolioItems = sqliteTable(
  'portfolio_items',
  {
    id: integer('id').primaryKey(),
    storeId: integer('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    imageId: integer('image_id')
      .notNull()
      .references(() => images.id),
    caption: text('caption').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (table) => [index('portfolio_items_store_id_idx').on(table.storeId, table.position)],
)

/**
 * One model for both kinds of listing. What can be bought is in listing_units: a service's
 * packages; a product's variants or its one default unit. `fromPrice` is the lowest price of its
 * units on sale, kept here for sorting and cards.
 */
export const listings = sqliteTable(
  'listings',
  {
    id: integer('id').primaryKey(),
    storeId: integer('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['service', 'product'] }).notNull(),
    status: text('status', { enum: ['draft', 'published', 'paused', 'archived'] })
      .notNull()
      .default('draft'),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    description: text('description').notNull().default(''),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    /** Lower-case, comma-separated. */
    tags: text('tags').notNull().default(''),
    /** Minor units of the site's currency. */
    fromPrice: integer('from_price').notNull(),
    /** Services: where it happens, comma-separated from customer, provider, online. */
    serviceLocations: text('service_locations').notNull().default(''),
    durationMinutes: integer('duration_minutes'),
    bookable: integer('bookable', { mode: 'boolean' }).notNull().default(false),
    pickup: integer('pickup', { mode: 'boolean' }).notNull().default(false),
    delivery: integer('delivery', { mode: 'boolean' }).notNull().default(false),
    deliveryFee: integer('delivery_fee'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    index('listings_store_id_idx').on(table.storeId, table.status),
    index('listings_status_published_at_idx').on(table.status, table.publishedAt),
    index('listings_category_id_idx').on(table.categoryId, table.status),
    // Browsing without words, cheapest or dearest first.
    index('listings_status_from_price_idx').on(table.status, table.fromPrice),
    // Facet counts over everything on sale read this narrow index, not the wide rows (search.ts).
    index('listings_facets_idx').on(
      table.status,
      table.categoryId,
      table.kind,
      table.fromPrice,
      table.pickup,
      table.delivery,
      table.serviceLocations,
    ),
  ],
)

/**
 * What can be bought: a service's package, a product's variant, or the one default unit of goods
 * without variants. Ids are stable: edits change units in place and retire them (`retiredAt`),
 * never delete and re-insert, so what a buyer chose is still the same unit later. Stock lives
 * only here; null stock is not counted (services). See src/models/listing/units.ts.
 */
export const listingUnits = sqliteTable(
  'listing_units',
  {
    id: integer('id').primaryKey(),
    listingId: integer('listing_id')
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['package', 'variant', 'default'] }).notNull(),
    position: integer('position').notNull(),
    /** Empty for the default unit: it is the listing itself. */
    name: text('name').notNull().default(''),
    included: text('included').notNull().default(''),
    /** Minor units of the site's currency. */
    price: integer('price').notNull(),
    stock: integer('stock'),
    turnaroundDays: integer('turnaround_days'),
    /** Set when an edit takes the unit off the listing; it is never sold again. */
    retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    index('listing_units_listing_id_idx').on(table.listingId, table.position),
    // A listing has at most one default unit, ever: going back from variants revives it.
    uniqueIndex('listing_units_default_idx')
      .on(table.listingId)
      .where(sql`${table.kind} = 'default'`),
    check('listing_units_kind', sql`${table.kind} IN ('package', 'variant', 'default')`),
    check('listing_units_price', sql`${table.price} >= 0`),
    check('listing_units_stock', sql`${table.stock} IS NULL OR ${table.stock} >= 0`),
  ],
)

/** Up to ten photos per listing, in the provider's order, each with its alt text. */
export const listingPhotos = sqliteTable(
  'listing_photos',
  {
    id: integer('id').primaryKey(),
    listingId: integer('listing_id')
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    imageId: integer('image_id')
      .notNull()
      .references(() => images.id),
    position: integer('position').notNull(),
    alt: text('alt').notNull().default(''),
  },
  (table) => [index('listing_photos_listing_id_idx').on(table.listingId, table.position)],
)

/**
 * Listings a member saved to come back to. A favourite outlives its listing being paused or
 * archived (only deleting the listing or the member removes it); pages show the ones on sale.
 */
export const favourites = sqliteTable(
  'favourites',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    listingId: integer('listing_id')
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.memberId, table.listingId] }),
    // A member's favourites page, newest saved first.
    index('favourites_member_id_created_at_idx').on(table.memberId, table.createdAt),
    // Deleting a listing cascades here; without an index each delete would scan the table.
    index('favourites_listing_id_idx').on(table.listingId),
  ],
)

/**
 * What people do with a listing, rolled up per UTC day: views now, orders once they exist (issue
 * 8). Trending reads the last two weeks of it; housekeeping drops older days. Views are counted in
 * memory and added here in batches (src/models/listing-activity.ts), never one write per view.
 */
export const listingActivity = sqliteTable(
  'listing_activity',
  {
    /** Whole days since 1970-01-01 UTC. */
    day: integer('day').notNull(),
    kind: text('kind', { enum: ['view'] }).notNull(),
    listingId: integer('listing_id')
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    count: integer('count').notNull(),
  },
  (table) => [
    // Day first: trending reads a range of days, housekeeping deletes one.
    primaryKey({ columns: [table.day, table.kind, table.listingId] }),
    index('listing_activity_listing_id_idx').on(table.listingId),
  ],
)

/** The listings a member looked at last, one row per listing, at most 20 per member. */
export const recentlyViewed = sqliteTable(
  'recently_viewed',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    listingId: integer('listing_id')
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    viewedAt: integer('viewed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.memberId, table.listingId] }),
    index('recently_viewed_member_id_idx').on(table.memberId, table.viewedAt),
    index('recently_viewed_listing_id_idx').on(table.listingId),
  ],
)

/**
 * What people searched for, rolled up per UTC day: the query as searched (its words, lower-case),
 * the filters beside it, how often, and how many results the last one found. Never who searched.
 * The operator console reads "searches with no results" from it; housekeeping keeps 90 days.
 */
export const searchLog = sqliteTable(
  'search_log',
  {
    /** Whole days since 1970-01-01 UTC. */
    day: integer('day').notNull(),
    query: text('query').notNull(),
    /** The search's URL parameters other than the words, page and sort: "category=plumbing&kind=service". */
    filters: text('filters').notNull(),
    searches: integer('searches').notNull(),
    results: integer('results').notNull(),
    lastSearchedAt: integer('last_searched_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.day, table.query, table.filters] }),
    index('search_log_results_idx').on(table.results, table.day),
  ],
)

/**
 * One row whose number goes up with every write that can change a search's answer (listings,
 * their units, stock and prices included, stores, categories), by triggers (db/migrations).
 * Search keeps answers in memory while it stays the same (src/models/listing/search-cache.ts).
 */
export const searchVersion = sqliteTable('search_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
})
