import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { events } from '../../db/schema'
import { DAY } from '../lib/clock'
import { MAX_STREAMS_PER_MEMBER } from '../live/streams'
import { unitsOnSale } from '../models/listing/units'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { buy } from '../test/checkout'
import { listen, openStream, type OpenStream } from '../test/event-stream'
import { seedListing, seedStore, type TestStore } from '../test/listings'
import { newestEventId, pruneEvents } from '../live/events'
import { liveEvents } from './events'

let market: TestMarket
let server: { url: string; close: () => void }
let bakery: TestStore
let buyer: string
let provider: string
let stranger: string
const streams: OpenStream[] = []

beforeEach(async () => {
  market = await createOpenMarket()
  server = await listen(market)
  bakery = await seedStore(market, { name: 'Fatou Bakes' })
  await createMember(market, { displayName: 'Isatou', email: 'isatou@example.com' })
  await createMember(market, { displayName: 'Ebrima', email: 'ebrima@example.com' })
  buyer = await market.signIn('isatou@example.com')
  provider = await market.signIn(bakery.owner.email)
  stranger = await market.signIn('ebrima@example.com')
})

afterEach(() => {
  for (const stream of streams.splice(0)) stream.close()
  server.close()
  market.cleanup()
})

async function open(cookie: string, options: Parameters<typeof openStream>[2] = {}) {
  const stream = await openStream(server.url, cookie, options)
  streams.push(stream)
  return stream
}

function loaf() {
  const listing = seedListing(market.db, market, bakery, {
    title: 'Sourdough loaf',
    kind: 'product',
    price: 7500,
    stock: 50,
    pickup: true,
    delivery: false,
  })
  return unitsOnSale(market.db, [listing.id])[0]!.id
}

/** The provider takes a step on the order, through the order page's form. */
async function step(code: string, action: string, status: string) {
  const response = await market.post(
    `/orders/${code}/steps`,
    { action, status },
    { cookie: provider },
  )
  expect(response.status).toBe(303)
}

