import { afterEach, describe, expect, it } from 'vitest'
import { HOUR } from '../lib/clock'
import { createMember, createOpenMarket, page, type TestMarket } from '../test/app'
import { seedListing, seedStore } from '../test/listings'
import { postTestRequest } from '../test/requests'

let market: TestMarket
afterEach(() => market.cleanup())

describe('GET /', () => {
  it('names the market and invites visitors to join', async () => {
    market = await createOpenMarket()
    const response = await market.get('/')
    expect(response.status).toBe(200)
    const document = await page(response)
    expect(document.title).toBe('Tanji Market')
    expect(document.querySelector('h1')?.textContent).toBe('Tanji Market')
    expect(document.querySelector('a[href="/sign-up"]')).not.toBeNull()
    expect(document.querySelector('form[role=search]')?.getAttribute('action')).toBe('/search')
  })

  it('gives a signed-in member their links, and a member without a store the way to open one', async () => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    const response = await market.get('/', { cookie })
    expect(response.headers.get('Cache-Control')).toBe('private, no-cache')
    const document = await page(response)
    const links = [...document.querySelectorAll('nav[aria-label="Account"] a')]
    expect(links.map((link) => link.getAttribute('aria-label') ?? link.textContent)).toEqual([
      'Cart (0)',
      'Messages',
      'Notifications',
      'Orders',
      'Requests',
      'Open a store',
      'Favourites',
      'Disputes',
      'Awa Operator',
    ])
    expect(document.querySelector('a[href="/sign-up"]')).toBeNull()
  })
})

describe('GET /search', () => {
  it('echoes the query safely and says nothing matches yet', async () => {
    market = await createOpenMarket()
    const response = await market.get(
      `/search?q=${encodeURIComponent('<script>alert(1)</script>')}`,
    )
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;')
  })

  it('keeps the query in the search box', async () => {
    market = await createOpenMarket()
    const document = await page(await market.get('/search?q=plumber'))
    expect(document.querySelector('#search-q')?.getAttribute('value')).toBe('plumber')
    expect(document.querySelector('h1')?.textContent).toBe('Results for “plumber”')
  })
})

describe('GET /, requests in what you sell', () => {
  /** A plumber, a buyer, and requests posted five hours apart (a member posts at most five in a
   * day): five for plumbing, one for maths. */
  async function seedRequests() {
    market = await createOpenMarket()
    const plumber = await seedStore(market, { name: 'Lamin Plumbing' })
    seedListing(market.db, market, plumber, { title: 'Tap repair', categoryId: 101 })
    const buyer = await createMember(market, { email: 'isatou@example.com' })
    for (const title of ['Tap 1', 'Tap 2', 'Tap 3', 'Maths', 'Tap 4', 'Tap 5']) {
      market.clock.advance(5 * HOUR)
      postTestRequest(market, buyer, { title, categoryId: title === 'Maths' ? 111 : 101 })
    }
    return plumber
  }
  const section = (document: Document) =>
    document.querySelector('section[aria-labelledby="requests-heading"]')

  it('shows a provider the four newest open requests in what their store sells', async () => {
    const plumber = await seedRequests()
    const document = await page(
      await market.get('/', { cookie: await market.signIn(plumber.owner.email) }),
    )
    const requests = section(document)!
    expect(requests.querySelector('h2')?.textContent).toBe('Requests in what you sell')
    expect(
      [...requests.querySelectorAll('.request-card__title a')].map((link) => link.textContent),
    ).toEqual(['Tap 5', 'Tap 4', 'Tap 3', 'Tap 2'])
    const all = [...requests.querySelectorAll('a')].find(
      (link) => link.textContent === 'See all requests',
    )
    expect(all?.getAttribute('href')).toBe('/requests')
  })

  it('says so when there are none, and shows nothing to visitors, buyers or a store selling nothing yet', async () => {
    await seedRequests()
    expect(section(await page(await market.get('/')))).toBeNull()
    const buyer = await market.signIn('isatou@example.com')
    expect(section(await page(await market.get('/', { cookie: buyer })))).toBeNull()
    const newcomer = await seedStore(market, { name: 'Nothing listed yet' })
    const cookie = await market.signIn(newcomer.owner.email)
    expect(section(await page(await market.get('/', { cookie })))).toBeNull()

    const honey = await seedStore(market, { name: 'Fatou Honey' })
    seedListing(market.db, market, honey, { title: 'Honey', categoryId: 127, kind: 'product' })
    const quiet = section(
      await page(await market.get('/', { cookie: await market.signIn(honey.owner.email) })),
    )
    expect(quiet?.querySelector('.request-card')).toBeNull()
    expect(quiet?.textContent).toContain('No open requests in what you sell just now')
  })
})
