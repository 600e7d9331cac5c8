import { eq } from 'drizzle-orm'
import { parseHTML } from 'linkedom'
import { afterEach, describe, expect, it } from 'vitest'
import { cartLines, listingUnits, members } from '../../db/schema'
import { createListing } from '../models/listing'
import { changeListingStatus } from '../models/listing/publication'
import { unitsOnSale } from '../models/listing/units'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  flashAfter,
  page,
  PASSWORD,
  sessionCookie,
  type TestMarket,
} from '../test/app'
import { seedListing, seedJam, seedStore, type TestStore } from '../test/listings'

let market: TestMarket
afterEach(() => market?.cleanup())

const HTMX = { 'HX-Request': 'true' }

/** A published listing of goods without variants: its page and its one unit. */
function goods(shop: TestStore, title = 'Honey', stock = 5, price = 7500) {
  const listing = seedListing(market.db, market, shop, {
    title,
    kind: 'product',
    categoryId: 127,
    price,
    stock,
  })
  return {
    listingId: listing.id,
    unitId: unitsOnSale(market.db, [listing.id])[0]!.id,
    path: `/listings/${listing.id}-${listing.slug}`,
  }
}

/** A published service with three packages. */
function service(shop: TestStore) {
  const created = createListing(market.db, market.clock, shop.owner, {
    kind: 'service',
    title: 'Leaking tap repair',
    description: '',
    categoryId: 101,
    tags: [],
    packages: [
      { name: 'Call-out', included: '', price: 35000, turnaroundDays: 0 },
      { name: 'Half day', included: '', price: 120000, turnaroundDays: null },
      { name: 'Full day', included: '', price: 200050, turnaroundDays: null },
    ],
    serviceLocations: ['customer'],
    durationMinutes: null,
  })
  if (!created.ok) throw new Error(created.reason)
  changeListingStatus(market.db, market.clock, shop.owner, created.listing.id, 'publish')
  const units = unitsOnSale(market.db, [created.listing.id])
  return {
    listingId: created.listing.id,
    units: units.map((unit) => unit.id),
    path: `/listings/${created.listing.id}-leaking-tap-repair`,
  }
}

let buyers = 0
async function buyer() {
  buyers += 1
  const email = `buyer${buyers}@example.com`
  const member = await createMember(market, { displayName: `Binta ${buyers}`, email })
  return { member, cookie: await market.signIn(email) }
}

async function shopWithOwner(name = 'Tanji Honey') {
  const shop = await seedStore(market, { name })
  const owner = market.db.select().from(members).where(eq(members.id, shop.owner.id)).get()!
  return { shop, ownerCookie: await market.signIn(owner.email) }
}

function rows(memberId: number) {
  return market.db
    .select({ unitId: cartLines.unitId, quantity: cartLines.quantity })
    .from(cartLines)
    .where(eq(cartLines.memberId, memberId))
    .all()
}

function allRows() {
  return market.db.select().from(cartLines).all()
}

/** The visitor's cart cookie a response set: `souk_cart=…`, '' when it was cleared. */
function cartCookieSet(response: Response) {
  const line = response.headers
    .getSetCookie()
    .find((cookie) => /^(__Host-)?souk_cart=/.test(cookie))
  return line
}

function cartCookie(response: Response): string {
  return cartCookieSet(response)!.split(';')[0]!
}

/** An htmx answer (a fragment, not a page) as a document to query. */
function fragment(html: string) {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document
}

/** The header's cart link as a screen reader names it: "Cart (2)" (its badge shows only "2"). */
function headerCount(document: Document) {
  return document.getElementById('cart-link')?.getAttribute('aria-label') ?? null
}