describe('GET /events', () => {
  it('opens at once, unbuffered and uncompressed, for members only', async () => {
    const started = Date.now()
    const stream = await open(buyer, { headers: { 'Accept-Encoding': 'br, gzip' } })
    expect(stream.response.status).toBe(200)
    expect(stream.response.headers.get('Content-Type')).toContain('text/event-stream')
    expect(stream.response.headers.get('X-Accel-Buffering')).toBe('no')
    expect(stream.response.headers.get('Content-Encoding')).toBeNull()
    expect(stream.response.headers.get('ETag')).toBeNull()
    expect(await stream.next(1000)).toEqual({ comment: 'live' })
    expect(Date.now() - started).toBeLessThan(1000)

    const visitor = await fetch(`${server.url}/events`, { redirect: 'manual' })
    expect(visitor.status).not.toBe(200)
    expect(visitor.headers.get('Content-Type') ?? '').not.toContain('text/event-stream')
    await visitor.body?.cancel()
  })

  it('sends an order’s change to its buyer and its store, rendered for the page they are on, and to nobody else', async () => {
    const code = await buy(market, buyer, loaf(), 1, { 'orders.0.fulfilment': 'pickup' })
    const onOrder = await open(buyer, { path: `/events?page=order:${code}` })
    const onSales = await open(provider, { path: '/events?page=sales' })
    const elsewhere = await open(stranger, { path: `/events?page=order:${code}` })
    for (const stream of [onOrder, onSales, elsewhere]) await stream.next()

    await step(code, 'accept', 'placed')

    const buyerSaw = (await onOrder.drain()).map((event) => event.data ?? '').join('')
    expect(buyerSaw).toContain(`id="order-${code}"`)
    expect(buyerSaw).toContain('Accepted')
    expect(buyerSaw).toContain('data-hx-swap-oob')
    // The buyer is told by a note too: the bell's count changes.
    expect(buyerSaw).toContain('Notifications (1 unread)')
    const providerSaw = (await onSales.drain()).map((event) => event.data ?? '').join('')
    expect(providerSaw).toContain('id="sales-body"')
    expect(providerSaw).not.toContain(`id="order-${code}"`)
    expect(await elsewhere.drain()).toEqual([])
  })

  it('replays what a dropped page missed, each event exactly once, then carries on live', async () => {
    const code = await buy(market, buyer, loaf(), 1, { 'orders.0.fulfilment': 'pickup' })
    // As the order page does: listen from the newest event there was when it was rendered.
    const rendered = newestEventId(market.db)
    const first = await open(buyer, { path: `/events?page=order:${code}&after=${rendered}` })
    await first.next()
    await step(code, 'accept', 'placed')
    const before = await first.drain()
    expect(before.length).toBeGreaterThan(0)
    first.close() // the phone loses its network…

    await step(code, 'mark_ready', 'accepted') // …while the store moves the order on

    const again = await open(buyer, {
      path: `/events?page=order:${code}&after=${rendered}`,
      lastEventId: first.lastId!,
    })
    const replayed = await again.drain()
    expect(replayed.map((event) => event.data ?? '').join('')).toContain('Ready for pickup')
    await step(code, 'mark_delivered', 'ready_for_pickup')
    const live = await again.drain()
    expect(live.map((event) => event.data ?? '').join('')).toContain('Delivered')

    const received = [...before, ...replayed, ...live].map((event) => Number(event.id))
    const sent = market.db
      .select({ id: events.id, memberId: events.memberId })
      .from(events)
      .all()
      .filter((row) => row.memberId === memberId('isatou@example.com') && row.id > rendered)
      .map((row) => row.id)
    expect(sent.length).toBeGreaterThanOrEqual(3)
    expect(received).toEqual(sent)
  })

  it('tells a page that asks from an unknown or forgotten point to reload, and carries on from now', async () => {
    const farFuture = await open(buyer, { lastEventId: '999999999' })
    await farFuture.next()
    const notice = await farFuture.next()
    expect(notice?.data).toContain('id="live-notice"')
    expect(notice?.data).toContain('may be out of date')

    const nonsense = await open(buyer, { lastEventId: 'abc; DROP TABLE events' })
    await nonsense.next()
    expect(await nonsense.drain()).toEqual([])

    const code = await buy(market, buyer, loaf(), 1, { 'orders.0.fulfilment': 'pickup' })
    await step(code, 'accept', 'placed')
    market.clock.advance(2 * DAY)
    await step(code, 'mark_ready', 'accepted')
    expect(pruneEvents(market.db, market.clock.now())).toBeGreaterThan(0)
    const longGone = await open(buyer, { lastEventId: '1' })
    await longGone.next()
    expect((await longGone.next())?.data).toContain('may be out of date')
  })

  it('holds at most a few streams per member and refuses more with a clear answer', async () => {
    const held = []
    for (let n = 0; n < MAX_STREAMS_PER_MEMBER; n += 1) held.push(await open(buyer))
    const refused = await fetch(`${server.url}/events`, { headers: { Cookie: buyer } })
    expect(refused.status).toBe(429)
    expect(await refused.text()).toMatch(/too many pages/i)
    // Another member is not held back by it.
    expect((await open(stranger)).response.status).toBe(200)
    // A page that closes gives its place back.
    held[0]!.close()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await open(buyer)).response.status).toBe(200)
  })

  it('beats while quiet and ends after its lifetime, or at shutdown, so the page reconnects', async () => {
    const quickMarket = await createOpenMarket()
    // Mounted before the market answers anything: a router takes no routes after its first use.
    quickMarket.app.route('/quick-events', liveEvents({ heartbeatMs: 50, lifetimeMs: 400 }))
    const quickServer = await listen(quickMarket)
    try {
      const quick = await openStream(quickServer.url, await quickMarket.signIn('awa@example.com'), {
        path: '/quick-events',
      })
      expect(await quick.next()).toEqual({ comment: 'live' })
      expect(await quick.next()).toEqual({ comment: '' })
      await quick.drain(600)
      expect(quick.ended).toBe(true)
    } finally {
      quickServer.close()
      quickMarket.cleanup()
    }

    const stream = await open(buyer)
    await stream.next()
    market.shutDown()
    await stream.drain(500)
    expect(stream.ended).toBe(true)
  })
})

function memberId(email: string): number {
  const row = market.db.$client.prepare('SELECT id FROM members WHERE email = ?').get(email) as {
    id: number
  }
  return row.id
}
