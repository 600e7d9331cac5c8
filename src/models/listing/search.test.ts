import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { categories, listings, listingUnits, stores } from '../../../db/schema'
import { createOpenMarket, type TestMarket } from '../../test/app'
import { seedListing, seedStore, type TestStore } from '../../test/listings'
import { changeListingStatus } from './publication'
import { searchListings, type SearchCriteria } from './search'
import { searchWords } from './search-text'
import { returnStock, takeStock } from './units'

let market: TestMarket
let shop: TestStore

beforeEach(async () => {
  market = await createOpenMarket()
  shop = await seedStore(market, { name: 'Sowe Plumbing', area: 'Tanji' })
})
afterEach(() => market.cleanup())

function search(text: string, criteria: Partial<SearchCriteria> = {}) {
  return searchListings(market.db, market.clock, {
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
    ...criteria,
  })
}

const titles = (text: string, criteria: Partial<SearchCriteria> = {}) =>
  search(text, criteria).hits.map((hit) => hit.title)

describe('ranking', () => {
  it('puts a word in the title above the same word in a description', () => {
    seedListing(market.db, market, shop, {
      title: 'Kitchen help',
      description: 'I can also look at your boiler while I am there.',
    })
    seedListing(market.db, market, shop, { title: 'Boiler service', description: 'Yearly check.' })
    expect(titles('boiler')).toEqual(['Boiler service', 'Kitchen help'])
  })

  it('puts the newer of two equally relevant listings first', () => {
    seedListing(market.db, market, shop, { title: 'Tap repair', publishedDaysAgo: 200 })
    seedListing(market.db, market, shop, { title: 'Tap fitting', publishedDaysAgo: 2 })
    expect(titles('tap')).toEqual(['Tap fitting', 'Tap repair'])
  })

  it('lets relevance beat freshness', () => {
    seedListing(market.db, market, shop, {
      title: 'Garden tidy',
      description: 'Hedges. Also taps.',
      publishedDaysAgo: 0,
    })
    seedListing(market.db, market, shop, { title: 'Taps and taps', publishedDaysAgo: 300 })
    expect(titles('taps')[0]).toBe('Taps and taps')
  })

  it('sorts by distance from a place, nearest first, and drops what is beyond the radius', async () => {
    const far = await seedStore(market, { name: 'Far', latitude: 13.4, longitude: -16.7 })
    const near = await seedStore(market, { name: 'Near', latitude: 13.3535, longitude: -16.7955 })
    const none = await seedStore(market, { name: 'Nowhere' })
    seedListing(market.db, market, far, { title: 'Honey far away' })
    seedListing(market.db, market, near, { title: 'Honey next door' })
    seedListing(market.db, market, none, { title: 'Honey without a map point' })
    const place = { latitude: 13.3531, longitude: -16.7953 }
    const results = search('honey', { near: { ...place, radiusKm: 25 }, sort: 'nearest' })
    expect(results.hits.map((hit) => hit.title)).toEqual(['Honey next door', 'Honey far away'])
    expect(results.hits[0]!.distanceKm).toBeLessThan(0.1)
    expect(results.hits[1]!.distanceKm).toBeGreaterThan(10)
    expect(titles('honey', { near: { ...place, radiusKm: 5 } })).toEqual(['Honey next door'])
  })

  it('ranks by the column the word is in: title, then category, store, tags, options, description', () => {
    const named = { description: '' }
    seedListing(market.db, market, shop, { ...named, title: 'Zebra in the title' })
    seedListing(market.db, market, shop, { ...named, title: 'Tagged', tags: ['zebra'] })
    seedListing(market.db, market, shop, { ...named, title: 'Described', description: 'zebra' })
    expect(titles('zebra')).toEqual(['Zebra in the title', 'Tagged', 'Described'])
  })
})

