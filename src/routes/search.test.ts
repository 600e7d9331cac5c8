import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { stores } from '../../db/schema'
import {
  createMember,
  createOpenMarket,
  createProvider,
  page,
  serviceForm,
  type TestMarket,
} from '../test/app'
import { seedListing, seedStore, type TestStore } from '../test/listings'

let market: TestMarket
let honeyShop: TestStore
let plumber: TestStore

beforeEach(async () => {
  market = await createOpenMarket()
  honeyShop = await seedStore(market, {
    name: 'Fatou Honey',
    area: 'Kerr Serign',
    latitude: 13.35,
    longitude: -16.79,
  })
  plumber = await seedStore(market, {
    name: 'Sowe Plumbing',
    area: 'Brufut',
    latitude: 13.39,
    longitude: -16.75,
  })
  seedListing(market.db, market, honeyShop, {
    title: 'Forest honey',
    description: 'Raw honey from the forest park.',
    kind: 'product',
    categoryId: 127,
    price: 22_500,
    delivery: true,
  })
  seedListing(market.db, market, honeyShop, {
    title: 'Honeycomb pieces',
    kind: 'product',
    categoryId: 127,
    price: 34_500,
    stock: 0,
  })
  seedListing(market.db, market, plumber, {
    title: 'Emergency plumber',
    description: 'Burst pipes and blocked drains.',
    categoryId: 101,
    price: 60_000,
    serviceLocations: ['customer'],
  })
  seedListing(market.db, market, plumber, {
    title: 'Wiring check',
    categoryId: 102,
    price: 90_000,
    serviceLocations: ['customer', 'online'],
  })
})
afterEach(() => market.cleanup())

async function searchPage(query: string, headers: Record<string, string> = {}) {
  const response = await market.get(`/search${query}`, { headers })
  expect(response.status).toBe(200)
  return page(response)
}

const resultTitles = (document: Document) =>
  [...document.querySelectorAll('#search-hits .listing-card__title')].map((title) =>
    title.textContent?.trim(),
  )
const status = (document: Document) => document.getElementById('search-status')?.textContent

