import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  cartLines,
  coupons,
  listings,
  listingUnits,
  members,
  orderLines,
  orders,
  stores,
} from '../../db/schema'
import { DAY } from '../lib/clock'
import { createCoupon } from '../models/coupon'
import { changeListingStatus } from '../models/listing/publication'
import { unitsOnSale } from '../models/listing/units'
import {
  createMember,
  createOpenMarket,
  fieldError,
  page,
  PASSWORD,
  type TestMarket,
} from '../test/app'
import { addToCart, buy, openCheckout, submitCheckout } from '../test/checkout'
import { seedListing, seedStore, type TestStore } from '../test/listings'

let market: TestMarket
let bakery: TestStore
let plumber: TestStore
let buyerCookie: string
afterEach(() => market?.cleanup())

beforeEach(async () => {
  market = await createOpenMarket()
  bakery = await seedStore(market, { name: 'Fatou Bakes' })
  plumber = await seedStore(market, { name: 'Lamin Plumbing' })
  await createMember(market, { displayName: 'Isatou', email: 'isatou@example.com' })
  buyerCookie = await market.signIn('isatou@example.com', PASSWORD)
})

function goods(title = 'Sourdough loaf', stock = 5, price = 7500, delivery = false) {
  const listing = seedListing(market.db, market, bakery, {
    title,
    kind: 'product',
    price,
    stock,
    pickup: true,
    delivery,
  })
  return { listing, unitId: unitsOnSale(market.db, [listing.id])[0]!.id }
}

function service(price = 35000) {
  const listing = seedListing(market.db, market, plumber, { title: 'Tap repair', price })
  return { listing, unitId: unitsOnSale(market.db, [listing.id])[0]!.id }
}

const stockOf = (unitId: number) =>
  market.db.select().from(listingUnits).where(eq(listingUnits.id, unitId)).get()?.stock
const allOrders = () => market.db.select().from(orders).all()

describe('GET /checkout', () => {
  it('sends a visitor to sign in first, and back to checkout', async () => {
    const response = await market.get('/checkout')
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/sign-in?return_to=%2Fcheckout')
  })

  it('sends a member with an empty cart back to the cart', async () => {
    const response = await market.get('/checkout', { cookie: buyerCookie })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/cart')
  })

  it('shows one order per store and kind, with the choices each allows', async () => {
    const bread = goods()
    const tap = service()
    await addToCart(market, buyerCookie, bread.unitId, 2)
    await addToCart(market, buyerCookie, tap.unitId)
    const document = await page(await market.get('/checkout', { cookie: buyerCookie }))
    const headings = [...document.querySelectorAll('.checkout__order h2')].map((h) => h.textContent)
    expect(headings).toEqual([
      'Order 1: Goods from Fatou Bakes',
      'Order 2: Service from Lamin Plumbing',
    ])
    expect(document.querySelector('button[value=place]')?.textContent).toBe('Place 2 orders')
  })
})

