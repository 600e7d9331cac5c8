import { afterEach, describe, expect, it } from 'vitest'
import { listingActivity, recentlyViewed } from '../../db/schema'
import { listingPath } from '../models/listing'
import { activityDay } from '../models/listing-activity'
import { createMember, createOpenMarket, createProvider, type TestMarket } from '../test/app'
import { flushViews, PHONE, publishedListing, view } from '../test/discovery'
import { isPerson } from './listing-views'

let market: TestMarket
afterEach(() => market.cleanup())

function counts() {
  return market.db
    .select()
    .from(listingActivity)
    .all()
    .map((row) => ({ listingId: row.listingId, day: row.day, count: row.count }))
}

describe('GET /listings/:id-:slug counts views', () => {
  it('in memory, written in daily buckets by the scheduler every few seconds', async () => {
    market = await createOpenMarket()
    expect(market.jobs.intervalOf('listing-activity')).toBe(10_000)
    const { member: owner } = await createProvider(market)
    const listing = publishedListing(market, owner, { title: 'Leaking tap repair' })

    await view(market, listing, 3)
    expect(counts(), 'nothing is written per view').toEqual([])
    await flushViews(market)
    const today = activityDay(market.clock.now())
    expect(counts()).toEqual([{ listingId: listing.id, day: today, count: 3 }])

    await view(market, listing, 2)
    market.clock.advance(24 * 60 * 60 * 1000)
    await view(market, listing)
    await flushViews(market)
    expect(counts()).toEqual([
      { listingId: listing.id, day: today, count: 5 },
      { listingId: listing.id, day: today + 1, count: 1 },
    ])
  })

  it('counts visitors answered from the page cache too', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const listing = publishedListing(market, owner, { title: 'Leaking tap repair' })
    const first = await market.get(listingPath(listing), { headers: PHONE })
    const cached = await market.get(listingPath(listing), { headers: PHONE })
    expect(cached.headers.get('ETag')).toBe(first.headers.get('ETag'))
    expect(await cached.text()).toBe(await first.text())
    await flushViews(market)
    expect(counts()[0]?.count).toBe(2)
  })

  it('leaves out bots, htmx fragments, prefetches, revalidations, redirects and the provider', async () => {
    market = await createOpenMarket()
    const { member: owner, cookie: ownerCookie } = await createProvider(market)
    const listing = publishedListing(market, owner, { title: 'Leaking tap repair' })
    const path = listingPath(listing)
    const first = await market.get(path, { headers: PHONE })
    const tag = first.headers.get('ETag')!
    const notCounted: Record<string, string>[] = [
      { 'User-Agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
      { 'User-Agent': 'WhatsApp/2.23.20.0 A' },
      {},
      { ...PHONE, 'HX-Request': 'true' },
      { ...PHONE, 'Sec-Purpose': 'prefetch' },
      { ...PHONE, 'If-None-Match': tag },
    ]
    for (const headers of notCounted) await market.get(path, { headers })
    await market.get(`/listings/${listing.id}`, { headers: PHONE }) // 301 to the canonical path
    await market.get(path, { headers: PHONE, cookie: ownerCookie })
    // A link followed with htmx's boost is a whole page, and a view.
    await market.get(path, { headers: { ...PHONE, 'HX-Request': 'true', 'HX-Boosted': 'true' } })
    await flushViews(market)
    expect(counts()[0]?.count).toBe(2)
    expect(market.db.select().from(recentlyViewed).all()).toEqual([])
  })

  it('tells people from bots by their user agent', () => {
    expect(isPerson(PHONE['User-Agent'])).toBe(true)
    // Cubot makes cheap Android phones; its name is not a bot's.
    expect(isPerson('Mozilla/5.0 (Linux; Android 10; CUBOT X30) Chrome/120 Mobile')).toBe(true)
    expect(isPerson('Mozilla/5.0 (compatible; bingbot/2.0)')).toBe(false)
    expect(isPerson('Mozilla/5.0 HeadlessChrome/120.0')).toBe(false)
    expect(isPerson('curl/8.5.0')).toBe(false)
    expect(isPerson(undefined)).toBe(false)
  })

  it('writes what is left when the server shuts down, and later views at once', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const listing = publishedListing(market, owner, { title: 'Leaking tap repair' })
    await view(market, listing, 2)
    market.shutDown()
    expect(counts()[0]?.count).toBe(2)
    // A request still in flight when the signal fired.
    await view(market, listing)
    expect(counts()[0]?.count).toBe(3)
  })

  it('adds a member’s views to their recently viewed list, and only theirs', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const listing = publishedListing(market, owner, { title: 'Leaking tap repair' })
    const buyer = await createMember(market, { email: 'buyer@example.com' })
    const cookie = await market.signIn('buyer@example.com')
    await view(market, listing, 1, cookie)
    await flushViews(market)
    expect(market.db.select().from(recentlyViewed).all()).toEqual([
      { memberId: buyer.id, listingId: listing.id, viewedAt: market.clock.now() },
    ])
    expect(counts()[0]?.count).toBe(1)
  })
})