describe('POST /cart/lines', () => {
  it('adds to a member’s cart and comes back to the listing with a message', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop, 'Honey', 5)
    const { member, cookie } = await buyer()
    const response = await market.post(
      '/cart/lines',
      {
        unitId: String(honey.unitId),
        quantity: '2',
        listingId: String(honey.listingId),
        returnTo: honey.path,
      },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(honey.path)
    expect(rows(member.id)).toEqual([{ unitId: honey.unitId, quantity: 2 }])
    expect(await flashAfter(market, response, cookie)).toBe(
      'Added Honey to your cart (2 in your cart).',
    )
    // No cart cookie for a member: their cart is rows.
    expect(cartCookieSet(response)).toBeUndefined()
    expect(headerCount(await page(await market.get('/', { cookie })))).toBe('Cart (2)')
  })

  it('adds more of what is there already, never past the stock, and says so', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop, 'Honey', 3)
    const { member, cookie } = await buyer()
    const add = (quantity: string) =>
      market.post('/cart/lines', { unitId: String(honey.unitId), quantity }, { cookie })
    await add('2')
    const capped = await add('2')
    expect(rows(member.id)).toEqual([{ unitId: honey.unitId, quantity: 3 }])
    expect(capped.headers.get('Location')).toBe(honey.path)
    expect(await flashAfter(market, capped, cookie)).toBe(
      'Honey: only 3 available, so your cart has 3.',
    )
  })

  it('adds one when the form sends no quantity (a service’s package)', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const tap = service(shop)
    const { member, cookie } = await buyer()
    const response = await market.post(
      '/cart/lines',
      { unitId: String(tap.units[1]), listingId: String(tap.listingId), returnTo: tap.path },
      { cookie },
    )
    expect(rows(member.id)).toEqual([{ unitId: tap.units[1], quantity: 1 }])
    expect(await flashAfter(market, response, cookie)).toBe(
      'Added Leaking tap repair (Half day) to your cart (1 in your cart).',
    )
  })

  it('with htmx, answers the status beside the button and the header’s count out of band', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop)
    const tap = service(shop)
    const { cookie } = await buyer()
    await market.post('/cart/lines', { unitId: String(tap.units[0]) }, { cookie })
    const response = await market.post(
      '/cart/lines',
      { unitId: String(honey.unitId), quantity: '2', returnTo: honey.path },
      { cookie, headers: HTMX },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('Vary')).toContain('HX-Request')
    const html = await response.text()
    expect(html).not.toContain('<html')
    const answer = fragment(html)
    expect(answer.body.textContent).toContain('Added — 2 in your cart.')
    expect(answer.querySelector('a[href="/cart"]:not(#cart-link)')?.textContent).toBe('View cart')
    const count = answer.getElementById('cart-link')
    expect(count?.getAttribute('data-hx-swap-oob')).toBe('true')
    expect(count?.getAttribute('aria-label')).toBe('Cart (3)')
    expect(count?.querySelector('.count')?.textContent).toBe('3')
  })

  it('keeps a visitor’s cart in a cookie of unit ids and quantities, and no rows', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop, 'Honey', 5)
    const tap = service(shop)
    const first = await market.post('/cart/lines', {
      unitId: String(honey.unitId),
      quantity: '2',
      returnTo: honey.path,
    })
    expect(first.status).toBe(303)
    const set = cartCookieSet(first)!
    expect(set).toMatch(/HttpOnly/)
    expect(set).toMatch(/SameSite=Lax/)
    expect(set).toMatch(/Path=\//)
    expect(set).not.toMatch(/Secure/)
    expect(cartCookie(first)).toBe(`souk_cart=${honey.unitId}-2`)
    expect(await flashAfter(market, first, cartCookie(first))).toBe(
      'Added Honey to your cart (2 in your cart).',
    )

    const second = await market.post(
      '/cart/lines',
      { unitId: String(tap.units[0]) },
      { cookie: cartCookie(first), headers: HTMX },
    )
    expect(second.status).toBe(200)
    expect(cartCookie(second)).toBe(`souk_cart=${honey.unitId}-2.${tap.units[0]}-1`)
    expect(headerCount(fragment(await second.text()))).toBe('Cart (3)')
    expect(allRows()).toEqual([])
    expect(headerCount(await page(await market.get('/', { cookie: cartCookie(second) })))).toBe(
      'Cart (3)',
    )
  })

  it('uses a __Host- Secure cookie over HTTPS', async () => {
    market = await createOpenMarket({ secureCookies: true })
    const { shop } = await shopWithOwner()
    const honey = goods(shop)
    const response = await market.post('/cart/lines', { unitId: String(honey.unitId) })
    const set = cartCookieSet(response)!
    expect(set).toMatch(/^__Host-souk_cart=/)
    expect(set).toMatch(/; Secure/)
    const home = await page(await market.get('/', { cookie: set.split(';')[0] }))
    expect(headerCount(home)).toBe('Cart (1)')
  })

  describe('refuses bad input with a message, changing nothing', () => {
    const cases: [string, (ids: Ids) => Record<string, string>, RegExp][] = [
      ['a quantity of zero', (ids) => ({ unitId: ids.honey, quantity: '0' }), /from 1 to 99/],
      ['a negative quantity', (ids) => ({ unitId: ids.honey, quantity: '-2' }), /from 1 to 99/],
      ['a fractional quantity', (ids) => ({ unitId: ids.honey, quantity: '1.5' }), /from 1 to 99/],
      ['a huge quantity', (ids) => ({ unitId: ids.honey, quantity: '100' }), /from 1 to 99/],
      [
        'an absurd quantity',
        (ids) => ({ unitId: ids.honey, quantity: '99999999999999999999' }),
        /from 1 to 99/,
      ],
      ['words for a quantity', (ids) => ({ unitId: ids.honey, quantity: 'two' }), /from 1 to 99/],
      ['no unit', () => ({ quantity: '1' }), /Choose one of the options/],
      ['a unit id that is not one', () => ({ unitId: 'honey' }), /Choose one of the options/],
      ['an unknown unit', () => ({ unitId: '987654' }), /not one of this listing’s options/],
      [
        'a unit of another listing',
        (ids) => ({ unitId: ids.honey, listingId: ids.jamListing }),
        /not one of this listing’s options/,
      ],
      ['a retired unit', (ids) => ({ unitId: ids.retired }), /not on sale/],
      ['a paused listing', (ids) => ({ unitId: ids.paused }), /not on sale/],
      ['a sold-out variant', (ids) => ({ unitId: ids.large }), /sold out/],
    ]

    type Ids = Record<'honey' | 'jamListing' | 'large' | 'retired' | 'paused', string>

    async function seed() {
      market = await createOpenMarket()
      const { shop } = await shopWithOwner()
      const honey = goods(shop, 'Honey')
      const jars = seedJam(market, shop)
      const retired = goods(shop, 'Candles')
      market.db
        .update(listingUnits)
        .set({ retiredAt: market.clock.now() })
        .where(eq(listingUnits.id, retired.unitId))
        .run()
      const paused = goods(shop, 'Soap')
      changeListingStatus(market.db, market.clock, shop.owner, paused.listingId, 'pause')
      const ids: Ids = {
        honey: String(honey.unitId),
        jamListing: String(jars.listingId),
        large: String(jars.large),
        retired: String(retired.unitId),
        paused: String(paused.unitId),
      }
      return { ids, back: jars.path }
    }

    it.each(cases)('%s: back to the listing with an alert', async (_, form, message) => {
      const { ids, back } = await seed()
      const { cookie } = await buyer()
      const response = await market.post(
        '/cart/lines',
        { ...form(ids), returnTo: back },
        { cookie },
      )
      expect(response.status).toBe(303)
      expect(response.headers.get('Location')).toBe(back)
      const next = await page(
        await market.get(back, { cookie: `${cookie}; ${cookiesFrom(response)}` }),
      )
      expect(next.querySelector('.flash--alert')?.textContent).toMatch(message)
      expect(allRows()).toEqual([])
    })

    it.each(cases)(
      '%s: with htmx, 422 and the message in the status line',
      async (_, form, message) => {
        const { ids, back } = await seed()
        const response = await market.post(
          '/cart/lines',
          { ...form(ids), returnTo: back },
          { headers: HTMX },
        )
        expect(response.status).toBe(422)
        const html = await response.text()
        expect(html).toMatch(message)
        expect(html).not.toContain('cart-link')
        // A visitor refused gets no cookie: nothing to keep.
        expect(cartCookieSet(response)).toBeUndefined()
      },
    )
  })

  it('refuses the provider’s own listing', async () => {
    market = await createOpenMarket()
    const { shop, ownerCookie } = await shopWithOwner()
    const honey = goods(shop)
    const response = await market.post(
      '/cart/lines',
      { unitId: String(honey.unitId), returnTo: honey.path },
      { cookie: ownerCookie },
    )
    expect(response.headers.get('Location')).toBe(honey.path)
    expect(await flashAfter(market, response, ownerCookie)).toBe(
      'This is your own listing: you cannot buy from yourself.',
    )
    expect(allRows()).toEqual([])
  })

  it('never sends a visitor off the site', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop)
    const response = await market.post('/cart/lines', {
      unitId: String(honey.unitId),
      returnTo: '//evil.example/',
    })
    expect(response.headers.get('Location')).toBe(honey.path)
  })
})

