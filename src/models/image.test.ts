import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import * as schema from '../../db/schema'
import { images, portfolioItems, stores } from '../../db/schema'
import { DAY, HOUR } from '../lib/clock'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { seedCompletedSale } from '../test/reviews'
import { solidImage } from '../test/photos'
import { deleteOrphanedImages, IMAGE_REFERENCES, imageWidths, savePhoto, type Image } from './image'
import { writeReview } from './review'

let market: TestMarket
afterEach(() => market.cleanup())

function uploadedFiles(): string[] {
  const dir = market.config.uploadsDir
  return existsSync(dir) ? readdirSync(dir).sort() : []
}

function filesOf(image: Image): string[] {
  return imageWidths(image).flatMap((width) =>
    ['avif', 'webp', 'jpg'].map((format) => `${image.hash}-${width}.${format}`),
  )
}

async function save(memberId: number | null, colour: string) {
  const result = await savePhoto(
    market.db,
    market.config.uploadsDir,
    memberId,
    await solidImage(500, 375, 'jpeg', colour),
    { clock: market.clock },
  )
  if (!result.ok) throw new Error(`refused: ${result.reason}`)
  return result.image
}

function createStore(memberId: number, fields: Partial<typeof stores.$inferInsert> = {}) {
  return market.db
    .insert(stores)
    .values({
      memberId,
      slug: `store-${memberId}`,
      name: 'Stall',
      updatedAt: new Date(),
      ...fields,
    })
    .returning()
    .get()
}

describe('savePhoto', () => {
  it('stores the variants and one images row for the member', async () => {
    market = await createOpenMarket()
    const member = await createMember(market)
    const image = await save(member.id, '#aa3300')
    expect(image).toMatchObject({ width: 500, height: 375, widths: '160,320,500' })
    expect(image.uploadedBy).toBe(member.id)
    expect(image.placeholder).toMatch(/^data:image\/webp;base64,/)
    expect(image.createdAt).toEqual(market.clock.now())
    expect(uploadedFiles()).toEqual(filesOf(image).sort())
  })

  it('stores identical uploads once', async () => {
    market = await createOpenMarket()
    const member = await createMember(market)
    const first = await save(member.id, '#aa3300')
    const written = statSync(join(market.config.uploadsDir, filesOf(first)[0]!)).mtimeMs
    const second = await save(null, '#aa3300')
    expect(second.id).toBe(first.id)
    expect(second.uploadedBy).toBe(member.id)
    expect(market.db.select().from(images).all()).toHaveLength(1)
    expect(uploadedFiles()).toHaveLength(9)
    expect(statSync(join(market.config.uploadsDir, filesOf(first)[0]!)).mtimeMs).toBe(written)
  })

  it('refuses what is not a photo and stores nothing', async () => {
    market = await createOpenMarket()
    const result = await savePhoto(
      market.db,
      market.config.uploadsDir,
      null,
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    )
    expect(result).toEqual({ ok: false, reason: 'unsupported_type' })
    expect(market.db.select().from(images).all()).toHaveLength(0)
    expect(uploadedFiles()).toEqual([])
  })
})

describe('deleteOrphanedImages', () => {
  it('knows every column in the schema that points at an image', () => {
    const pointingAtImages = Object.values(schema)
      .filter((table) => table instanceof SQLiteTable)
      .flatMap((table) => {
        const config = getTableConfig(table)
        return config.foreignKeys
          .map((key) => key.reference())
          .filter((reference) => getTableConfig(reference.foreignTable).name === 'images')
          .flatMap((reference) =>
            reference.columns.map((column) => `${config.name}.${column.name}`),
          )
      })
    const listed = IMAGE_REFERENCES.map(
      ({ table, column }) => `${getTableConfig(table).name}.${column.name}`,
    )
    // Who uploaded an image is no use of it: the row goes with the image (ON DELETE CASCADE).
    const notUses = ['image_uploads.image_id']
    expect(listed.sort()).toEqual(
      pointingAtImages.filter((column) => !notUses.includes(column)).sort(),
    )
  })

  it('deletes old unattached images and their files, and keeps attached and fresh ones', async () => {
    market = await createOpenMarket()
    const member = await createMember(market)
    const avatar = await save(member.id, '#110000')
    const cover = await save(member.id, '#220000')
    const portfolio = await save(member.id, '#330000')
    const orphan = await save(member.id, '#440000')
    const store = createStore(member.id, { avatarImageId: avatar.id, coverImageId: cover.id })
    market.db.insert(portfolioItems).values({ storeId: store.id, imageId: portfolio.id }).run()
    market.clock.advance(2 * DAY)
    const fresh = await save(member.id, '#550000')

    const olderThan = new Date(market.clock.now().getTime() - DAY)
    expect(deleteOrphanedImages(market.db, market.config.uploadsDir, { olderThan })).toBe(1)

    const kept = market.db.select({ id: images.id }).from(images).all()
    expect(kept.map((image) => image.id).sort()).toEqual(
      [avatar.id, cover.id, portfolio.id, fresh.id].sort(),
    )
    expect(uploadedFiles()).toEqual([avatar, cover, portfolio, fresh].flatMap(filesOf).sort())
    expect(filesOf(orphan).some((name) => uploadedFiles().includes(name))).toBe(false)
  })

  it('keeps an old image that was just uploaded again, until it has had time to be attached', async () => {
    market = await createOpenMarket()
    const first = await save(null, '#660000')
    market.clock.advance(3 * DAY)
    const again = await save(null, '#660000')
    expect(again.id).toBe(first.id)
    market.clock.advance(HOUR)
    const olderThan = new Date(market.clock.now().getTime() - DAY)
    expect(deleteOrphanedImages(market.db, market.config.uploadsDir, { olderThan })).toBe(0)
    expect(uploadedFiles()).toEqual(filesOf(first).sort())

    market.clock.advance(2 * DAY)
    const later = new Date(market.clock.now().getTime() - DAY)
    expect(deleteOrphanedImages(market.db, market.config.uploadsDir, { olderThan: later })).toBe(1)
    expect(uploadedFiles()).toEqual([])
  })

  it('keeps an image that is no longer a store’s avatar but still in its portfolio', async () => {
    market = await createOpenMarket()
    const member = await createMember(market)
    const image = await save(member.id, '#770000')
    const store = createStore(member.id, { avatarImageId: image.id })
    market.db.insert(portfolioItems).values({ storeId: store.id, imageId: image.id }).run()
    market.db.update(stores).set({ avatarImageId: null }).run()
    market.clock.advance(2 * DAY)
    const olderThan = new Date(market.clock.now().getTime() - DAY)
    expect(deleteOrphanedImages(market.db, market.config.uploadsDir, { olderThan })).toBe(0)
    expect(market.db.select().from(images).all()).toHaveLength(1)
  })

  it('keeps the photos of a review', async () => {
    market = await createOpenMarket()
    const sale = await seedCompletedSale(market)
    const photo = await save(sale.buyer.id, '#880000')
    const written = writeReview(market.db, market.clock, sale.buyer.id, sale.order.code, {
      stars: 5,
      title: '',
      body: 'Fixed.',
      recommend: true,
      photoIds: [photo.id],
    })
    expect(written.ok).toBe(true)
    market.clock.advance(2 * DAY)
    const olderThan = new Date(market.clock.now().getTime() - DAY)
    expect(deleteOrphanedImages(market.db, market.config.uploadsDir, { olderThan })).toBe(0)
    expect(uploadedFiles()).toEqual(filesOf(photo).sort())
  })
})
