import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { updateSiteSettings } from '../models/site'
import { createOpenMarket, page, type TestMarket } from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

/** A page that counts how often it is rendered, so a test can tell a kept page from a new one. */
function countedPage() {
  const counter = { renders: 0 }
  market.app.get('/test/counted', (c) => {
    counter.renders += 1
    return c.html(
      `<!doctype html><title>${c.get('site')?.marketName}</title><p>${'text '.repeat(200)}</p>`,
    )
  })
  return counter
}

const BROWSER = { 'Accept-Encoding': 'br' }

describe('pages kept for visitors', () => {
  it('renders a page once for visitors while nothing changes, each answer with its own request id', async () => {
    market = await createOpenMarket()
    const counter = countedPage()
    const first = await market.get('/test/counted', { headers: BROWSER })
    const second = await market.get('/test/counted', { headers: BROWSER })
    expect(counter.renders).toBe(1)
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(
      new Uint8Array(await first.arrayBuffer()),
    )
    expect(second.headers.get('Content-Encoding')).toBe('br')
    expect(second.headers.get('Content-Security-Policy')).toContain("script-src 'self'")
    expect(second.headers.get('X-Request-Id')).not.toBe(first.headers.get('X-Request-Id'))

    const revalidated = await market.get('/test/counted', {
      headers: { ...BROWSER, 'If-None-Match': first.headers.get('ETag')! },
    })
    expect(revalidated.status).toBe(304)
    expect(counter.renders).toBe(1)
  })

  it('renders again after any write, so a change is seen by the very next visitor', async () => {
    market = await createOpenMarket()
    const counter = countedPage()
    await market.get('/test/counted')
    updateSiteSettings(market.db, { marketName: 'Kartong Market' })
    const after = await market.get('/test/counted')
    expect(counter.renders).toBe(2)
    expect((await page(after)).querySelector('title')?.textContent).toBe('Kartong Market')
  })

  it('renders again after another connection commits', async () => {
    market = await createOpenMarket()
    const counter = countedPage()
    await market.get('/test/counted')
    const other = new Database(market.config.databasePath)
    other.prepare("update site set market_name = 'Gunjur Market'").run()
    other.close()
    const after = await market.get('/test/counted')
    expect(counter.renders).toBe(2)
    expect((await page(after)).querySelector('title')?.textContent).toBe('Gunjur Market')
  })

  it('never answers a member, or anyone sending cookies, with a visitor page', async () => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    // Kept for visitors now, with nothing written until the member asks for the same page.
    await market.get('/')
    const visitorHome = await page(await market.get('/'))
    expect(visitorHome.body.textContent).not.toContain('Awa')
    const memberHome = await market.get('/', { cookie })
    expect(memberHome.headers.get('Cache-Control')).toContain('private')
    expect((await page(memberHome)).body.textContent).toContain('Awa')
  })

  it('keeps pages apart by encoding', async () => {
    market = await createOpenMarket()
    countedPage()
    const brotli = await market.get('/test/counted', { headers: { 'Accept-Encoding': 'br' } })
    const plain = await market.get('/test/counted')
    expect(brotli.headers.get('Content-Encoding')).toBe('br')
    expect(plain.headers.get('Content-Encoding')).toBeNull()
    expect(await plain.text()).toContain('<p>text')
  })
})