describe('GET /cart', () => {
  it('shows the member’s lines by store with totals, and a way to check out', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const fish = await seedStore(market, { name: 'Fresh Fish' })
    const honey = goods(shop, 'Honey', 5, 7500)
    const jars = seedJam(market, shop)
    const bonga = goods(fish, 'Smoked bonga', 10, 2000)
    const { cookie } = await buyer()
    for (const [unitId, quantity] of [
      [honey.unitId, 2],
      [jars.small, 1],
      [bonga.unitId, 3],
    ])
      await market.post(
        '/cart/lines',
        { unitId: String(unitId), quantity: String(quantity) },
        { cookie },
      )

    const document = await page(await market.get('/cart', { cookie }))
    const stores = [...document.querySelectorAll('.cart-store')]
    expect(stores.map((store) => store.querySelector('h2')?.textContent)).toEqual([
      'Tanji Honey',
      'Fresh Fish',
    ])
    const lines = [...stores[0]!.querySelectorAll('.cart-line')]
    expect(lines.map((line) => line.querySelector('.cart-line__title')?.textContent)).toEqual([
      'Honey',
      'Mango jam · Small jar',
    ])
    expect(lines[0]!.querySelector('.cart-line__title a')?.getAttribute('href')).toBe(honey.path)
    expect(lines[0]!.textContent).toMatch(/GMD\s75\.00 each · GMD\s150\.00/)
    const quantity = lines[0]!.querySelector('input[name=quantity]')
    expect(quantity?.getAttribute('value')).toBe('2')
    expect(document.querySelector(`label[for="${quantity?.id}"]`)?.textContent).toBe('Quantity')
    expect(lines[0]!.querySelector('form')?.getAttribute('action')).toBe(
      `/cart/lines/${honey.unitId}`,
    )
    expect(lines[0]!.querySelector('input[name=_method]')?.getAttribute('value')).toBe('DELETE')
    expect(stores[0]!.querySelector('.cart-store__subtotal')?.textContent).toMatch(/GMD\s225\.00/)
    expect(stores[1]!.querySelector('.cart-store__subtotal')?.textContent).toMatch(/GMD\s60\.00/)
    expect(document.querySelector('.cart-total')?.textContent).toMatch(/Total GMD\s285\.00/)
    expect(document.querySelector('a[href="/checkout"]')?.textContent).toBe('Check out')
    expect(headerCount(document)).toBe('Cart (6)')
  })

  it('shows lines no longer on sale or sold out as such, out of the total', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop, 'Honey', 5, 7500)
    const soap = goods(shop, 'Soap', 5, 3000)
    const candles = goods(shop, 'Candles', 5, 1000)
    const { member, cookie } = await buyer()
    for (const unitId of [honey.unitId, soap.unitId, candles.unitId])
      await market.post('/cart/lines', { unitId: String(unitId), quantity: '3' }, { cookie })
    changeListingStatus(market.db, market.clock, shop.owner, honey.listingId, 'pause')
    market.db.update(listingUnits).set({ stock: 0 }).where(eq(listingUnits.id, soap.unitId)).run()
    market.db
      .update(listingUnits)
      .set({ stock: 1 })
      .where(eq(listingUnits.id, candles.unitId))
      .run()

    const document = await page(await market.get('/cart', { cookie }))
    const notes = [...document.querySelectorAll('.cart-line')].map(
      (line) => line.querySelector('.cart-line__note')?.textContent,
    )
    expect(notes).toEqual([
      'No longer on sale — not counted in the total.',
      'Sold out — not counted in the total.',
      'Only 1 left — 1 counted in the total.',
    ])
    expect(document.querySelector('.cart-total')?.textContent).toMatch(/Total GMD\s10\.00/)
    // Nothing to change on a line that cannot be bought, but it can be removed.
    const [paused] = document.querySelectorAll('.cart-line')
    expect(paused!.querySelector('input[name=quantity]')).toBeNull()
    expect(paused!.textContent).toContain('Remove')
    expect(rows(member.id)).toHaveLength(3)
  })

  it('shows a visitor their cookie’s cart, and asks them to sign in to check out', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop)
    const added = await market.post('/cart/lines', { unitId: String(honey.unitId) })
    const document = await page(await market.get('/cart', { cookie: cartCookie(added) }))
    expect(document.querySelector('.cart-line__title')?.textContent).toBe('Honey')
    const signIn = document.querySelector('main a[href^="/sign-in"]')
    expect(signIn?.textContent).toBe('Sign in to check out')
    expect(signIn?.getAttribute('href')).toBe('/sign-in?return_to=%2Fcheckout')
    expect(document.querySelector('a[href="/checkout"]')).toBeNull()
  })

  it('ignores a tampered cookie line by line, and never sets a cookie on a GET', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop, 'Honey', 5, 7500)
    const response = await market.get('/cart', {
      cookie: `souk_cart=${honey.unitId}-2.999999-1.<script>.${honey.unitId}-50`,
    })
    expect(response.status).toBe(200)
    expect(response.headers.getSetCookie()).toEqual([])
    const document = await page(response)
    expect(document.querySelectorAll('.cart-line')).toHaveLength(1)
    expect(document.querySelector('.cart-total')?.textContent).toMatch(/GMD\s150\.00/)
  })

  it('says so when the cart is empty, and a visitor without a cookie gets none', async () => {
    market = await createOpenMarket()
    const response = await market.get('/cart')
    expect(response.headers.getSetCookie()).toEqual([])
    const document = await page(response)
    expect(document.querySelector('.empty')?.textContent).toMatch(/Your cart is empty/)
    expect(headerCount(document)).toBe('Cart (0)')
  })
})

