import sharp from 'sharp'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { images, listingPhotos } from '../../../db/schema'
import {
  createOpenMarket,
  createProvider,
  page,
  serviceForm,
  type TestMarket,
} from '../../test/app'
import { phoneJpeg, solidImage } from '../../test/photos'

let market: TestMarket
afterEach(() => market.cleanup())

let photos: { name: string; bytes: Uint8Array }[]
beforeAll(async () => {
  const colours = ['#c0392b', '#2980b9', '#27ae60', '#8e44ad', '#f39c12', '#16a085']
  photos = await Promise.all(
    colours.map(async (colour, index) => ({
      name: `photo-${index + 1}.png`,
      bytes: await solidImage(320, 240, 'png', colour),
    })),
  )
})

async function newListing(cookie: string) {
  const response = await market.post('/listings', serviceForm, { cookie })
  return Number(/\/listings\/(\d+)\/edit/.exec(response.headers.get('Location')!)![1])
}

function gallery(listingId: number) {
  return market.db
    .select()
    .from(listingPhotos)
    .all()
    .filter((photo) => photo.listingId === listingId)
    .sort((a, b) => a.position - b.position)
}

describe('POST /listings/:id/photos', () => {
  it('adds several photos at once, described by the title until the provider says more', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await newListing(cookie)
    const response = await market.upload(
      `/listings/${id}/photos`,
      { photos: photos.slice(0, 2) },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/listings/${id}/edit#photos`)
    expect(gallery(id).map((photo) => [photo.position, photo.alt])).toEqual([
      [0, 'Leaking tap repair'],
      [1, 'Leaking tap repair'],
    ])
    const edit = await page(await market.get(`/listings/${id}/edit`, { cookie }))
    expect(edit.querySelectorAll('#photos .photo-grid li')).toHaveLength(2)
  })

  it('shows the gallery on the listing page and the first photo on cards', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await newListing(cookie)
    await market.upload(`/listings/${id}/photos`, { photos: photos.slice(0, 3) }, { cookie })
    await market.post(`/listings/${id}/publication`, {}, { cookie })
    const listingPage = await page(await market.get(`/listings/${id}-leaking-tap-repair`))
    const shown = [...listingPage.querySelectorAll('.gallery img.picture__image')]
    expect(shown).toHaveLength(3)
    expect(shown[0]!.getAttribute('loading')).toBe('eager')
    expect(shown[1]!.getAttribute('loading')).toBe('lazy')
    expect(
      shown.every(
        (img) => img.getAttribute('width') === '320' && img.getAttribute('height') === '240',
      ),
    ).toBe(true)
    const home = await page(await market.get('/'))
    expect(home.querySelector('.listing-card .picture__placeholder')?.getAttribute('src')).toMatch(
      /^data:image\/webp;base64,/,
    )
  })

  it('refuses an eleventh photo beside the input and adds nothing', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await newListing(cookie)
    const ten = Array.from({ length: 10 }, (_, index) => photos[index % photos.length]!)
    // Identical files are stored once but attached ten times: the gallery counts attachments.
    expect(
      (await market.upload(`/listings/${id}/photos`, { photos: ten }, { cookie })).status,
    ).toBe(303)
    expect(gallery(id)).toHaveLength(10)
    const eleventh = await market.upload(
      `/listings/${id}/photos`,
      { photos: [photos[0]!] },
      { cookie },
    )
    expect(eleventh.status).toBe(422)
    expect((await page(eleventh)).querySelector('#photos .field__error')?.textContent).toMatch(
      /at most 10 photos/,
    )
    expect(gallery(id)).toHaveLength(10)
  })

  it('says how much room is left when too many are chosen', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await newListing(cookie)
    await market.upload(`/listings/${id}/photos`, { photos: photos.slice(0, 6) }, { cookie })
    const response = await market.upload(
      `/listings/${id}/photos`,
      { photos: photos.slice(0, 5) },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect((await page(response)).querySelector('#field-photos-error')?.textContent).toMatch(
      /room for 4 more photos/,
    )
    expect(gallery(id)).toHaveLength(6)
  })

  it('strips the location from a phone photo in every stored variant', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await newListing(cookie)
    await market.upload(
      `/listings/${id}/photos`,
      { photos: [{ name: 'IMG_0001.jpg', bytes: await phoneJpeg(600, 400) }] },
      { cookie },
    )
    const listingPage = await page(
      await market.get(`/listings/${id}-leaking-tap-repair`, { cookie }),
    )
    const urls = [
      ...listingPage.querySelectorAll('.gallery source, .gallery img.picture__image'),
    ].flatMap((element) =>
      (element.getAttribute('srcset') ?? '').split(',').map((entry) => entry.trim().split(' ')[0]!),
    )
    expect(urls.length).toBeGreaterThanOrEqual(6)
    for (const url of urls) {
      const response = await market.get(url)
      expect(response.status).toBe(200)
      const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
      expect(metadata.exif, url).toBeUndefined()
      expect(metadata.xmp, url).toBeUndefined()
    }
  })

  it("answers 404 to another member adding photos to someone else's listing", async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await newListing(cookie)
    const other = await createProvider(market)
    expect(
      (
        await market.upload(
          `/listings/${id}/photos`,
          { photos: [photos[0]!] },
          { cookie: other.cookie },
        )
      ).status,
    ).toBe(404)
    expect(market.db.select().from(images).all()).toHaveLength(0)
  })
})

describe('POST /listings/:id/photos/:photoId', () => {
  it('saves a description, moves a photo earlier and removes one', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await newListing(cookie)
    await market.upload(`/listings/${id}/photos`, { photos: photos.slice(0, 3) }, { cookie })
    const [first, second, third] = gallery(id)
    await market.post(
      `/listings/${id}/photos/${third!.id}`,
      { alt: 'New washer fitted under the sink', move: 'earlier' },
      { cookie },
    )
    expect(gallery(id).map((photo) => photo.id)).toEqual([first!.id, third!.id, second!.id])
    expect(gallery(id)[1]!.alt).toBe('New washer fitted under the sink')

    const other = await createProvider(market)
    expect(
      (
        await market.post(
          `/listings/${id}/photos/${first!.id}`,
          { alt: 'hacked' },
          { cookie: other.cookie },
        )
      ).status,
    ).toBe(404)
    expect(
      (
        await market.post(
          `/listings/${id}/photos/${first!.id}/removal`,
          {},
          { cookie: other.cookie },
        )
      ).status,
    ).toBe(404)

    expect(
      (await market.post(`/listings/${id}/photos/${first!.id}/removal`, {}, { cookie })).status,
    ).toBe(303)
    expect(gallery(id).map((photo) => photo.id)).toEqual([third!.id, second!.id])
  })

  it('refuses a description with a direction override and strips control characters', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await newListing(cookie)
    await market.upload(`/listings/${id}/photos`, { photos: photos.slice(0, 1) }, { cookie })
    const [photo] = gallery(id)
    const refused = await market.post(
      `/listings/${id}/photos/${photo!.id}`,
      { alt: 'Tap \u202egnikael' },
      { cookie },
    )
    expect(refused.status).toBe(422)
    expect((await page(refused)).querySelector('.form-errors, .field__error')?.textContent).toMatch(
      /direction of the text/,
    )
    expect(gallery(id)[0]!.alt).toBe(photo!.alt)

    await market.post(`/listings/${id}/photos/${photo!.id}`, { alt: 'Tap\u0000 fixed' }, { cookie })
    expect(gallery(id)[0]!.alt).toBe('Tap fixed')
  })
})