describe('words', () => {
  it('finds a misspelled word and says what it searched for instead', () => {
    seedListing(market.db, market, shop, { title: 'Emergency plumber' })
    const results = search('plumer')
    expect(results.matched).toBe('corrected')
    expect(results.correction).toEqual(['plumber'])
    expect(results.hits.map((hit) => hit.title)).toEqual(['Emergency plumber'])
  })

  it('matches the last word as the start of a longer one', () => {
    seedListing(market.db, market, shop, { title: 'Emergency plumber' })
    expect(titles('emergency plum')).toEqual(['Emergency plumber'])
  })

  it('folds accents both ways', () => {
    seedListing(market.db, market, shop, { title: 'Café au lait cups', kind: 'product' })
    seedListing(market.db, market, shop, { title: 'Creme brulee', kind: 'product' })
    expect(titles('cafe')).toEqual(['Café au lait cups'])
    expect(titles('crème brûlée')).toEqual(['Creme brulee'])
  })

  it('finds Arabic with or without vowel marks, Cyrillic in any case and Swahili', () => {
    seedListing(market.db, market, shop, { title: 'مُعَلِّم رياضيات' })
    seedListing(market.db, market, shop, { title: 'Ремонт мебели' })
    seedListing(market.db, market, shop, { title: 'Fundi wa bomba' })
    expect(titles('معلم')).toEqual(['مُعَلِّم رياضيات'])
    expect(titles('رِيَاضِيَات')).toEqual(['مُعَلِّم رياضيات'])
    expect(titles('РЕМОНТ')).toEqual(['Ремонт мебели'])
    expect(titles('bomba')).toEqual(['Fundi wa bomba'])
  })

  it('falls back to any of the words when no listing holds them all', () => {
    seedListing(market.db, market, shop, { title: 'Tap repair' })
    const results = search('tap zzzqqq')
    expect(results.matched).toBe('any-word')
    expect(results.hits.map((hit) => hit.title)).toEqual(['Tap repair'])
  })

  it('marks the words found in the title and in a snippet of the description', () => {
    seedListing(market.db, market, shop, {
      title: 'Tap repair',
      description: 'Washers replaced. Bring your own tap if you have one.',
    })
    const [hit] = search('tap').hits
    expect(hit!.markedTitle).toEqual([
      { text: 'Tap', marked: true },
      { text: ' repair', marked: false },
    ])
    expect(hit!.snippet?.filter((part) => part.marked).map((part) => part.text)).toEqual(['tap'])
  })

  it('treats FTS syntax as words', () => {
    seedListing(market.db, market, shop, { title: 'Tap repair' })
    for (const text of [
      '"tap',
      'tap*',
      '^tap',
      '(tap)',
      'NEAR(tap',
      'title:tap',
      'tap AND',
      '-',
      'tap OR NOT',
    ])
      expect(() => search(text), text).not.toThrow()
    expect(titles('title:tap')).toEqual(['Tap repair'])
  })
})

describe('filters and facets', () => {
  beforeEach(() => {
    seedListing(market.db, market, shop, { title: 'Tap repair', categoryId: 101, price: 30_000 })
    seedListing(market.db, market, shop, {
      title: 'Wiring check',
      categoryId: 102,
      price: 80_000,
      serviceLocations: ['customer', 'online'],
    })
    seedListing(market.db, market, shop, {
      title: 'Honey jar',
      kind: 'product',
      categoryId: 127,
      price: 20_000,
      delivery: true,
    })
    seedListing(market.db, market, shop, {
      title: 'Sold out honey',
      kind: 'product',
      categoryId: 127,
      price: 20_000,
      stock: 0,
    })
  })

  it('counts each facet with the other facets chosen, and the total with all of them', () => {
    const results = search('', { categoryIds: [101] })
    expect(results.total).toBe(1)
    expect(results.facets.categories.get(101)).toBe(1)
    expect(results.facets.categories.get(102)).toBe(1)
    expect(results.facets.categories.get(127)).toBe(2)
    expect(results.facets.kinds.get('service')).toBe(1)
    expect(results.facets.kinds.get('product')).toBeUndefined()
  })

  it('filters by kind, price, stock and the way it is delivered', () => {
    expect(titles('', { kind: 'product', sort: 'newest' }).sort()).toEqual([
      'Honey jar',
      'Sold out honey',
    ])
    expect(titles('', { minPrice: 25_000, maxPrice: 30_000 })).toEqual(['Tap repair'])
    expect(titles('honey', { inStock: true })).toEqual(['Honey jar'])
    expect(titles('', { fulfilment: ['online'] })).toEqual(['Wiring check'])
    expect(titles('', { fulfilment: ['delivery', 'online'] }).sort()).toEqual([
      'Honey jar',
      'Wiring check',
    ])
    expect(search('', { fulfilment: ['pickup'] }).facets.fulfilment.get('delivery')).toBe(1)
  })

  it('sorts by price both ways', () => {
    expect(titles('', { sort: 'price-asc' })).toEqual([
      'Sold out honey',
      'Honey jar',
      'Tap repair',
      'Wiring check',
    ])
    expect(titles('', { sort: 'price-desc' })[0]).toBe('Wiring check')
  })

  it('offers price bands whose counts are what choosing them shows', () => {
    const { prices } = search('').facets
    expect(prices.reduce((sum, band) => sum + band.count, 0)).toBe(4)
    for (const band of prices)
      expect(search('', { minPrice: band.min, maxPrice: band.max }).total).toBe(band.count)
  })

  it('says a sold-out product is sold out', () => {
    const hit = search('sold out honey').hits[0]!
    expect(hit.soldOut).toBe(true)
  })

  it('says "from" only where buyers choose among packages or variants', () => {
    expect(search('honey jar').hits[0]).toMatchObject({ title: 'Honey jar', hasOptions: false })
    expect(search('tap repair').hits[0]).toMatchObject({ title: 'Tap repair', hasOptions: true })
  })

  it('reads stock from the units on sale, as sales and returns change it', () => {
    const honey = market.db.select().from(listings).where(eq(listings.title, 'Honey jar')).get()!
    const unit = market.db
      .select()
      .from(listingUnits)
      .where(eq(listingUnits.listingId, honey.id))
      .get()!
    expect(titles('honey', { inStock: true })).toEqual(['Honey jar'])
    expect(takeStock(market.db, unit.id, unit.stock!)).toBe(true)
    expect(titles('honey', { inStock: true })).toEqual([])
    expect(search('honey jar').hits[0]!.soldOut).toBe(true)
    returnStock(market.db, unit.id, 1)
    expect(titles('honey', { inStock: true })).toEqual(['Honey jar'])
    // A retired unit's stock is not for sale.
    market.db
      .update(listingUnits)
      .set({ retiredAt: market.clock.now() })
      .where(eq(listingUnits.id, unit.id))
      .run()
    expect(titles('honey', { inStock: true })).toEqual([])
  })
})