describe('GET /search', () => {
  it('finds honey when a buyer types "honey" in the header', async () => {
    const document = await searchPage('?q=honey')
    expect(resultTitles(document)).toEqual(['Forest honey', 'Honeycomb pieces'])
    expect(status(document)).toBe('2 results for “honey”')
    expect(document.querySelector('#search-hits mark')?.textContent).toBe('honey')
    expect(document.querySelector('.listing-card__snippet mark')?.textContent).toBe('honey')
  })

  it('shows everything on sale, with filters, when nothing is typed', async () => {
    const document = await searchPage('')
    expect(resultTitles(document)).toHaveLength(4)
    expect(document.querySelector('input[name="fulfilment"][value="delivery"]')).not.toBeNull()
  })

  it('offers a corrected spelling and shows what it finds', async () => {
    const document = await searchPage('?q=plumer')
    expect(resultTitles(document)).toEqual(['Emergency plumber'])
    const notice = document.querySelector('.search-results__notice')
    expect(notice?.textContent).toContain('Did you mean plumber?')
    expect(notice?.querySelector('a')?.getAttribute('href')).toBe('/search?q=plumber')
  })

  it.each([
    ['one category', '?category=food-produce', ['Forest honey', 'Honeycomb pieces']],
    ['a subcategory', '?category=plumbing', ['Emergency plumber']],
    [
      'two categories',
      '?category=plumbing&category=electrical',
      ['Emergency plumber', 'Wiring check'],
    ],
    ['goods', '?kind=product', ['Forest honey', 'Honeycomb pieces']],
    ['services', '?kind=service', ['Emergency plumber', 'Wiring check']],
    ['a price range', '?min=300&max=700', ['Honeycomb pieces', 'Emergency plumber']],
    ['in stock', '?q=honey&stock=1', ['Forest honey']],
    ['delivery', '?fulfilment=delivery', ['Forest honey']],
    [
      'online or delivery',
      '?fulfilment=online&fulfilment=delivery',
      ['Forest honey', 'Wiring check'],
    ],
    ['a place by name', '?near=Kerr%20Serign&radius=2', ['Forest honey', 'Honeycomb pieces']],
    ['a point on the map', '?near=13.39,-16.75&radius=1', ['Emergency plumber', 'Wiring check']],
    [
      'cheapest first',
      '?sort=price-asc',
      ['Forest honey', 'Honeycomb pieces', 'Emergency plumber', 'Wiring check'],
    ],
    ['dearest first', '?sort=price-desc&kind=service', ['Wiring check', 'Emergency plumber']],
    ['words and filters', '?q=honey&fulfilment=delivery&max=300', ['Forest honey']],
  ])('filters by %s', async (_, query, expected) => {
    const titles = resultTitles(await searchPage(query))
    expect([...titles].sort()).toEqual([...expected].sort())
    if (query.includes('sort=')) expect(titles).toEqual(expected)
  })

  it('sorts by distance from a place', async () => {
    const document = await searchPage('?near=Brufut&radius=25&sort=nearest&kind=product')
    expect(resultTitles(document)).toHaveLength(2)
    expect(document.querySelector('.listing-card__distance')?.textContent).toMatch(/km away/)
  })

  it('counts each facet within the other choices', async () => {
    const document = await searchPage('?category=plumbing')
    const count = (id: string) =>
      document.querySelector(`label[for="${id}"] .filter__count`)?.textContent
    expect(count('filter-kind-service')).toBe(' (1)')
    expect(count('filter-category-home-repairs')).toBe(' (2)')
    expect(count('filter-category-food-produce')).toBe(' (2)')
    expect(count('filter-fulfilment-in-person')).toBe(' (1)')
  })

  it('offers price bands that narrow to what they count', async () => {
    const document = await searchPage('')
    const bands = [...document.querySelectorAll('.filter__bands a')]
    expect(bands.length).toBeGreaterThan(1)
    // Whole amounts as a person types them: min=300, not min=300.00.
    for (const band of bands) expect(band.getAttribute('href')).not.toMatch(/\.00/)
    for (const band of bands) {
      const count = Number(/\((\d+)\)/.exec(band.textContent ?? '')?.[1])
      const narrowed = await page(await market.get(band.getAttribute('href')!))
      expect(resultTitles(narrowed)).toHaveLength(count)
    }
  })

  it('answers htmx with the filters and results alone, and puts the short URL in the address bar', async () => {
    const response = await market.get('/search?q=honey&kind=&min=&near=&radius=5&sort=best', {
      headers: { 'HX-Request': 'true' },
    })
    expect(response.headers.get('HX-Push-Url')).toBe('/search?q=honey')
    expect(response.headers.get('Vary')).toContain('HX-Request')
    const html = await response.text()
    expect(html).not.toContain('<html')
    expect(html).toContain('id="search-hits"')
  })

  it('names the search in an htmx answer: the heading out of band, and the tab', async () => {
    const response = await market.get('/search?q=honey', { headers: { 'HX-Request': 'true' } })
    const document = await page(response)
    const heading = document.querySelector('h1#search-heading')
    expect(heading?.getAttribute('data-hx-swap-oob')).toBe('true')
    expect(heading?.textContent).toBe('Results for “honey”')
    expect(document.querySelector('title')?.textContent).toBe('“honey” · Tanji Market')
  })

  it('narrows a chosen top category to the subcategory chosen under it', async () => {
    const document = await searchPage('?category=home-repairs&category=plumbing')
    expect(resultTitles(document)).toEqual(['Emergency plumber'])
    const top = document.querySelector('#filter-category-home-repairs')
    expect(top?.hasAttribute('checked')).toBe(true)
  })

  it('fills the hearts a member saved, and only for that member', async () => {
    await createMember(market, { email: 'awa.buyer@example.com' })
    await createMember(market, { email: 'binta.buyer@example.com' })
    const awa = await market.signIn('awa.buyer@example.com')
    const binta = await market.signIn('binta.buyer@example.com')
    const honey = (await searchPage('?q=forest')).querySelector('#search-hits a')!
    const id = /\/listings\/(\d+)/.exec(honey.getAttribute('href')!)![1]
    expect((await market.post(`/listings/${id}/favourite`, {}, { cookie: awa })).status).toBe(303)
    const saved = async (cookie: string) =>
      [
        ...(await page(await market.get('/search?q=forest', { cookie }))).querySelectorAll(
          '#search-hits button',
        ),
      ].map((button) => button.getAttribute('aria-label'))
    expect(await saved(awa)).toEqual(['Saved. Remove Forest honey from favourites'])
    expect(await saved(binta)).toEqual(['Save Forest honey to favourites'])
    expect(await saved(awa)).toEqual(['Saved. Remove Forest honey from favourites'])
  })

  it('answers a boosted link with the whole page', async () => {
    const response = await market.get('/search?q=honey', {
      headers: { 'HX-Request': 'true', 'HX-Boosted': 'true' },
    })
    expect(await response.text()).toContain('<html')
  })

  it('adds a "More results" link that appends the next page, and a plain next link', async () => {
    for (let n = 0; n < 30; n += 1)
      seedListing(market.db, market, plumber, { title: `Guitar lesson ${n}`, categoryId: 113 })
    const document = await searchPage('?q=guitar')
    expect(resultTitles(document)).toHaveLength(24)
    const more = document.querySelector('.search-results__more')
    expect(more?.getAttribute('href')).toBe('/search?q=guitar&page=2')
    expect(more?.getAttribute('data-hx-swap')).toBe('beforeend')
    expect(document.querySelector('a[rel="next"]')?.getAttribute('href')).toBe(
      '/search?q=guitar&page=2',
    )
    // Appended with htmx, the next page brings its numbered pages only for browsers without scripts.
    const appended = await market.get('/search?q=guitar&page=2', {
      headers: { 'HX-Request': 'true' },
    })
    expect(await appended.text()).toMatch(/<noscript><nav class="pagination"/)
    const second = await searchPage('?q=guitar&page=2')
    expect(resultTitles(second)).toHaveLength(6)
    expect(second.querySelector('.search-results__more')).toBeNull()
  })
})

