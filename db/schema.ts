import { sql } from 'drizzle-orm'
import { randomToken } from '../src/lib/tokens'
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
  /** The market's cut of each completed order's goods and services, in basis points (250 = 2.5 %). */
  commissionBps: integer('commission_bps').notNull().default(0),
  /** A delivered order completes by itself this many days later unless the buyer acts first. */
  autoCompleteDays: integer('auto_complete_days').notNull().default(7),
  /** Payment methods buyers may choose, comma-separated from cash, mobile_money, bank_transfer. */
  paymentMethods: text('payment_methods').notNull().default('cash,mobile_money,bank_transfer'),
  /** Operators must use a second factor (a code from an authenticator app) to sign in. */
  requireTwoFactorForOperators: integer('require_two_factor_for_operators', { mode: 'boolean' })
    .notNull()
    .default(false),
  /** Members with a storefront must use a second factor to sign in. */
  requireTwoFactorForProviders: integer('require_two_factor_for_providers', { mode: 'boolean' })
    .notNull()
    .default(false),
  setupCompletedAt: integer('setup_completed_at', { mode: 'timestamp_ms' }).notNull(),
})

/** One-time tokens that unlock /setup on an empty marketplace; only their hash is kept. */
export const setupTokens = sqliteTable('setup_tokens', {
  tokenHash: blob('token_hash', { mode: 'buffer' }).primaryKey(),
  createdAt: createdAt(),
})

export const members = sqliteTable(
  'members',
  {
    id: integer('id').primaryKey(),
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['member', 'operator'] })
      .notNull()
      .default('member'),
    /** When the member proved they read mail at `email`; null: not yet (no storefront until then). */
    emailVerifiedAt: integer('email_verified_at', { mode: 'timestamp_ms' }),
    /** The TOTP secret (RFC 6238) once two-factor is on; null: sign-in asks only the password. */
    totpKey: blob('totp_key', { mode: 'buffer' }),
    /** A secret shown during enrolment, until a code from it confirms it and it becomes totpKey. */
    totpPendingKey: blob('totp_pending_key', { mode: 'buffer' }),
    totpEnabledAt: integer('totp_enabled_at', { mode: 'timestamp_ms' }),
    /** The 30-second step of the last code accepted: a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    /** In unsubscribe links in mail: turns one kind of mail off without signing in. */
    unsubscribeToken: text('unsubscribe_token')
      .notNull()
      .$defaultFn(() => randomToken()),
    /** Set when the member deleted their account: name and email are anonymised, books are kept. */
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('members_unsubscribe_token_idx').on(table.unsubscribeToken)],
)

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
    /** Where buyers send mobile money ("M-Pesa 0712 345 678"); empty: not offered at checkout. */
    mobileMoney: text('mobile_money').notNull().default(''),
    /** Bank account details for transfers; empty: not offered at checkout. */
    bankDetails: text('bank_details').notNull().default(''),
    /** Skills and tags, lower-case, comma-separated: "plumbing,boilers,emergency call-outs". */
    skills: text('skills').notNull().default(''),
    avatarImageId: integer('avatar_image_id').references(() => images.id, { onDelete: 'set null' }),
    coverImageId: integer('cover_image_id').references(() => images.id, { onDelete: 'set null' }),
    /** Published, visible reviews of the store's orders: their count and stars (reviews.ts). */
    ratingCount: integer('rating_count').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    /** The private iCal feed's token (the provider's calendar app); null: no feed. Revocable. */
    calendarToken: text('calendar_token').unique(),
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
    /** Published, visible reviews of orders that included this listing: their count and stars. */
    ratingCount: integer('rating_count').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
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

/**
 * A signed-in member's cart: one row per unit with its quantity. A visitor's cart lives in a
 * cookie instead and joins this one at sign-in (src/models/cart.ts). Prices are never kept here:
 * the cart always shows, and checkout always charges, the unit's price of the moment.
 */
export const cartLines = sqliteTable(
  'cart_lines',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => listingUnits.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.memberId, table.unitId] }),
    index('cart_lines_unit_id_idx').on(table.unitId),
    check('cart_lines_quantity', sql`${table.quantity} > 0`),
  ],
)

