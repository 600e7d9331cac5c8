import { and, eq, inArray, isNotNull, lt, notInArray } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import {
  imageUploads,
  images,
  listingPhotos,
  messages,
  portfolioItems,
  requestPhotos,
  reviewPhotos,
  stores,
} from '../../db/schema'
import type { Db } from '../db'
import type { Tx } from './transaction'
import { systemClock, type Clock } from '../lib/clock'
import {
  deleteVariantsSync,
  processPhoto,
  squareWidths,
  writeSquareVariants,
  writeVariants,
  type PhotoRefusal,
  type ProcessedPhoto,
} from '../lib/images'

export type Image = typeof images.$inferSelect
export type SavePhotoResult = { ok: true; image: Image } | { ok: false; reason: PhotoRefusal }

/**
 * Every column that points at an image to show it: an image none of them points at, older than
 * the grace period, is an orphan and gets deleted (image_uploads, who uploaded it, is no use). A new table holding images must add its column here —
 * with ON DELETE SET NULL or CASCADE, forgetting it would silently drop attached photos.
 */
export const IMAGE_REFERENCES: readonly { table: SQLiteTable; column: SQLiteColumn }[] = [
  { table: stores, column: stores.avatarImageId },
  { table: stores, column: stores.coverImageId },
  { table: portfolioItems, column: portfolioItems.imageId },
  { table: listingPhotos, column: listingPhotos.imageId },
  { table: messages, column: messages.imageId },
  { table: reviewPhotos, column: reviewPhotos.imageId },
  { table: requestPhotos, column: requestPhotos.imageId },
]

/**
 * Turns an upload into stored variants and an `images` row, or says why it cannot. Identical
 * bytes give back the existing row, so a photo uploaded twice is stored once. Attach the image
 * (e.g. set stores.cover_image_id) soon after: unattached images are deleted after a while.
 * @example const saved = await savePhoto(c.var.db, c.var.config.uploadsDir, member.id, bytes, { clock: c.var.clock })
 */
export async function savePhoto(
  db: Db,
  uploadsDir: string,
  memberId: number | null,
  bytes: Uint8Array,
  options: { clock?: Clock; maxPixels?: number } = {},
): Promise<SavePhotoResult> {
  // Encoding takes a second or more: it happens before, never inside, a transaction.
  const photo = await processPhoto(bytes, { maxPixels: options.maxPixels })
  if (!photo.ok) return photo
  return { ok: true, image: await storeProcessedPhoto(db, uploadsDir, memberId, photo, options) }
}

/**
 * The second half of savePhoto, for photos already encoded: their `images` row, then their files.
 * The demo town encodes its pictures side by side and stores them in a fixed order with this.
 */
export async function storeProcessedPhoto(
  db: Db,
  uploadsDir: string,
  memberId: number | null,
  photo: ProcessedPhoto,
  options: { clock?: Clock } = {},
): Promise<Image> {
  // The row goes in before the files: deleteOrphanedImages only removes files of hashes that
  // have no row, so it cannot delete files this upload is about to rely on.
  const image = recordProcessedPhoto(db, memberId, photo, options)
  await writeVariants(uploadsDir, photo.hash, photo.variants)
  return image
}

/**
 * The `images` row of an encoded photo, synchronously — for a caller inside a transaction whose
 * files are written already (the demo town's review photos). A repeat of the same bytes
 * restarts the grace period, so the orphan sweep cannot take the row before it is attached.
 */
export function recordProcessedPhoto(
  db: Db,
  memberId: number | null,
  photo: Pick<ProcessedPhoto, 'hash' | 'width' | 'height' | 'widths' | 'placeholder'>,
  options: { clock?: Clock } = {},
): Image {
  const now = (options.clock ?? systemClock).now()
  const image = db
    .insert(images)
    .values({
      hash: photo.hash,
      width: photo.width,
      height: photo.height,
      widths: photo.widths.join(','),
      placeholder: photo.placeholder,
      uploadedBy: memberId,
      createdAt: now,
    })
    .onConflictDoUpdate({ target: images.hash, set: { createdAt: now } })
    .returning()
    .get()
  // The same bytes from another member are theirs to attach too.
  if (memberId !== null)
    db.insert(imageUploads)
      .values({ imageId: image.id, memberId, createdAt: now })
      .onConflictDoNothing()
      .run()
  return image
}

