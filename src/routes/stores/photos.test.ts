import { existsSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { images, portfolioItems, stores } from '../../../db/schema'
import { variantFileName } from '../../lib/images'
import { createOpenMarket, createProvider, fieldError, page, type TestMarket } from '../../test/app'
import { phoneJpeg, solidImage } from '../../test/photos'

let market: TestMarket
afterEach(() => market.cleanup())

let jpeg: Uint8Array
let png: Uint8Array
beforeAll(async () => {
  jpeg = await phoneJpeg(400, 300)
  png = await solidImage(500, 300, 'png', '#aa3311')
})

async function storeSlug() {
  return market.db.select().from(stores).get()!.slug
}

describe('POST /stores/:slug/avatar and /cover', () => {
  it('stores the photo and shows it on the storefront, with alt text', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const slug = await storeSlug()
    const response = await market.upload(
      `/stores/${slug}/avatar`,
      { avatar: [{ name: 'me.jpg', bytes: jpeg }] },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/stores/${slug}/edit`)
    const cover = await market.upload(
      `/stores/${slug}/cover`,
      { cover: [{ name: 'shop.png', bytes: png }] },
      { cookie },
    )
    expect(cover.status).toBe(303)

    const store = market.db.select().from(stores).get()!
    const avatar = market.db
      .select()
      .from(images)
      .all()
      .find((image) => image.id === store.avatarImageId)!
    expect(avatar.width).toBe(300) // the phone photo was stored sideways; it comes out upright
    expect(
      existsSync(join(market.config.uploadsDir, variantFileName(avatar.hash, 160, 'avif'))),
    ).toBe(true)

    const document = await page(await market.get(`/stores/${slug}`))
    const avatarImg = document.querySelector('.store__avatar img.picture__image')!
    expect(avatarImg.getAttribute('alt')).toMatch(/Lamin Sowe/)
    // A square crop, drawn square: 300 × 400 upright is too narrow for 320, so 160 × 160.
    expect(avatarImg.getAttribute('src')).toBe(`/uploads/${avatar.hash}-160sq.jpg`)
    expect([avatarImg.getAttribute('width'), avatarImg.getAttribute('height')]).toEqual([
      '160',
      '160',
    ])
    expect(
      document.querySelector('.store__avatar source[type="image/avif"]')?.getAttribute('srcset'),
    ).toBe(`/uploads/${avatar.hash}-64sq.avif 64w, /uploads/${avatar.hash}-160sq.avif 160w`)
    const served = await market.get(`/uploads/${avatar.hash}-160sq.jpg`)
    expect(served.status).toBe(200)
    expect(await sharp(Buffer.from(await served.arrayBuffer())).metadata()).toMatchObject({
      width: 160,
      height: 160,
    })
    expect(document.querySelector('.store__cover source[type="image/avif"]')).not.toBeNull()
  })

  it('explains a file that is not a photo beside the input and changes nothing', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const slug = await storeSlug()
    const text = new TextEncoder().encode('just some text, honest')
    const response = await market.upload(
      `/stores/${slug}/avatar`,
      { avatar: [{ name: 'photo.jpg', bytes: text }] },
      { cookie },
    )
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(document.querySelector('#field-avatar-error')?.textContent).toMatch(
      /“photo.jpg” is not a photo/,
    )
    expect(market.db.select().from(stores).get()!.avatarImageId).toBeNull()
    expect(market.db.select().from(images).all()).toHaveLength(0)
  })

  it('refuses an SVG', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    )
    const response = await market.upload(
      `/stores/${await storeSlug()}/cover`,
      { cover: [{ name: 'logo.svg', bytes: svg }] },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect(market.db.select().from(images).all()).toHaveLength(0)
  })

  it("answers 404 to another member uploading to someone else's storefront", async () => {
    market = await createOpenMarket()
    await createProvider(market)
    const slug = await storeSlug()
    const other = await createProvider(market)
    const response = await market.upload(
      `/stores/${slug}/avatar`,
      { avatar: [{ name: 'x.jpg', bytes: jpeg }] },
      { cookie: other.cookie },
    )
    expect(response.status).toBe(404)
    expect(market.db.select().from(images).all()).toHaveLength(0)
  })
})

describe('POST /stores/:slug/portfolio', () => {
  it('adds captioned photos of past work, shown on the storefront, and removes them', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const slug = await storeSlug()
    const response = await market.upload(
      `/stores/${slug}/portfolio`,
      {
        photos: [
          { name: 'a.jpg', bytes: jpeg },
          { name: 'b.png', bytes: png },
        ],
      },
      { cookie, fields: { caption: 'Kitchen tiling in Brufut' } },
    )
    expect(response.status).toBe(303)
    const items = market.db.select().from(portfolioItems).all()
    expect(items.map((item) => [item.caption, item.position])).toEqual([
      ['Kitchen tiling in Brufut', 0],
      ['Kitchen tiling in Brufut', 1],
    ])
    const document = await page(await market.get(`/stores/${slug}`))
    expect(document.querySelectorAll('.photo-grid li')).toHaveLength(2)

    const other = await createProvider(market)
    expect(
      (
        await market.post(
          `/stores/${slug}/portfolio/${items[0]!.id}/removal`,
          {},
          { cookie: other.cookie },
        )
      ).status,
    ).toBe(404)
    expect(
      (await market.post(`/stores/${slug}/portfolio/${items[0]!.id}/removal`, {}, { cookie }))
        .status,
    ).toBe(303)
    expect(market.db.select().from(portfolioItems).all()).toHaveLength(1)
  })

  it('asks for a photo when none was chosen', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const response = await market.upload(
      `/stores/${await storeSlug()}/portfolio`,
      {},
      { cookie, fields: { caption: 'x' } },
    )
    expect(response.status).toBe(422)
    expect((await page(response)).querySelector('#field-photos-error')?.textContent).toMatch(
      /Choose a photo/,
    )
  })

  it('keeps nothing when one of the files is refused', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const truncated = jpeg.slice(0, Math.floor(jpeg.length / 2))
    const response = await market.upload(
      `/stores/${await storeSlug()}/portfolio`,
      {
        photos: [
          { name: 'good.jpg', bytes: png },
          { name: 'broken.jpg', bytes: truncated },
        ],
      },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect((await page(response)).querySelector('#field-photos-error')?.textContent).toMatch(
      /broken\.jpg/,
    )
    expect(market.db.select().from(portfolioItems).all()).toHaveLength(0)
    expect(
      fieldError(
        await page(await market.get(`/stores/${await storeSlug()}/edit`, { cookie })),
        'photos',
      ),
    ).toBeNull()
  })
})
