import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createOpenMarket, createTestMarket, page, type TestMarket } from '../test/app'
import { findSite, updateSiteSettings } from './site'

let market: TestMarket
afterEach(() => market.cleanup())

async function title() {
  return (await page(await market.get('/sign-in'))).querySelector('title')?.textContent
}

describe('the site kept in memory', () => {
  it('is seen by the very next request after a settings change', async () => {
    market = await createOpenMarket()
    expect(await title()).toContain('Tanji Market')
    updateSiteSettings(market.db, { marketName: 'Kartong Market' })
    expect(await title()).toContain('Kartong Market')
  })

  it('is seen at once when another connection changes the row', async () => {
    market = await createOpenMarket()
    expect(await title()).toContain('Tanji Market')
    const other = new Database(market.config.databasePath)
    other.prepare("update site set market_name = 'Gunjur Market'").run()
    other.close()
    expect(await title()).toContain('Gunjur Market')
  })

  it('is not kept while the marketplace is not set up', async () => {
    market = createTestMarket()
    expect(findSite(market.db)).toBeUndefined()
    expect((await market.get('/')).status).toBe(503)
  })
})