describe('pages', () => {
  it('stops at the last page and never past MAX_RESULTS', () => {
    for (let n = 0; n < 30; n += 1) seedListing(market.db, market, shop, { title: `Lesson ${n}` })
    const last = search('lesson', { page: 10_000 })
    expect(last.total).toBe(30)
    expect(last.page.number).toBe(2)
    expect(last.hits).toHaveLength(6)
  })
})

describe('the index', () => {
  it('follows edits, pauses, archiving, store renames, category renames and package names', () => {
    const listing = seedListing(market.db, market, shop, { title: 'Gutter cleaning' })
    expect(titles('gutter')).toEqual(['Gutter cleaning'])

    market.db
      .update(listings)
      .set({ title: 'Roof cleaning' })
      .where(eq(listings.id, listing.id))
      .run()
    expect(titles('gutter')).toEqual([])
    expect(titles('roof')).toEqual(['Roof cleaning'])

    market.db
      .update(stores)
      .set({ name: 'Kombo Roofers' })
      .where(eq(stores.id, shop.store.id))
      .run()
    expect(titles('kombo')).toEqual(['Roof cleaning'])

    market.db
      .update(categories)
      .set({ name: 'Pipes and drains' })
      .where(eq(categories.id, 101))
      .run()
    expect(titles('drains')).toEqual(['Roof cleaning'])
    market.db.update(categories).set({ name: 'Home fixes' }).where(eq(categories.id, 1)).run()
    expect(titles('fixes')).toEqual(['Roof cleaning'])

    market.db
      .update(listingUnits)
      .set({ name: 'Moss removal' })
      .where(eq(listingUnits.listingId, listing.id))
      .run()
    expect(titles('moss')).toEqual(['Roof cleaning'])
    // A retired unit is no longer sold, nor found.
    market.db
      .update(listingUnits)
      .set({ retiredAt: market.clock.now() })
      .where(eq(listingUnits.listingId, listing.id))
      .run()
    expect(titles('moss')).toEqual([])
    expect(titles('roof')).toEqual(['Roof cleaning'])

    changeListingStatus(market.db, market.clock, shop.owner, listing.id, 'pause')
    expect(titles('roof')).toEqual([])
    changeListingStatus(market.db, market.clock, shop.owner, listing.id, 'publish')
    expect(titles('roof')).toEqual(['Roof cleaning'])
    changeListingStatus(market.db, market.clock, shop.owner, listing.id, 'archive')
    expect(titles('roof')).toEqual([])
  })

  it('leaves drafts out', () => {
    seedListing(market.db, market, shop, { title: 'Secret draft', publishedDaysAgo: null })
    expect(titles('secret')).toEqual([])
  })
})