describe('POST /cart/lines/:unitId', () => {
  it('sets the quantity, capped by the stock', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop, 'Honey', 6)
    const { member, cookie } = await buyer()
    await market.post('/cart/lines', { unitId: String(honey.unitId) }, { cookie })
    const set = await market.post(`/cart/lines/${honey.unitId}`, { quantity: '4' }, { cookie })
    expect(set.status).toBe(303)
    expect(set.headers.get('Location')).toBe('/cart')
    expect(await flashAfter(market, set, cookie)).toBe('Honey: 4 in your cart.')
    const capped = await market.post(`/cart/lines/${honey.unitId}`, { quantity: '9' }, { cookie })
    expect(await flashAfter(market, capped, cookie)).toBe(
      'Honey: only 6 available, so your cart has 6.',
    )
    expect(rows(member.id)).toEqual([{ unitId: honey.unitId, quantity: 6 }])
  })

  it('removes the line at 0, or with _method=DELETE; removing twice is harmless', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop)
    const soap = goods(shop, 'Soap')
    const { member, cookie } = await buyer()
    for (const unit of [honey, soap])
      await market.post('/cart/lines', { unitId: String(unit.unitId) }, { cookie })
    const zero = await market.post(`/cart/lines/${honey.unitId}`, { quantity: '0' }, { cookie })
    expect(await flashAfter(market, zero, cookie)).toBe('Removed Honey from your cart.')
    const removed = await market.post(
      `/cart/lines/${soap.unitId}`,
      { _method: 'DELETE' },
      { cookie },
    )
    expect(removed.headers.get('Location')).toBe('/cart')
    expect(await flashAfter(market, removed, cookie)).toBe('Removed Soap from your cart.')
    expect(rows(member.id)).toEqual([])
    const again = await market.post(`/cart/lines/${soap.unitId}`, { _method: 'DELETE' }, { cookie })
    expect(again.status).toBe(303)
    expect(again.headers.get('Location')).toBe('/cart')
  })

  it.each([
    ['a negative quantity', '-1'],
    ['a fractional quantity', '2.5'],
    ['a huge quantity', '1000'],
    ['no quantity', ''],
    ['words', 'lots'],
  ])('refuses %s beside the field, as typed, changing nothing', async (_, typed) => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop)
    const { member, cookie } = await buyer()
    await market.post('/cart/lines', { unitId: String(honey.unitId), quantity: '2' }, { cookie })
    const response = await market.post(
      `/cart/lines/${honey.unitId}`,
      { quantity: typed },
      { cookie },
    )
    expect(response.status).toBe(422)
    const document = await page(response)
    const field = document.getElementById(`quantity-${honey.unitId}`)
    expect(field?.getAttribute('value')).toBe(typed)
    expect(field?.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(`quantity-${honey.unitId}-error`)?.textContent).toMatch(
      /quantity/,
    )
    expect(rows(member.id)).toEqual([{ unitId: honey.unitId, quantity: 2 }])
  })

  it('refuses a new quantity for a listing paused or sold out since, with a message', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop)
    const soap = goods(shop, 'Soap')
    const { member, cookie } = await buyer()
    for (const unit of [honey, soap])
      await market.post('/cart/lines', { unitId: String(unit.unitId) }, { cookie })
    market.db.update(listingUnits).set({ stock: 0 }).where(eq(listingUnits.id, soap.unitId)).run()
    changeListingStatus(market.db, market.clock, shop.owner, honey.listingId, 'pause')
    const paused = await market.post(`/cart/lines/${honey.unitId}`, { quantity: '2' }, { cookie })
    expect(paused.headers.get('Location')).toBe('/cart')
    expect(await flashAfter(market, paused, cookie)).toBe('Sorry, Honey is not on sale just now.')
    const sold = await market.post(`/cart/lines/${soap.unitId}`, { quantity: '2' }, { cookie })
    expect(await flashAfter(market, sold, cookie)).toBe('Sorry, Soap is sold out.')
    expect(rows(member.id)).toEqual([
      { unitId: honey.unitId, quantity: 1 },
      { unitId: soap.unitId, quantity: 1 },
    ])
  })

  it('changes only the member’s own cart: a unit id in someone else’s cart is 404 for them', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop)
    const binta = await buyer()
    const musa = await buyer()
    await market.post('/cart/lines', { unitId: String(honey.unitId), quantity: '2' }, binta)
    const set = await market.post(`/cart/lines/${honey.unitId}`, { quantity: '5' }, musa)
    expect(set.status).toBe(404)
    const removed = await market.post(`/cart/lines/${honey.unitId}`, { _method: 'DELETE' }, musa)
    expect(removed.status).toBe(303)
    expect(rows(binta.member.id)).toEqual([{ unitId: honey.unitId, quantity: 2 }])
    expect(rows(musa.member.id)).toEqual([])
    expect((await market.post('/cart/lines/abc', { quantity: '1' }, musa)).status).toBe(404)
    expect(
      (await market.post('/cart/lines/99999999999999999999', { quantity: '1' }, musa)).status,
    ).toBe(404)
  })

  it('changes a visitor’s cookie, and clears it when the last line goes', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop, 'Honey', 5)
    const added = await market.post('/cart/lines', { unitId: String(honey.unitId) })
    const set = await market.post(
      `/cart/lines/${honey.unitId}`,
      { quantity: '3' },
      { cookie: cartCookie(added) },
    )
    expect(cartCookie(set)).toBe(`souk_cart=${honey.unitId}-3`)
    const removed = await market.post(
      `/cart/lines/${honey.unitId}`,
      { _method: 'DELETE' },
      { cookie: cartCookie(set) },
    )
    expect(cartCookieSet(removed)).toMatch(/^souk_cart=;.*Max-Age=0/)
    expect(allRows()).toEqual([])
  })
})

