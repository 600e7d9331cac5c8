import { afterEach, describe, expect, it } from 'vitest'
import { members } from '../../db/schema'
import { createOpenMarket, ORIGIN, page, PASSWORD, type TestMarket } from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

const signUpForm = { displayName: 'Mallory', email: 'mallory@example.com', password: PASSWORD }

function postWith(
  headers: Record<string, string>,
  body: BodyInit = new URLSearchParams(signUpForm),
) {
  return market.app.request(`${ORIGIN}/sign-up`, { method: 'POST', body, headers })
}

describe('cross-site request protection', () => {
  it('refuses a form posted from another site', async () => {
    market = await createOpenMarket()
    const response = await postWith({
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'https://evil.example',
    })
    expect(response.status).toBe(403)
    expect((await page(response)).querySelector('h1')?.textContent).toBe('Not allowed')
    expect(market.db.select().from(members).all()).toHaveLength(1)
  })

  it('trusts Sec-Fetch-Site over Origin when a browser sends it', async () => {
    market = await createOpenMarket()
    const crossSite = await postWith({
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: ORIGIN,
      'Sec-Fetch-Site': 'cross-site',
    })
    expect(crossSite.status).toBe(403)
    const sameOrigin = await postWith({
      'Content-Type': 'application/x-www-form-urlencoded',
      'Sec-Fetch-Site': 'same-origin',
    })
    expect(sameOrigin.status).toBe(303)
  })

  it('refuses a write that says nothing about where it comes from', async () => {
    market = await createOpenMarket()
    expect((await postWith({ 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(
      403,
    )
  })

  it('refuses bodies that are not forms', async () => {
    market = await createOpenMarket()
    const json = await postWith(
      { 'Content-Type': 'application/json', Origin: ORIGIN },
      JSON.stringify(signUpForm),
    )
    expect(json.status).toBe(415)
    const text = await postWith({ 'Content-Type': 'text/plain', Origin: ORIGIN }, 'email=x')
    expect(text.status).toBe(415)
    expect(market.db.select().from(members).all()).toHaveLength(1)
  })
})

describe('cross-site request protection of writes without a body', () => {
  const remove = (headers: Record<string, string>, body?: BodyInit) =>
    market.app.request(`${ORIGIN}/listings/1/favourite`, { method: 'DELETE', headers, body })

  it('lets a same-origin DELETE without a body through (htmx sends its fields in the URL)', async () => {
    market = await createOpenMarket()
    // A visitor's DELETE is sent to sign in: the request got past the checks to the route.
    expect((await remove({ 'Sec-Fetch-Site': 'same-origin' })).status).toBe(303)
    expect((await remove({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
    expect((await remove({})).status).toBe(403)
    // A body is still checked: HTTP frames one by Content-Length or Transfer-Encoding.
    const untyped = await remove({ Origin: ORIGIN, 'Content-Length': '3' }, new Blob(['x=1']))
    expect(untyped.status).toBe(415)
    const text = await remove({ Origin: ORIGIN, 'Content-Type': 'text/plain' }, 'x=1')
    expect(text.status).toBe(415)
  })
})

describe('cross-site request protection and one-click unsubscribe', () => {
  const crossSite = (path: string) =>
    market.app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'https://mail.example',
        'Sec-Fetch-Site': 'cross-site',
      },
    })

  it('lets exactly the unsubscribe path through, where the token in it authenticates', async () => {
    market = await createOpenMarket()
    const { unsubscribeToken } = market.db.select().from(members).get()!
    // RFC 8058: mail clients post from no page of ours; the route answers it (303 to its page).
    expect((await crossSite(`/unsubscribe/${unsubscribeToken}/messages`)).status).toBe(303)
    // Anything else shaped otherwise is still checked, unsubscribe-like or not.
    expect((await crossSite(`/unsubscribe/${unsubscribeToken}/messages/x`)).status).toBe(403)
    expect((await crossSite(`/unsubscribe/${unsubscribeToken}`)).status).toBe(403)
    expect((await crossSite('/account/mail-preferences')).status).toBe(403)
    expect((await crossSite('/sign-up')).status).toBe(403)
  })
})

describe('response headers', () => {
  it('sends a CSP without inline script, and the other safety headers', async () => {
    market = await createOpenMarket()
    const response = await market.get('/')
    const csp = response.headers.get('Content-Security-Policy')!
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("form-action 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('X-Frame-Options')).toBe('DENY')
    expect(response.headers.get('Referrer-Policy')).toBe('same-origin')
    expect(response.headers.get('X-Request-Id')).toMatch(/^[\w-]{8,}$/)
  })

  it('has no inline script or style attribute in any page', async () => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    for (const path of ['/', '/sign-in', '/sign-up', '/search?q=x', '/account', '/nowhere']) {
      const document = await page(await market.get(path, { cookie }))
      for (const script of document.querySelectorAll('script')) {
        expect(script.getAttribute('src')).toMatch(/^\/static\//)
        expect(script.textContent).toBe('')
      }
      expect(document.querySelectorAll('[style], style')).toHaveLength(0)
    }
  })

  it('compresses pages with brotli or gzip and tags them for caching', async () => {
    market = await createOpenMarket()
    const brotli = await market.get('/', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
    expect(brotli.headers.get('Content-Encoding')).toBe('br')
    expect(brotli.headers.get('Vary')).toContain('Accept-Encoding')
    const gzip = await market.get('/', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip')
    const etag = gzip.headers.get('ETag')!
    expect(etag).toMatch(/^W\//)
    const again = await market.get('/', { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
  })

  it('serves fingerprinted assets cached forever, and 404 for unknown ones', async () => {
    market = await createOpenMarket()
    const document = await page(await market.get('/'))
    const css = document.querySelector('link[rel=stylesheet]')!.getAttribute('href')!
    const htmx = [...document.querySelectorAll('script')].map((s) => s.getAttribute('src')!)
    for (const url of [css, ...htmx]) {
      expect(url).toMatch(/^\/static\/[\w-]+\.[0-9a-f]{12}\.(css|js)$/)
      const response = await market.get(url, { headers: { 'Accept-Encoding': 'br' } })
      expect(response.status).toBe(200)
      expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
      expect(response.headers.get('Content-Encoding')).toBe('br')
    }
    expect((await market.get('/static/app.000000000000.css')).status).toBe(404)
    expect((await market.get('/static/../package.json')).status).toBe(404)
  })
})

describe('error pages', () => {
  it('answers unknown paths with a 404 page carrying the request id', async () => {
    market = await createOpenMarket()
    const response = await market.get('/no/such/page')
    expect(response.status).toBe(404)
    const document = await page(response)
    expect(document.querySelector('h1')?.textContent).toBe('Page not found')
    expect(document.querySelector('.error-page__reference code')?.textContent).toBe(
      response.headers.get('X-Request-Id'),
    )
  })

  it('shows a 500 page with a reference and never the stack trace', async () => {
    market = await createOpenMarket()
    market.app.get('/explode', () => {
      throw new Error('secret internals at /srv/souk/src/models/order.ts:42')
    })
    const response = await market.get('/explode')
    expect(response.status).toBe(500)
    const html = await response.text()
    expect(html).toContain('Something went wrong')
    expect(html).toContain(response.headers.get('X-Request-Id')!)
    expect(html).not.toContain('secret internals')
    expect(html).not.toContain('order.ts')
  })
})
