import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { sessions, signInFailures } from '../../db/schema'
import { MINUTE } from '../lib/clock'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  fieldError,
  page,
  PASSWORD,
  sessionCookie,
  type TestMarket,
} from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

describe('GET /sign-in', () => {
  it('keeps a safe return path in the form', async () => {
    market = await createOpenMarket()
    const document = await page(await market.get('/sign-in?return_to=%2Faccount'))
    expect(document.querySelector('input[name=returnTo]')?.getAttribute('value')).toBe('/account')
  })

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
    '/.//evil.example',
    '/..//evil.example',
    '/%2e//evil.example',
    '/a/..//evil.example',
  ])('drops an open-redirect attempt (%s)', async (returnTo) => {
    market = await createOpenMarket()
    const document = await page(
      await market.get(`/sign-in?return_to=${encodeURIComponent(returnTo)}`),
    )
    expect(document.querySelector('input[name=returnTo]')?.getAttribute('value')).toBe('/')
  })
})

describe("the header's Sign in and Sign up links", () => {
  const accountLinks = (document: Document) => {
    const nav = document.querySelector('nav[aria-label=Account]')
    const href = (name: string) =>
      [...(nav?.querySelectorAll('a') ?? [])]
        .find((link) => link.textContent?.trim() === name)
        ?.getAttribute('href')
    return { signIn: href('Sign in'), signUp: href('Sign up') }
  }

  it('bring a visitor back to the page they were on, query and all', async () => {
    market = await createOpenMarket()
    const document = await page(await market.get('/search?q=honey+jar'))
    expect(accountLinks(document)).toEqual({
      signIn: '/sign-in?return_to=%2Fsearch%3Fq%3Dhoney%2Bjar',
      signUp: '/sign-up?return_to=%2Fsearch%3Fq%3Dhoney%2Bjar',
    })
  })

  it('stay plain on the home page', async () => {
    market = await createOpenMarket()
    expect(accountLinks(await page(await market.get('/')))).toEqual({
      signIn: '/sign-in',
      signUp: '/sign-up',
    })
  })

  it('pass on the return path from the sign-in page, not the sign-in page itself', async () => {
    market = await createOpenMarket()
    const document = await page(await market.get('/sign-in?return_to=%2Fsearch%3Fq%3Dhoney'))
    expect(accountLinks(document).signUp).toBe('/sign-up?return_to=%2Fsearch%3Fq%3Dhoney')
  })

  it('lead back there after signing in', async () => {
    market = await createOpenMarket()
    const header = accountLinks(await page(await market.get('/search?q=honey')))
    const form = await page(await market.get(header.signIn!))
    const returnTo = form.querySelector('input[name=returnTo]')?.getAttribute('value')
    const response = await market.post('/sign-in', {
      email: 'awa@example.com',
      password: PASSWORD,
      returnTo: returnTo ?? '',
    })
    expect(response.headers.get('Location')).toBe('/search?q=honey')
  })
})

