import { and, asc, eq, isNull } from 'drizzle-orm'
import { parseHTML } from 'linkedom'
import { afterEach, describe, expect, it } from 'vitest'
import { listings, listingUnits } from '../../db/schema'
import { takeStock } from '../models/listing/units'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  createProvider,
  fieldError,
  page,
  productForm,
  serviceForm,
  type TestMarket,
} from '../test/app'
import { formFields } from '../test/form-fields'

let market: TestMarket
afterEach(() => market.cleanup())

/** A listing's units on sale of one kind (every listing's without `listingId`), in order. */
function unitsOnSale(kind: 'package' | 'variant' | 'default', listingId?: number) {
  return market.db
    .select()
    .from(listingUnits)
    .where(
      and(
        eq(listingUnits.kind, kind),
        isNull(listingUnits.retiredAt),
        listingId === undefined ? undefined : eq(listingUnits.listingId, listingId),
      ),
    )
    .orderBy(asc(listingUnits.listingId), asc(listingUnits.position))
    .all()
}

async function createListing(
  cookie: string,
  form: Record<string, string | string[]> = serviceForm,
) {
  const response = await market.post('/listings', form, { cookie })
  expect(response.status).toBe(303)
  const id = Number(/\/listings\/(\d+)\/edit/.exec(response.headers.get('Location')!)![1])
  return id
}

describe('GET /listings/new', () => {
  it('sends a member without a storefront to open one first', async () => {
    market = await createOpenMarket()
    await createMember(market, { email: 'buyer@example.com' })
    const cookie = await market.signIn('buyer@example.com')
    expect((await market.get('/listings/new', { cookie })).headers.get('Location')).toBe(
      '/stores/new',
    )
  })

  it('asks which kind, then shows the form for it', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const choice = await page(await market.get('/listings/new', { cookie }))
    expect(choice.querySelector('a[href="/listings/new?kind=service"]')).not.toBeNull()
    const service = await page(await market.get('/listings/new?kind=service', { cookie }))
    // One package row to start with, and a button for another.
    expect(service.getElementById('field-packages.0.name')).not.toBeNull()
    expect(service.getElementById('field-packages.1.name')).toBeNull()
    expect(service.querySelector('button[name="add"][value="packages"]')?.textContent).toBe(
      'Add another package',
    )
    expect(service.getElementById('field-variants.0.name')).toBeNull()
    const product = await page(await market.get('/listings/new?kind=product', { cookie }))
    expect(product.getElementById('field-variants.0.stock')).not.toBeNull()
    expect(product.getElementById('field-variants.1.stock')).toBeNull()
    expect(product.querySelector('select#field-categoryId optgroup')).not.toBeNull()
  })
})

