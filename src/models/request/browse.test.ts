import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { images, members, requestPhotos } from '../../../db/schema'
import { DAY, HOUR } from '../../lib/clock'
import { createMember, createOpenMarket, type TestMarket } from '../../test/app'
import { seedListing, seedStore, type TestStore } from '../../test/listings'
import { hire, postTestRequest, proposeOn } from '../../test/requests'
import { listCategoryTree } from '../category'
import { searchWords } from '../listing/search-text'
import type { Member } from '../member'
import { withdrawProposal } from './proposal'
import { withdrawRequest } from './request'
import { browseRequests, type BrowseFilters } from './browse'
import { browseParamsSchema, readBrowseFilters } from './browse-input'

let market: TestMarket
let buyer: Member
let plumber: TestStore
let fundi: TestStore
let tutor: TestStore

beforeEach(async () => {
  market = await createOpenMarket()
  buyer = await createMember(market, { displayName: 'Isatou' })
  // Tanji and Brufut are places because stores there put a point on the map (models/place.ts):
  // about 6 km apart.
  plumber = await seedStore(market, {
    name: 'Lamin Plumbing',
    area: 'Tanji',
    latitude: 13.35,
    longitude: -16.79,
  })
  seedListing(market.db, market, plumber, { title: 'Tap repair', categoryId: 101 })
  fundi = await seedStore(market, {
    name: 'Ebrima Fundi',
    area: 'Brufut',
    latitude: 13.39,
    longitude: -16.75,
  })
  seedListing(market.db, market, fundi, { title: 'Wiring', categoryId: 102 })
  // No point on the map.
  tutor = await seedStore(market, { name: 'Awa Tutoring' })
  seedListing(market.db, market, tutor, { title: 'Maths lessons', categoryId: 111 })
})
afterEach(() => market.cleanup())

const everything: BrowseFilters = {
  words: [],
  categoryIds: [],
  minBudget: null,
  withinKm: null,
  sort: 'newest',
  page: 1,
}

function browse(viewer: Member | null, filters: Partial<BrowseFilters> = {}) {
  return browseRequests(market.db, viewer, { ...everything, ...filters }, market.clock.now())
}

const titles = (viewer: Member | null, filters: Partial<BrowseFilters> = {}) =>
  browse(viewer, filters).rows.map((row) => row.title)

/** Posts a request an hour after the one before, so "newest" has an order to keep. */
function post(fields: Parameters<typeof postTestRequest>[2] = {}) {
  market.clock.advance(HOUR)
  return postTestRequest(market, buyer, fields)
}