describe('signing in or up with a visitor’s cart', () => {
  it('merges the cookie’s lines into the member’s cart, capped by stock, and clears the cookie', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop, 'Honey', 4)
    const tap = service(shop)
    const { member, cookie } = await buyer()
    await market.post('/cart/lines', { unitId: String(honey.unitId), quantity: '3' }, { cookie })
    await market.post('/sign-out', {}, { cookie })

    const first = await market.post('/cart/lines', { unitId: String(honey.unitId), quantity: '2' })
    const second = await market.post(
      '/cart/lines',
      { unitId: String(tap.units[2]) },
      { cookie: cartCookie(first) },
    )
    const signedIn = await market.post(
      '/sign-in',
      { email: `buyer${buyers}@example.com`, password: PASSWORD, returnTo: '/checkout' },
      { cookie: cartCookie(second) },
    )
    expect(signedIn.status).toBe(303)
    expect(signedIn.headers.get('Location')).toBe('/checkout')
    expect(cartCookieSet(signedIn)).toMatch(/^souk_cart=;.*Max-Age=0/)
    expect(rows(member.id)).toEqual([
      { unitId: honey.unitId, quantity: 4 },
      { unitId: tap.units[2], quantity: 1 },
    ])
    const home = await page(await market.get('/', { cookie: sessionCookie(signedIn) }))
    expect(headerCount(home)).toBe('Cart (5)')
  })

  it('gives a new member the cart they filled before signing up', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop, 'Honey', 4)
    const added = await market.post('/cart/lines', { unitId: String(honey.unitId), quantity: '2' })
    const signedUp = await market.post(
      '/sign-up',
      { displayName: 'Fatou Ceesay', email: 'fatou@example.com', password: PASSWORD },
      { cookie: cartCookie(added) },
    )
    expect(signedUp.status).toBe(303)
    expect(cartCookieSet(signedUp)).toMatch(/^souk_cart=;/)
    const fatou = market.db
      .select()
      .from(members)
      .where(eq(members.email, 'fatou@example.com'))
      .get()!
    expect(rows(fatou.id)).toEqual([{ unitId: honey.unitId, quantity: 2 }])
  })

  it('leaves the provider’s own listings out of their cart', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop, 'Honey', 4)
    const owner = market.db.select().from(members).where(eq(members.id, shop.owner.id)).get()!
    const added = await market.post('/cart/lines', { unitId: String(honey.unitId) })
    const signedIn = await market.post(
      '/sign-in',
      { email: owner.email, password: PASSWORD },
      { cookie: cartCookie(added) },
    )
    expect(signedIn.status).toBe(303)
    expect(rows(owner.id)).toEqual([])
  })
})

