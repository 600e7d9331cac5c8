import { afterEach, describe, expect, it } from 'vitest'
import { members, sessions } from '../../db/schema'
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
import { eq } from 'drizzle-orm'

let market: TestMarket
afterEach(() => market.cleanup())

const amadou = { displayName: 'Amadou Bah', email: 'amadou@example.com', password: PASSWORD }

describe('GET /sign-up', () => {
  it('shows a labelled form', async () => {
    market = await createOpenMarket()
    const document = await page(await market.get('/sign-up'))
    for (const name of ['displayName', 'email', 'password']) {
      expect(document.querySelector(`label[for="field-${name}"]`)).not.toBeNull()
    }
    expect(document.querySelector('#field-email')?.getAttribute('type')).toBe('email')
  })

  it('sends a signed-in member on to where they were going', async () => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    const response = await market.get('/sign-up', { cookie })
    expect(response.status).toBe(303)
  })
})

describe('POST /sign-up', () => {
  it('returns the new member to the page whose header they signed up from', async () => {
    market = await createOpenMarket()
    const header = await page(await market.get('/search?q=honey'))
    const signUpLink = header
      .querySelector('nav[aria-label=Account] a.button')
      ?.getAttribute('href')
    expect(signUpLink).toBe('/sign-up?return_to=%2Fsearch%3Fq%3Dhoney')
    const form = await page(await market.get(signUpLink!))
    const returnTo = form.querySelector('input[name=returnTo]')?.getAttribute('value')
    const response = await market.post('/sign-up', { ...amadou, returnTo: returnTo ?? '' })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/search?q=honey')
  })

  it('creates the member, signs them in and welcomes them', async () => {
    market = await createOpenMarket()
    const response = await market.post('/sign-up', amadou)
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/')
    const member = market.db.select().from(members).where(eq(members.email, amadou.email)).get()
    expect(member).toMatchObject({ displayName: 'Amadou Bah', role: 'member' })
    expect(member?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/)

    const home = await page(await market.get('/', { cookie: cookiesFrom(response) }))
    expect(home.querySelector('.flash')?.textContent).toMatch(/Welcome to Tanji Market, Amadou Bah/)
  })

  it('returns to a relative path after signing up', async () => {
    market = await createOpenMarket()
    const response = await market.post('/sign-up', { ...amadou, returnTo: '/account' })
    expect(response.headers.get('Location')).toBe('/account')
  })

  it.each([
    'https://evil.example/',
    '/.//evil.example',
    '/a/..//evil.example',
    '/%2e//evil.example',
  ])('refuses to return to another site (%s)', async (returnTo) => {
    market = await createOpenMarket()
    const response = await market.post('/sign-up', { ...amadou, returnTo })
    expect(response.headers.get('Location')).toBe('/')
  })

  it.each([
    ['displayName', '', /Enter your name/],
    ['displayName', 'x'.repeat(61), /at most 60/],
    ['displayName', '\u200b\u200c\u2060\ufeff \u3164', /Enter your name/],
    ['displayName', 'Amadou\u202eBah', /direction of the text/],
    ['email', '', /Enter your email/],
    ['email', 'amadou.example.com', /email address like/],
    ['email', `${'a'.repeat(250)}@example.com`, /too long/],
    ['password', '', /Choose a password/],
    ['password', 'ninechars', /at least 10/],
    ['password', 'x'.repeat(201), /at most 200/],
    ['password', 'qwertyuiop', /attackers/],
    ['password', 'password12', /attackers/],
    ['password', 'aaaaaaaaaaaa', /attackers/],
    ['password', 'amadou-is-great', /email or name/],
  ])('explains a bad %s beside the field and stores nothing', async (field, value, message) => {
    market = await createOpenMarket()
    const response = await market.post('/sign-up', { ...amadou, [field]: value })
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(fieldError(document, field)).toMatch(message)
    expect(document.querySelector('.form-errors')).not.toBeNull()
    expect(
      market.db.select().from(members).where(eq(members.email, amadou.email)).get(),
    ).toBeUndefined()
    expect(sessionCookie(response)).toBeUndefined()
  })

  it('stores a name without its control characters', async () => {
    market = await createOpenMarket()
    const response = await market.post('/sign-up', {
      ...amadou,
      displayName: 'Ama\u0000dou Bah\u0007',
    })
    expect(response.status).toBe(303)
    expect(
      market.db.select().from(members).where(eq(members.email, amadou.email)).get()?.displayName,
    ).toBe('Amadou Bah')
  })

  it('keeps what was typed, except the password', async () => {
    market = await createOpenMarket()
    const document = await page(await market.post('/sign-up', { ...amadou, password: 'short' }))
    expect(document.querySelector('#field-displayName')?.getAttribute('value')).toBe('Amadou Bah')
    expect(document.querySelector('#field-email')?.getAttribute('value')).toBe(amadou.email)
    expect(document.querySelector('#field-password')?.getAttribute('value')).toBeNull()
  })

  it('says when an email already has an account, whatever its case', async () => {
    market = await createOpenMarket()
    await createMember(market, { email: 'amadou@example.com' })
    const response = await market.post('/sign-up', { ...amadou, email: ' AMADOU@example.com ' })
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'email')).toMatch(/already has an account/)
    expect(market.db.select().from(members).all()).toHaveLength(2)
  })

  it('creates one account when the form is submitted twice', async () => {
    market = await createOpenMarket()
    const [first, second] = await Promise.all([
      market.post('/sign-up', amadou),
      market.post('/sign-up', amadou),
    ])
    expect([first.status, second.status].sort()).toEqual([303, 422])
    expect(
      market.db.select().from(members).where(eq(members.email, amadou.email)).all(),
    ).toHaveLength(1)
    expect(market.db.select().from(sessions).all()).toHaveLength(1)
  })

  it('slows down mass sign-ups from one address', async () => {
    market = await createOpenMarket()
    const statuses: number[] = []
    for (let i = 0; i < 11; i += 1) {
      const response = await market.post('/sign-up', {
        ...amadou,
        email: `a${i}@example.com`,
        password: 'short',
      })
      statuses.push(response.status)
    }
    expect(statuses.slice(0, 10).every((status) => status === 422)).toBe(true)
    expect(statuses[10]).toBe(429)
  })
})