describe('POST /listings', () => {
  it('saves a service with three packages as a draft', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie)
    const listing = market.db.select().from(listings).where(eq(listings.id, id)).get()!
    expect(listing).toMatchObject({
      kind: 'service',
      status: 'draft',
      slug: 'leaking-tap-repair',
      tags: 'plumbing,taps',
      fromPrice: 35000,
      serviceLocations: 'customer',
      durationMinutes: 60,
      publishedAt: null,
    })
    const packages = unitsOnSale('package', id)
    expect(packages.map((item) => [item.name, item.price, item.turnaroundDays])).toEqual([
      ['Call-out', 35000, 0],
      ['Half day', 120000, null],
      ['Full day', 200050, null],
    ])
  })

  it('reads places as a list of repeated fields and prices with thousands separators', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, {
      ...serviceForm,
      serviceLocations: ['customer', 'online', 'customer'],
      'packages.0.price': '4,400',
      'packages.1.price': '1 200.50',
    })
    expect(market.db.select().from(listings).where(eq(listings.id, id)).get()).toMatchObject({
      serviceLocations: 'customer,online',
      fromPrice: 120050,
    })
    expect(unitsOnSale('package').map((item) => item.price)).toEqual([440000, 120050, 200050])
  })

  it('stores text without control characters', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, {
      ...serviceForm,
      title: 'Leaking\u0000 tap repair\u200b',
      description: 'Line one\r\nLine\u0007 two',
    })
    expect(market.db.select().from(listings).where(eq(listings.id, id)).get()).toMatchObject({
      title: 'Leaking tap repair',
      description: 'Line one\nLine two',
    })
  })

  it('offers bookings on a service’s form, unticked, with the usual rules as hints', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const form = await page(await market.get('/listings/new?kind=service', { cookie }))
    const bookable = form.querySelector<HTMLInputElement>('input[name="bookable"]')
    expect(bookable?.hasAttribute('checked')).toBe(false)
    expect(form.querySelector('label[for="field-capacity"]')?.textContent).toBe('People per time')
    expect(form.querySelector('#field-noticeHours-hint')?.textContent).toBe('Usually 2.')
    const goods = await page(await market.get('/listings/new?kind=product', { cookie }))
    expect(goods.querySelector('[name="bookable"]')).toBeNull()
  })

  it('saves a product with variants, the cheapest as its "from" price', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, productForm)
    const listing = market.db.select().from(listings).where(eq(listings.id, id)).get()!
    expect(listing).toMatchObject({ kind: 'product', fromPrice: 7500, deliveryFee: 2500 })
    const variants = unitsOnSale('variant', id)
    expect(variants.map((variant) => [variant.name, variant.price, variant.stock])).toEqual([
      ['Small jar', 7500, 12],
      ['Large jar', 14000, 0],
    ])
    // Variants replace the price and stock of goods without: no default unit.
    expect(unitsOnSale('default', id)).toEqual([])
  })

  it('saves a simple product with one price and stock', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, {
      kind: 'product',
      title: 'Second-hand bike',
      categoryId: '11',
      price: '2500',
      stock: '1',
      pickup: 'on',
    })
    expect(market.db.select().from(listings).where(eq(listings.id, id)).get()).toMatchObject({
      fromPrice: 250000,
      delivery: false,
      deliveryFee: null,
    })
    expect(unitsOnSale('default', id)).toMatchObject([{ name: '', price: 250000, stock: 1 }])
  })

  it.each([
    ['title', { title: '' }, /Give your listing a title/],
    ['categoryId', { categoryId: '' }, /Choose a category/],
    [
      'packages.0.name',
      {
        'packages.0.name': '',
        'packages.0.included': '',
        'packages.0.price': '',
        'packages.0.turnaroundDays': '',
        'packages.1.name': '',
        'packages.1.included': '',
        'packages.1.price': '',
        'packages.2.name': '',
        'packages.2.price': '',
      },
      /at least one package/,
    ],
    ['packages.0.price', { 'packages.0.price': '-5' }, /amount like 150/],
    ['packages.1.price', { 'packages.1.price': '99999999999' }, /too high/],
    ['packages.0.price', { 'packages.0.price': '12.345' }, /at most 2 decimals/],
    ['packages.1.price', { 'packages.1.price': '4,40' }, /could be read two ways/],
    ['packages.2.name', { 'packages.2.name': '' }, /Name this package/],
    ['packages.2.name', { 'packages.2.name': '\u200b\u2060' }, /Name this package/],
    ['packages.0.turnaroundDays', { 'packages.0.turnaroundDays': '900' }, /0 to 365/],
    ['serviceLocations', { serviceLocations: [] }, /where the service happens/],
    ['title', { title: 'Tap repair \u202eetis-no' }, /direction of the text/],
    ['title', { title: '\u200b\ufeff\u200d' }, /Give your listing a title/],
    ['description', { description: 'Fixing \u2067taps' }, /direction of the text/],
    ['durationMinutes', { durationMinutes: 'an hour' }, /minutes/],
    ['tags', { tags: 'a,b,c,d,e,f,g,h,i,j,k' }, /at most 10 tags/],
  ])(
    'explains a bad service %s beside the field and saves nothing',
    async (field, change, message) => {
      market = await createOpenMarket()
      const { cookie } = await createProvider(market)
      const response = await market.post('/listings', { ...serviceForm, ...change }, { cookie })
      expect(response.status).toBe(422)
      const document = await page(response)
      expect(fieldError(document, field)).toMatch(message)
      // What was typed comes back, as typed.
      expect(document.querySelector('#field-title')?.getAttribute('value')).toBe(
        'title' in change ? change.title : serviceForm.title,
      )
      expect(market.db.select().from(listings).all()).toHaveLength(0)
      expect(market.db.select().from(listingUnits).all()).toHaveLength(0)
    },
  )

  it.each([
    ['variants.1.stock', { 'variants.1.stock': '' }, /how many you have/],
    ['variants.0.price', { 'variants.0.price': 'free' }, /amount like 150/],
    ['variants.1.name', { 'variants.1.name': 'Large\u202e' }, /direction of the text/],
    ['pickup', { pickup: '', delivery: '' }, /pickup, local delivery/],
    ['deliveryFee', { deliveryFee: '' }, /delivery fee/],
  ])(
    'explains a bad product %s beside the field and saves nothing',
    async (field, change, message) => {
      market = await createOpenMarket()
      const { cookie } = await createProvider(market)
      const response = await market.post('/listings', { ...productForm, ...change }, { cookie })
      expect(response.status).toBe(422)
      expect(fieldError(await page(response), field)).toMatch(message)
      expect(market.db.select().from(listings).all()).toHaveLength(0)
      expect(market.db.select().from(listingUnits).all()).toHaveLength(0)
    },
  )

  it('asks for a price and stock when a product has no variants', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const response = await market.post(
      '/listings',
      { kind: 'product', title: 'Bike', categoryId: '11', pickup: 'on' },
      { cookie },
    )
    const document = await page(response)
    expect(fieldError(document, 'price')).toMatch(/Enter a price/)
    expect(fieldError(document, 'stock')).toMatch(/how many/)
  })

  it('refuses a category that does not exist', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const response = await market.post(
      '/listings',
      { ...serviceForm, categoryId: '99999' },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'categoryId')).toMatch(/from the list/)
  })
})