describe('GET /search with bad input', () => {
  it.each([
    '"',
    '"honey',
    'honey*',
    '*',
    '^honey',
    '(honey',
    'honey)',
    'NEAR(honey plumber',
    'NEAR(honey, 2)',
    'title:honey',
    '{title}: honey',
    'honey AND',
    'OR',
    'NOT honey',
    '-',
    '- honey',
    "'; DROP TABLE listings; --",
    '1 OR 1=1',
    '🍯🍯🍯',
    'honey 🍯',
    '\u0000honey',
    '   ',
  ])('searches for %j as plain words', async (text) => {
    const document = await searchPage(`?q=${encodeURIComponent(text)}`)
    expect(status(document)).toMatch(/results?/)
  })

  it('finds honey however the word is wrapped in syntax', async () => {
    for (const text of ['"honey"', 'honey*', '(honey)', 'title:honey', '^honey'])
      expect(resultTitles(await searchPage(`?q=${encodeURIComponent(text)}`))).toContain(
        'Forest honey',
      )
  })

  it('cuts a 5,000-character query', async () => {
    const document = await searchPage(`?q=${'honey '.repeat(834)}`)
    expect(document.querySelector<HTMLInputElement>('#search-q')?.value.length).toBeLessThanOrEqual(
      200,
    )
    expect(resultTitles(document)).toContain('Forest honey')
  })

  it.each([
    ['an unknown category', '?category=unicorns', /category does not exist/],
    ['a lowest price above the highest', '?min=500&max=100', /highest price is below the lowest/],
    ['a negative price', '?min=-5', /Type an amount/],
    ['a price that is not a number', '?max=cheap', /Type an amount/],
    ['a radius of a billion km', '?radius=1000000000', /Choose a distance/],
    ['a latitude of 500', '?near=500,10', /do not know that place/],
    ['a place nobody is in', '?near=Atlantis', /do not know that place/],
    ['nearest without a place', '?sort=nearest', /Choose a place/],
  ])('says what it left out for %s, and shows the rest', async (_, query, message) => {
    const document = await searchPage(query)
    expect(document.querySelector('.field__error')?.textContent).toMatch(message)
    expect(resultTitles(document)).toHaveLength(4)
  })

  it('reads repeated single values once and survives page 10^20', async () => {
    expect(resultTitles(await searchPage('?q=honey&q=plumber&kind=product&kind=service'))).toEqual([
      'Forest honey',
      'Honeycomb pieces',
    ])
    const last = await searchPage('?page=100000000000000000000')
    expect(resultTitles(last)).toHaveLength(4)
  })

  it('ignores nested and odd parameter names', async () => {
    expect(
      resultTitles(await searchPage('?q[]=honey&category.a.b.c.d.e=b&__proto__=x&sort[]=1')),
    ).toHaveLength(4)
  })
})

