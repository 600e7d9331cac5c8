// Demo photos: a dozen pictures drawn, encoded and stored once, then shared by every listing,
// storefront and portfolio in the town — content addressing keeps a big town's uploads folder
// as small as a tiny one's, and seeding stays quick. They are stored and attached through the
// same model functions an upload goes through.
import type { Db } from '../src/db'
import { clockAt, type Clock } from '../src/lib/clock'
import sharp from 'sharp'
import { processPhoto, writeVariants } from '../src/lib/images'
import { storeProcessedPhoto } from '../src/models/image'
import { addPortfolioItems, setStorePhoto } from '../src/models/store-photos'
import { CATALOG } from './demo-catalog'
import type { PhotoPicker } from './demo-listings'
import { drawPicture, PICTURE_SUBJECTS, type PictureSubject } from './demo-pictures'
import type { DemoStore } from './demo-stores'

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
  // Stored in subject order, whichever encode finished first, so a seed always gives the same
  // ids — which is why this is savePhoto's second half rather than savePhoto itself.
  for (const [index, photo] of photos.entries()) {
    const image = await storeProcessedPhoto(db, uploadsDir, null, photo, { clock })
    stored.set(PICTURE_SUBJECTS[index]!, image.id)
  }
  return stored
}

/** A photo encoded and on disk, waiting for its row (written by whoever "uploads" it). */
export type DemoPhoto = Awaited<ReturnType<typeof encodeReviewPictures>>[number]

/**
 * Two photos buyers took of what they got, for reviews: demo pictures seen from the other side
 * (mirrored, so other bytes and their own images), encoded and written to `uploadsDir` before
 * the seeding transaction; their rows are written inside it, as their buyer's uploads.
 */
export async function encodeReviewPictures(uploadsDir: string) {
  const subjects: PictureSubject[] = ['pot', 'wrench']
  const photos = []
  for (const subject of subjects) {
    const mirrored = await sharp(await drawPicture(subject))
      .flop()
      .png()
      .toBuffer()
    const photo = await processPhoto(mirrored)
    if (!photo.ok) throw new Error(`the demo review picture "${subject}" was refused`)
    await writeVariants(uploadsDir, photo.hash, photo.variants)
    photos.push(photo)
  }
  return photos
}

/** Picks one to three of a listing's template photos, each with alt text that describes it. */
export function listingPhotoPicker(random: Random, pictures: DemoImages): PhotoPicker {
  return (template) => {
    const photos = template.photos
    const shown = 1 + Math.floor(random() * photos.length)
    return photos
      .slice(0, shown)
      .map((photo) => ({ imageId: pictures.get(photo.subject)!, alt: photo.alt }))
  }
}

/**
 * Covers and avatars for most storefronts, and a few examples of past work, set by their owners
 * on the day they opened.
 */
export function seedStorePhotos(
  db: Db,
  random: Random,
  openedStores: DemoStore[],
  pictures: DemoImages,
) {
  for (const store of openedStores) {
    const trade = CATALOG[store.trade]
    const [cover, avatar = cover] = trade.pictures.map((subject) => pictures.get(subject)!)
    const clock = clockAt(store.openedAt)
    if (random() < COVER_SHARE) setPhoto(db, clock, store, 'cover', cover!)
    if (random() < AVATAR_SHARE) setPhoto(db, clock, store, 'avatar', avatar!)
    if (trade.portfolio.length === 0 || random() >= PORTFOLIO_SHARE) continue
    const items = trade.portfolio.map((work) => ({
      imageId: pictures.get(work.subject)!,
      caption: work.caption,
    }))
    const added = addPortfolioItems(db, store.owner, store.slug, items)
    if (!added.ok) throw new Error(`${store.slug}'s portfolio was refused: ${added.reason}`)
  }
}

function setPhoto(
  db: Db,
  clock: Clock,
  store: DemoStore,
  slot: 'avatar' | 'cover',
  imageId: number,
) {
  if (!setStorePhoto(db, clock, store.owner, store.slug, slot, imageId))
    throw new Error(`${store.slug}'s ${slot} was refused`)
}
