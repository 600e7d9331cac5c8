import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listingUnits, orderEvents, orders, site } from '../../db/schema'
import { DAY } from '../lib/clock'
import { ledgerBalances } from '../models/ledger'
import { unitsOnSale } from '../models/listing/units'
import { createMember, createOpenMarket, page, type TestMarket } from '../test/app'
import { buy } from '../test/checkout'
import { seedListing, seedStore, type TestStore } from '../test/listings'

let market: TestMarket
let bakery: TestStore
let plumber: TestStore
let buyer: string
let provider: string
let plumberCookie: string
let operator: string
afterEach(() => market?.cleanup())

beforeEach(async () => {
  market = await createOpenMarket()
  bakery = await seedStore(market, { name: 'Fatou Bakes', phone: '+220 700 1111' })
  plumber = await seedStore(market, { name: 'Lamin Plumbing' })
  await createMember(market, { displayName: 'Isatou', email: 'isatou@example.com' })
  buyer = await market.signIn('isatou@example.com')
  provider = await market.signIn(bakery.owner.email)
  plumberCookie = await market.signIn(plumber.owner.email)
  operator = await market.signIn('awa@example.com')
})

function bread(stock = 5) {
  const listing = seedListing(market.db, market, bakery, {
    title: 'Sourdough loaf',
    kind: 'product',
    price: 7500,
    stock,
    pickup: false,
    delivery: true,
  })
  return unitsOnSale(market.db, [listing.id])[0]!.id
}

function tapRepair() {
  const listing = seedListing(market.db, market, plumber, { title: 'Tap repair', price: 35000 })
  return unitsOnSale(market.db, [listing.id])[0]!.id
}

const orderRow = (code: string) =>
  market.db.select().from(orders).where(eq(orders.code, code)).get()!
const stockOf = (unitId: number) =>
  market.db.select().from(listingUnits).where(eq(listingUnits.id, unitId)).get()?.stock
const step = (code: string, cookie: string, action: string, fields: Record<string, string> = {}) =>
  market.post(`/orders/${code}/steps`, { action, ...fields }, { cookie })

describe('GET /orders/:code', () => {
  it('shows the order to its buyer, its provider and the operator; anyone else gets 404', async () => {
    const code = await buy(market, buyer, bread())
    for (const cookie of [buyer, provider, operator]) {
      const response = await market.get(`/orders/${code}`, { cookie })
      expect(response.status).toBe(200)
      expect((await page(response)).querySelector('h1')?.textContent).toBe(`Order ${code}`)
    }
    expect((await market.get(`/orders/${code}`, { cookie: plumberCookie })).status).toBe(404)
    expect((await market.get(`/orders/${code}/receipt`, { cookie: plumberCookie })).status).toBe(
      404,
    )
    expect((await market.get('/orders/ZZZZZZZZZZ', { cookie: buyer })).status).toBe(404)
    const visitor = await market.get(`/orders/${code}`)
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('Location')).toMatch(/^\/sign-in/)
  })

  it('shows each side how to reach the other, and the buyer how to pay', async () => {
    const code = await buy(market, buyer, bread())
    const asBuyer = await page(await market.get(`/orders/${code}`, { cookie: buyer }))
    expect(asBuyer.querySelector('a[href^="tel:"]')?.getAttribute('href')).toBe('tel:+2207001111')
    expect(asBuyer.querySelector('a[href^="https://wa.me/"]')?.getAttribute('href')).toContain(
      `text=About%20order%20${code}`,
    )
    expect(asBuyer.querySelector('#order-pay')).not.toBeNull()
    const asProvider = await page(await market.get(`/orders/${code}`, { cookie: provider }))
    expect(asProvider.querySelector('a[href^="tel:"]')?.getAttribute('href')).toBe('tel:0712345678')
    expect(asProvider.querySelector('#order-pay')).toBeNull()
  })

  it('prints a receipt with the lines and totals', async () => {
    const code = await buy(market, buyer, bread(), 2)
    const receipt = await page(await market.get(`/orders/${code}/receipt`, { cookie: buyer }))
    expect(receipt.querySelector('.order-lines tbody')?.textContent).toMatch(
      /Sourdough loaf.*2.*GMD\s?150\.00/,
    )
  })
})