describe('GET /search/suggestions', () => {
  it('suggests categories, titles and storefronts that start with what is typed', async () => {
    const response = await market.get('/search/suggestions?q=hon', {
      headers: { 'HX-Request': 'true' },
    })
    const document = await page(response)
    const options = [...document.querySelectorAll('[role="option"]')].map((option) =>
      option.textContent?.replace(/\s+/g, ' ').trim(),
    )
    expect(options).toEqual([
      'Honey, jams & preserves Category',
      'Honeycomb pieces Search',
      'Forest honey Search',
      'Fatou Honey Storefront',
    ])
    expect(document.querySelector('a[role="option"]')?.getAttribute('href')).toBe(
      '/categories/honey-preserves',
    )
  })

  it('suggests nothing for one letter, and never fails on syntax', async () => {
    expect(await (await market.get('/search/suggestions?q=h')).text()).toBe('')
    for (const text of ['"', 'NEAR(', '*', '{title}:', '🍯'])
      expect((await market.get(`/search/suggestions?q=${encodeURIComponent(text)}`)).status).toBe(
        200,
      )
  })
})

describe('GET /categories/:slug', () => {
  it('is the search page scoped to the category, with its subcategories as chips', async () => {
    const document = await page(await market.get('/categories/home-repairs'))
    expect(resultTitles(document).sort()).toEqual(['Emergency plumber', 'Wiring check'])
    expect(document.querySelector('.chips a[href="/categories/plumbing"]')).not.toBeNull()
    expect(document.querySelector('form#search-form')?.getAttribute('action')).toBe(
      '/categories/home-repairs',
    )
    // While htmx fetches new results, the old ones are marked as loading (skeletons).
    expect(document.querySelector('form#search-form')?.getAttribute('data-hx-indicator')).toBe(
      '#search-body',
    )
    expect(document.querySelector('#search-body')).not.toBeNull()
  })

  it('searches words, narrows to a subcategory, and never leaves the category', async () => {
    const words = await page(await market.get('/categories/home-repairs?q=wiring'))
    expect(resultTitles(words)).toEqual(['Wiring check'])
    const sub = await page(await market.get('/categories/home-repairs?category=plumbing'))
    expect(resultTitles(sub)).toEqual(['Emergency plumber'])
    const outside = await page(await market.get('/categories/home-repairs?category=food-produce'))
    expect(resultTitles(outside).sort()).toEqual(['Emergency plumber', 'Wiring check'])
  })

  it('is a 404 for a category that does not exist', async () => {
    expect((await market.get('/categories/unicorns')).status).toBe(404)
  })
})

describe('the index follows every write', () => {
  it('through the provider’s own forms: edit, pause, resume, archive and store rename', async () => {
    const { cookie } = await createProvider(market, 'lamin@example.com')
    const created = await market.post('/listings', serviceForm, { cookie })
    const id = Number(/\/listings\/(\d+)/.exec(created.headers.get('Location')!)![1])
    await market.post(`/listings/${id}/publication`, {}, { cookie })
    // Only what the word itself finds: a word no listing has any more may be "corrected".
    const found = async (q: string) => {
      const document = await searchPage(`?q=${q}`)
      return status(document)?.endsWith(`for “${q}”`) ? resultTitles(document) : []
    }
    expect(await found('leaking')).toEqual(['Leaking tap repair'])

    await market.post(
      `/listings/${id}`,
      { ...serviceForm, title: 'Dripping shower fix', description: 'Shower heads fitted.' },
      { cookie },
    )
    expect(await found('leaking')).toEqual([])
    expect(await found('shower')).toEqual(['Dripping shower fix'])

    await market.post(`/listings/${id}/publication`, { _method: 'DELETE' }, { cookie })
    expect(await found('shower')).toEqual([])
    await market.post(`/listings/${id}/publication`, {}, { cookie })
    expect(await found('shower')).toEqual(['Dripping shower fix'])

    const store = market.db
      .select()
      .from(stores)
      .all()
      .find((one) => one.name.startsWith('Lamin'))!
    const renamed = await market.post(
      `/stores/${store.slug}`,
      { name: 'Kotu Waterworks', area: 'Tanji', phone: '+220 700 1234', showPhone: 'on' },
      { cookie },
    )
    expect(renamed.status).toBe(303)
    expect(await found('waterworks')).toEqual(['Dripping shower fix'])

    await market.post(`/listings/${id}/archival`, {}, { cookie })
    expect(await found('shower')).toEqual([])
  })
})
