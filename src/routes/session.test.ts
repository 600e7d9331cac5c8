import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import {
  secondFactorFailures,
  sessions,
  signInChallenges,
  signInFailures,
  signIns,
} from '../../db/schema'
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
import { appCode, enableTwoFactor } from '../test/two-factor'

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
    expect(home.querySelector('.site-header__account a[href^="/sign-in"]')?.textContent).toBe(
      'Sign in',
    )
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
    expect(home.querySelector('.site-header__account a[href^="/sign-in"]')?.textContent).toBe(
      'Sign in',
    )
  })
})

describe('signing in with two-factor on', () => {
  /** A member with two-factor on, and the challenge cookie after their right password. */
  async function passwordGiven(options: { returnTo?: string; secureCookies?: boolean } = {}) {
    market = await createOpenMarket({ secureCookies: options.secureCookies ?? false })
    const member = await createMember(market, { email: 'binta@example.com' })
    const { key, recoveryCodes } = enableTwoFactor(market, member.id)
    const response = await market.post('/sign-in', {
      email: 'binta@example.com',
      password: PASSWORD,
      returnTo: options.returnTo ?? '/orders',
    })
    return { member, key, recoveryCodes, response, challenge: challengeCookie(response)! }
  }

  function challengeCookie(response: Response) {
    return response.headers
      .getSetCookie()
      .find((line) => /^(__Host-)?souk_sign_in=[^;]+/.test(line))
      ?.split(';')[0]
  }

  const historyOf = (memberId: number) =>
    market.db
      .select()
      .from(signIns)
      .where(eq(signIns.memberId, memberId))
      .all()
      .map((row) => row.outcome)

  it('asks for a code after the right password, and starts no session yet', async () => {
    const { member, response, challenge } = await passwordGiven()
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/sign-in/code')
    expect(sessionCookie(response)).toBeUndefined()
    expect(market.db.select().from(sessions).all()).toHaveLength(0)
    const line = response.headers.getSetCookie().find((one) => one.startsWith('souk_sign_in='))
    expect(line).toMatch(/HttpOnly/)
    expect(line).toMatch(/SameSite=Lax/)
    const stored = market.db.select().from(signInChallenges).get()!
    expect(challenge).not.toContain(stored.secretHash.toString('hex'))
    expect(historyOf(member.id)).toEqual([])

    const form = await page(await market.get('/sign-in/code', { cookie: challenge }))
    const code = form.querySelector('#field-code')!
    expect(code.getAttribute('inputmode')).toBe('numeric')
    expect(code.getAttribute('autocomplete')).toBe('one-time-code')
    expect(form.querySelector('label[for=field-code]')?.textContent).toBe('Code from your app')
    expect(form.querySelector('details summary')?.textContent).toBe('Use a recovery code instead')
  })

  it('uses a __Host- Secure challenge cookie over HTTPS', async () => {
    const { response } = await passwordGiven({ secureCookies: true })
    const line = response.headers
      .getSetCookie()
      .find((one) => one.startsWith('__Host-souk_sign_in='))
    expect(line).toMatch(/Secure/)
    expect(line).toMatch(/Path=\//)
  })

  it('signs in with the code from the app, back to where the member was', async () => {
    const { member, key, challenge } = await passwordGiven({ returnTo: '/orders' })
    const code = appCode(market, key)
    const response = await market.post(
      '/sign-in/code',
      // Typed as the app groups it.
      { code: `${code.slice(0, 3)} ${code.slice(3)}` },
      { cookie: challenge },
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/orders')
    expect(sessionCookie(response)).toBeDefined()
    expect(response.headers.getSetCookie().some((line) => /^souk_sign_in=;/.test(line))).toBe(true)
    expect(market.db.select().from(signInChallenges).all()).toHaveLength(0)
    expect(historyOf(member.id)).toEqual(['signed_in'])
    const home = await page(
      await market.get('/', { cookie: `${sessionCookie(response)}; ${cookiesFrom(response)}` }),
    )
    expect(home.querySelector('.flash')?.textContent).toBe(`Signed in as ${member.displayName}.`)

    // The challenge is spent: sending it again starts nothing.
    const again = await market.post(
      '/sign-in/code',
      { code: appCode(market, key, 1) },
      { cookie: challenge },
    )
    expect(again.headers.get('Location')).toBe('/sign-in')
    expect(market.db.select().from(sessions).all()).toHaveLength(1)
  })

  it('refuses a wrong code beside the field, and notes it in the history', async () => {
    const { member, challenge } = await passwordGiven()
    const response = await market.post('/sign-in/code', { code: '000000' }, { cookie: challenge })
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'code')).toMatch(/That code is not right/)
    expect(sessionCookie(response)).toBeUndefined()
    expect(historyOf(member.id)).toEqual(['wrong_code'])
  })

  it('asks for six digits', async () => {
    const { challenge } = await passwordGiven()
    const response = await market.post('/sign-in/code', { code: '12ab' }, { cookie: challenge })
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'code')).toBe(
      'Enter the 6-digit code from your authenticator app.',
    )
  })

  it('refuses a code already used to sign in', async () => {
    const { key, challenge } = await passwordGiven()
    const code = appCode(market, key)
    expect((await market.post('/sign-in/code', { code }, { cookie: challenge })).status).toBe(303)
    const second = await market.post('/sign-in', { email: 'binta@example.com', password: PASSWORD })
    const replayed = await market.post(
      '/sign-in/code',
      { code },
      { cookie: challengeCookie(second)! },
    )
    expect(replayed.status).toBe(422)
    expect(fieldError(await page(replayed), 'code')).toMatch(/already been used/)
  })

  it('starts one session when the right code is sent twice at once', async () => {
    const { key, challenge } = await passwordGiven()
    const code = appCode(market, key)
    const responses = await Promise.all(
      [1, 2].map(() => market.post('/sign-in/code', { code }, { cookie: challenge })),
    )
    expect(responses.filter((response) => sessionCookie(response))).toHaveLength(1)
    expect(market.db.select().from(sessions).all()).toHaveLength(1)
  })

  it('signs in once with each recovery code', async () => {
    const { recoveryCodes, challenge } = await passwordGiven()
    const response = await market.post(
      '/sign-in/code',
      { recoveryCode: recoveryCodes[0]! },
      { cookie: challenge },
    )
    expect(response.status).toBe(303)
    expect(sessionCookie(response)).toBeDefined()
    const second = await market.post('/sign-in', { email: 'binta@example.com', password: PASSWORD })
    const reused = await market.post(
      '/sign-in/code',
      { recoveryCode: recoveryCodes[0]! },
      { cookie: challengeCookie(second)! },
    )
    expect(reused.status).toBe(422)
    const document = await page(reused)
    expect(fieldError(document, 'recoveryCode')).toMatch(/not right, or it has been used/)
    expect(document.querySelector('details')?.hasAttribute('open')).toBe(true)
  })

  it('pauses code entry after five wrong codes', async () => {
    const { member, key, challenge } = await passwordGiven()
    for (let n = 0; n < 5; n += 1)
      await market.post('/sign-in/code', { code: '000000' }, { cookie: challenge })
    const blocked = await market.post(
      '/sign-in/code',
      { code: appCode(market, key) },
      { cookie: challenge },
    )
    expect(blocked.status).toBe(422)
    expect(fieldError(await page(blocked), 'code')).toBe(
      'Too many attempts. Try again in 15 minutes.',
    )
    expect(historyOf(member.id).at(-1)).toBe('throttled')
  })

  it('lets no more than five of fifty simultaneous guesses be checked', async () => {
    const { key, challenge } = await passwordGiven()
    const codes = [...Array.from({ length: 49 }, (_, n) => String(n).padStart(6, '0'))]
    codes.push(appCode(market, key))
    const responses = await Promise.all(
      codes.map((code) => market.post('/sign-in/code', { code }, { cookie: challenge })),
    )
    const messages = await Promise.all(
      responses.map(async (response) => fieldError(await page(response), 'code')),
    )
    expect(
      messages.filter((message) => /not right/.test(message ?? '')).length,
    ).toBeLessThanOrEqual(5)
    expect(market.db.select().from(secondFactorFailures).all().length).toBeLessThanOrEqual(5)
  })

  it.each([
    ['no challenge cookie', undefined],
    ['a forged one', 'souk_sign_in=forged.secret'],
    ['a malformed one', 'souk_sign_in=nonsense'],
  ])('sends a browser with %s back to sign in', async (_, cookie) => {
    const { key } = await passwordGiven()
    for (const response of [
      await market.get('/sign-in/code', { cookie }),
      await market.post('/sign-in/code', { code: appCode(market, key) }, { cookie }),
    ]) {
      expect(response.status).toBe(303)
      expect(response.headers.get('Location')).toBe('/sign-in')
      expect(sessionCookie(response)).toBeUndefined()
      const signIn = await page(await market.get('/sign-in', { cookie: cookiesFrom(response) }))
      expect(signIn.querySelector('.flash')?.textContent).toMatch(/Please sign in again/)
    }
  })

  it("does not take another challenge's id with a made-up secret", async () => {
    const { key, challenge } = await passwordGiven()
    const forged = `${challenge.split('.')[0]}.${'a'.repeat(32)}`
    const response = await market.post(
      '/sign-in/code',
      { code: appCode(market, key) },
      { cookie: forged },
    )
    expect(response.headers.get('Location')).toBe('/sign-in')
    expect(market.db.select().from(sessions).all()).toHaveLength(0)
  })

  it('forgets a challenge after five minutes', async () => {
    const { key, challenge } = await passwordGiven()
    market.clock.advance(5 * MINUTE)
    const response = await market.post(
      '/sign-in/code',
      { code: appCode(market, key) },
      { cookie: challenge },
    )
    expect(response.headers.get('Location')).toBe('/sign-in')
    expect(sessionCookie(response)).toBeUndefined()
    expect(market.db.select().from(signInChallenges).all()).toHaveLength(0)
  })
})

describe('sign-in history', () => {
  it('notes wrong passwords and pauses for known members only, and successful sign-ins', async () => {
    market = await createOpenMarket()
    const member = await createMember(market, { email: 'ousman@example.com' })
    for (let n = 0; n < 6; n += 1)
      await market.post('/sign-in', { email: 'ousman@example.com', password: 'wrong password!' })
    await market.post('/sign-in', { email: 'nobody@example.com', password: 'wrong password!' })
    market.clock.advance(15 * MINUTE)
    await market.signIn('ousman@example.com')
    const outcomes = market.db
      .select()
      .from(signIns)
      .all()
      .map((row) => [row.memberId, row.outcome])
    expect(outcomes).toEqual([
      ...Array.from({ length: 5 }, () => [member.id, 'wrong_password']),
      [member.id, 'throttled'],
      [member.id, 'signed_in'],
    ])
  })
})
