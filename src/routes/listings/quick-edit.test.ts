import { afterEach, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { listings, listingUnits } from '../../../db/schema'
import { takeStock } from '../../models/listing/units'
import {
  cookiesFrom,
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
})

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
