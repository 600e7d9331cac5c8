import { afterEach, describe, expect, it } from 'vitest'
import { createOpenMarket, createProvider, type TestMarket } from '../../test/app'
import { publishedListing } from '../../test/discovery'
import { listSimilarListings, similarityQuery } from './similar'

describe('similarityQuery', () => {
  it('quotes each word of the title and tags once, as alternatives', () => {
    expect(similarityQuery('Tap & pipe repair', ['plumbing', 'pipe'])).toBe(
      '"tap" OR "pipe" OR "repair" OR "plumbing"',
    )
  })

  it('never lets FTS5 syntax through: quotes, stars, columns and operators are just separators', () => {
    expect(similarityQuery('"Repair" NEAR(tap* title:x) -a ^b', [])).toBe(
      '"repair" OR "near" OR "tap" OR "title"',
    )
    // Words are lower-cased, so OR and NOT typed in a title are words, never operators.
    expect(similarityQuery('Fix OR NOT', [])).toBe('"fix" OR "or" OR "not"')
  })

  it('keeps Arabic words whole without their vowel marks, and says null when there is no word', () => {
    expect(similarityQuery('مُعَلِّم لغة', [])).toBe('"معلم" OR "لغة"')
    expect(similarityQuery('🔧 !', [])).toBeNull()
  })
})

describe('listSimilarListings', () => {
  let market: TestMarket
  afterEach(() => market.cleanup())

  it('finds others by their words, the same category first, never itself or what is not on sale', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const tap = publishedListing(market, owner, { title: 'Leaking tap repair', categoryId: 101 })
    publishedListing(market, owner, { title: 'Tap repair and washers', categoryId: 101 })
    // The same words in another category (Electrical), and newer: still after the plumbing one.
    publishedListing(market, owner, { title: 'Tap repair for sockets', categoryId: 102 })
    publishedListing(market, owner, { title: 'Tap repair, paused', categoryId: 101 }, 'paused')
    publishedListing(market, owner, { title: 'Tap repair, draft', categoryId: 101 }, 'draft')
    publishedListing(market, owner, { title: 'Wedding photos', categoryId: 130 })

    const titles = listSimilarListings(market.db, tap).map((listing) => listing.title)
    expect(titles).toEqual(['Tap repair and washers', 'Tap repair for sockets'])
  })

  it('tops up with the newest of the same category when few share a word', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const tap = publishedListing(market, owner, { title: 'Leaking tap', categoryId: 101 })
    publishedListing(market, owner, { title: 'Blocked drains', categoryId: 101 })
    market.clock.advance(60_000)
    publishedListing(market, owner, { title: 'Boiler service', categoryId: 101 })
    publishedListing(market, owner, { title: 'Leaking roof', categoryId: 104 })
    publishedListing(market, owner, { title: 'Wedding photos', categoryId: 130 })

    const titles = listSimilarListings(market.db, tap).map((listing) => listing.title)
    expect(titles).toEqual(['Leaking roof', 'Boiler service', 'Blocked drains'])
  })

  it('shows at most six', async () => {
    market = await createOpenMarket()
    const { member: owner } = await createProvider(market)
    const tap = publishedListing(market, owner, { title: 'Tap repair' })
    for (let i = 0; i < 8; i++) publishedListing(market, owner, { title: `Tap repair ${i + 1}` })
    expect(listSimilarListings(market.db, tap)).toHaveLength(6)
  })
})
