import { afterEach, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { listings, listingUnits } from '../../../db/schema'
import { takeStock } from '../../models/listing/units'
import { solidImage } from '../../test/photos'
import {
  cookiesFrom,
  createMember,
  createProvider,
  createOpenMarket,
  page,
  productForm,
  serviceForm,
  type TestMarket,
} from '../../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

const jam = {
  kind: 'product',
  title: 'Mango jam',
  categoryId: '127',
  price: '75',
  stock: '12',
  pickup: 'on',
}

/** The default unit of goods without variants: their price and stock. */
function defaultUnit(listingId?: number) {
  return market.db
    .select()
    .from(listingUnits)
    .where(
      listingId === undefined
        ? eq(listingUnits.kind, 'default')
        : eq(listingUnits.listingId, listingId),
    )
    .get()
}

async function createListing(cookie: string, form: Record<string, string>) {
  const response = await market.post('/listings', form, { cookie })
  return Number(/\/listings\/(\d+)\/edit/.exec(response.headers.get('Location')!)![1])
}

describe('GET /listings/mine', () => {
  it('shows status, price and stock at a glance, only for the member’s own listings', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    await createListing(cookie, jam)
    await createListing(cookie, serviceForm)
    const other = await createProvider(market)
    await createListing(other.cookie, { ...jam, title: 'Someone else’s honey' })

    const document = await page(await market.get('/listings/mine', { cookie }))
    const rows = [...document.querySelectorAll('.my-listing')]
    expect(rows).toHaveLength(2)
    expect(document.body.textContent).not.toContain('Someone else’s honey')
    const jamRow = rows.find((row) => row.textContent!.includes('Mango jam'))!
    expect(jamRow.textContent).toMatch(/Draft/)
    expect(jamRow.textContent).toMatch(/12 in stock/)
    expect(jamRow.querySelector('form.quick-edit')).not.toBeNull()
    const serviceRow = rows.find((row) => row.textContent!.includes('Leaking tap repair'))!
    expect(serviceRow.querySelector('form.quick-edit')).toBeNull()
  })

  it('shows each listing’s first photo as its thumbnail, or its initial in a box', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const withPhoto = await createListing(cookie, serviceForm)
    await createListing(cookie, jam)
    const photo = { name: 'tap.png', bytes: await solidImage(320, 240, 'png', '#2980b9') }
    await market.upload(`/listings/${withPhoto}/photos`, { photos: [photo] }, { cookie })

    const document = await page(await market.get('/listings/mine', { cookie }))
    const tap = document.querySelector(`#listing-row-${withPhoto} .my-listing__thumb`)!
    expect(tap.querySelector('img.picture__image')?.getAttribute('alt')).toBe('')
    const jamRow = [...document.querySelectorAll('.my-listing')].find((row) =>
      row.textContent!.includes('Mango jam'),
    )!
    const none = jamRow.querySelector('.my-listing__thumb--none')!
    expect(none.textContent).toBe('M')
    expect(none.getAttribute('aria-hidden')).toBe('true')
  })

  it('offers to publish a draft, pause what is on sale and resume what is paused, in the row', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const draft = await createListing(cookie, jam)
    const onSale = await createListing(cookie, serviceForm)
    const paused = await createListing(cookie, { ...serviceForm, title: 'Shower fitting' })
    for (const id of [onSale, paused])
      await market.post(`/listings/${id}/publication`, {}, { cookie })
    await market.post(`/listings/${paused}/publication`, { _method: 'DELETE' }, { cookie })

    const document = await page(await market.get('/listings/mine', { cookie }))
    const form = (id: number) =>
      document.querySelector<HTMLFormElement>(`#listing-row-${id} form.my-listing__publication`)!
    const fields = (id: number) =>
      Object.fromEntries(
        [...form(id).querySelectorAll('input')].map((input) => [input.name, input.value]),
      )
    expect(form(draft).getAttribute('action')).toBe(`/listings/${draft}/publication`)
    expect(form(draft).querySelector('button')?.textContent).toBe('Publish Mango jam')
    expect(fields(draft)).toEqual({ return: 'mine' })
    expect(form(onSale).querySelector('button')?.textContent).toBe('Pause Leaking tap repair')
    expect(fields(onSale)).toEqual({ return: 'mine', _method: 'DELETE' })
    expect(form(paused).querySelector('button')?.textContent).toBe('Resume Shower fitting')
  })

  it('leads to a first listing when there is none, and to a storefront when there is no store', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const empty = await page(await market.get('/listings/mine', { cookie }))
    expect(empty.querySelector('.empty__title')?.textContent).toBe(
      'List your first service or item',
    )
    expect(empty.querySelector('.empty a')?.getAttribute('href')).toBe('/listings/new')

    await createMember(market, { email: 'buyer@example.com' })
    const buyer = await market.signIn('buyer@example.com')
    const noStore = await page(await market.get('/listings/mine', { cookie: buyer }))
    expect(noStore.querySelector('.empty__title')?.textContent).toBe('Open your storefront first')
    expect(noStore.querySelector('.empty a')?.getAttribute('href')).toBe('/stores/new')
  })
})