/**
 * A discount code: a store's own (storeId) or the whole market's (null, made by the operator, and
 * paid for by the market rather than the store). `value` is whole percent for percentage coupons
 * and minor units for fixed ones. `usedCount` only rises through a guarded update at checkout, so
 * a coupon limited to 10 uses is used at most 10 times however many buyers race for it.
 */
export const coupons = sqliteTable(
  'coupons',
  {
    id: integer('id').primaryKey(),
    /** Upper-case letters and digits, unique across the market: buyers type it. */
    code: text('code').notNull().unique(),
    storeId: integer('store_id').references(() => stores.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['percent', 'fixed'] }).notNull(),
    value: integer('value').notNull(),
    minSpend: integer('min_spend').notNull().default(0),
    maxDiscount: integer('max_discount'),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    usageLimit: integer('usage_limit'),
    usedCount: integer('used_count').notNull().default(0),
    createdBy: integer('created_by').references(() => members.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    index('coupons_store_id_idx').on(table.storeId),
    check('coupons_kind', sql`${table.kind} IN ('percent', 'fixed')`),
    check(
      'coupons_value',
      sql`${table.value} > 0 AND (${table.kind} = 'fixed' OR ${table.value} <= 100)`,
    ),
    check('coupons_min_spend', sql`${table.minSpend} >= 0`),
    check('coupons_max_discount', sql`${table.maxDiscount} IS NULL OR ${table.maxDiscount} > 0`),
    check(
      'coupons_usage',
      sql`${table.usedCount} >= 0 AND (${table.usageLimit} IS NULL OR ${table.usedCount} <= ${table.usageLimit})`,
    ),
  ],
)

/**
 * What a buyer bought from one store in one checkout: goods or a service (a cart with both from one
 * store becomes two orders, since they move through different steps). Amounts are minor units of
 * `currency`, fixed when the order is placed; `total = subtotal + deliveryFee - discount`. The
 * public `code` is short and random, so an order's address cannot be guessed from another's.
 * `checkoutKey` is the idempotency key the checkout form carried: the same key never places twice.
 * Orders are never deleted: the books refer to them.
 */
export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey(),
    code: text('code').notNull().unique(),
    checkoutKey: text('checkout_key').notNull(),
    buyerId: integer('buyer_id')
      .notNull()
      .references(() => members.id),
    storeId: integer('store_id')
      .notNull()
      .references(() => stores.id),
    /** A booking is a service sold as a time: its slot is a row of `bookings`. */
    kind: text('kind', { enum: ['goods', 'service', 'booking'] }).notNull(),
    status: text('status', {
      enum: [
        'placed',
        'accepted',
        'in_progress',
        'ready_for_pickup',
        'out_for_delivery',
        'delivered',
        'completed',
        'cancelled',
        'disputed',
        'refunded',
        'no_show',
      ],
    }).notNull(),
    /** Goods: pickup or delivery. Services: at the customer's, at the provider's, or online. */
    fulfilment: text('fulfilment', {
      enum: ['pickup', 'delivery', 'customer', 'provider', 'online'],
    }).notNull(),
    address: text('address').notNull().default(''),
    /** A phone number the provider can call or message about this order, given at checkout. */
    contactPhone: text('contact_phone').notNull().default(''),
    /** The buyer's note to the provider: a service's requirements, a delivery hint. */
    note: text('note').notNull().default(''),
    paymentMethod: text('payment_method', {
      enum: ['cash', 'mobile_money', 'bank_transfer'],
    }).notNull(),
    currency: text('currency').notNull(),
    subtotal: integer('subtotal').notNull(),
    deliveryFee: integer('delivery_fee').notNull().default(0),
    discount: integer('discount').notNull().default(0),
    total: integer('total').notNull(),
    couponId: integer('coupon_id').references(() => coupons.id, { onDelete: 'set null' }),
    /** The coupon's code as used, kept even if the coupon is later removed. */
    couponCode: text('coupon_code').notNull().default(''),
    /** Whether the market (not the store) pays for the discount: a whole-market coupon. */
    discountByMarket: integer('discount_by_market', { mode: 'boolean' }).notNull().default(false),
    /** The market's commission rate when the order was placed, in basis points. */
    commissionBps: integer('commission_bps').notNull().default(0),
    /** Why it was cancelled, declined or disputed: the latest reason, which both sides see. */
    reason: text('reason').notNull().default(''),
    placedAt: integer('placed_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
    /** When it completed: the review window (14 days) opens then. */
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
    paidAt: integer('paid_at', { mode: 'timestamp_ms' }),
    paymentReference: text('payment_reference').notNull().default(''),
  },
  (table) => [
    uniqueIndex('orders_checkout_idx').on(
      table.buyerId,
      table.checkoutKey,
      table.storeId,
      table.kind,
    ),
    index('orders_buyer_id_idx').on(table.buyerId, table.placedAt),
    index('orders_store_id_idx').on(table.storeId, table.status, table.placedAt),
    // The auto-completion check reads delivered orders by when they were delivered.
    index('orders_status_delivered_at_idx').on(table.status, table.deliveredAt),
    check('orders_kind', sql`${table.kind} IN ('goods', 'service', 'booking')`),
    check(
      'orders_amounts',
      sql`${table.subtotal} >= 0 AND ${table.deliveryFee} >= 0 AND ${table.discount} >= 0 AND ${table.discount} <= ${table.subtotal} AND ${table.total} = ${table.subtotal} + ${table.deliveryFee} - ${table.discount}`,
    ),
    check('orders_commission', sql`${table.commissionBps} BETWEEN 0 AND 10000`),
  ],
)

