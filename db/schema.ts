import { sql } from 'drizzle-orm'
import {
  blob,
  index,
  integer,
  real,
  sqliteTable,
  text,
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
export const stores = sqliteTable('stores', {
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
})

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
