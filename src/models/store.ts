import { and, eq, isNull, sql } from 'drizzle-orm'
import { members, stores } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { slugify } from '../lib/slug'
import { hasVerifiedEmail } from './member'
import { prepared } from './prepared'
import type { SessionMember } from './session'

export type Store = typeof stores.$inferSelect

/** What a provider writes about their storefront; photos are added separately. */
export type StoreFields = {
  name: string
  bio: string
  area: string
  latitude: number | null
  longitude: number | null
  phone: string
  showPhone: boolean
  whatsapp: string
  showWhatsapp: boolean
  /** Where buyers send mobile money; '' and checkout does not offer it. */
  mobileMoney: string
  /** Account details for bank transfers; '' and checkout does not offer them. */
  bankDetails: string
  skills: string[]
}

/** A storefront as visitors see it, with the owner's name and how long they have been here. */
/** What a card needs of a store's avatar to draw it small: the photo's hash and its shape. */
export type StoreAvatar = { hash: string; width: number; height: number }

/**
 * SQL: the avatar of the store row `store` (an alias or quoted table name) as a JSON object, or
 * NULL; read it with readStoreAvatar. A subquery, so every card query gets it without a join.
 */
export function storeAvatarSql(store: string): string {
  return `(SELECT json_object('hash', i.hash, 'width', i.width, 'height', i.height)
    FROM images i WHERE i.id = ${store}.avatar_image_id)`
}

export function readStoreAvatar(json: unknown): StoreAvatar | null {
  return typeof json === 'string' ? (JSON.parse(json) as StoreAvatar) : null
}

export type PublicStore = Store & { ownerName: string; memberSince: Date }

export type OpenStoreResult =
  { ok: true; store: Store } | { ok: false; reason: 'already_open' | 'email_unverified' }

/**
 * Opens the member's storefront (one per member) at a readable, unique address — once their
 * address is confirmed: a store takes orders and money, and the market must reach its owner.
 */
export function openStore(
  db: Db,
  clock: Clock,
  owner: SessionMember,
  fields: StoreFields,
): OpenStoreResult {
  return db.transaction((tx) => {
    if (findStoreOfMember(tx, owner.id)) return { ok: false, reason: 'already_open' as const }
    if (!hasVerifiedEmail(tx, owner.id)) return { ok: false, reason: 'email_unverified' as const }
    const now = clock.now()
    const store = tx
      .insert(stores)
      .values({
        ...columns(fields),
        memberId: owner.id,
        slug: uniqueStoreSlug(tx, fields.name, owner.displayName),
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get()
    return { ok: true as const, store }
  })
}

/** Saves the owner's changes. The address (slug) stays as it was, so shared links keep working. */
export function updateStore(
  db: Db,
  clock: Clock,
  owner: SessionMember,
  slug: string,
  fields: StoreFields,
): Store | undefined {
  return db
    .update(stores)
    .set({ ...columns(fields), updatedAt: clock.now() })
    .where(and(eq(stores.slug, slug), eq(stores.memberId, owner.id)))
    .returning()
    .get()
}

/** The storefront at `slug` only if `owner` owns it; anyone else gets undefined (and a 404). */
export function findStoreForOwner(db: Db, owner: SessionMember, slug: string): Store | undefined {
  return db
    .select()
    .from(stores)
    .where(and(eq(stores.slug, slug), eq(stores.memberId, owner.id)))
    .get()
}

/**
 * The storefront at `slug` for those who keep its books: its owner, and the market's operators
 * (who record payouts). Anyone else gets undefined, and a 404.
 */
export function findStoreForBooks(db: Db, member: SessionMember, slug: string): Store | undefined {
  const store = db.select().from(stores).where(eq(stores.slug, slug)).get()
  if (!store) return undefined
  return store.memberId === member.id || member.role === 'operator' ? store : undefined
}

export function findStoreOfMember(db: Pick<Db, 'select'>, memberId: number): Store | undefined {
  return db.select().from(stores).where(eq(stores.memberId, memberId)).get()
}

export function findPublicStore(db: Db, slug: string): PublicStore | undefined {
  const row = prepared(db, publicStoreBySlug).get({ slug })
  return row && { ...row.store, ownerName: row.ownerName, memberSince: row.memberSince }
}

/** What a listing's page says about who sells it, so a buyer can weigh whether to trust them. */
export type SellerFacts = { avatar: StoreAvatar | null; completedOrders: number; memberSince: Date }

/** One indexed read: the store's avatar, its completed orders and when its owner joined. */
export function sellerFacts(db: Db, storeId: number): SellerFacts | undefined {
  return prepared(db, sellerFactsById).get({ storeId })
}

/** Skills are stored comma-separated; this is the list back. */
export function storeSkills(store: Pick<Store, 'skills'>): string[] {
  return store.skills ? store.skills.split(',') : []
}

function columns(fields: StoreFields) {
  const { skills, ...rest } = fields
  return { ...rest, skills: skills.join(',') }
}

const RESERVED_SLUGS = new Set(['new', 'edit'])

/** "Fatou's Tailoring" → fatous-tailoring, or fatous-tailoring-2 when that is taken. */
function uniqueStoreSlug(db: Pick<Db, 'select'>, name: string, fallback: string): string {
  const readable = slugify(name) || slugify(fallback) || 'store'
  // /stores/new is the form to open one; no storefront may take that address.
  const base = RESERVED_SLUGS.has(readable) ? `${readable}-store` : readable
  const taken = new Set(
    db
      .select({ slug: stores.slug })
      .from(stores)
      // GLOB, unlike LIKE, is case-sensitive and so searches the slug index instead of reading
      // every storefront; slugs hold no GLOB wildcards (slugify keeps letters, digits and dashes).
      .where(sql`${stores.slug} glob ${`${base}*`}`)
      .all()
      .map((row) => row.slug),
  )
  if (!taken.has(base)) return base
  let suffix = 2
  while (taken.has(`${base}-${suffix}`)) suffix += 1
  return `${base}-${suffix}`
}

// Hot reads (see prepared.ts).
const sellerFactsById = (db: Db) =>
  db
    .select({
      avatar: sql.raw(storeAvatarSql('"stores"')).mapWith(readStoreAvatar),
      completedOrders: sql<number>`(SELECT count(*) FROM orders o
        WHERE o.store_id = "stores"."id" AND o.status = 'completed')`,
      memberSince: members.createdAt,
    })
    .from(stores)
    .innerJoin(members, eq(members.id, stores.memberId))
    .where(eq(stores.id, sql.placeholder('storeId')))
    .prepare()

const publicStoreBySlug = (db: Db) =>
  db
    .select({ store: stores, ownerName: members.displayName, memberSince: members.createdAt })
    .from(stores)
    .innerJoin(members, eq(members.id, stores.memberId))
    // A deleted member's storefront is gone for everyone (src/models/account-deletion.ts).
    .where(and(eq(stores.slug, sql.placeholder('slug')), isNull(members.deletedAt)))
    .prepare()
