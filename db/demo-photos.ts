// Demo photos: a dozen pictures drawn, encoded and stored once, then shared by every listing,
// storefront and portfolio in the town — content addressing keeps a big town's uploads folder
// as small as a tiny one's, and seeding stays quick.
import { eq, sql } from 'drizzle-orm'
import type { Db } from '../src/db'
import type { Clock } from '../src/lib/clock'
import { processPhoto, writeVariants } from '../src/lib/images'
import { CATALOG } from './demo-catalog'
import type { DemoListing } from './demo-listings'
import { drawPicture, PICTURE_SUBJECTS, type PictureSubject } from './demo-pictures'
import type { DemoStore } from './demo-stores'
import { images, listingPhotos, portfolioItems, stores } from './schema'

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0]
type Random = () => number

/** The stored picture of each subject: its images.id. */
export type DemoImages = Map<PictureSubject, number>

const COVER_SHARE = 0.6
const AVATAR_SHARE = 0.45
/** Share of storefronts with a trade that shows past work. */
const PORTFOLIO_SHARE = 0.3

/**
 * Draws every demo picture, encodes its variants into `uploadsDir` and stores its `images` row.
 * Async (sharp), so it runs before the seeding transaction, never inside it.
 */
export async function storeDemoPictures(
  db: Db,
  uploadsDir: string,
  clock: Clock,
): Promise<DemoImages> {
  // Encoded all at once: the photo semaphore spreads them over the free cores.
  const photos = await Promise.all(
    PICTURE_SUBJECTS.map(async (subject) => {
      const photo = await processPhoto(await drawPicture(subject))
      if (!photo.ok) throw new Error(`the demo picture "${subject}" was refused: ${photo.reason}`)
      return photo
    }),
  )
  const stored: DemoImages = new Map()
  // Rows in subject order, whichever encode finished first, so a seed always gives the same ids.
  // Each row goes in before its files, as savePhoto does, so the orphan sweep never takes them.
  for (const [index, photo] of photos.entries()) {
    const now = clock.now()
    const row = db
      .insert(images)
      .values({
        hash: photo.hash,
        width: photo.width,
        height: photo.height,
        widths: photo.widths.join(','),
        placeholder: photo.placeholder,
        uploadedBy: null,
        createdAt: now,
      })
      .onConflictDoUpdate({ target: images.hash, set: { createdAt: now } })
      .returning({ id: images.id })
      .get()
    await writeVariants(uploadsDir, photo.hash, photo.variants)
    stored.set(PICTURE_SUBJECTS[index]!, row.id)
  }
  return stored
}

/** One to three of its template's photos per listing, each with alt text that describes it. */
export function seedListingPhotos(
  tx: Transaction,
  random: Random,
  listings: DemoListing[],
  pictures: DemoImages,
): number {
  const insert = tx
    .insert(listingPhotos)
    .values({
      listingId: sql.placeholder('listingId'),
      imageId: sql.placeholder('imageId'),
      position: sql.placeholder('position'),
      alt: sql.placeholder('alt'),
    })
    .prepare()
  let attached = 0
  for (const listing of listings) {
    const photos = listing.template.photos
    const shown = 1 + Math.floor(random() * photos.length)
    photos.slice(0, shown).forEach((photo, position) => {
      insert.run({
        listingId: listing.id,
        imageId: pictures.get(photo.subject)!,
        position,
        alt: photo.alt,
      })
      attached += 1
    })
  }
  return attached
}

/** Covers and avatars for most storefronts, and a few examples of past work. */
export function seedStorePhotos(
  tx: Transaction,
  random: Random,
  openedStores: DemoStore[],
  pictures: DemoImages,
) {
  const setPictures = tx
    .update(stores)
    // set() takes SQL but not a bare placeholder; wrapped, the placeholder binds as usual.
    .set({
      coverImageId: sql`${sql.placeholder('coverImageId')}`,
      avatarImageId: sql`${sql.placeholder('avatarImageId')}`,
    })
    .where(eq(stores.id, sql.placeholder('storeId')))
    .prepare()
  const insertWork = tx
    .insert(portfolioItems)
    .values({
      storeId: sql.placeholder('storeId'),
      imageId: sql.placeholder('imageId'),
      caption: sql.placeholder('caption'),
      position: sql.placeholder('position'),
    })
    .prepare()
  for (const store of openedStores) {
    const trade = CATALOG[store.trade]
    const [cover, avatar = cover] = trade.pictures.map((subject) => pictures.get(subject)!)
    const coverImageId = random() < COVER_SHARE ? cover : null
    const avatarImageId = random() < AVATAR_SHARE ? avatar : null
    if (coverImageId !== null || avatarImageId !== null)
      setPictures.run({ storeId: store.id, coverImageId, avatarImageId })
    if (trade.portfolio.length === 0 || random() >= PORTFOLIO_SHARE) continue
    trade.portfolio.forEach((work, position) =>
      insertWork.run({
        storeId: store.id,
        imageId: pictures.get(work.subject)!,
        caption: work.caption,
        position,
      }),
    )
  }
}
