import { afterEach, describe, expect, it } from 'vitest'
import { listingActivity } from '../../db/schema'
import { DAY, HOUR } from '../lib/clock'
import { createOpenMarket, createProvider, type TestMarket } from '../test/app'
import { changeListingStatus } from './listing/publication'
import { flushViews, publishedListing, view } from '../test/discovery'
import {
  activityDay,
  activityWeight,
  addListingActivity,
  ListingActivity,
  listTrendingListings,
  TRENDING_HALF_LIFE_DAYS,
  TRENDING_WINDOW_DAYS,
  trendingScore,
  trendingWeights,
} from './listing-activity'

describe('trending score', () => {
  const now = new Date('2026-11-23T12:00:00Z')
  const today = activityDay(now)

  it('ranks recent views above old ones at equal counts', () => {
    const recent = trendingScore([{ day: today, kind: 'view', count: 10 }], now)
    const old = trendingScore([{ day: today - 5, kind: 'view', count: 10 }], now)
    expect(recent).toBeGreaterThan(old)
  })

  it('ranks more views above fewer at equal age', () => {
    const more = trendingScore([{ day: today - 2, kind: 'view', count: 11 }], now)
    const fewer = trendingScore([{ day: today - 2, kind: 'view', count: 10 }], now)
    expect(more).toBeGreaterThan(fewer)
  })

  it('halves a view’s weight every half-life, measured from the middle of its day', () => {
    expect(activityWeight('view', 0)).toBe(1)
    expect(activityWeight('view', TRENDING_HALF_LIFE_DAYS)).toBeCloseTo(0.5)
    expect(activityWeight('view', 2 * TRENDING_HALF_LIFE_DAYS)).toBeCloseTo(0.25)
    // At noon today's bucket is new; yesterday's is a day old.
    expect(trendingScore([{ day: today - 1, kind: 'view', count: 1 }], now)).toBeCloseTo(
      activityWeight('view', 1),
    )
  })

  it('gives the database one weight per day of the window, the same as the score uses', () => {
    const weights = trendingWeights(now)
    expect(weights).toHaveLength(TRENDING_WINDOW_DAYS)
    expect(weights.at(-1)).toEqual({ day: today, kind: 'view', weight: 1 })
    expect(weights[0]!.day).toBe(today - TRENDING_WINDOW_DAYS + 1)
    for (const { day, weight } of weights)
      expect(weight).toBeCloseTo(trendingScore([{ day, kind: 'view', count: 1 }], now))
  })
})

describe('listTrendingListings', () => {
  let market: TestMarket
  afterEach(() => market.cleanup())

  it('orders by decayed views, needs a few to count, and forgets what is not on sale', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const steady = publishedListing(market, owner, { title: 'Leaking tap repair' })
    const fading = publishedListing(market, owner, { title: 'Boiler service' })
    const once = publishedListing(market, owner, { title: 'Gutter cleaning' })
    const day = activityDay(market.clock.now())
    // Many views a week ago lose to fewer today.
    addListingActivity(market.db, fading.id, 'view', day - 7, 20)
    addListingActivity(market.db, steady.id, 'view', day, 6)
    addListingActivity(market.db, once.id, 'view', day, 1)
    const activity = new ListingActivity(market.db, market.clock)
    const titles = () =>
      listTrendingListings(market.db, activity, 6).map((listing) => listing.title)
    expect(titles()).toEqual(['Leaking tap repair', 'Boiler service'])
    changeListingStatus(market.db, market.clock, owner, steady.id, 'pause')
    expect(titles()).toEqual(['Boiler service'])

    // Two weeks on, nothing is left in the window.
    market.clock.advance(TRENDING_WINDOW_DAYS * DAY)
    expect(titles()).toEqual([])
  })

  it('keeps a month of buckets: housekeeping drops older days', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const listing = publishedListing(market, owner, { title: 'Leaking tap repair' })
    await view(market, listing)
    await flushViews(market)
    expect(market.db.select().from(listingActivity).all()).toHaveLength(1)

    market.clock.advance(30 * DAY)
    await market.jobs.run('housekeeping')
    expect(market.db.select().from(listingActivity).all()).toHaveLength(1)
    market.clock.advance(DAY + HOUR)
    await market.jobs.run('housekeeping')
    expect(market.db.select().from(listingActivity).all()).toHaveLength(0)
  })
})
