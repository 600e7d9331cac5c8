import { and, asc, eq, ne, sql } from 'drizzle-orm'
import { images, listingPhotos, listings, stores } from '../../db/schema'
import type { Db } from '../db'
import type { Image } from './image'
import { inJsonList, prepared } from './prepared'
import type { SessionMember } from './session'

export type ListingPhoto = typeof listingPhotos.$inferSelect & { image: Image }
export const MAX_LISTING_PHOTOS = 10

type Reader = Pick<Db, 'select'>

/** The owner's listing id, if `owner` may change its photos. */
function ownedListingId(db: Reader, owner: SessionMember, listingId: number): number | undefined {
  return db
    .select({ id: listings.id })
    .from(listings)
    .innerJoin(stores, eq(stores.id, listings.storeId))
    .where(
      and(
        eq(listings.id, listingId),
        eq(stores.memberId, owner.id),
        ne(listings.status, 'archived'),
      ),
    )
    .get()?.id
}

/** How many more photos the owner's listing can take; undefined when it is not theirs. */
export function listingPhotoRoom(
  db: Db,
  owner: SessionMember,
  listingId: number,
): number | undefined {
  if (ownedListingId(db, owner, listingId) === undefined) return undefined
  return (
    MAX_LISTING_PHOTOS -
    db.select().from(listingPhotos).where(eq(listingPhotos.listingId, listingId)).all().length
  )
}

export type AddListingPhotosResult = { ok: true } | { ok: false; reason: 'not_found' | 'full' }

/**
 * Appends uploaded photos to the gallery, each with alt text. The room is checked again here,
 * in the same transaction as the insert, so two uploads at once cannot make an eleventh photo.
 */
export function addListingPhotos(
  db: Db,
  owner: SessionMember,
  listingId: number,
  photos: { imageId: number; alt: string }[],
): AddListingPhotosResult {
  return db.transaction((tx): AddListingPhotosResult => {
    if (ownedListingId(tx, owner, listingId) === undefined)
      return { ok: false, reason: 'not_found' }
    const existing = tx
      .select()
      .from(listingPhotos)
      .where(eq(listingPhotos.listingId, listingId))
      .all()
    if (existing.length + photos.length > MAX_LISTING_PHOTOS) return { ok: false, reason: 'full' }
    const next = existing.reduce((last, photo) => Math.max(last, photo.position), -1) + 1
    tx.insert(listingPhotos)
      .values(photos.map((photo, index) => ({ ...photo, listingId, position: next + index })))
      .run()
    return { ok: true }
  })
}

/**
 * Saves a photo's alt text and, when asked, moves it one place earlier (the first photo is the
 * one cards and the top of the page show). False when it is not the owner's.
 */
export function updateListingPhoto(
  db: Db,
  owner: SessionMember,
  listingId: number,
  photoId: number,
  change: { alt: string; moveEarlier: boolean },
): boolean {
  return db.transaction((tx) => {
    if (ownedListingId(tx, owner, listingId) === undefined) return false
    const gallery = tx
      .select()
      .from(listingPhotos)
      .where(eq(listingPhotos.listingId, listingId))
      .orderBy(asc(listingPhotos.position))
      .all()
    const index = gallery.findIndex((photo) => photo.id === photoId)
    if (index === -1) return false
    tx.update(listingPhotos).set({ alt: change.alt }).where(eq(listingPhotos.id, photoId)).run()
    if (change.moveEarlier && index > 0) {
      const before = gallery[index - 1]!
      const photo = gallery[index]!
      tx.update(listingPhotos)
        .set({ position: photo.position })
        .where(eq(listingPhotos.id, before.id))
        .run()
      tx.update(listingPhotos)
        .set({ position: before.position })
        .where(eq(listingPhotos.id, photo.id))
        .run()
    }
    return true
  })
}

export function removeListingPhoto(
  db: Db,
  owner: SessionMember,
  listingId: number,
  photoId: number,
): boolean {
  return db.transaction((tx) => {
    if (ownedListingId(tx, owner, listingId) === undefined) return false
    return (
      tx
        .delete(listingPhotos)
        .where(and(eq(listingPhotos.id, photoId), eq(listingPhotos.listingId, listingId)))
        .run().changes === 1
    )
  })
}

export function listListingPhotos(db: Db, listingId: number): ListingPhoto[] {
  return prepared(db, photosOfListing)
    .all({ listingId })
    .map((row) => ({ ...row.photo, image: row.image }))
}

/** The first photo of each listing, for cards. */
export function coverPhotos(db: Db, listingIds: number[]): Map<number, ListingPhoto> {
  if (listingIds.length === 0) return new Map()
  const covers = new Map<number, ListingPhoto>()
  const rows = prepared(db, photosOfListings).all({ ids: JSON.stringify(listingIds) })
  for (const row of rows)
    if (!covers.has(row.photo.listingId))
      covers.set(row.photo.listingId, { ...row.photo, image: row.image })
  return covers
}

// Hot reads for listing pages and cards (see prepared.ts).
const photosOfListing = (db: Db) =>
  db
    .select({ photo: listingPhotos, image: images })
    .from(listingPhotos)
    .innerJoin(images, eq(images.id, listingPhotos.imageId))
    .where(eq(listingPhotos.listingId, sql.placeholder('listingId')))
    .orderBy(asc(listingPhotos.position))
    .prepare()

const photosOfListings = (db: Db) =>
  db
    .select({ photo: listingPhotos, image: images })
    .from(listingPhotos)
    .innerJoin(images, eq(images.id, listingPhotos.imageId))
    .where(inJsonList(listingPhotos.listingId, 'ids'))
    .orderBy(asc(listingPhotos.position))
    .prepare()
