// The low-bandwidth budgets from ARCHITECTURE.md, measured on real responses as a phone gets them.
import { afterEach, describe, expect, it } from 'vitest'
import { issueSetupToken } from '../models/site'
import { unitsOnSale } from '../models/listing/units'
import { createMember, createOpenMarket, createTestMarket, page, type TestMarket } from './app'
import { addToCart, buy } from './checkout'
import { seedListing, seedStore } from './listings'
import { seedBookableService } from './bookings'
import { listingPath } from '../models/listing'
import { replyToReview } from '../models/review/replies'
import { seedReviewedOrder } from './published-reviews'
import { postTestRequest } from './requests'
import { seedCompletedSale } from './reviews'

const KB = 1024
const BROTLI = { 'Accept-Encoding': 'br' }

let market: TestMarket
afterEach(() => market.cleanup())

async function compressedBytes(path: string, cookie?: string) {
  const response = await market.get(path, { cookie, headers: BROTLI })
  expect(response.status).toBeLessThan(500)
  return (await response.arrayBuffer()).byteLength
}

describe('page weight budgets', () => {
  it('keeps each page’s HTML within 14 KB compressed (one round trip)', async () => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    for (const path of [
      '/',
      '/sign-in',
      '/sign-up',
      '/search?q=plumber',
      '/requests',
      '/account',
      '/missing',
    ]) {
      expect(await compressedBytes(path, cookie), path).toBeLessThanOrEqual(14 * KB)
    }
  })

  it('keeps a full page of search results, with its filters, within 14 KB compressed', async () => {
    market = await createOpenMarket()
    const shop = await seedStore(market, { name: 'Sowe Plumbing and Electrical Services' })
    for (let n = 0; n < 30; n += 1)
      seedListing(market.db, market, shop, {
        title: `Emergency plumbing call-out and repair, number ${n}`,
        description: 'Burst pipes, leaking taps and blocked drains, fixed the same day in Tanji.',
        categoryId: n % 2 === 0 ? 101 : 102,
        price: 10_000 * (n + 1),
      })
    const cookie = await market.signIn('awa@example.com')
    expect(await compressedBytes('/search?q=plumbing', cookie)).toBeLessThanOrEqual(14 * KB)
    expect(await compressedBytes('/categories/home-repairs', cookie)).toBeLessThanOrEqual(14 * KB)
  })

  it('keeps a full page of requests, with its filters, and a provider’s home within 14 KB compressed', async () => {
    market = await createOpenMarket()
    const shop = await seedStore(market, {
      name: 'Sowe Plumbing and Electrical Services',
      area: 'Tanji',
      latitude: 13.35,
      longitude: -16.79,
    })
    seedListing(market.db, market, shop, { title: 'Emergency plumbing', categoryId: 101 })
    // Five buyers of five requests each: a member posts at most five in a day.
    const buyers = []
    for (let n = 0; n < 5; n += 1) buyers.push(await createMember(market))
    for (let n = 0; n < 25; n += 1)
      postTestRequest(market, buyers[n % 5]!, {
        title: `Fix the leaking roof and gutters before the rains come, house ${n}`,
        description:
          'Corrugated sheets have rusted through over the kitchen; water comes in at two places ' +
          `and the gutter at the back hangs loose. Bring your own ladder. Number ${n}.`,
        categoryId: n % 2 === 0 ? 101 : 102,
        neededBy: '2026-12-01',
      })
    const provider = await market.signIn(shop.owner.email)
    for (const cookie of [undefined, provider])
      expect(await compressedBytes('/requests?sort=budget', cookie)).toBeLessThanOrEqual(14 * KB)
    expect(await compressedBytes('/', provider)).toBeLessThanOrEqual(14 * KB)
  })

  it('keeps checkout, an order, the buyer’s orders and a busy sales inbox within 14 KB compressed', async () => {
    market = await createOpenMarket()
    const shop = await seedStore(market, { name: 'Sowe Plumbing and Electrical Services' })
    const units = Array.from({ length: 6 }, (_, n) => {
      const listing = seedListing(market.db, market, shop, {
        title: `Copper pipe fitting, size ${n}`,
        kind: 'product',
        stock: 50,
        pickup: true,
        delivery: true,
      })
      return unitsOnSale(market.db, [listing.id])[0]!.id
    })
    await createMember(market, { email: 'buyer@example.com' })
    const buyer = await market.signIn('buyer@example.com')
    for (const unit of units) await addToCart(market, buyer, unit, 2)
    expect(await compressedBytes('/checkout', buyer)).toBeLessThanOrEqual(14 * KB)
    let code = ''
    for (let n = 0; n < 20; n += 1)
      code = await buy(market, buyer, units[n % units.length]!, 1, {
        'orders.0.fulfilment': 'pickup',
      })
    const provider = await market.signIn(shop.owner.email)
    expect(await compressedBytes(`/orders/${code}`, buyer)).toBeLessThanOrEqual(14 * KB)
    expect(await compressedBytes(`/orders/${code}`, provider)).toBeLessThanOrEqual(14 * KB)
    expect(await compressedBytes('/orders', buyer)).toBeLessThanOrEqual(14 * KB)
    expect(await compressedBytes('/sales', provider)).toBeLessThanOrEqual(14 * KB)
  })

  it('keeps a listing and a storefront with a full page of long reviews within 14 KB compressed', async () => {
    market = await createOpenMarket()
    const sale = await seedCompletedSale(market)
    // Words in an order of their own for every review, so compression finds no easy repeats.
    const vocabulary = (
      'plumber came day said found leak under sink fixed washer pipe tap kitchen bathroom ' +
      'price fair clean tidy late early friendly careful quick slow again recommend neighbour ' +
      'water pressure boiler drain blocked cleared parts bought market Tanji Brufut evening'
    ).split(' ')
    let seed = 7
    const text = (count: number) =>
      Array.from({ length: count }, () => {
        seed = (seed * 48271) % 2147483647
        return vocabulary[seed % vocabulary.length]
      }).join(' ')
    for (let n = 0; n < 12; n += 1) {
      const { review } = await seedReviewedOrder(market, sale, {
        stars: 1 + (n % 5),
        title: text(6),
        body: text(70),
        buyerName: `Neighbour${n} Jallow`,
      })
      replyToReview(market.db, market.clock, sale.seller.owner.id, review.id, text(35))
    }
    const owner = await market.signIn(sale.seller.owner.email)
    const reader = await market.signIn(sale.buyer.email)
    for (const path of [listingPath(sale.listing), `/stores/${sale.seller.store.slug}`])
      for (const cookie of [undefined, owner, reader])
        expect(await compressedBytes(path, cookie), path).toBeLessThanOrEqual(14 * KB)
  })

  it('keeps a bookable service’s month and a full day of times, and its booking form, within 14 KB compressed', async () => {
    market = await createOpenMarket()
    const seller = await seedStore(market, { name: 'Fatou Hair' })
    const allDay = [{ start: 7 * 60, end: 21 * 60 }]
    const hours = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((day) => [day, allDay]))
    const service = seedBookableService(market, seller, {
      durationMinutes: 15,
      hours,
      rules: { capacity: 8, horizonDays: 60 },
    })
    await createMember(market, { email: 'binta@example.com' })
    const member = await market.signIn('binta@example.com')
    const day = `${listingPath(service)}?day=2026-11-25`
    for (const cookie of [undefined, member])
      expect(await compressedBytes(day, cookie), day).toBeLessThanOrEqual(14 * KB)
    const form = `/listings/${service.id}/book?start=2026-11-25T10:00:00.000Z`
    expect(await compressedBytes(form, member)).toBeLessThanOrEqual(14 * KB)
  })

  it('keeps the setup page, with its currency and time-zone lists, within 14 KB compressed', async () => {
    market = createTestMarket()
    const token = issueSetupToken(market.db)!
    expect(await compressedBytes(`/setup?token=${token}`)).toBeLessThanOrEqual(14 * KB)
  })

  it('keeps CSS within 10 KB and all JavaScript within 25 KB compressed, live updates included', async () => {
    market = await createOpenMarket()
    const member = await market.signIn('awa@example.com')
    // A visitor's page, and a member's, whose htmx carries the event stream's extension.
    for (const cookie of [undefined, member]) {
      const document = await page(await market.get('/', { cookie }))
      const css = document.querySelector('link[rel=stylesheet]')!.getAttribute('href')!
      const scripts = [...document.querySelectorAll('script')].map((script) =>
        script.getAttribute('src')!,
      )
      expect(await compressedBytes(css)).toBeLessThanOrEqual(10 * KB)
      let javascript = 0
      for (const src of scripts) javascript += await compressedBytes(src)
      expect(javascript).toBeLessThanOrEqual(25 * KB)
      if (cookie) expect(scripts.some((src) => src.includes('htmx-live'))).toBe(true)
    }
  })
})
