// The last-item race over real HTTP: 200 buyers, each with the last loaf in their cart and the
// checkout page open, press "Place order" at the same moment. The app listens on a real port
// (@hono/node-server, as src/server.ts serves it), so the requests arrive on 200 sockets and
// their bodies are read interleaved, the way a busy evening would bring them.
import { serve, type ServerType } from '@hono/node-server'
import { eq, sql } from 'drizzle-orm'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { parseHTML } from 'linkedom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cartLines, listingUnits, orderEvents, orderLines, orders } from '../../db/schema'
import { unitsOnSale } from '../models/listing/units'
import { insertMember } from '../models/member'
import { createSession } from '../models/session'
import { createOpenMarket, type TestMarket } from '../test/app'
import { formFields } from '../test/form-fields'
import { seedListing, seedStore } from '../test/listings'

const BUYERS = 200

let market: TestMarket
let server: ServerType
let origin: string

beforeAll(async () => {
  market = await createOpenMarket()
  server = serve({ fetch: market.app.fetch, port: 0, hostname: '127.0.0.1' })
  await once(server, 'listening')
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  if (server) {
    const closed = once(server, 'close')
    server.close()
    if ('closeAllConnections' in server) server.closeAllConnections()
    await closed
  }
  market?.cleanup()
})

type Fields = Record<string, string | string[]>

function form(fields: Fields): URLSearchParams {
  return new URLSearchParams(
    Object.entries(fields).flatMap(([name, value]) =>
      [value].flat().map((one): [string, string] => [name, one]),
    ),
  )
}

/** A same-origin form post as a browser sends it, the redirect left for us to read. */
function post(path: string, cookie: string, fields: Fields) {
  return fetch(`${origin}${path}`, {
    method: 'POST',
    redirect: 'manual',
    body: form(fields),
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: origin,
      Cookie: cookie,
    },
  })
}

/** The flash a redirect set, as the next page will show it. */
function flashOf(response: Response): { kind: string; message: string } | null {
  const value = response.headers
    .getSetCookie()
    .map((line) => /^souk_flash=([^;]+)/.exec(line)?.[1])
    .find(Boolean)
  return value ? JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) : null
}

/**
 * A buyer straight into the table with a session (argon2 would take minutes for 200), the loaf
 * in their cart through the cart's own form, and the checkout page's form as they would submit it.
 */
async function buyerAtCheckout(number: number, unitId: number) {
  const row = insertMember(
    market.db,
    market.clock,
    { email: `racer${number}@example.com`, displayName: `Racer ${number}`, passwordHash: 'x' },
    'member',
    { emailVerified: true },
  )!
  const cookie = `souk_session=${createSession(market.db, market.clock, row.id).token}`
  const added = await post('/cart/lines', cookie, { unitId: String(unitId), quantity: '1' })
  expect(added.status, 'adding to the cart').toBe(303)
  const page = await fetch(`${origin}/checkout`, { headers: { Cookie: cookie } })
  expect(page.status, 'opening checkout').toBe(200)
  const checkoutForm = parseHTML(await page.text()).document.querySelector('form.checkout')
  if (!checkoutForm) throw new Error('checkout has no form')
  const fields: Fields = {
    ...formFields(checkoutForm),
    intent: 'place',
    contactPhone: '0712 345 678',
  }
  return { memberId: row.id, cookie, fields }
}