/** Of these image ids, the ones `memberId` uploaded (anyone may have uploaded the same bytes). */
export function uploadedBy(
  db: Db | Tx,
  memberId: number,
  imageIds: readonly number[],
): Set<number> {
  if (imageIds.length === 0) return new Set()
  const rows = (db as Db)
    .select({ id: imageUploads.imageId })
    .from(imageUploads)
    .where(and(eq(imageUploads.memberId, memberId), inArray(imageUploads.imageId, [...imageIds])))
    .all()
  return new Set(rows.map((row) => row.id))
}

/**
 * Of these image ids, those `memberId` uploaded, in the order given: the photos a review
 * or request form keeps between tries (anyone else's id is dropped, never shown).
 */
export function ownImages(db: Db, memberId: number, ids: readonly number[]): Image[] {
  const theirs = uploadedBy(db, memberId, ids)
  if (theirs.size === 0) return []
  const found = db
    .select()
    .from(images)
    .where(inArray(images.id, [...theirs]))
    .all()
  return [...new Set(ids)].flatMap((id) => found.filter((image) => image.id === id))
}

/** The widths stored for an image, ascending. */
export function imageWidths(image: Pick<Image, 'widths'>): number[] {
  return image.widths.split(',').map(Number)
}

/**
 * Deletes images that nothing points at and that were uploaded before `olderThan` (newer ones
 * may be about to be attached), then their files. Returns how many were deleted. Meant for a
 * periodic job.
 * @example deleteOrphanedImages(db, config.uploadsDir, { olderThan: new Date(Date.now() - DAY) })
 */
export function deleteOrphanedImages(
  db: Db,
  uploadsDir: string,
  { olderThan }: { olderThan: Date },
): number {
  const unreferenced = IMAGE_REFERENCES.map(({ table, column }) =>
    // NOT IN a list holding NULL matches nothing, so leave the NULLs out.
    notInArray(images.id, db.select({ id: column }).from(table).where(isNotNull(column))),
  )
  // One statement: an image attached a moment ago is still referenced when the delete runs.
  const deleted = db
    .delete(images)
    .where(and(lt(images.createdAt, olderThan), ...unreferenced))
    .returning({ hash: images.hash, widths: images.widths })
    .all()
  for (const image of deleted) {
    // The same photo may have been uploaded again since; then its files are needed.
    const reuploaded = db.select({ id: images.id }).from(images).where(eq(images.hash, image.hash))
    if (!reuploaded.get()) deleteVariantsSync(uploadsDir, image.hash, imageWidths(image))
  }
  return deleted.length
}

/** Square crops being written right now, by hash: a burst of requests makes them once. */
const squaresInFlight = new Map<string, Promise<boolean>>()

/**
 * Makes the square crops (avatars) of a stored photo; true once they exist. Runs when an
 * avatar is set and when a crop is asked for and missing (routes/uploads.ts), so photos stored
 * before crops existed heal on first view. False for an unknown hash, a photo too small to crop
 * or, given `side`, one with no crop at that side: no request can make us encode for nothing.
 * @example if (await ensureSquareVariants(db, config.uploadsDir, hash, 320)) serveTheFileAgain()
 */
export function ensureSquareVariants(
  db: Db,
  uploadsDir: string,
  hash: string,
  side?: number,
): Promise<boolean> {
  const running = squaresInFlight.get(hash)
  if (running) return running
  const image = db.select().from(images).where(eq(images.hash, hash)).get()
  const sides = image ? squareWidths(image.width, image.height) : []
  if (!image || sides.length === 0 || (side !== undefined && !sides.includes(side)))
    return Promise.resolve(false)
  const writing = writeSquareVariants(uploadsDir, { ...image, widths: imageWidths(image) }).finally(
    () => squaresInFlight.delete(hash),
  )
  squaresInFlight.set(hash, writing)
  return writing
}