describe('browseRequests', () => {
  it('lists the open requests newest first, each with what its row shows', () => {
    const tap = post({
      title: 'Fix a leaking kitchen tap',
      description: `The tap drips all night.\n\nThe washer may be gone. ${'Long words here. '.repeat(20)}`,
    })
    const roof = post({
      title: 'Patch the roof before the rains',
      budgetMin: null,
      budgetMax: 300_000,
      neededBy: '2026-12-01',
      area: 'Brufut',
    })
    proposeOn(market, plumber, tap.code)
    proposeOn(market, fundi, tap.code)
    withdrawProposal(market, fundi.store, tap.code)

    const results = browse(null)
    expect(results.total).toBe(2)
    expect(results.rows.map((row) => row.code)).toEqual([roof.code, tap.code])
    const [first, second] = results.rows
    expect(first).toMatchObject({
      title: 'Patch the roof before the rains',
      categoryName: 'Plumbing',
      budgetMin: null,
      budgetMax: 300_000,
      place: 'customer',
      area: 'Brufut',
      neededBy: '2026-12-01',
      proposalCount: 0,
      photo: null,
      distanceKm: null,
    })
    expect(first?.createdAt).toEqual(roof.createdAt)
    expect(first?.expiresAt).toEqual(roof.expiresAt)
    // A withdrawn proposal is not counted.
    expect(second?.proposalCount).toBe(1)
    expect(second?.summary.startsWith('The tap drips all night. The washer may be gone.')).toBe(
      true,
    )
    expect(second?.summary.endsWith('…')).toBe(true)
    expect([...(second?.summary ?? '')].length).toBeLessThanOrEqual(141)
  })

  it('leaves out hired, withdrawn and expired requests, and those of a deleted account', async () => {
    const hired = post({ title: 'Hired' })
    const proposed = proposeOn(market, plumber, hired.code)
    if (!proposed.ok) throw new Error('proposal refused')
    hire(market, buyer, { code: hired.code, proposalId: proposed.proposal.id })
    const withdrawn = post({ title: 'Withdrawn' })
    withdrawRequest(market, buyer, withdrawn.code)
    post({ title: 'Open a week', openForDays: 7 })
    post({ title: 'Open a fortnight', openForDays: 14 })
    const gone = await createMember(market)
    postTestRequest(market, gone, { title: 'Posted by someone who left' })
    market.db
      .update(members)
      .set({ deletedAt: market.clock.now() })
      .where(eq(members.id, gone.id))
      .run()

    expect(titles(null)).toEqual(['Open a fortnight', 'Open a week'])
    // Past its time, the week-long one is gone though no job has written it expired.
    market.clock.advance(7 * DAY)
    expect(titles(null)).toEqual(['Open a fortnight'])
  })

  it('shows a category-only request to its providers, its buyer and operators, and no one else', async () => {
    post({ title: 'For everyone' })
    post({ title: 'For plumbers and electricians', visibility: 'category' })
    const stranger = await createMember(market)
    const operator = market.db.select().from(members).where(eq(members.role, 'operator')).get()
    const both = ['For plumbers and electricians', 'For everyone']

    expect(titles(null)).toEqual(['For everyone'])
    expect(titles(stranger)).toEqual(['For everyone'])
    // Even asking for every category, a store in another one does not see it.
    expect(titles(tutor.owner, { mine: false })).toEqual(['For everyone'])
    expect(titles(plumber.owner)).toEqual(both)
    // Electrical is under the same top category as plumbing.
    expect(titles(fundi.owner)).toEqual(both)
    expect(titles(buyer)).toEqual(both)
    expect(titles(operator as Member)).toEqual(both)
  })

  it('narrows a provider to the top categories their store sells in, unless asked not to', () => {
    post({ title: 'Tap', categoryId: 101 })
    post({ title: 'Algebra help', categoryId: 111 })

    const plumbers = browse(plumber.owner)
    expect(plumbers.mine).toBe(true)
    expect(plumbers.rows.map((row) => row.title)).toEqual(['Tap'])
    expect(titles(tutor.owner)).toEqual(['Algebra help'])
    expect(titles(plumber.owner, { mine: false })).toEqual(['Algebra help', 'Tap'])
    // Choosing a category is choosing what to see.
    expect(titles(plumber.owner, { categoryIds: [111] })).toEqual(['Algebra help'])
    expect(titles(plumber.owner, { categoryIds: [111], mine: true })).toEqual([])
    // Visitors and members without a store see every category.
    expect(browse(null).mine).toBe(false)
    expect(titles(buyer)).toEqual(['Algebra help', 'Tap'])
  })

  it('gives a store that sells nothing yet every category, and nothing when asked for its own', async () => {
    post({ title: 'Tap' })
    const empty = await seedStore(market, { name: 'New store' })
    expect(titles(empty.owner)).toEqual(['Tap'])
    expect(titles(empty.owner, { mine: true })).toEqual([])
  })

  it('takes a top category with its subcategories, or one subcategory', () => {
    post({ title: 'Tap', categoryId: 101 })
    post({ title: 'Socket', categoryId: 102 })
    post({ title: 'Algebra help', categoryId: 111 })
    expect(titles(null, { categoryIds: [1, 101, 102] })).toEqual(['Socket', 'Tap'])
    expect(titles(null, { categoryIds: [102] })).toEqual(['Socket'])
  })

  it('keeps requests whose budget reaches the lowest asked for, or names no highest', () => {
    post({ title: 'Up to 400', budgetMin: null, budgetMax: 40_000 })
    post({ title: '500 to 800', budgetMin: 50_000, budgetMax: 80_000 })
    post({ title: 'From 900', budgetMin: 90_000, budgetMax: null })
    post({ title: 'Open budget', budgetMin: null, budgetMax: null })
    expect(titles(null, { minBudget: 80_000 })).toEqual(['Open budget', 'From 900', '500 to 800'])
    expect(titles(null, { minBudget: 80_001 })).toEqual(['Open budget', 'From 900'])
  })

  it('sorts by the highest budget, open budgets last', () => {
    post({ title: 'Up to 400', budgetMin: null, budgetMax: 40_000 })
    post({ title: 'Open budget', budgetMin: null, budgetMax: null })
    post({ title: '500 to 800', budgetMin: 50_000, budgetMax: 80_000 })
    expect(titles(null, { sort: 'budget' })).toEqual(['500 to 800', 'Up to 400', 'Open budget'])
  })

  it('measures from the provider’s store and keeps what is within reach', () => {
    post({ title: 'In Tanji', area: 'Tanji' })
    post({ title: 'In Brufut', area: 'Brufut' })
    post({ title: 'Somewhere unknown', area: 'Nowhere in particular' })

    const all = browse(plumber.owner)
    const distances = Object.fromEntries(all.rows.map((row) => [row.title, row.distanceKm]))
    expect(distances['In Tanji']).toBeCloseTo(0, 3)
    expect(distances['In Brufut']).toBeGreaterThan(5.5)
    expect(distances['In Brufut']).toBeLessThan(7)
    expect(distances['Somewhere unknown']).toBeNull()

    expect(titles(plumber.owner, { withinKm: 1 })).toEqual(['In Tanji'])
    expect(titles(plumber.owner, { withinKm: 10 })).toEqual(['In Brufut', 'In Tanji'])
    expect(browse(plumber.owner, { withinKm: 10 }).withinKm).toBe(10)
    // No store point, nothing to measure from: the filter is left out, not everything.
    const fromNowhere = browse(null, { withinKm: 1 })
    expect(fromNowhere.withinKm).toBeNull()
    expect(fromNowhere.total).toBe(3)
    expect(browse(null).rows.every((row) => row.distanceKm === null)).toBe(true)
  })

  it('finds words in the title, category and description, the last word as a prefix, title first', () => {
    post({ title: 'Kitchen tap', description: 'It leaks.' })
    post({ title: 'Leaking roof', description: 'Corrugated sheets.' })
    post({ title: 'Garden wall', description: 'Cracked, and the tap by it too.' })
    const find = (q: string, filters: Partial<BrowseFilters> = {}) =>
      titles(null, { words: searchWords(q), sort: 'best', ...filters })
    expect(find('tap')).toEqual(['Kitchen tap', 'Garden wall'])
    expect(find('lea')).toEqual(['Leaking roof', 'Kitchen tap'])
    expect(find('tap leaks')).toEqual(['Kitchen tap'])
    expect(find('plumb')).toHaveLength(3)
    expect(find('tap', { sort: 'newest' })).toEqual(['Garden wall', 'Kitchen tap'])
    expect(find('piano')).toEqual([])
  })

  it('reads hostile text as words, never as FTS syntax', () => {
    post({ title: 'Kitchen tap', description: 'NEAR the sink' })
    for (const q of [
      '"',
      '*',
      'tap*',
      '"tap" OR "roof"',
      'NEAR(tap sink)',
      'title:tap',
      '-tap',
      '^tap',
      "'); DROP TABLE service_requests; --",
      'tap AND',
      '\u0000tap',
      'a'.repeat(5000),
    ])
      expect(() => browse(null, { words: searchWords(q), sort: 'best' }), q).not.toThrow()
    expect(titles(null, { words: searchWords('title:tap'), sort: 'best' })).toEqual([])
    expect(titles(null, { words: searchWords('NEAR(tap sink)'), sort: 'best' })).toEqual([
      'Kitchen tap',
    ])
    expect(titles(null, { words: searchWords('"tap" OR "roof"'), sort: 'best' })).toEqual([])
  })

  it('tells a provider which requests they have a proposal standing on', () => {
    const tap = post({ title: 'Fix a tap' })
    post({ title: 'Fix a gutter' })
    proposeOn(market, plumber, tap.code)
    const mine = browse(plumber.owner).rows.map((row) => [row.title, row.ownProposal])
    expect(mine).toEqual([
      ['Fix a gutter', null],
      ['Fix a tap', 'active'],
    ])
    expect(browse(null).rows.map((row) => row.ownProposal)).toEqual([null, null])
  })

  it('pages twenty at a time, and an old link past the end shows the last page', () => {
    // Five hours apart: a member posts at most five requests in a day.
    for (let n = 1; n <= 25; n += 1) {
      market.clock.advance(4 * HOUR)
      post({ title: `Request ${n}` })
    }
    const first = browse(null)
    expect(first.total).toBe(25)
    expect(first.page).toMatchObject({ number: 1, totalPages: 2 })
    expect(first.rows).toHaveLength(20)
    expect(first.rows[0]?.title).toBe('Request 25')
    expect(titles(null, { page: 2 })).toEqual([
      'Request 5',
      'Request 4',
      'Request 3',
      'Request 2',
      'Request 1',
    ])
    expect(browse(null, { page: 9 }).page.number).toBe(2)
    expect(titles(null, { perPage: 2 })).toEqual(['Request 25', 'Request 24'])
  })

  it('shows each request’s first photo', () => {
    const request = post()
    const photo = (hash: string) =>
      market.db
        .insert(images)
        .values({ hash, width: 8, height: 8, widths: '8', placeholder: '', uploadedBy: buyer.id })
        .returning()
        .get()
    const second = photo('b'.repeat(64))
    const first = photo('a'.repeat(64))
    market.db
      .insert(requestPhotos)
      .values([
        { requestId: request.id, imageId: second.id, position: 1 },
        { requestId: request.id, imageId: first.id, position: 0 },
      ])
      .run()
    expect(browse(null).rows[0]?.photo?.hash).toBe('a'.repeat(64))
  })
})