describe('POST /sign-in', () => {
  it('starts a session and returns to where the member was', async () => {
    market = await createOpenMarket()
    const response = await market.post('/sign-in', {
      email: 'AWA@example.com ',
      password: PASSWORD,
      returnTo: '/account?tab=1',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/account?tab=1')
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('souk_session='))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/)
  })

  it('uses a __Host- Secure cookie when served over HTTPS', async () => {
    market = await createOpenMarket({ secureCookies: true })
    const response = await market.post('/sign-in', { email: 'awa@example.com', password: PASSWORD })
    const cookie = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('__Host-souk_session='))
    expect(cookie).toMatch(/Secure/)
    expect(cookie).toMatch(/Path=\//)
    const home = await page(await market.get('/', { cookie: cookie!.split(';')[0] }))
    expect(home.querySelector('nav[aria-label="Account"] a[href="/account"]')?.textContent).toBe(
      'Awa Operator',
    )
  })

  it('sends the flash message in a Secure cookie when served over HTTPS', async () => {
    market = await createOpenMarket({ secureCookies: true })
    const response = await market.post('/sign-in', { email: 'awa@example.com', password: PASSWORD })
    const flash = response.headers.getSetCookie().find((line) => line.startsWith('souk_flash='))
    expect(flash).toMatch(/; Secure/)
    expect(flash).toMatch(/HttpOnly/)
  })

  it.each(['//evil.example/phish', '/.//evil.example', '/..//evil.example', '/%2e//evil.example'])(
    'ignores a return path to another site (%s)',
    async (returnTo) => {
      market = await createOpenMarket()
      const response = await market.post('/sign-in', {
        email: 'awa@example.com',
        password: PASSWORD,
        returnTo,
      })
      expect(response.headers.get('Location')).toBe('/')
    },
  )

  it('sends an already signed-in member only to local paths', async () => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    const response = await market.get('/sign-in?return_to=%2F.%2F%2Fevil.example', { cookie })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/')
  })

  it('gives the same answer for an unknown email and a wrong password', async () => {
    market = await createOpenMarket()
    const unknown = await market.post('/sign-in', {
      email: 'nobody@example.com',
      password: PASSWORD,
    })
    const wrong = await market.post('/sign-in', {
      email: 'awa@example.com',
      password: 'wrong password!',
    })
    expect(unknown.status).toBe(422)
    expect(wrong.status).toBe(422)
    const unknownPage = await page(unknown)
    expect(fieldError(unknownPage, 'password')).toBe(fieldError(await page(wrong), 'password'))
    expect(fieldError(unknownPage, 'password')).toMatch(/do not match an account/)
    expect(unknownPage.querySelector('#field-email')?.getAttribute('value')).toBe(
      'nobody@example.com',
    )
    expect(sessionCookie(unknown)).toBeUndefined()
  })

  it('asks for both fields', async () => {
    market = await createOpenMarket()
    const document = await page(await market.post('/sign-in', { email: '', password: '' }))
    expect(fieldError(document, 'email')).toMatch(/Enter your email/)
    expect(fieldError(document, 'password')).toMatch(/Enter your password/)
  })

  it('pauses an account after five wrong passwords and says when to try again', async () => {
    market = await createOpenMarket()
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await market.post('/sign-in', {
        email: 'awa@example.com',
        password: 'wrong password!',
      })
      expect(fieldError(await page(response), 'password')).toMatch(/do not match/)
    }
    market.clock.advance(3 * MINUTE)
    const blocked = await market.post('/sign-in', { email: 'awa@example.com', password: PASSWORD })
    expect(blocked.status).toBe(422)
    expect(fieldError(await page(blocked), 'password')).toBe(
      'Too many attempts. Try again in 12 minutes.',
    )
    expect(sessionCookie(blocked)).toBeUndefined()

    market.clock.advance(12 * MINUTE)
    expect(
      (await market.post('/sign-in', { email: 'awa@example.com', password: PASSWORD })).status,
    ).toBe(303)
  })

  it('throttles one address trying many accounts, without locking out others', async () => {
    market = await createOpenMarket({ trustProxy: true })
    const from = (address: string) => ({ headers: { 'X-Forwarded-For': address } })
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await market.post(
        '/sign-in',
        { email: `guess${attempt}@example.com`, password: 'wrong password!' },
        from('203.0.113.9'),
      )
    }
    const blocked = await market.post(
      '/sign-in',
      { email: 'awa@example.com', password: PASSWORD },
      from('203.0.113.9'),
    )
    expect(fieldError(await page(blocked), 'password')).toMatch(/Too many attempts/)
    const elsewhere = await market.post(
      '/sign-in',
      { email: 'awa@example.com', password: PASSWORD },
      from('198.51.100.7'),
    )
    expect(elsewhere.status).toBe(303)
  })

  it('lets no more than five of fifty simultaneous guesses be checked, not even the right one', async () => {
    market = await createOpenMarket()
    const guesses = Array.from({ length: 49 }, (_, n) => `wrong password ${n}`)
    const responses = await Promise.all(
      [...guesses, PASSWORD].map((password) =>
        market.post('/sign-in', { email: 'awa@example.com', password }),
      ),
    )
    const messages = await Promise.all(
      responses.map(async (response) => fieldError(await page(response), 'password')),
    )
    const checked = messages.filter((message) => /do not match/.test(message ?? ''))
    const refused = messages.filter((message) => /Too many attempts/.test(message ?? ''))
    expect(checked.length).toBeLessThanOrEqual(5)
    expect(checked.length + refused.length).toBe(50)
    expect(responses.some((response) => response.status === 303)).toBe(false)
    expect(market.db.select().from(signInFailures).all().length).toBeLessThanOrEqual(5)
  })

  it('lets no more than twenty simultaneous guesses from one address be checked', async () => {
    market = await createOpenMarket({ trustProxy: true })
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        market.post(
          '/sign-in',
          { email: `guess${n}@example.com`, password: 'wrong password!' },
          { headers: { 'X-Forwarded-For': '203.0.113.9' } },
        ),
      ),
    )
    const messages = await Promise.all(
      responses.map(async (response) => fieldError(await page(response), 'password')),
    )
    expect(messages.filter((message) => /do not match/.test(message ?? '')).length).toBe(20)
    expect(messages.filter((message) => /Too many attempts/.test(message ?? '')).length).toBe(30)
  })

  it('replaces a session that existed before signing in (no fixation)', async () => {
    market = await createOpenMarket()
    const amadou = await createMember(market, { email: 'amadou@example.com' })
    const first = await market.signIn('amadou@example.com')
    const response = await market.post(
      '/sign-in',
      { email: 'awa@example.com', password: PASSWORD },
      { cookie: first },
    )
    const second = sessionCookie(response)!
    expect(second).not.toBe(first)
    expect(
      market.db.select().from(sessions).where(eq(sessions.memberId, amadou.id)).all(),
    ).toHaveLength(0)
    const home = await page(await market.get('/', { cookie: first }))
    expect(home.querySelector('.site-header__account a')?.textContent).toBe('Sign in')
  })
})

describe('POST /sign-out', () => {
  it('ends the session and forgets the cookie', async () => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    const response = await market.post('/sign-out', {}, { cookie })
    expect(response.status).toBe(303)
    expect(market.db.select().from(sessions).all()).toHaveLength(0)
    expect(response.headers.getSetCookie().some((line) => /^souk_session=;/.test(line))).toBe(true)
    const home = await page(
      await market.get('/', { cookie: `${cookie}; ${cookiesFrom(response)}` }),
    )
    expect(home.querySelector('.flash')?.textContent).toBe('You are signed out.')
    expect(home.querySelector('.site-header__account a')?.textContent).toBe('Sign in')
  })
})
