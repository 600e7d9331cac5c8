import { afterEach, describe, expect, it } from 'vitest'
import { createOpenMarket, page, type TestMarket } from '../test/app'

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