describe('POST /listings/:id/publication from a row of My listings', () => {
  it('pauses and publishes, back to My listings with a message when JavaScript is off', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, serviceForm)

    const published = await market.post(
      `/listings/${id}/publication`,
      { return: 'mine' },
      { cookie },
    )
    expect(published.status).toBe(303)
    expect(published.headers.get('Location')).toBe('/listings/mine')
    const mine = await page(
      await market.get('/listings/mine', { cookie: `${cookie}; ${cookiesFrom(published)}` }),
    )
    expect(mine.querySelector(`#listing-row-${id} .status`)?.textContent).toBe('On sale')
    expect(mine.querySelector('.flash')?.textContent).toBe('Published: buyers can find it now.')

    const paused = await market.post(
      `/listings/${id}/publication`,
      { return: 'mine', _method: 'DELETE' },
      { cookie },
    )
    expect(paused.headers.get('Location')).toBe('/listings/mine')
    expect(status(id)).toBe('paused')
  })

  it('swaps just the row with htmx, saying what happened', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, serviceForm)
    const response = await market.post(
      `/listings/${id}/publication`,
      { return: 'mine' },
      { cookie, headers: { 'HX-Request': 'true' } },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('Vary')).toContain('HX-Request')
    const row = await page(response)
    expect(row.querySelector('h1')).toBeNull()
    expect(row.querySelector(`li#listing-row-${id} .status`)?.textContent).toBe('On sale')
    expect(row.querySelector('[role=status]')?.textContent).toBe(
      'Published: buyers can find it now.',
    )
    expect(row.querySelector('form.my-listing__publication button')?.textContent).toBe(
      'Pause Leaking tap repair',
    )
    expect(status(id)).toBe('published')
  })

  it('never lets another member pause someone else’s listing, with or without htmx', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, serviceForm)
    await market.post(`/listings/${id}/publication`, {}, { cookie })
    const other = await createProvider(market)
    for (const headers of [{}, { 'HX-Request': 'true' }] as Record<string, string>[]) {
      const response = await market.post(
        `/listings/${id}/publication`,
        { return: 'mine', _method: 'DELETE' },
        { cookie: other.cookie, headers },
      )
      expect(response.status).toBe(404)
    }
    expect(status(id)).toBe('published')
    const theirs = await page(await market.get('/listings/mine', { cookie: other.cookie }))
    expect(theirs.querySelector(`#listing-row-${id}`)).toBeNull()
  })
})

function status(listingId: number) {
  return market.db.select().from(listings).where(eq(listings.id, listingId)).get()?.status
}