describe('Add another package / variant', () => {
  it('without JavaScript, shows the form again with everything typed and one more row', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const typed = {
      kind: 'service',
      title: 'Tap repair',
      'packages.0.name': 'Call-out',
      'packages.0.price': 'not yet',
      serviceLocations: 'online',
      add: 'packages',
    }
    const response = await market.post('/listings', typed, { cookie })
    expect(response.status).toBe(200)
    const document = await page(response)
    expect(document.querySelector('.form-errors')).toBeNull()
    expect(document.querySelector('#field-title')?.getAttribute('value')).toBe('Tap repair')
    expect(document.getElementById('field-packages.0.price')?.getAttribute('value')).toBe('not yet')
    expect(document.getElementById('field-packages.1.name')?.hasAttribute('autofocus')).toBe(true)
    expect(document.getElementById('field-packages.2.name')).toBeNull()
    expect(document.getElementById('field-serviceLocations-online')?.hasAttribute('checked')).toBe(
      true,
    )
    expect(market.db.select().from(listings).all()).toHaveLength(0)
  })

  it('with htmx, answers just the rows, and no button once the last row is there', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const response = await market.post(
      '/listings',
      {
        kind: 'service',
        'packages.0.name': 'Call-out',
        'packages.1.name': 'Half day',
        add: 'packages',
      },
      { cookie, headers: { 'HX-Request': 'true' } },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('Vary')).toContain('HX-Request')
    const html = await response.text()
    expect(html).toMatch(/^<fieldset id="field-packages"/)
    const { document } = parseHTML(`<!doctype html><body>${html}</body>`)
    expect(document.getElementById('field-packages.1.name')?.getAttribute('value')).toBe('Half day')
    expect(document.getElementById('field-packages.2.name')).not.toBeNull()
    expect(document.querySelector('button[name="add"]')).toBeNull()
  })

  it('adds a variant row while editing goods, saving nothing', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, productForm)
    const response = await market.post(
      `/listings/${id}`,
      { ...productForm, title: 'Changed', add: 'variants' },
      { cookie, headers: { 'HX-Request': 'true' } },
    )
    const { document } = parseHTML(`<!doctype html><body>${await response.text()}</body>`)
    expect(document.getElementById('field-variants.2.name')).not.toBeNull()
    expect(document.querySelector('button[name="add"]')?.getAttribute('data-hx-post')).toBe(
      `/listings/${id}`,
    )
    expect(market.db.select().from(listings).get()?.title).toBe('Mango jam')
  })
})

