import { and, asc, eq, max, sql } from 'drizzle-orm'
import { images, portfolioItems, stores } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import type { Image } from './image'
import { prepared } from './prepared'
import type { SessionMember } from './session'

export type PortfolioItem = typeof portfolioItems.$inferSelect & { image: Image }
export const MAX_PORTFOLIO_ITEMS = 12

/** Sets the storefront's avatar or cover to an uploaded photo; false when it is not theirs. */
export function setStorePhoto(
  db: Db,
  clock: Clock,
  owner: SessionMember,
  slug: string,
  slot: 'avatar' | 'cover',
  imageId: number,
): boolean {
  const column = slot === 'avatar' ? { avatarImageId: imageId } : { coverImageId: imageId }
  return (
    db
      .update(stores)
      .set({ ...column, updatedAt: clock.now() })
      .where(and(eq(stores.slug, slug), eq(stores.memberId, owner.id)))
      .run().changes === 1
  )
}

export type AddPortfolioResult = { ok: true } | { ok: false; reason: 'not_found' | 'full' }

/** Adds photos of past work, each with a caption, after the ones already there. */
export function addPortfolioItems(
  db: Db,
  owner: SessionMember,
  slug: string,
  items: { imageId: number; caption: string }[],
): AddPortfolioResult {
  return db.transaction((tx): AddPortfolioResult => {
    const store = tx
      .select({ id: stores.id })
      .from(stores)
      .where(and(eq(stores.slug, slug), eq(stores.memberId, owner.id)))
      .get()
    if (!store) return { ok: false, reason: 'not_found' }
    const existing = tx
      .select()
      .from(portfolioItems)
      .where(eq(portfolioItems.storeId, store.id))
      .all()
    if (existing.length + items.length > MAX_PORTFOLIO_ITEMS) return { ok: false, reason: 'full' }
    const last = tx
      .select({ position: max(portfolioItems.position) })
      .from(portfolioItems)
      .where(eq(portfolioItems.storeId, store.id))
      .get()?.position
    tx.insert(portfolioItems)
      .values(
        items.map((item, index) => ({
          ...item,
          storeId: store.id,
          position: (last ?? -1) + 1 + index,
        })),
      )
      .run()
    return { ok: true }
  })
}

/** Removes one portfolio item of the owner's storefront; false when it is not theirs. */
export function removePortfolioItem(
  db: Db,
  owner: SessionMember,
  slug: string,
  itemId: number,
): boolean {
  return db.transaction((tx) => {
    const store = tx
      .select({ id: stores.id })
      .from(stores)
      .where(and(eq(stores.slug, slug), eq(stores.memberId, owner.id)))
      .get()
    if (!store) return false
    return (
      tx
        .delete(portfolioItems)
        .where(and(eq(portfolioItems.id, itemId), eq(portfolioItems.storeId, store.id)))
        .run().changes === 1
    )
  })
}

export function listPortfolio(db: Db, storeId: number): PortfolioItem[] {
  return prepared(db, portfolioOfStore)
    .all({ storeId })
    .map((row) => ({ ...row.item, image: row.image }))
}

export function findImage(db: Db, imageId: number | null): Image | undefined {
  if (imageId === null) return undefined
  return prepared(db, imageById).get({ id: imageId })
}

// Hot reads for the storefront page (see prepared.ts).
const portfolioOfStore = (db: Db) =>
  db
    .select({ item: portfolioItems, image: images })
    .from(portfolioItems)
    .innerJoin(images, eq(images.id, portfolioItems.imageId))
    .where(eq(portfolioItems.storeId, sql.placeholder('storeId')))
    .orderBy(asc(portfolioItems.position))
    .prepare()

const imageById = (db: Db) =>
  db
    .select()
    .from(images)
    .where(eq(images.id, sql.placeholder('id')))
    .prepare()