describe('POST /listings/:id/quick-edit', () => {
  it('updates price and stock and swaps just the row for htmx', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, jam)
    const response = await market.post(
      `/listings/${id}/quick-edit`,
      { price: '80.50', stock: '0', stockWas: '12' },
      { cookie, headers: { 'HX-Request': 'true' } },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('Vary')).toContain('HX-Request')
    const html = await response.text()
    expect(html.startsWith('<li')).toBe(true)
    expect(html).toContain('sold out')
    expect(market.db.select().from(listings).get()).toMatchObject({ fromPrice: 8050 })
    expect(defaultUnit()).toMatchObject({ price: 8050, stock: 0 })
  })

  it('without JavaScript, saves and returns to the list with a message', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, jam)
    const response = await market.post(
      `/listings/${id}/quick-edit`,
      { price: '90', stock: '5', stockWas: '12' },
      { cookie },
    )
    expect(response.headers.get('Location')).toBe('/listings/mine')
    const document = await page(
      await market.get('/listings/mine', { cookie: `${cookie}; ${cookiesFrom(response)}` }),
    )
    expect(document.querySelector('.flash')?.textContent).toBe('Mango jam: saved.')
  })

  it('explains a bad price or stock beside the field and changes nothing', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, jam)
    const response = await market.post(
      `/listings/${id}/quick-edit`,
      { price: '-1', stock: 'lots', stockWas: '12' },
      { cookie, headers: { 'HX-Request': 'true' } },
    )
    expect(response.status).toBe(422)
    const row = await page(response)
    expect(row.querySelector(`#price-${id}-error`)?.textContent).toMatch(/amount/)
    expect(row.querySelector(`#stock-${id}-error`)?.textContent).toMatch(/how many you have/)
    // The message sits beside what was typed, not beside the old saved value.
    expect(row.querySelector(`#price-${id}`)?.getAttribute('value')).toBe('-1')
    expect(row.querySelector(`#stock-${id}`)?.getAttribute('value')).toBe('lots')
    expect(defaultUnit()).toMatchObject({ price: 7500, stock: 12 })
  })

  it('reads prices the way the site writes them, with thousands separators', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, jam)
    const response = await market.post(
      `/listings/${id}/quick-edit`,
      { price: '4,400', stock: '3', stockWas: '12' },
      { cookie, headers: { 'HX-Request': 'true' } },
    )
    expect(response.status).toBe(200)
    expect(defaultUnit()).toMatchObject({ price: 440000 })

    const ambiguous = await market.post(
      `/listings/${id}/quick-edit`,
      { price: '4,40', stock: '3', stockWas: '12' },
      { cookie, headers: { 'HX-Request': 'true' } },
    )
    expect(ambiguous.status).toBe(422)
    expect((await page(ambiguous)).querySelector(`#price-${id}-error`)?.textContent).toBe(
      '“4,40” could be read two ways. Write thousands like 4,400 and decimals like 12.50.',
    )
    expect(defaultUnit()).toMatchObject({ price: 440000 })
  })

  it('without JavaScript, shows a refused edit in its row with what was typed', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, jam)
    const response = await market.post(
      `/listings/${id}/quick-edit`,
      { price: '80', stock: 'lots', stockWas: '12' },
      { cookie },
    )
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(document.querySelector('h1')?.textContent).toBe('My listings')
    expect(document.querySelector(`#stock-${id}-error`)?.textContent).toMatch(/how many you have/)
    expect(document.querySelector(`#stock-${id}`)?.getAttribute('value')).toBe('lots')
    expect(document.querySelector(`#price-${id}`)?.getAttribute('value')).toBe('80')
    expect(defaultUnit()).toMatchObject({ price: 7500, stock: 12 })
  })

  it('refuses an absurd price, as the listing form does', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, jam)
    const response = await market.post(
      `/listings/${id}/quick-edit`,
      { price: '99999999999', stock: '3', stockWas: '12' },
      { cookie, headers: { 'HX-Request': 'true' } },
    )
    expect(response.status).toBe(422)
    expect((await page(response)).querySelector(`#price-${id}-error`)?.textContent).toMatch(
      /too high/,
    )
    expect(defaultUnit()).toMatchObject({ price: 7500, stock: 12 })
  })

  it('says "Saved." in the swapped row so screen readers hear it', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, jam)
    const response = await market.post(
      `/listings/${id}/quick-edit`,
      { price: '75', stock: '3', stockWas: '12' },
      { cookie, headers: { 'HX-Request': 'true' } },
    )
    expect((await page(response)).querySelector('[role=status]')?.textContent).toBe('Saved.')
  })

  it('leaves listings with variants, and other members’ listings, alone', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const withVariants = await createListing(cookie, productForm)
    expect(
      (
        await market.post(
          `/listings/${withVariants}/quick-edit`,
          { price: '1', stock: '1', stockWas: '12' },
          { cookie },
        )
      ).status,
    ).toBe(404)
    const id = await createListing(cookie, jam)
    const other = await createProvider(market)
    expect(
      (
        await market.post(
          `/listings/${id}/quick-edit`,
          { price: '1', stock: '1', stockWas: '12' },
          { cookie: other.cookie },
        )
      ).status,
    ).toBe(404)
    expect(
      (await market.post(`/listings/${id}/quick-edit`, { price: '1', stock: '1', stockWas: '12' }))
        .status,
    ).toBe(303)
    expect(
      market.db
        .select()
        .from(listings)
        .all()
        .map((listing) => listing.fromPrice),
    ).toEqual([7500, 7500])
  })

  it('changes the stock by the difference from what the row showed, keeping sales made since', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, jam)
    const shown = await page(await market.get('/listings/mine', { cookie }))
    expect(
      shown.querySelector(`#listing-row-${id} input[name=stockWas]`)?.getAttribute('value'),
    ).toBe('12')
    // Five sold while the page was open; the provider only changes the price.
    expect(takeStock(market.db, defaultUnit()!.id, 5)).toBe(true)
    const response = await market.post(
      `/listings/${id}/quick-edit`,
      { price: '80', stock: '12', stockWas: '12' },
      { cookie, headers: { 'HX-Request': 'true' } },
    )
    expect(response.status).toBe(200)
    expect(defaultUnit()).toMatchObject({ price: 8000, stock: 7 })
    const row = await page(response)
    expect(row.querySelector(`#stock-${id}`)?.getAttribute('value')).toBe('7')
    expect(row.querySelector('input[name=stockWas]')?.getAttribute('value')).toBe('7')
  })

  it('refuses a stock that sales since made impossible, showing what is left, with or without htmx', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, jam)
    expect(takeStock(market.db, defaultUnit()!.id, 11)).toBe(true)
    const message =
      'Some sold since this form was opened: 1 left now. Check the number and save again.'
    for (const headers of [{ 'HX-Request': 'true' }, {}] as Record<string, string>[]) {
      const response = await market.post(
        `/listings/${id}/quick-edit`,
        { price: '99', stock: '2', stockWas: '12' },
        { cookie, headers },
      )
      expect(response.status).toBe(422)
      const document = await page(response)
      expect(document.querySelector(`#stock-${id}-error`)?.textContent).toBe(message)
      expect(document.querySelector(`#stock-${id}`)?.getAttribute('value')).toBe('1')
      expect(document.querySelector(`#price-${id}`)?.getAttribute('value')).toBe('99')
      expect(
        document.querySelector(`#listing-row-${id} input[name=stockWas]`)?.getAttribute('value'),
      ).toBe('1')
    }
    expect(defaultUnit()).toMatchObject({ price: 7500, stock: 1 })
  })

  it('refuses a row that does not say what stock it showed', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, jam)
    const response = await market.post(
      `/listings/${id}/quick-edit`,
      { price: '80', stock: '3' },
      { cookie, headers: { 'HX-Request': 'true' } },
    )
    expect(response.status).toBe(422)
    const row = await page(response)
    expect(row.querySelector(`#stock-${id}-error`)?.textContent).toMatch(/changed since/)
    expect(row.querySelector(`#stock-${id}`)?.getAttribute('value')).toBe('12')
    expect(defaultUnit()).toMatchObject({ price: 7500, stock: 12 })
  })
})