describe('POST /checkout', () => {
  it('places one order per store, takes the stock, empties the cart and tells the providers', async () => {
    const bread = goods('Sourdough loaf', 5, 7500, true)
    market.db
      .update(stores)
      .set({ mobileMoney: 'Wave 700 1234' })
      .where(eq(stores.id, bakery.store.id))
      .run()
    const tap = service()
    await addToCart(market, buyerCookie, bread.unitId, 2)
    await addToCart(market, buyerCookie, tap.unitId)
    const fields = await openCheckout(market, buyerCookie)
    const response = await submitCheckout(market, buyerCookie, fields, {
      'orders.0.fulfilment': 'pickup',
      'orders.0.paymentMethod': 'mobile_money',
      'orders.1.address': 'Tanji, by the fish market',
      'orders.1.note': 'The kitchen tap drips all night.',
    })

    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/orders')
    const placed = allOrders()
    expect(
      placed.map((o) => [o.storeId, o.kind, o.status, o.fulfilment, o.paymentMethod, o.total]),
    ).toEqual([
      [bakery.store.id, 'goods', 'placed', 'pickup', 'mobile_money', 15000],
      [plumber.store.id, 'service', 'placed', 'customer', 'cash', 35000],
    ])
    expect(placed[1]!.note).toBe('The kitchen tap drips all night.')
    expect(placed[0]).toMatchObject({
      placedAt: market.clock.now(),
      updatedAt: market.clock.now(),
      discountByMarket: false,
      couponId: null,
      contactPhone: '0712 345 678',
    })
    expect(placed[0]!.code).toMatch(/^[A-Z2-9]{10}$/)
    const lines = market.db.select().from(orderLines).all()
    expect(lines.map((l) => [l.title, l.unitName, l.unitPrice, l.quantity])).toEqual([
      ['Sourdough loaf', '', 7500, 2],
      ['Tap repair', 'Standard', 35000, 1],
    ])
    expect(stockOf(bread.unitId)).toBe(3)
    expect(market.db.select().from(cartLines).all()).toEqual([])
    // Both sides' open pages hear of each order; only the providers get a note (the buyer did it).
    const told = market.bus.published.map((p) => `${p.topic} ${p.event.type}`).sort()
    const buyer = `member:${placed[0]!.buyerId}`
    expect(told).toEqual(
      [
        `${buyer} order.changed`,
        `${buyer} order.changed`,
        `member:${bakery.owner.id} order.changed`,
        `member:${bakery.owner.id} notifications.changed`,
        `member:${plumber.owner.id} order.changed`,
        `member:${plumber.owner.id} notifications.changed`,
      ].sort(),
    )
  })

  it('adds the delivery fee when delivered, and needs an address for it', async () => {
    const bread = goods('Sourdough loaf', 5, 7500, true)
    market.db
      .update(listings)
      .set({ deliveryFee: 2500 })
      .where(eq(listings.id, bread.listing.id))
      .run()
    await addToCart(market, buyerCookie, bread.unitId)
    const fields = await openCheckout(market, buyerCookie)
    const refused = await submitCheckout(market, buyerCookie, fields, {
      'orders.0.fulfilment': 'delivery',
    })
    expect(refused.status).toBe(422)
    expect(fieldError(await page(refused), 'orders.0.address')).toMatch(/address/)
    expect(allOrders()).toEqual([])

    const placed = await submitCheckout(market, buyerCookie, fields, {
      'orders.0.fulfilment': 'delivery',
      'orders.0.address': 'Compound 12, Old Road',
    })
    expect(placed.status).toBe(303)
    expect(allOrders()[0]).toMatchObject({ subtotal: 7500, deliveryFee: 2500, total: 10000 })
  })

  it('places nothing twice: a double click, a refresh or a back-button resubmit shows the same order', async () => {
    const bread = goods()
    await addToCart(market, buyerCookie, bread.unitId)
    const fields = await openCheckout(market, buyerCookie)
    const [first, second] = await Promise.all([
      submitCheckout(market, buyerCookie, fields),
      submitCheckout(market, buyerCookie, fields),
    ])
    const again = await submitCheckout(market, buyerCookie, fields)
    expect(allOrders()).toHaveLength(1)
    const code = allOrders()[0]!.code
    for (const response of [first, second, again]) {
      expect(response.status).toBe(303)
      expect(response.headers.get('Location')).toBe(`/orders/${code}`)
    }
    expect(stockOf(bread.unitId)).toBe(4)
  })

  it('places nothing when a price changed since the page was shown, and says what changed', async () => {
    const bread = goods()
    await addToCart(market, buyerCookie, bread.unitId)
    const fields = await openCheckout(market, buyerCookie)
    market.db
      .update(listingUnits)
      .set({ price: 9000 })
      .where(eq(listingUnits.id, bread.unitId))
      .run()

    const response = await submitCheckout(market, buyerCookie, fields)
    expect(response.status).toBe(409)
    const alert = (await page(response)).querySelector('[role=alert]')?.textContent ?? ''
    expect(alert).toMatch(/Sourdough loaf now costs GMD\s?90\.00 \(was GMD\s?75\.00\)/)
    expect(allOrders()).toEqual([])
  })

  it('never charges a price from the form: a tampered price only counts as a change', async () => {
    const bread = goods()
    await addToCart(market, buyerCookie, bread.unitId)
    const fields = await openCheckout(market, buyerCookie)
    const response = await submitCheckout(market, buyerCookie, { ...fields, 'lines.0.price': '1' })
    expect(response.status).toBe(409)
    expect(allOrders()).toEqual([])
  })

  it('refuses tampered unit ids and quantities as a changed cart, with nothing placed', async () => {
    const bread = goods()
    const other = goods('Rye loaf')
    await addToCart(market, buyerCookie, bread.unitId)
    const fields = await openCheckout(market, buyerCookie)
    for (const tampered of <Record<string, string>[]>[
      { 'lines.0.unitId': String(other.unitId) },
      { 'lines.0.unitId': '999999' },
      { 'lines.0.quantity': '0' },
    ]) {
      const response = await submitCheckout(market, buyerCookie, { ...fields, ...tampered })
      expect(response.status, JSON.stringify(tampered)).toBe(409)
    }
    for (const malformed of <Record<string, string>[]>[
      { 'lines.0.quantity': '-1' },
      { 'lines.0.quantity': '1.5' },
      { 'lines.0.price': 'abc' },
    ]) {
      const response = await submitCheckout(market, buyerCookie, { ...fields, ...malformed })
      expect(response.status, JSON.stringify(malformed)).toBe(422)
    }
    expect(allOrders()).toEqual([])
    expect(stockOf(bread.unitId)).toBe(5)
  })

  it('leaves out a listing paused since it was added, and says so', async () => {
    const bread = goods()
    await addToCart(market, buyerCookie, bread.unitId)
    const fields = await openCheckout(market, buyerCookie)
    changeListingStatus(market.db, market.clock, bakery.owner, bread.listing.id, 'pause')
    const response = await submitCheckout(market, buyerCookie, fields)
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/cart')
    expect(allOrders()).toEqual([])
  })

  it('asks for a phone number and a valid way of paying, keeping what was typed', async () => {
    const bread = goods()
    await addToCart(market, buyerCookie, bread.unitId)
    const fields = await openCheckout(market, buyerCookie)
    const noPhone = await submitCheckout(market, buyerCookie, fields, {
      contactPhone: 'call me',
      'orders.0.note': 'Sliced, please',
    })
    expect(noPhone.status).toBe(422)
    const document = await page(noPhone)
    expect(fieldError(document, 'contactPhone')).toMatch(/phone number/)
    expect(document.querySelector('textarea[name="orders.0.note"]')?.textContent).toBe(
      'Sliced, please',
    )

    const tampered = await submitCheckout(market, buyerCookie, fields, {
      'orders.0.paymentMethod': 'bank_transfer',
    })
    expect(tampered.status).toBe(422)
    expect(fieldError(await page(tampered), 'orders.0.paymentMethod')).toBe('Choose how you pay.')
    expect(allOrders()).toEqual([])
  })

  it('sells the last one once: the second buyer is told it sold out, with nothing half-written', async () => {
    const bread = goods('Last loaf', 1)
    await createMember(market, { email: 'second@example.com' })
    const secondCookie = await market.signIn('second@example.com')
    await addToCart(market, buyerCookie, bread.unitId)
    await addToCart(market, secondCookie, bread.unitId)
    const firstFields = await openCheckout(market, buyerCookie)
    const secondFields = await openCheckout(market, secondCookie)

    expect((await submitCheckout(market, buyerCookie, firstFields)).status).toBe(303)
    const late = await submitCheckout(market, secondCookie, secondFields)
    expect(late.status).toBe(303)
    expect(late.headers.get('Location')).toBe('/cart')
    expect(allOrders()).toHaveLength(1)
    expect(stockOf(bread.unitId)).toBe(0)
  })

  it('answers checkouts posted together each on its own: one refused halfway keeps nothing', async () => {
    // Posted at once, they share one transaction, each in a savepoint (models/group-commit.ts).
    const bread = goods()
    const tap = service()
    const operator = market.db.select().from(members).where(eq(members.role, 'operator')).get()!
    const made = createCoupon(market.db, market.clock, operator, {
      code: 'TOWN10',
      kind: 'percent',
      value: 10,
      minSpend: 0,
      maxDiscount: null,
      expiresAt: null,
      usageLimit: 1,
      scope: 'market',
    })
    if (!made.ok) throw new Error(`the coupon was refused: ${made.reason}`)
    // Isatou gives the single-use coupon to both of her orders: the first is written (its order,
    // its stock, the coupon's use) before the second finds the coupon used up.
    await addToCart(market, buyerCookie, bread.unitId)
    await addToCart(market, buyerCookie, tap.unitId)
    const hers = await openCheckout(market, buyerCookie)
    await createMember(market, { email: 'second@example.com' })
    const secondCookie = await market.signIn('second@example.com')
    await addToCart(market, secondCookie, bread.unitId)
    const theirs = await openCheckout(market, secondCookie)

    const [refused, placed] = await Promise.all([
      submitCheckout(market, buyerCookie, hers, {
        'orders.0.coupon': 'TOWN10',
        'orders.1.coupon': 'TOWN10',
        'orders.1.address': 'Tanji, by the fish market',
      }),
      submitCheckout(market, secondCookie, theirs),
    ])

    expect(refused.status).toBe(422)
    expect(fieldError(await page(refused), 'orders.1.coupon')).toMatch(/used as many times/)
    expect(placed.status).toBe(303)
    expect(placed.headers.get('Location')).toMatch(/^\/orders\//)
    // Of Isatou's checkout nothing is left: no order, the loaf back in stock, the coupon unused.
    expect(allOrders().map((order) => order.buyerId)).not.toContain(
      market.db.select().from(members).where(eq(members.email, 'isatou@example.com')).get()!.id,
    )
    expect(allOrders()).toHaveLength(1)
    expect(stockOf(bread.unitId)).toBe(4)
    expect(market.db.select().from(coupons).get()?.usedCount).toBe(0)
  })

  describe('coupons', () => {
    it('takes a store coupon off the order and counts its use', async () => {
      const bread = goods('Sourdough loaf', 5, 10000)
      const made = createCoupon(market.db, market.clock, bakery.owner, {
        code: 'BREAD10',
        kind: 'percent',
        value: 10,
        minSpend: 0,
        maxDiscount: null,
        expiresAt: null,
        usageLimit: 1,
        scope: 'store',
      })
      expect(made.ok).toBe(true)
      const code = await buy(market, buyerCookie, bread.unitId, 2, {
        'orders.0.coupon': ' bread10 ',
      })
      expect(allOrders()[0]).toMatchObject({
        code,
        subtotal: 20000,
        discount: 2000,
        total: 18000,
        couponCode: 'BREAD10',
      })

      // Used up now: the next checkout says so beside the field.
      await addToCart(market, buyerCookie, bread.unitId)
      const fields = await openCheckout(market, buyerCookie)
      const refused = await submitCheckout(market, buyerCookie, fields, {
        'orders.0.coupon': 'BREAD10',
      })
      expect(refused.status).toBe(422)
      expect(fieldError(await page(refused), 'orders.0.coupon')).toMatch(/used as many times/)
    })

    it('refuses unknown, expired and other stores’ coupons beside the field', async () => {
      const bread = goods()
      createCoupon(market.db, market.clock, plumber.owner, {
        code: 'PIPES',
        kind: 'fixed',
        value: 1000,
        minSpend: 0,
        maxDiscount: null,
        expiresAt: null,
        usageLimit: null,
        scope: 'store',
      })
      createCoupon(market.db, market.clock, bakery.owner, {
        code: 'SOON',
        kind: 'fixed',
        value: 1000,
        minSpend: 0,
        maxDiscount: null,
        expiresAt: new Date(market.clock.now().getTime() + DAY),
        usageLimit: null,
        scope: 'store',
      })
      market.clock.advance(2 * DAY)
      await addToCart(market, buyerCookie, bread.unitId)
      const fields = await openCheckout(market, buyerCookie)
      for (const [coupon, message] of [
        ['NOPE', /no coupon with this code/],
        ['PIPES', /another store/],
        ['SOON', /expired/],
      ] as const) {
        const response = await submitCheckout(market, buyerCookie, fields, {
          'orders.0.coupon': coupon,
        })
        expect(response.status).toBe(422)
        expect(fieldError(await page(response), 'orders.0.coupon')).toMatch(message)
      }
      expect(allOrders()).toEqual([])
    })

    it('shows the discount when "Apply" is pressed, placing nothing', async () => {
      const bread = goods('Sourdough loaf', 5, 10000)
      createCoupon(market.db, market.clock, bakery.owner, {
        code: 'LESS',
        kind: 'fixed',
        value: 1500,
        minSpend: 0,
        maxDiscount: null,
        expiresAt: null,
        usageLimit: null,
        scope: 'store',
      })
      await addToCart(market, buyerCookie, bread.unitId)
      const fields = await openCheckout(market, buyerCookie)
      const response = await submitCheckout(market, buyerCookie, fields, {
        intent: 'review',
        'orders.0.coupon': 'LESS',
      })
      expect(response.status).toBe(200)
      const summary = (await page(response)).querySelector('.checkout__summary')?.textContent ?? ''
      expect(summary).toMatch(/Discount\s*−GMD\s?15\.00/)
      expect(summary).toMatch(/Total\s*GMD\s?85\.00/)
      expect(allOrders()).toEqual([])
    })
  })
})