describe('readBrowseFilters', () => {
  const read = (query: Record<string, string>) =>
    readBrowseFilters(browseParamsSchema.parse(query), {
      categories: listCategoryTree(market.db),
      currency: 'GMD',
      locale: 'en-GB',
    })

  it('reads every filter from the address', () => {
    const { filters, choices, problems } = read({
      q: ' roof  leak ',
      category: 'home-repairs',
      all: '1',
      budget: '1,500',
      within: '5',
      sort: 'budget',
      page: '2',
    })
    expect(filters).toEqual({
      words: ['roof', 'leak'],
      categoryIds: [1, ...listCategoryTree(market.db)[0]!.children.map((child) => child.id)],
      mine: false,
      minBudget: 150_000,
      withinKm: 5,
      sort: 'budget',
      page: 2,
    })
    expect(filters.categoryIds).toContain(101)
    expect(choices).toEqual({
      q: 'roof  leak',
      category: 'home-repairs',
      all: true,
      budget: '1,500',
      within: 5,
      sort: 'budget',
    })
    expect(problems).toEqual({})
    expect(read({ category: 'plumbing' }).filters.categoryIds).toEqual([101])
  })

  it('falls back to defaults for what it cannot use, saying so beside typed fields', () => {
    const { filters, problems } = read({
      category: 'no-such-thing',
      budget: 'lots',
      within: '7',
      sort: 'cheapest',
      page: '-4',
    })
    expect(filters).toMatchObject({
      categoryIds: [],
      mine: undefined,
      minBudget: null,
      withinKm: null,
      sort: 'newest',
      page: 1,
    })
    expect(Object.keys(problems).sort()).toEqual(['budget', 'category', 'sort', 'within'])
    expect(read({ q: 'roof' }).filters.sort).toBe('best')
    expect(read({}).filters).toEqual({ ...everything, mine: undefined })
  })
})