describe('POST /orders/:code/steps', () => {
  it('takes goods from placed to completed, with the money held and released to the store', async () => {
    const unit = bread()
    const code = await buy(market, buyer, unit)
    expect((await step(code, provider, 'accept', { status: 'placed' })).status).toBe(303)
    const paid = await market.post(
      `/orders/${code}/payment`,
      { reference: 'Cash, receipt 7' },
      { cookie: provider },
    )
    expect(paid.status).toBe(303)
    expect(ledgerBalances(market.db).escrow).toBe(7500)
    expect((await step(code, provider, 'send_out')).status).toBe(303)
    expect((await step(code, provider, 'mark_delivered')).status).toBe(303)
    expect(orderRow(code).status).toBe('delivered')
    expect((await step(code, buyer, 'confirm')).status).toBe(303)

    expect(orderRow(code).status).toBe('completed')
    const books = ledgerBalances(market.db)
    expect(books.escrow).toBe(0)
    expect(books.store_payable).toBe(7500)
    const timeline = market.db
      .select()
      .from(orderEvents)
      .all()
      .map((e) => e.action)
    expect(timeline).toEqual([
      'place',
      'accept',
      'payment',
      'send_out',
      'mark_delivered',
      'confirm',
    ])
    const shown = await page(await market.get(`/orders/${code}`, { cookie: buyer }))
    expect([...shown.querySelectorAll('.timeline strong')].map((s) => s.textContent)).toEqual([
      'Placed',
      'Accepted',
      'Payment recorded',
      'Out for delivery',
      'Delivered',
      'Confirmed done',
    ])
  })

  it('takes a service through changes asked for back to in progress', async () => {
    const code = await buy(market, buyer, tapRepair())
    await step(code, plumberCookie, 'accept')
    await step(code, plumberCookie, 'start')
    await step(code, plumberCookie, 'mark_delivered')
    const noReason = await step(code, buyer, 'request_changes')
    expect(noReason.status).toBe(422)
    // Each step's box has its own id on the order page (several steps can ask for a reason).
    const box = `order-${code}-request_changes-reason`
    expect((await page(noReason)).getElementById(`${box}-error`)?.textContent).toMatch(/Say why/)
    expect(orderRow(code).status).toBe('delivered')
    await step(code, buyer, 'request_changes', { reason: 'Still drips at night' })
    expect(orderRow(code).status).toBe('in_progress')
  })

  it('refuses steps not theirs to take, changing nothing', async () => {
    const code = await buy(market, buyer, bread())
    const buyerAccepts = await step(code, buyer, 'accept')
    expect(buyerAccepts.status).toBe(303)
    expect(orderRow(code).status).toBe('placed')
    expect((await step(code, plumberCookie, 'accept')).status).toBe(404)
    expect((await market.post(`/orders/${code}/steps`, { action: 'accept' })).status).toBe(303)
    expect(orderRow(code).status).toBe('placed')
    expect((await step(code, provider, 'explode')).status).toBe(303)
    expect(orderRow(code).status).toBe('placed')
  })

  it('refuses a step from a page that is out of date', async () => {
    const code = await buy(market, buyer, bread())
    await step(code, buyer, 'cancel', { status: 'placed' })
    const late = await step(code, provider, 'accept', { status: 'placed' })
    expect(late.status).toBe(303)
    expect(orderRow(code).status).toBe('cancelled')
  })

  it('returns the stock when the buyer cancels before acceptance, and never twice', async () => {
    const unit = bread(5)
    const code = await buy(market, buyer, unit, 2)
    expect(stockOf(unit)).toBe(3)
    await step(code, buyer, 'cancel', { status: 'placed' })
    await step(code, buyer, 'cancel')
    expect(orderRow(code).status).toBe('cancelled')
    expect(stockOf(unit)).toBe(5)
  })

  it('lets the provider decline only with a reason, which the buyer sees', async () => {
    const code = await buy(market, buyer, bread())
    const bare = await step(code, provider, 'decline', { reason: '   ' })
    expect(bare.status).toBe(422)
    expect(orderRow(code).status).toBe('placed')
    await step(code, provider, 'decline', { reason: 'The oven is broken this week' })
    const seen = await page(await market.get(`/orders/${code}`, { cookie: buyer }))
    expect(seen.querySelector('.notice--alert')?.textContent).toContain(
      'The oven is broken this week',
    )
  })

  it('refunds a paid order whose dispute the operator decides for the buyer', async () => {
    const code = await buy(market, buyer, bread())
    await step(code, provider, 'accept')
    await market.post(`/orders/${code}/payment`, { reference: 'Wave 88' }, { cookie: provider })
    await step(code, buyer, 'dispute', { reason: 'Nobody came' })
    expect(orderRow(code).status).toBe('disputed')
    expect((await step(code, provider, 'refund', { reason: 'mine' })).status).toBe(303)
    expect(orderRow(code).status).toBe('disputed')
    const notes = await page(await market.get('/notifications', { cookie: operator }))
    expect(notes.querySelector('.notifications')?.textContent).toContain(
      `Dispute opened on order ${code}`,
    )
    const listed = await page(await market.get('/disputes', { cookie: operator }))
    expect(listed.querySelector('.order-list')?.textContent).toContain('Nobody came')
    expect((await market.get('/disputes', { cookie: buyer })).status).toBe(404)
    await step(code, operator, 'refund', { reason: 'The delivery never came' })
    expect(orderRow(code).status).toBe('refunded')
    const books = ledgerBalances(market.db)
    expect(books.escrow).toBe(0)
    expect(books.refunds).toBe(7500)
  })

  it('completes delivered orders by itself after the market’s days', async () => {
    market.db.update(site).set({ autoCompleteDays: 3 }).run()
    const code = await buy(market, buyer, bread())
    await step(code, provider, 'accept')
    await step(code, provider, 'send_out')
    await step(code, provider, 'mark_delivered')
    market.clock.advance(2 * DAY)
    await market.jobs.run('order-auto-completion')
    expect(orderRow(code).status).toBe('delivered')
    market.clock.advance(1 * DAY + 1)
    await market.jobs.run('order-auto-completion')
    expect(orderRow(code).status).toBe('completed')
    const last = market.db.select().from(orderEvents).all().at(-1)
    expect(last).toMatchObject({ action: 'auto_complete', actor: 'system', actorId: null })
  })

  it('never lets an operator decide a dispute on their own order', async () => {
    const code = await buy(market, operator, bread())
    await step(code, provider, 'accept')
    await step(code, operator, 'dispute', { reason: 'Stale bread' })
    expect(orderRow(code).status).toBe('disputed')
    // They opened it: no note tells them of their own dispute.
    const notes = await page(await market.get('/notifications', { cookie: operator }))
    expect(notes.querySelector('.notifications')?.textContent ?? '').not.toContain('Dispute')
    await step(code, operator, 'refund', { reason: 'I say so' })
    expect(orderRow(code).status).toBe('disputed')
  })
})