describe('POST /checkout: 200 buyers, one left, over real HTTP', () => {
  it('places exactly one order and tells the other 199 it sold out, with nothing half-written', async () => {
    const bakery = await seedStore(market, { name: 'Fatou Bakes' })
    const listing = seedListing(market.db, market, bakery, {
      title: 'Last loaf',
      kind: 'product',
      price: 7500,
      stock: 1,
      pickup: true,
    })
    const unitId = unitsOnSale(market.db, [listing.id])[0]!.id
    const stock = () =>
      market.db.select().from(listingUnits).where(eq(listingUnits.id, unitId)).get()!.stock

    // Sequentially: 200 members' first requests at once would race for nothing worth testing.
    const buyers = []
    for (let number = 1; number <= BUYERS; number += 1)
      buyers.push(await buyerAtCheckout(number, unitId))
    expect(stock()).toBe(1)
    expect(buyers.every(({ fields }) => fields['lines.0.unitId'] === String(unitId))).toBe(true)

    // Watch the stock between requests while they run: it must never be seen below zero.
    const seenStock: number[] = []
    const watch = setInterval(() => seenStock.push(stock() ?? Number.NaN), 1)
    const answers = await Promise.all(
      buyers.map(async (buyer) => {
        const response = await post('/checkout', buyer.cookie, buyer.fields)
        await response.arrayBuffer()
        return {
          buyer,
          status: response.status,
          location: response.headers.get('Location'),
          flash: flashOf(response),
        }
      }),
    ).finally(() => clearInterval(watch))

    const statuses = new Map<number, number>()
    for (const { status } of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1)
    expect(Object.fromEntries(statuses), 'every answer is a redirect, none a 500').toEqual({
      303: BUYERS,
    })

    const winners = answers.filter(({ location }) => location?.startsWith('/orders/'))
    const losers = answers.filter(({ location }) => location === '/cart')
    expect(winners).toHaveLength(1)
    expect(losers).toHaveLength(BUYERS - 1)
    expect(winners[0]!.flash).toEqual({
      kind: 'notice',
      message: 'Your order was placed. The provider has been told.',
    })
    for (const { flash } of losers)
      expect(flash).toEqual({
        kind: 'alert',
        message: 'Last loaf sold out or is no longer on sale: it was left out.',
      })

    // The database: one order of one line and one timeline entry, for the winner; stock 0.
    expect(stock()).toBe(0)
    expect(seenStock.every((seen) => seen === 0 || seen === 1)).toBe(true)
    const placed = market.db.select().from(orders).all()
    expect(placed).toHaveLength(1)
    const [order] = placed
    expect(order).toMatchObject({ buyerId: winners[0]!.buyer.memberId, total: 7500 })
    expect(winners[0]!.location).toBe(`/orders/${order!.code}`)
    expect(market.db.select().from(orderLines).all()).toEqual([
      expect.objectContaining({ orderId: order!.id, unitId, quantity: 1, unitPrice: 7500 }),
    ])
    expect(market.db.select().from(orderEvents).all()).toEqual([
      expect.objectContaining({ orderId: order!.id, action: 'place', toStatus: 'placed' }),
    ])
    const orphans = market.db.get<{ lines: number; events: number; empty: number }>(sql`
      SELECT
        (SELECT count(*) FROM order_lines WHERE order_id NOT IN (SELECT id FROM orders)) AS lines,
        (SELECT count(*) FROM order_events WHERE order_id NOT IN (SELECT id FROM orders)) AS events,
        (SELECT count(*) FROM orders WHERE id NOT IN (SELECT order_id FROM order_lines)) AS empty`)
    expect(orphans).toEqual({ lines: 0, events: 0, empty: 0 })
    expect(market.db.$client.pragma('foreign_key_check')).toEqual([])

    // The winner's cart was emptied; each loser still has the loaf, shown as sold out.
    const carts = market.db.select().from(cartLines).all()
    expect(carts.map((line) => line.memberId).sort((a, b) => a - b)).toEqual(
      losers.map(({ buyer }) => buyer.memberId).sort((a, b) => a - b),
    )

    // A loser following the redirect reads why on the cart page.
    const loser = losers[0]!
    const cart = await fetch(`${origin}/cart`, {
      headers: {
        Cookie: `${loser.buyer.cookie}; souk_flash=${Buffer.from(JSON.stringify(loser.flash)).toString('base64url')}`,
      },
    })
    expect(cart.status).toBe(200)
    const alert = parseHTML(await cart.text()).document.querySelector('[role=alert]')
    expect(alert?.textContent).toContain('Last loaf sold out')
  })
})