describe('editing a listing', () => {
  it('lets the owner change it, emptied package rows left out', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie)
    const form = await page(await market.get(`/listings/${id}/edit`, { cookie }))
    expect(form.getElementById('field-packages.2.price')?.getAttribute('value')).toBe('2000.50')
    expect(form.getElementById('field-serviceLocations-customer')?.hasAttribute('checked')).toBe(
      true,
    )
    expect(form.getElementById('field-serviceLocations-online')?.hasAttribute('checked')).toBe(
      false,
    )
    // Three saved packages are the most a service has: no button for another.
    expect(form.querySelector('button[name="add"]')).toBeNull()

    const response = await market.post(
      `/listings/${id}`,
      {
        ...serviceForm,
        title: 'Tap and pipe repair',
        'packages.1.name': '',
        'packages.1.included': '',
        'packages.1.price': '',
        'packages.2.name': '',
        'packages.2.price': '',
      },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(market.db.select().from(listings).get()).toMatchObject({
      title: 'Tap and pipe repair',
      slug: 'tap-and-pipe-repair',
    })
    expect(unitsOnSale('package')).toHaveLength(1)
  })

  it('keeps the listing as it was when the change is refused', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie)
    const response = await market.post(
      `/listings/${id}`,
      { ...serviceForm, 'packages.0.price': 'lots' },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect(unitsOnSale('package')).toHaveLength(3)
  })

  it("answers 404 when another member tries to see or change someone else's listing", async () => {
    market = await createOpenMarket()
    const owner = await createProvider(market)
    const id = await createListing(owner.cookie)
    const other = await createProvider(market)
    expect((await market.get(`/listings/${id}/edit`, { cookie: other.cookie })).status).toBe(404)
    expect(
      (
        await market.post(
          `/listings/${id}`,
          { ...serviceForm, title: 'Mine now' },
          { cookie: other.cookie },
        )
      ).status,
    ).toBe(404)
    expect(
      (await market.post(`/listings/${id}/publication`, {}, { cookie: other.cookie })).status,
    ).toBe(404)
    expect(
      (await market.post(`/listings/${id}/archival`, {}, { cookie: other.cookie })).status,
    ).toBe(404)
    expect(
      (await market.get(`/listings/${id}-leaking-tap-repair`, { cookie: other.cookie })).status,
    ).toBe(404)
    expect(market.db.select().from(listings).get()).toMatchObject({
      title: serviceForm.title,
      status: 'draft',
    })
  })

  it('sends visitors to sign in and changes nothing', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie)
    expect((await market.post(`/listings/${id}`, { ...serviceForm, title: 'Hacked' })).status).toBe(
      303,
    )
    expect((await market.post(`/listings/${id}/publication`, {})).status).toBe(303)
    expect(market.db.select().from(listings).get()).toMatchObject({
      title: serviceForm.title,
      status: 'draft',
    })
  })
})

