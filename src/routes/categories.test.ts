import { afterEach, describe, expect, it } from 'vitest'
import { seedListing, seedStore } from '../test/listings'
import { listCategoryTree } from '../models/category'
import { createOpenMarket, createProvider, page, serviceForm, type TestMarket } from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

describe('the default category tree', () => {
  it('covers a town’s trades and goods in two levels', async () => {
    market = await createOpenMarket()
    const tree = listCategoryTree(market.db)
    expect(tree.map((category) => category.slug)).toEqual(
      expect.arrayContaining([
        'home-repairs',
        'cleaning',
        'lessons',
        'food-produce',
        'second-hand',
      ]),
    )
    expect(tree.every((category) => category.children.length >= 3)).toBe(true)
  })
})

describe('GET /categories/:slug', () => {
  it('shows a top category with its subcategories that have something on sale', async () => {
    market = await createOpenMarket()
    const shop = await seedStore(market, { name: 'Sowe Plumbing' })
    seedListing(market.db, market, shop, { title: 'Tap repair', categoryId: 101 })
    const document = await page(await market.get('/categories/home-repairs'))
    expect(document.querySelector('h1')?.textContent).toBe('Home repairs & trades')
    expect(document.querySelector('.chips a[href="/categories/plumbing"]')).not.toBeNull()
    // Electrical has nothing yet: no chip leading to an empty page.
    expect(document.querySelector('.chips a[href="/categories/electrical"]')).toBeNull()
  })

  it('shows a subcategory with its breadcrumb', async () => {
    market = await createOpenMarket()
    const document = await page(await market.get('/categories/plumbing'))
    const crumbs = [...document.querySelectorAll('.breadcrumb li')].map((li) => li.textContent)
    expect(crumbs).toEqual(['Home', 'Home repairs & trades', 'Plumbing'])
  })

  it('answers 404 for an unknown category', async () => {
    market = await createOpenMarket()
    expect((await market.get('/categories/unicorns')).status).toBe(404)
  })
})

describe('GET /categories/:slug listings', () => {
  it('shows what is on sale in a subcategory, and under its top category', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const created = await market.post('/listings', serviceForm, { cookie })
    const id = /\/listings\/(\d+)\/edit/.exec(created.headers.get('Location')!)![1]
    const draft = await page(await market.get('/categories/plumbing'))
    expect(draft.querySelector('.listing-grid')).toBeNull()
    await market.post(`/listings/${id}/publication`, {}, { cookie })
    for (const slug of ['plumbing', 'home-repairs']) {
      const document = await page(await market.get(`/categories/${slug}`))
      expect(
        document.querySelector(`.listing-grid a[href="/listings/${id}-leaking-tap-repair"]`),
        slug,
      ).not.toBeNull()
      expect(document.querySelector('.empty')).toBeNull()
    }
    const elsewhere = await page(await market.get('/categories/electrical'))
    expect(elsewhere.querySelector('.empty')?.textContent).toMatch(/Nothing on sale here yet/)
  })
})

describe('GET /categories/:slug?page=', () => {
  it.each(['384307168202282326', '9'.repeat(20), '9'.repeat(400), '-1', '1e3', 'abc', '0'])(
    'answers page %s with a page that exists, never an error',
    async (pageParameter) => {
      market = await createOpenMarket()
      const { cookie } = await createProvider(market)
      const created = await market.post('/listings', serviceForm, { cookie })
      const id = /\/listings\/(\d+)\/edit/.exec(created.headers.get('Location') ?? '')?.[1]
      await market.post(`/listings/${id}/publication`, {}, { cookie })
      const response = await market.get(`/categories/plumbing?page=${pageParameter}`)
      expect(response.status).toBe(200)
      const document = await page(response)
      expect(document.querySelector(`.listing-grid a[href^="/listings/${id}-"]`)).not.toBeNull()
    },
  )
})

describe('GET / categories', () => {
  it('lists every top category on the home page', async () => {
    market = await createOpenMarket()
    const document = await page(await market.get('/'))
    expect(document.querySelectorAll('nav[aria-label="Categories"] a').length).toBe(
      listCategoryTree(market.db).length,
    )
  })
})
