import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { searchLog } from '../../db/schema'
import { DAY } from '../lib/clock'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { seedListing, seedStore } from '../test/listings'
import { deleteOldSearchLog, searchesWithNoResults } from './search-log'

let market: TestMarket
beforeEach(async () => {
  market = await createOpenMarket()
  const shop = await seedStore(market, { name: 'Fatou Honey' })
  seedListing(market.db, market, shop, { title: 'Forest honey', kind: 'product', categoryId: 127 })
})
afterEach(() => market.cleanup())

const rows = () => market.db.select().from(searchLog).all()

describe('the search log', () => {
  it('counts searches by day, words and filters — cached answers too — and never who searched', async () => {
    await market.get('/search?q=Honey')
    await market.get('/search?q=honey')
    // The same search again is answered from the visitor page cache, and still counted.
    const cached = await market.get('/search?q=honey')
    expect(cached.headers.get('Souk-Logged-Search')).toBeNull()
    await market.get('/search?q=honey&kind=product&sort=price-asc')
    const member = await createMember(market, { email: 'buyer@example.com' })
    const cookie = await market.signIn(member.email)
    await market.get('/search?q=zzzq', { cookie })
    await market.get('/search?q=رياضيات', { cookie })
    await market.get('/search?q=honey&page=2')
    await market.get('/search')
    expect(rows()).toEqual([])

    market.jobs.run('search-log')
    const logged = rows().map(({ query, filters, searches, results }) => ({
      query,
      filters,
      searches,
      results,
    }))
    expect(logged).toEqual(
      expect.arrayContaining([
        { query: 'honey', filters: '', searches: 3, results: 1 },
        { query: 'honey', filters: 'kind=product', searches: 1, results: 1 },
        { query: 'zzzq', filters: '', searches: 1, results: 0 },
        { query: 'رياضيات', filters: '', searches: 1, results: 0 },
      ]),
    )
    expect(logged).toHaveLength(4)
    expect(Object.keys(searchLog)).not.toContain('memberId')
  })

  it('lists searches that found nothing, most searched first, and forgets old days', async () => {
    for (const q of ['zzzq', 'unicorn', 'unicorn', 'honey'])
      await market.get(`/search?q=${q}`, { headers: { 'User-Agent': q } })
    await market.get('/categories/food-produce?q=plumbing')
    market.jobs.run('search-log')
    expect(
      searchesWithNoResults(market.db, market.clock, 7).map((row) => [
        row.query,
        row.filters,
        row.searches,
      ]),
    ).toEqual([
      ['unicorn', '', 2],
      ['plumbing', 'in=food-produce', 1],
      ['zzzq', '', 1],
    ])
    market.clock.advance(91 * DAY)
    deleteOldSearchLog(market.db, market.clock)
    expect(rows()).toEqual([])
  })
})