describe('publication', () => {
  it('goes draft → published ↔ paused → archived, visible to buyers only while published', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie)
    const path = `/listings/${id}-leaking-tap-repair`
    expect((await market.get(path)).status).toBe(404)
    expect((await market.get(path, { cookie })).status).toBe(200)

    const published = await market.post(`/listings/${id}/publication`, {}, { cookie })
    expect(published.status).toBe(303)
    const home = await page(await market.get('/', { cookie: cookiesFrom(published) }))
    expect(home.querySelector('.flash')?.textContent).toMatch(/Published/)
    expect(home.querySelector(`.listing-grid a[href="${path}"]`)).not.toBeNull()
    const firstPublishedAt = market.db.select().from(listings).get()!.publishedAt
    expect(firstPublishedAt).not.toBeNull()

    const visitorPage = await page(await market.get(path))
    expect(visitorPage.querySelector('h1')?.textContent).toBe('Leaking tap repair')
    expect(
      [...visitorPage.querySelectorAll('.option__head strong')].map((s) => s.textContent),
    ).toEqual(['Call-out', 'Half day', 'Full day'])
    expect(visitorPage.querySelector('.breadcrumb')?.textContent).toContain('Plumbing')
    expect(visitorPage.querySelector('a[href="tel:+2207001234"]')).not.toBeNull()

    await market.post(`/listings/${id}/publication`, { _method: 'DELETE' }, { cookie })
    expect(market.db.select().from(listings).get()?.status).toBe('paused')
    expect((await market.get(path)).status).toBe(404)

    market.clock.advance(60_000)
    await market.post(`/listings/${id}/publication`, {}, { cookie })
    expect(market.db.select().from(listings).get()).toMatchObject({
      status: 'published',
      publishedAt: firstPublishedAt,
    })

    const archived = await market.post(`/listings/${id}/archival`, {}, { cookie })
    expect(archived.headers.get('Location')).toBe('/listings/mine')
    expect(market.db.select().from(listings).get()?.status).toBe('archived')
    const mine = await page(await market.get('/listings/mine', { cookie }))
    expect(mine.querySelector('.my-listing a')).toBeNull()
    expect(mine.querySelector('.my-listing')?.textContent).toMatch(/Archived/)
    expect((await market.get(path)).status).toBe(404)
    expect((await market.get(`/listings/${id}/edit`, { cookie })).status).toBe(404)
    const again = await market.post(`/listings/${id}/publication`, {}, { cookie })
    expect(again.status).toBe(404)
  })

  it('refuses to pause a draft, with a message', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie)
    const response = await market.post(
      `/listings/${id}/publication`,
      { _method: 'DELETE' },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(market.db.select().from(listings).get()?.status).toBe('draft')
    const document = await page(
      await market.get(`/listings/${id}/edit`, { cookie: `${cookie}; ${cookiesFrom(response)}` }),
    )
    expect(document.querySelector('.flash--alert')?.textContent).toMatch(/cannot do that/)
  })
})

describe('GET /listings/:id-:slug', () => {
  it('redirects to the canonical address', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie)
    await market.post(`/listings/${id}/publication`, {}, { cookie })
    for (const path of [`/listings/${id}`, `/listings/${id}-old-title`]) {
      const response = await market.get(path)
      expect(response.status).toBe(301)
      expect(response.headers.get('Location')).toBe(`/listings/${id}-leaking-tap-repair`)
    }
  })

  it('shows a product’s variants with stock and delivery', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, productForm)
    await market.post(`/listings/${id}/publication`, {}, { cookie })
    const document = await page(await market.get(`/listings/${id}-mango-jam`))
    const text = document.querySelector('main')!.textContent!
    expect(text).toContain('12 in stock')
    expect(text).toContain('Sold out')
    expect(text).toMatch(/Pickup · Local delivery GMD\s25\.00/)
  })

  it('says "Same day" for a package ready the same day', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie)
    const text = (
      await page(await market.get(`/listings/${id}-leaking-tap-repair`, { cookie }))
    ).querySelector('.options')!.textContent!
    expect(text).toContain('Same day')
    expect(text).not.toContain('0 days')
  })

  it('answers 404 for an unknown listing', async () => {
    market = await createOpenMarket()
    expect((await market.get('/listings/999-nothing')).status).toBe(404)
  })
})

