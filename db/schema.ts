import { sql } from 'drizzle-orm'
import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

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