describe('POST /orders/:code/payment', () => {
  it('is recorded once, by the provider or the operator, with a reference', async () => {
    const code = await buy(market, buyer, bread())
    expect(
      (await market.post(`/orders/${code}/payment`, { reference: 'x' }, { cookie: buyer })).status,
    ).toBe(303)
    expect(orderRow(code).paidAt).toBeNull()
    const blank = await market.post(
      `/orders/${code}/payment`,
      { reference: ' ' },
      { cookie: provider },
    )
    expect(blank.status).toBe(422)
    await market.post(`/orders/${code}/payment`, { reference: 'Wave 88' }, { cookie: provider })
    await market.post(`/orders/${code}/payment`, { reference: 'Wave 88' }, { cookie: provider })
    expect(orderRow(code).paymentReference).toBe('Wave 88')
    expect(ledgerBalances(market.db).escrow).toBe(7500)
  })
})

describe('GET /orders and /sales', () => {
  it('lists the buyer’s orders and the provider’s inbox by state, with one-click steps', async () => {
    const code = await buy(market, buyer, bread())
    const mine = await page(await market.get('/orders', { cookie: buyer }))
    expect(mine.querySelector('.order-list a')?.getAttribute('href')).toBe(`/orders/${code}`)

    const inbox = await page(await market.get('/sales', { cookie: provider }))
    const newOrders = inbox.querySelector('section[aria-labelledby="sales-new"]')
    expect(newOrders?.textContent).toContain(code)
    expect([...(newOrders?.querySelectorAll('button') ?? [])].map((b) => b.textContent)).toEqual([
      'Accept order',
    ])

    const accepted = await step(code, provider, 'accept', { status: 'placed', return: 'sales' })
    expect(accepted.headers.get('Location')).toBe('/sales')
    expect(orderRow(code).status).toBe('accepted')
    const other = await page(await market.get('/sales', { cookie: plumberCookie }))
    expect(other.body.textContent).not.toContain(code)
  })

  it('counts in the header only the new orders of the member’s own store', async () => {
    // Orders of both stores; ids and store ids overlap, so a count that mixed them up shows.
    await buy(market, buyer, tapRepair())
    await buy(market, buyer, bread())
    await buy(market, buyer, bread())
    const salesLink = async (cookie: string) =>
      (await page(await market.get('/', { cookie })))
        .querySelector('a[href="/sales"]')
        ?.getAttribute('aria-label')
    expect(await salesLink(provider)).toBe('Sales (2 new)')
    expect(await salesLink(plumberCookie)).toBe('Sales (1 new)')
    expect(await salesLink(buyer)).toBeUndefined()
  })
})
