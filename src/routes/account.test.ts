import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { members, sessions } from '../../db/schema'
import {
  createMember,
  createOpenMarket,
  fieldError,
  page,
  PASSWORD,
  type TestMarket,
} from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

describe('GET /account', () => {
  it('sends visitors to sign in, then back here', async () => {
    market = await createOpenMarket()
    const response = await market.get('/account')
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/sign-in?return_to=%2Faccount')
  })

  it('shows the member their own account and devices only', async () => {
    market = await createOpenMarket()
    await createMember(market, { displayName: 'Amadou Bah', email: 'amadou@example.com' })
    await market.signIn('amadou@example.com')
    const cookie = await market.signIn('awa@example.com')
    const document = await page(await market.get('/account', { cookie }))
    expect(document.querySelector('main')?.textContent).toContain('awa@example.com')
    expect(document.querySelector('main')?.textContent).not.toContain('amadou@example.com')
    expect(document.querySelectorAll('.sessions li')).toHaveLength(1)
  })
})

describe('POST /account/password', () => {
  it('changes the password and signs out other devices', async () => {
    market = await createOpenMarket()
    const phone = await market.signIn('awa@example.com')
    const laptop = await market.signIn('awa@example.com')
    const response = await market.post(
      '/account/password',
      { currentPassword: PASSWORD, newPassword: 'mango trees by the river' },
      { cookie: laptop },
    )
    expect(response.status).toBe(303)
    expect(market.db.select().from(sessions).all()).toHaveLength(1)
    expect((await market.get('/account', { cookie: phone })).status).toBe(303)
    expect((await market.get('/account', { cookie: laptop })).status).toBe(200)
    expect(
      (await market.post('/sign-in', { email: 'awa@example.com', password: PASSWORD })).status,
    ).toBe(422)
    await market.signIn('awa@example.com', 'mango trees by the river')
  })

  it('refuses a wrong current password beside the field and keeps the old one', async () => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    const before = market.db.select().from(members).get()!.passwordHash
    const response = await market.post(
      '/account/password',
      { currentPassword: 'not my password', newPassword: 'mango trees by the river' },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'currentPassword')).toMatch(/not your current password/)
    expect(market.db.select().from(members).get()!.passwordHash).toBe(before)
  })

  it.each([
    ['short', /at least 10/],
    ['1234567890', /attackers/],
  ])('refuses a weak new password (%s)', async (newPassword, message) => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    const response = await market.post(
      '/account/password',
      { currentPassword: PASSWORD, newPassword },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'newPassword')).toMatch(message)
  })

  it('does nothing for a visitor', async () => {
    market = await createOpenMarket()
    const response = await market.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'mango trees by the river',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toMatch(/^\/sign-in/)
    await market.signIn('awa@example.com')
  })
})

describe('POST /account/sessions/revocation', () => {
  it('signs out every other device of this member, and only theirs', async () => {
    market = await createOpenMarket()
    const amadou = await createMember(market, { email: 'amadou@example.com' })
    const amadouPhone = await market.signIn('amadou@example.com')
    const phone = await market.signIn('awa@example.com')
    const laptop = await market.signIn('awa@example.com')
    const response = await market.post('/account/sessions/revocation', {}, { cookie: laptop })
    expect(response.status).toBe(303)
    expect((await market.get('/account', { cookie: phone })).status).toBe(303)
    expect((await market.get('/account', { cookie: laptop })).status).toBe(200)
    expect((await market.get('/account', { cookie: amadouPhone })).status).toBe(200)
    expect(
      market.db.select().from(sessions).where(eq(sessions.memberId, amadou.id)).all(),
    ).toHaveLength(1)
  })
})