describe('the listing page’s add-to-cart forms', () => {
  it('offers variants as a radio group, sold-out ones not to be chosen, with a quantity', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const jars = seedJam(market, shop)
    const document = await page(await market.get(jars.path))
    const form = document.querySelector('form.add-to-cart')!
    expect(form.getAttribute('action')).toBe('/cart/lines')
    expect(form.getAttribute('data-hx-post')).toBe('/cart/lines')
    const radios = [...form.querySelectorAll('input[type=radio][name=unitId]')]
    expect(radios.map((radio) => radio.getAttribute('value'))).toEqual([
      String(jars.small),
      String(jars.large),
    ])
    expect(radios.map((radio) => radio.hasAttribute('checked'))).toEqual([true, false])
    expect(radios.map((radio) => radio.hasAttribute('disabled'))).toEqual([false, true])
    expect(radios[1]!.closest('label')?.textContent).toContain('Sold out')
    expect(form.querySelector('legend')?.textContent).toBe('Choose one')
    expect(form.querySelector('input[name=quantity]')?.getAttribute('value')).toBe('1')
    expect(form.querySelector('input[name=listingId]')?.getAttribute('value')).toBe(
      String(jars.listingId),
    )
    expect(form.querySelector('input[name=returnTo]')?.getAttribute('value')).toBe(jars.path)
    const status = form.querySelector('[role=status]')
    expect(form.getAttribute('data-hx-target')).toBe(`#${status?.id}`)
  })

  it('offers goods without variants a quantity, and a service one button per package', async () => {
    market = await createOpenMarket()
    const { shop } = await shopWithOwner()
    const honey = goods(shop, 'Honey', 5)
    const tap = service(shop)
    const honeyPage = await page(await market.get(honey.path))
    const honeyForm = honeyPage.querySelector('form.add-to-cart')!
    expect(honeyForm.querySelector('input[name=unitId]')?.getAttribute('value')).toBe(
      String(honey.unitId),
    )
    expect(honeyForm.querySelector('input[name=quantity]')?.getAttribute('max')).toBe('5')

    const tapPage = await page(await market.get(tap.path))
    const forms = [...tapPage.querySelectorAll('form.add-to-cart')]
    expect(
      forms.map((form) => form.querySelector('input[name=unitId]')?.getAttribute('value')),
    ).toEqual(tap.units.map(String))
    expect(forms.map((form) => form.querySelector('button')?.textContent)).toEqual([
      'Add to cart: Call-out',
      'Add to cart: Half day',
      'Add to cart: Full day',
    ])
    expect(tapPage.querySelector('form.add-to-cart input[name=quantity]')).toBeNull()
    // The ways to get in touch stay.
    expect(tapPage.querySelector('.seller')).not.toBeNull()
  })

  it('offers nothing to add when sold out, or to the provider on their own listing', async () => {
    market = await createOpenMarket()
    const { shop, ownerCookie } = await shopWithOwner()
    const soap = goods(shop, 'Soap', 0)
    const honey = goods(shop, 'Honey', 5)
    const soldOut = await page(await market.get(soap.path))
    expect(soldOut.querySelector('form.add-to-cart')).toBeNull()
    expect(soldOut.querySelector('main')?.textContent).toContain('Sold out')
    const own = await page(await market.get(honey.path, { cookie: ownerCookie }))
    expect(own.querySelector('form.add-to-cart')).toBeNull()
  })
})