/** What was ordered, as it was when ordered: the listing may change or go; the line does not. */
export const orderLines = sqliteTable(
  'order_lines',
  {
    id: integer('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    listingId: integer('listing_id').references(() => listings.id, { onDelete: 'set null' }),
    unitId: integer('unit_id').references(() => listingUnits.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    /** The package or variant name; empty for a listing's default unit. */
    unitName: text('unit_name').notNull().default(''),
    unitPrice: integer('unit_price').notNull(),
    quantity: integer('quantity').notNull(),
    /** Whether stock was taken for this line (and so is returned if the order is cancelled). */
    stocked: integer('stocked', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [
    index('order_lines_order_id_idx').on(table.orderId),
    index('order_lines_listing_id_idx').on(table.listingId),
    index('order_lines_unit_id_idx').on(table.unitId),
    check('order_lines_quantity', sql`${table.quantity} > 0`),
    check('order_lines_price', sql`${table.unitPrice} >= 0`),
  ],
)

/** An order's timeline: every step, who took it, when, and the note or reason given. */
export const orderEvents = sqliteTable(
  'order_events',
  {
    id: integer('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /** A transition's action, or `place` and `payment`. */
    action: text('action').notNull(),
    actor: text('actor', { enum: ['buyer', 'provider', 'operator', 'system'] }).notNull(),
    actorId: integer('actor_id').references(() => members.id, { onDelete: 'set null' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note').notNull().default(''),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('order_events_order_id_idx').on(table.orderId, table.id)],
)

/**
 * The books, double entry: every movement of money is a transaction whose entries sum to zero
 * (src/models/ledger.ts refuses any other). An entry's amount is what flowed into its account
 * (negative: out of it). Accounts: buyer_payments (money buyers handed over), escrow (held for an
 * order), store_payable (owed to a store), platform_commission (the market's), refunds (given
 * back to buyers), payouts (handed to stores). Rows are only ever added.
 */
export const ledgerTransactions = sqliteTable(
  'ledger_transactions',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: ['payment', 'release', 'refund', 'payout'] }).notNull(),
    orderId: integer('order_id').references(() => orders.id),
    storeId: integer('store_id').references(() => stores.id),
    reference: text('reference').notNull().default(''),
    recordedBy: integer('recorded_by').references(() => members.id, { onDelete: 'set null' }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    index('ledger_transactions_order_id_idx').on(table.orderId),
    index('ledger_transactions_store_id_idx').on(table.storeId, table.at),
  ],
)

export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey(),
    transactionId: integer('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id),
    account: text('account', {
      enum: [
        'buyer_payments',
        'escrow',
        'store_payable',
        'platform_commission',
        'refunds',
        'payouts',
      ],
    }).notNull(),
    storeId: integer('store_id').references(() => stores.id),
    orderId: integer('order_id').references(() => orders.id),
    amount: integer('amount').notNull(),
  },
  (table) => [
    index('ledger_entries_transaction_id_idx').on(table.transactionId),
    index('ledger_entries_account_store_idx').on(table.account, table.storeId),
    index('ledger_entries_order_id_idx').on(table.orderId, table.account),
    check('ledger_entries_amount', sql`${table.amount} <> 0`),
  ],
)

/**
 * What each member's open pages are told, kept so that a page coming back from a dropped
 * connection gets what it missed (src/live/events.ts). One row per member told: replay is a range
 * read on (member_id, id), and nobody's stream can read another's. AUTOINCREMENT so an id is
 * never used twice, even after old rows are pruned: the id is the stream's `Last-Event-ID`.
 */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** What happened, from the marketplace's side: `order.changed`, `message.sent`. */
    type: text('type').notNull(),
    /** What the page needs to find the subject again (ids, codes), as JSON; never rendered HTML. */
    data: text('data').notNull().default('{}'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('events_member_id_idx').on(table.memberId, table.id)],
)

/**
 * Things a member should hear of, created once per happening (src/models/notification.ts) and
 * delivered per channel: the bell and the notifications page now, email later.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** What it is about, as `order:<code>` or `conversation:<code>`: one unread note per subject
     * and kind (a second message in a conversation updates the first note). */
    subject: text('subject').notNull(),
    /** The words it needs (a store's name, a status), as JSON. */
    data: text('data').notNull().default('{}'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    index('notifications_member_id_idx').on(table.memberId, table.id),
    index('notifications_unread_idx')
      .on(table.memberId, table.subject, table.kind)
      .where(sql`read_at IS NULL`),
  ],
)

/**
 * Two members talking: one conversation per pair (member_a < member_b, so the pair is unique
 * whoever starts it), about the listing, order or request it was last started from, if any.
 */
export const conversations = sqliteTable(
  'conversations',
  {
    id: integer('id').primaryKey(),
    /** Its name in URLs: random, so that a conversation's address does not invite guessing. */
    code: text('code').notNull(),
    memberA: integer('member_a')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    memberB: integer('member_b')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    listingId: integer('listing_id').references(() => listings.id, { onDelete: 'set null' }),
    orderId: integer('order_id').references(() => orders.id, { onDelete: 'set null' }),
    requestId: integer('request_id').references((): AnySQLiteColumn => serviceRequests.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    lastMessageAt: integer('last_message_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    uniqueIndex('conversations_pair_idx').on(table.memberA, table.memberB),
    uniqueIndex('conversations_code_idx').on(table.code),
    index('conversations_member_b_idx').on(table.memberB),
    check('conversations_pair_order', sql`${table.memberA} < ${table.memberB}`),
  ],
)

/** Each side of a conversation: how far they have read (message id), for unread counts. */
export const conversationMembers = sqliteTable(
  'conversation_members',
  {
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    readThrough: integer('read_through').notNull().default(0),
    /** Newest message in the conversation, copied here so the inbox sorts on one index. */
    lastMessageAt: integer('last_message_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    primaryKey({ columns: [table.conversationId, table.memberId] }),
    index('conversation_members_inbox_idx').on(table.memberId, table.lastMessageAt),
  ],
)

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey(),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    senderId: integer('sender_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    body: text('body').notNull().default(''),
    imageId: integer('image_id').references(() => images.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('messages_conversation_id_idx').on(table.conversationId, table.id)],
)

/** A member who will not hear from another: no new messages either way while it stands. */
export const memberBlocks = sqliteTable(
  'member_blocks',
  {
    blockerId: integer('blocker_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    blockedId: integer('blocked_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.blockerId, table.blockedId] }),
    index('member_blocks_blocked_id_idx').on(table.blockedId),
  ],
)

/** A conversation a member reported, kept for the operator's moderation queue. */
export const conversationReports = sqliteTable(
  'conversation_reports',
  {
    id: integer('id').primaryKey(),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    reporterId: integer('reporter_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
  },
  (table) => [index('conversation_reports_open_idx').on(table.resolvedAt, table.createdAt)],
)

/**
 * Work done in the background by the server process (src/jobs/queue.ts): enqueued inside the
 * transaction of what caused it, claimed one at a time, retried with back-off, and kept with
 * its last error when it fails for good (`dead`) so the operator can see why.
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey(),
    /** Which handler runs it (src/jobs/worker.ts), e.g. 'housekeeping'. */
    type: text('type').notNull(),
    payload: text('payload', { mode: 'json' }).$type<unknown>().notNull().default('null'),
    /** At most one not-finished job has a given key: enqueueing it again does nothing. */
    key: text('key'),
    state: text('state', { enum: ['queued', 'running', 'done', 'dead'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    runAt: integer('run_at', { mode: 'timestamp_ms' }).notNull(),
    /** While running: when the claim lapses and the job is given to a worker again. */
    lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    // The next due queued job, the leases that lapsed (running by locked_until is rare enough
    // to scan), and the dead ones for the operator.
    index('jobs_state_run_at_idx').on(table.state, table.runAt),
    uniqueIndex('jobs_key_idx')
      .on(table.key)
      .where(sql`${table.key} IS NOT NULL AND ${table.state} IN ('queued', 'running')`),
    check('jobs_state', sql`${table.state} IN ('queued', 'running', 'done', 'dead')`),
  ],
)

/**
 * Single-use links and codes sent by mail: verifying an address (at sign-up, or a new one before
 * it replaces the old) and resetting a password. Only hashes are kept; `email` is the address
 * the token proves (for a change of address, the new one).
 */
export const accountTokens = sqliteTable(
  'account_tokens',
  {
    id: integer('id').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify_email', 'reset_password'] }).notNull(),
    email: text('email').notNull(),
    tokenHash: blob('token_hash', { mode: 'buffer' }).notNull(),
    /** The short code typed on another device than the one that reads the mail. */
    codeHash: blob('code_hash', { mode: 'buffer' }),
    /** Wrong codes typed against this token: a few, and the token is spent. */
    failures: integer('failures').notNull().default(0),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('account_tokens_token_hash_idx').on(table.tokenHash),
    index('account_tokens_member_idx').on(table.memberId, table.purpose),
  ],
)

/** Ten single-use codes that stand in for the authenticator app when the phone is lost. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    codeHash: blob('code_hash', { mode: 'buffer' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (table) => [index('recovery_codes_member_idx').on(table.memberId)],
)

/**
 * A sign-in half done: the password was right and the second factor is still to come. Kept apart
 * from sessions so that nothing can mistake it for being signed in; the cookie holds id.secret.
 */
export const signInChallenges = sqliteTable(
  'sign_in_challenges',
  {
    id: text('id').primaryKey(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    /** Where to go once signed in (a path on this site). */
    next: text('next').notNull().default('/'),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('sign_in_challenges_member_idx').on(table.memberId)],
)

/** Wrong second-factor codes (TOTP or recovery), kept briefly to throttle guessing per member. */
export const secondFactorFailures = sqliteTable(
  'second_factor_failures',
  {
    id: integer('id').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    failedAt: integer('failed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('second_factor_failures_member_idx').on(table.memberId, table.failedAt)],
)

/** Sign-ins to a member's account and tries that failed, shown to them on their account page. */
export const signIns = sqliteTable(
  'sign_ins',
  {
    id: integer('id').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    outcome: text('outcome', {
      enum: ['signed_in', 'wrong_password', 'wrong_code', 'throttled', 'password_reset'],
    }).notNull(),
    address: text('address').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('sign_ins_member_idx').on(table.memberId, table.at)],
)

/** Kinds of notification mail a member turned off (every kind is on until they do). */
export const mailOptOuts = sqliteTable(
  'mail_opt_outs',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.memberId, table.kind] })],
)

/**
 * Every mail the market sends, written in the transaction of its cause and sent by a job
 * (src/mail). Without SMTP configured a mail stays here, `held`, for the operator to read: never
 * dropped. `key` makes sending idempotent: a cause that runs twice writes one mail.
 */
export const mails = sqliteTable(
  'mails',
  {
    id: integer('id').primaryKey(),
    key: text('key').notNull(),
    memberId: integer('member_id').references(() => members.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** One-click unsubscribe URL for notification mail (List-Unsubscribe); null for account mail. */
    unsubscribeUrl: text('unsubscribe_url'),
    state: text('state', { enum: ['waiting', 'sent', 'held', 'failed'] })
      .notNull()
      .default('waiting'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    uniqueIndex('mails_key_idx').on(table.key),
    index('mails_state_idx').on(table.state, table.id),
    index('mails_member_idx').on(table.memberId, table.id),
  ],
)

/**
 * A review of a completed order, by one side about the other: the buyer about the store
 * (`of_store`: stars, title, text, photos, "would recommend") or the store's owner about the buyer
 * (`of_buyer`). Double-blind: written reviews stay unpublished until both sides have written or
 * the 14-day window closes (src/models/review). `editedAt` marks an edit after publication;
 * `hiddenAt` a review the operator upheld a report against, with the note shown in its place.
 */
export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id),
    direction: text('direction', { enum: ['of_store', 'of_buyer'] }).notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => members.id),
    /** The store the order was from, whichever way the review goes. */
    storeId: integer('store_id')
      .notNull()
      .references(() => stores.id),
    /** The member reviewed: the store's owner, or the buyer. */
    subjectId: integer('subject_id')
      .notNull()
      .references(() => members.id),
    stars: integer('stars').notNull(),
    title: text('title').notNull().default(''),
    body: text('body').notNull().default(''),
    /** Would the buyer recommend the store; null for reviews of buyers. */
    recommend: integer('recommend', { mode: 'boolean' }),
    helpfulCount: integer('helpful_count').notNull().default(0),
    createdAt: createdAt(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
    hiddenAt: integer('hidden_at', { mode: 'timestamp_ms' }),
    hiddenNote: text('hidden_note').notNull().default(''),
  },
  (table) => [
    uniqueIndex('reviews_order_direction_idx').on(table.orderId, table.direction),
    index('reviews_store_idx').on(table.storeId, table.direction, table.publishedAt),
    index('reviews_subject_idx').on(table.subjectId, table.direction, table.publishedAt),
    index('reviews_author_idx').on(table.authorId),
    check('reviews_stars', sql`${table.stars} BETWEEN 1 AND 5`),
    check('reviews_direction', sql`${table.direction} IN ('of_store', 'of_buyer')`),
  ],
)

/** Up to four photos on a review, through the photo pipeline (images). */
export const reviewPhotos = sqliteTable(
  'review_photos',
  {
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    imageId: integer('image_id')
      .notNull()
      .references(() => images.id),
    position: integer('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.reviewId, table.position] })],
)

/** The store's one public reply to a review of it. */
export const reviewReplies = sqliteTable('review_replies', {
  reviewId: integer('review_id')
    .primaryKey()
    .references(() => reviews.id, { onDelete: 'cascade' }),
  authorId: integer('author_id')
    .notNull()
    .references(() => members.id),
  body: text('body').notNull(),
  createdAt: createdAt(),
})

/** "Helpful" votes: one per member and review (never on one's own). */
export const reviewVotes = sqliteTable(
  'review_votes',
  {
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.reviewId, table.memberId] })],
)

/** Reports of a review, for the operator's moderation queue; one per member and review. */
export const reviewReports = sqliteTable(
  'review_reports',
  {
    id: integer('id').primaryKey(),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    reporterId: integer('reporter_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    /** upheld: the review is hidden; dismissed: it stays. */
    resolution: text('resolution', { enum: ['upheld', 'dismissed'] }),
    resolvedBy: integer('resolved_by').references(() => members.id, { onDelete: 'set null' }),
  },
  (table) => [
    uniqueIndex('review_reports_reporter_idx').on(table.reviewId, table.reporterId),
    index('review_reports_open_idx').on(table.resolvedAt, table.id),
  ],
)

/**
 * A storefront's weekly hours for bookings, one row per range (several a day): minutes past
 * midnight on the town's clock; a range whose end is not after its start runs past midnight
 * (src/models/booking/slots.ts).
 */
export const storeHours = sqliteTable(
  'store_hours',
  {
    id: integer('id').primaryKey(),
    storeId: integer('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    /** ISO weekday: 1 Monday … 7 Sunday. */
    weekday: integer('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
  },
  (table) => [
    index('store_hours_store_idx').on(table.storeId, table.weekday),
    check('store_hours_weekday', sql`${table.weekday} BETWEEN 1 AND 7`),
    check(
      'store_hours_minutes',
      sql`${table.startMinute} BETWEEN 0 AND 1439 AND ${table.endMinute} BETWEEN 0 AND 1440 AND ${table.startMinute} <> ${table.endMinute}`,
    ),
  ],
)

/** Calendar days (YYYY-MM-DD, the town's) a storefront takes no bookings: holidays, days off. */
export const storeDaysOff = sqliteTable(
  'store_days_off',
  {
    storeId: integer('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    note: text('note').notNull().default(''),
  },
  (table) => [primaryKey({ columns: [table.storeId, table.date] })],
)

/** How a bookable service is booked: its slots, notice, horizon, seats and cancellation window. */
export const bookingRules = sqliteTable(
  'booking_rules',
  {
    listingId: integer('listing_id')
      .primaryKey()
      .references(() => listings.id, { onDelete: 'cascade' }),
    slotMinutes: integer('slot_minutes').notNull(),
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    horizonDays: integer('horizon_days').notNull().default(30),
    noticeMinutes: integer('notice_minutes').notNull().default(120),
    capacity: integer('capacity').notNull().default(1),
    /** A buyer may cancel up to this many hours before the start. */
    cancellationHours: integer('cancellation_hours').notNull().default(24),
    /** Confirmed at once, or a request the provider confirms. */
    instantBook: integer('instant_book', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [
    check(
      'booking_rules_values',
      sql`${table.slotMinutes} > 0 AND ${table.bufferMinutes} >= 0 AND ${table.horizonDays} > 0 AND ${table.noticeMinutes} >= 0 AND ${table.capacity} > 0 AND ${table.cancellationHours} >= 0`,
    ),
  ],
)

/**
 * A booked time: the slot an order holds, from the moment it is placed, whatever the payment
 * method. Its time is guarded by booking_holds, not by reading this table first.
 */
export const bookings = sqliteTable(
  'bookings',
  {
    id: integer('id').primaryKey(),
    orderId: integer('order_id')
      .notNull()
      .unique()
      .references(() => orders.id),
    listingId: integer('listing_id').references(() => listings.id, { onDelete: 'set null' }),
    storeId: integer('store_id')
      .notNull()
      .references(() => stores.id),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
    /** The service's buffer when booked: the time after it that is held too. */
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    seats: integer('seats').notNull().default(1),
    /** Whether the booking still holds its time (requested or confirmed). */
    holding: integer('holding', { mode: 'boolean' }).notNull().default(true),
    /** Until when the buyer may cancel it themselves: its start less the service's window then. */
    cancellableUntil: integer('cancellable_until', { mode: 'timestamp_ms' }).notNull(),
    /** An unconfirmed request frees its slot then. */
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    /** A new time one side proposed and the other has yet to accept. */
    proposedStartsAt: integer('proposed_starts_at', { mode: 'timestamp_ms' }),
    proposedBy: text('proposed_by', { enum: ['buyer', 'provider'] }),
    createdAt: createdAt(),
  },
  (table) => [
    index('bookings_store_idx').on(table.storeId, table.startsAt),
    index('bookings_listing_idx').on(table.listingId, table.startsAt),
    // The expiry job reads requests by when they lapse.
    index('bookings_expires_idx').on(table.expiresAt),
    check('bookings_time', sql`${table.endsAt} > ${table.startsAt} AND ${table.seats} > 0`),
  ],
)

/**
 * The guard against double booking. Time is cut in five-minute cells; a booking holds a row per
 * cell of its slot and buffer, and a store has at most one row per cell (the primary key): a
 * second booking of the same time fails to insert, however the requests race. Seats of one class
 * slot share their rows, counted by a guarded update (`seats + n <= capacity`).
 */
export const bookingHolds = sqliteTable(
  'booking_holds',
  {
    storeId: integer('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    /** Milliseconds since the epoch / 300 000. */
    cell: integer('cell').notNull(),
    listingId: integer('listing_id').notNull(),
    slotStart: integer('slot_start', { mode: 'timestamp_ms' }).notNull(),
    seats: integer('seats').notNull(),
    capacity: integer('capacity').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.storeId, table.cell] }),
    check('booking_holds_seats', sql`${table.seats} BETWEEN 1 AND ${table.capacity}`),
  ],
)

/**
 * Who has uploaded an image. Identical bytes are stored once (images.hash), so an image may have
 * been uploaded by several members — the same forwarded photo, say; each may attach it as theirs.
 */
export const imageUploads = sqliteTable(
  'image_uploads',
  {
    imageId: integer('image_id')
      .notNull()
      .references(() => images.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.imageId, table.memberId] }),
    index('image_uploads_member_idx').on(table.memberId),
  ],
)

/**
 * A buyer's need, posted for providers to answer ("fix my roof before the rains, budget 50–80"):
 * the reverse of a listing (src/models/request). Open until the buyer hires someone through a
 * proposal, withdraws it, or `expiresAt` passes (a period the buyer chose). Budgets are minor
 * units, either end may be open. `place` is where the work happens, as orders say it, or
 * `either`; `area` and its map point (from the town's places) let providers filter by distance.
 * `visibility`: everyone may read it, or only providers with a listing in its category.
 */
export const serviceRequests = sqliteTable(
  'service_requests',
  {
    id: integer('id').primaryKey(),
    /** Its name in URLs: random, like an order's. */
    code: text('code').notNull().unique(),
    buyerId: integer('buyer_id')
      .notNull()
      .references(() => members.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    budgetMin: integer('budget_min'),
    budgetMax: integer('budget_max'),
    place: text('place', { enum: ['customer', 'provider', 'online', 'either'] }).notNull(),
    area: text('area').notNull().default(''),
    latitude: real('latitude'),
    longitude: real('longitude'),
    /** The day it is needed by (YYYY-MM-DD, the market's calendar); null: flexible. */
    neededBy: text('needed_by'),
    visibility: text('visibility', { enum: ['everyone', 'category'] }).notNull(),
    status: text('status', { enum: ['open', 'hired', 'withdrawn', 'expired'] })
      .notNull()
      .default('open'),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    /** The proposal the buyer accepted (status hired). */
    hiredProposalId: integer('hired_proposal_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  },
  (table) => [
    index('service_requests_open_idx').on(table.status, table.categoryId, table.createdAt),
    index('service_requests_buyer_idx').on(table.buyerId, table.createdAt),
    index('service_requests_expiry_idx').on(table.status, table.expiresAt),
    check(
      'service_requests_budget',
      sql`(${table.budgetMin} IS NULL OR ${table.budgetMin} >= 0) AND (${table.budgetMax} IS NULL OR ${table.budgetMax} >= coalesce(${table.budgetMin}, 0))`,
    ),
  ],
)

/** Up to four photos on a request, through the photo pipeline (images). */
export const requestPhotos = sqliteTable(
  'request_photos',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'cascade' }),
    imageId: integer('image_id')
      .notNull()
      .references(() => images.id),
    position: integer('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.requestId, table.position] })],
)

/**
 * A store's answer to a request: one per store and request (revised in place), a price — fixed,
 * or one of the store's packages as it was priced when proposed — a day for the visit or
 * delivery, and a message. `accepted` made `orderId`; the others were `declined` when the buyer
 * hired someone, or `withdrawn` by their store.
 */
export const proposals = sqliteTable(
  'proposals',
  {
    id: integer('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'cascade' }),
    storeId: integer('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    price: integer('price').notNull(),
    listingId: integer('listing_id').references(() => listings.id, { onDelete: 'set null' }),
    unitId: integer('unit_id').references(() => listingUnits.id, { onDelete: 'set null' }),
    /** The package's name as proposed ("Roof patch · up to 3 m²"); empty for a fixed price. */
    packageName: text('package_name').notNull().default(''),
    /** The day of the visit or delivery (YYYY-MM-DD, the market's calendar). */
    visitOn: text('visit_on').notNull(),
    message: text('message').notNull(),
    status: text('status', { enum: ['active', 'withdrawn', 'accepted', 'declined'] })
      .notNull()
      .default('active'),
    orderId: integer('order_id').references(() => orders.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    uniqueIndex('proposals_request_store_idx').on(table.requestId, table.storeId),
    index('proposals_store_idx').on(table.storeId, table.updatedAt),
    check('proposals_price', sql`${table.price} >= 0`),
  ],
)
