import { afterEach, describe, expect, it } from 'vitest'
import { members, setupTokens, site } from '../../db/schema'
import { issueSetupToken } from '../models/site'
import {
  createTestMarket,
  fieldError,
  page,
  PASSWORD,
  sessionCookie,
  type TestMarket,
} from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

function setupForm(token: string, overrides: Record<string, string> = {}) {
  return {
    token,
    marketName: 'Tanji Market',
    town: 'Tanji',
    currency: 'gmd',
    locale: 'en-gm',
    timeZone: 'Africa/Banjul',
    displayName: 'Awa Jallow',
    email: 'Awa@Example.com',
    password: PASSWORD,
    ...overrides,
  }
}

describe('before setup', () => {
  it('shows visitors a friendly "being set up" page on every path', async () => {
    market = createTestMarket()
    for (const path of ['/', '/sign-in', '/search?q=honey', '/account']) {
      const response = await market.get(path)
      expect(response.status).toBe(503)
      const document = await page(response)
      expect(document.querySelector('h1')?.textContent).toBe('This marketplace is being set up')
    }
  })

  it('keeps health checks answering', async () => {
    market = createTestMarket()
    expect((await market.get('/healthz')).status).toBe(200)
    expect((await market.get('/readyz')).status).toBe(200)
  })
})

describe('GET /setup', () => {
  it('shows the form with the code from the link filled in', async () => {
    market = createTestMarket()
    const token = issueSetupToken(market.db)!
    const response = await market.get(`/setup?token=${token}`)
    expect(response.status).toBe(200)
    const document = await page(response)
    expect(document.querySelector<HTMLInputElement>('#field-token')?.getAttribute('value')).toBe(
      token,
    )
    expect(fieldError(document, 'token')).toBeNull()
  })

  it('says beside the code when the link is wrong', async () => {
    market = createTestMarket()
    issueSetupToken(market.db)
    const document = await page(await market.get('/setup?token=not-the-token'))
    expect(fieldError(document, 'token')).toMatch(/not valid/)
  })
})

describe('POST /setup', () => {
  it('names the market, creates the operator, signs them in and closes /setup', async () => {
    market = createTestMarket()
    const token = issueSetupToken(market.db)!
    const response = await market.post('/setup', setupForm(token))
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/')

    expect(market.db.select().from(site).get()).toMatchObject({
      marketName: 'Tanji Market',
      currency: 'GMD',
      locale: 'en-GM',
      timeZone: 'Africa/Banjul',
    })
    expect(market.db.select().from(members).get()).toMatchObject({
      email: 'awa@example.com',
      role: 'operator',
    })
    expect(market.db.select().from(setupTokens).all()).toHaveLength(0)

    const home = await page(await market.get('/', { cookie: sessionCookie(response)! }))
    expect(home.querySelector('nav[aria-label="Account"] a[href="/account"]')?.textContent).toBe(
      'Awa Jallow',
    )
    expect((await market.get('/setup')).status).toBe(404)
    expect((await market.get(`/setup?token=${token}`)).status).toBe(404)
  })

  it('refuses a reused setup link once the market is open', async () => {
    market = createTestMarket()
    const token = issueSetupToken(market.db)!
    await market.post('/setup', setupForm(token))
    const again = await market.post('/setup', setupForm(token, { email: 'other@example.com' }))
    expect(again.status).toBe(404)
    expect(market.db.select().from(members).all()).toHaveLength(1)
  })

  it('refuses a wrong setup code beside the field and stores nothing', async () => {
    market = createTestMarket()
    issueSetupToken(market.db)
    const response = await market.post('/setup', setupForm('guessed-token'))
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(fieldError(document, 'token')).toMatch(/not valid/)
    expect(
      document.querySelector<HTMLInputElement>('#field-marketName')?.getAttribute('value'),
    ).toBe('Tanji Market')
    expect(document.querySelector('#field-password')?.getAttribute('value')).toBeNull()
    expect(market.db.select().from(site).all()).toHaveLength(0)
    expect(market.db.select().from(members).all()).toHaveLength(0)
  })

  it('only accepts the newest code once the server restarted', async () => {
    market = createTestMarket()
    const old = issueSetupToken(market.db)!
    const fresh = issueSetupToken(market.db)!
    expect((await market.post('/setup', setupForm(old))).status).toBe(422)
    expect((await market.post('/setup', setupForm(fresh))).status).toBe(303)
  })

  it.each([
    ['marketName', '', /name/],
    ['marketName', 'x'.repeat(61), /at most 60/],
    ['marketName', '\u0000\u200b\ufeff', /name/],
    ['marketName', 'Tanji \u202eMarket', /direction of the text/],
    ['town', '', /town/],
    ['currency', 'XYZ1', /currency code/],
    ['locale', 'not a locale!', /language tag/],
    ['timeZone', 'Mars/Olympus', /time zone/],
    ['displayName', '  ', /your name/],
    ['email', 'awa-at-example', /email address like/],
    ['password', 'short', /at least 10/],
    ['password', 'password123', /attackers/],
  ])('explains a bad %s beside the field', async (field, value, message) => {
    market = createTestMarket()
    const token = issueSetupToken(market.db)!
    const response = await market.post('/setup', setupForm(token, { [field]: value }))
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), field)).toMatch(message)
    expect(market.db.select().from(site).all()).toHaveLength(0)
    expect(market.db.select().from(members).all()).toHaveLength(0)
  })
})
