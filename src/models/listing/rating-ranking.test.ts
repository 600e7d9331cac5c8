// Ratings in discovery: the Bayesian rating in "best match" and the "Top rated" sort, and the
// rating on every search result's card.
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listings } from '../../../db/schema'
import { createOpenMarket, type TestMarket } from '../../test/app'
import { seedListing, seedStore, type TestStore } from '../../test/listings'
import { publishReview } from '../../test/published-reviews'
import { seedCompletedSale } from '../../test/reviews'
import { marketMeanRating, PRIOR_WEIGHT, weightedRating } from '../review'
import { RATING_WEIGHT } from './ranking'
import { searchListings, searchListingsUncached, type SearchCriteria } from './search'
import { searchWords } from './search-text'

let market: TestMarket
let shop: TestStore

beforeEach(async () => {
  market = await createOpenMarket()
  shop = await seedStore(market, { name: 'Sowe Plumbing', area: 'Tanji' })
})
afterEach(() => market.cleanup())

function criteria(text: string, more: Partial<SearchCriteria> = {}): SearchCriteria {
  return {
    words: searchWords(text),
    categoryIds: [],
    kind: null,
    minPrice: null,
    maxPrice: null,
    inStock: false,
    fulfilment: [],
    near: null,
    sort: 'best',
    page: 1,
    ...more,
  }
}

const titles = (text: string, more: Partial<SearchCriteria> = {}) =>
  searchListingsUncached(market.db, market.clock, criteria(text, more)).hits.map((hit) => hit.title)

/**
 * A listing's stored rating, as the models leave it after `count` reviews summing to `sum`:
 * ranking reads only these two columns, so a record of forty reviews needs no forty orders.
 */
function rate(listingId: number, count: number, sum: number) {
  market.db
    .update(listings)
    .set({ ratingCount: count, ratingSum: sum })
    .where(eq(listings.id, listingId))
    .run()
}

describe('weightedRating', () => {
  it('puts forty reviews at 4.8 above one at 5 in a market whose mean is below 4.8', () => {
    // (In a market whose mean is above 4.8, 4.8 is below average: then one 5★ may lead.)
    for (const mean of [3, 4, 4.3, 4.6]) {
      const one = weightedRating(5, 1, mean)
      const forty = weightedRating(40 * 4.8, 40, mean)
      expect(forty, `mean ${mean}`).toBeGreaterThan(one)
    }
    expect(weightedRating(0, 0, 4.3)).toBe(4.3)
    // Many reviews outweigh the prior: the rating comes close to their own average.
    expect(weightedRating(1000 * 2, 1000, 4.3)).toBeCloseTo(2, 1)
    expect(PRIOR_WEIGHT).toBe(5)
  })
})

describe('the "top-rated" sort', () => {
  it('orders by the Bayesian rating: forty at 4.8, then one at 5, then none, then poor ones', () => {
    const one = seedListing(market.db, market, shop, { title: 'Tap repair, one review' })
    const forty = seedListing(market.db, market, shop, { title: 'Tap repair, forty reviews' })
    const none = seedListing(market.db, market, shop, { title: 'Tap repair, new' })
    const poor = seedListing(market.db, market, shop, { title: 'Tap repair, poor' })
    rate(one.id, 1, 5)
    rate(forty.id, 40, 192)
    rate(poor.id, 6, 12)
    expect(titles('tap', { sort: 'top-rated' })).toEqual([
      'Tap repair, forty reviews',
      'Tap repair, one review',
      'Tap repair, new',
      'Tap repair, poor',
    ])
    // Browsing without words too.
    expect(titles('', { sort: 'top-rated' })[0]).toBe('Tap repair, forty reviews')
  })
})

describe('"best match" with ratings', () => {
  it('lifts the well-rated of two equally relevant listings, and sinks the poorly rated', () => {
    // The newer one would win on freshness alone.
    const older = seedListing(market.db, market, shop, {
      title: 'Boiler service',
      publishedDaysAgo: 20,
    })
    seedListing(market.db, market, shop, { title: 'Boiler check', publishedDaysAgo: 1 })
    expect(titles('boiler')).toEqual(['Boiler check', 'Boiler service'])
    rate(older.id, 40, 192)
    expect(titles('boiler')).toEqual(['Boiler service', 'Boiler check'])
    rate(older.id, 10, 15)
    expect(titles('boiler')).toEqual(['Boiler check', 'Boiler service'])
  })

  it('still lets relevance beat a rating', () => {
    const rated = seedListing(market.db, market, shop, {
      title: 'Garden tidy',
      description: 'Hedges. Also taps.',
    })
    seedListing(market.db, market, shop, { title: 'Taps and taps' })
    rate(rated.id, 40, 200)
    expect(titles('taps')[0]).toBe('Taps and taps')
    expect(RATING_WEIGHT).toBeLessThan(1)
  })
})

describe('ratings on search results', () => {
  it('carry the listing’s stored count and stars; published reviews move them and the answer', async () => {
    const sale = await seedCompletedSale(market)
    const before = searchListings(market.db, market.clock, criteria('leaking'))
    expect(before.hits[0]).toMatchObject({ ratingCount: 0, ratingSum: 0 })
    publishReview(market, sale, { stars: 4 })
    // The kept answer is dropped: the listing's rating changed (search_version moved on).
    const after = searchListings(market.db, market.clock, criteria('leaking'))
    expect(after.hits[0]).toMatchObject({ ratingCount: 1, ratingSum: 4 })
    expect(marketMeanRating(market.db)).toBe(4)
  })
})