/** What the form on the page would send as it is. */
function formFieldsOf(document: Document, selector = 'form.listing-form'): Record<string, string> {
  const form = document.querySelector(selector)
  if (!form) throw new Error(`no ${selector} on the page`)
  return formFields(form)
}

/** Sold through the model orders will use, as a buyer's checkout would. */
function sell(unitId: number, quantity: number) {
  expect(takeStock(market.db, unitId, quantity)).toBe(true)
}

describe('POST /listings/:id — sellable units', () => {
  it('sends each saved row’s unit id, so an edit changes those units in place', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie)
    const before = unitsOnSale('package', id)
    const newForm = await page(await market.get('/listings/new?kind=service', { cookie }))
    expect(newForm.querySelector('input[type=hidden][name$=".unitId"]')).toBeNull()

    const edit = await page(await market.get(`/listings/${id}/edit`, { cookie }))
    const fields = formFieldsOf(edit)
    expect(fields['packages.0.unitId']).toBe(String(before[0]!.id))
    const response = await market.post(
      `/listings/${id}`,
      { ...fields, 'packages.1.name': 'Half day, tools included', 'packages.1.price': '1300' },
      { cookie },
    )
    expect(response.status).toBe(303)
    const after = unitsOnSale('package', id)
    expect(after.map((unit) => unit.id)).toEqual(before.map((unit) => unit.id))
    expect(after[1]).toMatchObject({ name: 'Half day, tools included', price: 130000 })
  })

  it('retires the unit of a row emptied by hand, and makes a new unit for a row added', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, productForm)
    const [small, large] = unitsOnSale('variant', id)
    const fields = formFieldsOf(await page(await market.get(`/listings/${id}/edit`, { cookie })))

    // "Add another variant" without JavaScript: the same form back, one empty row more.
    const added = await market.post(`/listings/${id}`, { ...fields, add: 'variants' }, { cookie })
    const withRow = formFieldsOf(await page(added))
    expect(withRow['variants.1.unitId']).toBe(String(large!.id))
    expect(withRow['variants.2.name']).toBe('')
    expect(withRow['variants.2.unitId']).toBeUndefined()

    const response = await market.post(
      `/listings/${id}`,
      {
        ...withRow,
        'variants.0.name': '',
        'variants.0.price': '',
        'variants.0.stock': '',
        'variants.2.name': 'Gift box',
        'variants.2.price': '300',
        'variants.2.stock': '2',
      },
      { cookie },
    )
    expect(response.status).toBe(303)
    const units = market.db
      .select()
      .from(listingUnits)
      .where(eq(listingUnits.listingId, id))
      .orderBy(asc(listingUnits.id))
      .all()
    expect(units.map((unit) => [unit.name, unit.retiredAt !== null])).toEqual([
      ['Small jar', true],
      ['Large jar', false],
      ['Gift box', false],
    ])
    expect(units[0]!.id).toBe(small!.id)
    expect(unitsOnSale('variant', id).map((unit) => unit.id)).toEqual([large!.id, units[2]!.id])
    expect(market.db.select().from(listings).get()?.fromPrice).toBe(14000)
    // A retired unit is gone from the listing's page.
    const listingPage = await page(await market.get(`/listings/${id}-mango-jam`, { cookie }))
    expect(listingPage.querySelector('.options')?.textContent).not.toContain('Small jar')
  })

  it('keeps the rows’ unit ids and shown stock when htmx swaps in another row', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, productForm)
    const [small, large] = unitsOnSale('variant', id)
    const fields = formFieldsOf(await page(await market.get(`/listings/${id}/edit`, { cookie })))
    const response = await market.post(
      `/listings/${id}`,
      { ...fields, add: 'variants' },
      { cookie, headers: { 'HX-Request': 'true' } },
    )
    const { document } = parseHTML(`<!doctype html><body>${await response.text()}</body>`)
    const hidden = (name: string) =>
      document.querySelector(`input[type=hidden][name="${name}"]`)?.getAttribute('value')
    expect([hidden('variants.0.unitId'), hidden('variants.1.unitId')]).toEqual([
      String(small!.id),
      String(large!.id),
    ])
    expect(hidden('variants.0.stockWas')).toBe('12')
    expect(hidden('variants.2.unitId')).toBeUndefined()
  })

  it('refuses a tampered unit id of another listing, changing neither listing', async () => {
    market = await createOpenMarket()
    const owner = await createProvider(market)
    const other = await createProvider(market)
    // Two packages: a third row would be new.
    const { 'packages.2.name': _, 'packages.2.price': __, ...twoPackages } = serviceForm
    const id = await createListing(owner.cookie, twoPackages)
    const theirs = await createListing(other.cookie, productForm)
    const [their] = unitsOnSale('variant', theirs)
    const fields = formFieldsOf(await page(await market.get(`/listings/${id}/edit`, owner)))

    for (const unitId of [String(their!.id), 'abc'])
      for (const row of ['packages.0.unitId', 'packages.2.unitId']) {
        const response = await market.post(
          `/listings/${id}`,
          {
            ...fields,
            title: 'Changed',
            [row]: unitId,
            [row.replace('unitId', 'name')]: 'Taken over',
            [row.replace('unitId', 'price')]: '1',
          },
          owner,
        )
        expect(response.status).toBe(422)
        const document = await page(response)
        expect(document.querySelector('.form-errors')?.textContent).toMatch(/changed since/)
        // The form as saved now, with its own unit ids.
        expect(formFieldsOf(document)).toMatchObject({ title: serviceForm.title })
        expect(formFieldsOf(document)['packages.0.unitId']).toBe(fields['packages.0.unitId'])
      }
    expect(unitsOnSale('variant', theirs)[0]).toEqual(their)
    expect(market.db.select().from(listingUnits).all()).toHaveLength(4)
    expect(market.db.select().from(listings).where(eq(listings.id, id)).get()?.title).toBe(
      serviceForm.title,
    )
  })

  it('applies the stock typed as a change from what the form showed, after sales', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, productForm)
    const [small] = unitsOnSale('variant', id)
    const fields = formFieldsOf(await page(await market.get(`/listings/${id}/edit`, { cookie })))
    expect(fields['variants.0.stockWas']).toBe('12')
    sell(small!.id, 5)

    // Two more than shown: the 5 sold since stay sold.
    const response = await market.post(
      `/listings/${id}`,
      { ...fields, 'variants.0.stock': '14' },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(unitsOnSale('variant', id)[0]?.stock).toBe(9)
  })

  it('refuses a stock that sales since have made impossible, showing what is left', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const id = await createListing(cookie, {
      kind: 'product',
      title: 'Bicycle pump',
      categoryId: '11',
      price: '350',
      stock: '3',
      pickup: 'on',
    })
    const [basic] = unitsOnSale('default', id)
    const fields = formFieldsOf(await page(await market.get(`/listings/${id}/edit`, { cookie })))
    expect(fields).toMatchObject({ price: '350.00', stock: '3', stockWas: '3' })
    sell(basic!.id, 2)

    const response = await market.post(
      `/listings/${id}`,
      { ...fields, title: 'Bicycle pump, big', stock: '0' },
      { cookie },
    )
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(fieldError(document, 'stock')).toBe(
      'Some sold since this form was opened: 1 left now. Check the number and save again.',
    )
    expect(formFieldsOf(document)).toMatchObject({
      title: 'Bicycle pump, big',
      stock: '1',
      stockWas: '1',
    })
    expect(market.db.select().from(listings).get()?.title).toBe('Bicycle pump')
    expect(unitsOnSale('default', id)[0]?.stock).toBe(1)

    // Saving the form as it came back changes the title and leaves the stock alone.
    expect((await market.post(`/listings/${id}`, formFieldsOf(document), { cookie })).status).toBe(
      303,
    )
    expect(unitsOnSale('default', id)[0]?.stock).toBe(1)
    expect(market.db.select().from(listings).get()?.title).toBe('Bicycle pump, big')
  })
})
