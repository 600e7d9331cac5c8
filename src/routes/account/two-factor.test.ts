import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { mails, members, recoveryCodes } from '../../../db/schema'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  fieldError,
  page,
  PASSWORD,
  type TestMarket,
} from '../../test/app'
import { appCode, base32Key, enableTwoFactor } from '../../test/two-factor'
import { twoFactorStatus } from '../../models/two-factor'

let market: TestMarket
afterEach(() => market.cleanup())

async function signedInMember() {
  market = await createOpenMarket()
  const member = await createMember(market, { email: 'fatou@example.com' })
  const cookie = await market.signIn('fatou@example.com')
  return { member, cookie }
}

const memberRow = (id: number) => market.db.select().from(members).where(eq(members.id, id)).get()!

/** The two-factor notes mailed to `to`, oldest first. */
function securityMails(to: string) {
  return market.db
    .select()
    .from(mails)
    .where(and(eq(mails.to, to), eq(mails.kind, 'two_factor')))
    .orderBy(mails.id)
    .all()
}

describe('GET /account/two-factor', () => {
  it('sends a visitor to sign in first', async () => {
    market = await createOpenMarket()
    const response = await market.get('/account/two-factor')
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/sign-in?return_to=%2Faccount%2Ftwo-factor')
  })

  it('says two-factor is off and offers to set it up', async () => {
    const { cookie } = await signedInMember()
    const document = await page(await market.get('/account/two-factor', { cookie }))
    expect(document.querySelector('h2')?.textContent).toBe('Off')
    expect(document.querySelector('form[action="/account/two-factor/enrolment"]')).not.toBeNull()
    expect(document.querySelector('svg')).toBeNull()
  })

  it('is linked from the account page with whether it is on', async () => {
    const { member, cookie } = await signedInMember()
    const before = await page(await market.get('/account', { cookie }))
    const section = () => before.querySelector('section[aria-labelledby=two-factor-heading]')
    expect(section()?.textContent).toMatch(/Off: signing in asks only for your password/)
    expect(section()?.querySelector('a[href="/account/two-factor"]')).not.toBeNull()
    enableTwoFactor(market, member.id)
    const after = await page(await market.get('/account', { cookie }))
    expect(after.querySelector('#two-factor-heading')?.parentElement?.textContent).toMatch(
      /On: signing in asks for a code/,
    )
  })
})

describe('setting up two-factor', () => {
  async function started() {
    const signedIn = await signedInMember()
    const response = await market.post('/account/two-factor/enrolment', {}, signedIn)
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/account/two-factor')
    const key = memberRow(signedIn.member.id).totpPendingKey!
    return { ...signedIn, key }
  }

  it('shows the new key as a QR code, as text to type and as an otpauth link', async () => {
    const { cookie, key } = await started()
    const document = await page(await market.get('/account/two-factor', { cookie }))
    const svg = document.querySelector('svg')!
    expect(svg.getAttribute('role')).toBe('img')
    expect(svg.getAttribute('aria-label')).toMatch(/QR code/)
    expect(svg.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h\d+v1h-\d+z/)
    const secret = document.querySelector('#two-factor-secret')?.textContent ?? ''
    expect(secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/)
    expect(secret.replace(/ /g, '')).toBe(base32Key(key))
    const link = document.querySelector('a[href^="otpauth://totp/"]')?.getAttribute('href')
    expect(link).toContain(`secret=${base32Key(key)}`)
    expect(link).toContain('Tanji%20Market:fatou%40example.com')
    expect(document.querySelector('img')).toBeNull()
  })

  it('refuses a wrong code beside the field and changes nothing', async () => {
    const { member, cookie, key } = await started()
    const response = await market.post(
      '/account/two-factor/confirmation',
      { code: '000000' },
      { cookie },
    )
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(fieldError(document, 'code')).toMatch(/That code is not right/)
    expect(document.querySelector('#two-factor-secret')).not.toBeNull()
    const row = memberRow(member.id)
    expect(row.totpKey).toBeNull()
    expect(row.totpPendingKey).toEqual(key)
    expect(market.db.select().from(recoveryCodes).all()).toHaveLength(0)
  })

  it('turns it on with a right code and shows ten recovery codes once', async () => {
    const { member, cookie, key } = await started()
    const code = appCode(market, key)
    const response = await market.post(
      '/account/two-factor/confirmation',
      { code: `${code.slice(0, 3)} ${code.slice(3)}` },
      { cookie },
    )
    expect(response.status).toBe(200)
    const document = await page(response)
    const shown = [...document.querySelectorAll('.recovery-codes code')].map(
      (node) => node.textContent,
    )
    expect(shown).toHaveLength(10)
    expect(document.body.textContent).toMatch(/not shown again/)
    expect(memberRow(member.id).totpKey).toEqual(key)

    const status = await page(await market.get('/account/two-factor', { cookie }))
    expect(status.querySelector('h2')?.textContent).toBe('On')
    expect(status.body.textContent).toMatch(/10 recovery codes/)
    expect(status.body.textContent).not.toContain(shown[0])
    // Whoever reads the account's mail hears of it, without a code in it.
    const told = securityMails(member.email)
    expect(told.map((mail) => mail.subject)).toEqual([
      'Two-factor sign-in is on for your account at Tanji Market',
    ])
    expect(told[0]?.text).not.toContain(shown[0])
  })

  it("cannot touch another member's two-factor", async () => {
    const { cookie } = await signedInMember()
    const other = await createMember(market, { email: 'other@example.com' })
    const { key } = enableTwoFactor(market, other.id)
    const response = await market.post(
      '/account/two-factor/removal',
      { password: PASSWORD, removalCode: appCode(market, key) },
      { cookie },
    )
    expect(response.status).toBe(422)
    expect(twoFactorStatus(market.db, other.id).enabled).toBe(true)
  })
})

describe('with two-factor on', () => {
  async function enabled() {
    const signedIn = await signedInMember()
    return { ...signedIn, ...enableTwoFactor(market, signedIn.member.id) }
  }

  it('makes new recovery codes for a current code, and only then', async () => {
    const { cookie, key, recoveryCodes: old } = await enabled()
    const wrong = await market.post(
      '/account/two-factor/recovery-codes',
      { code: '000000' },
      { cookie },
    )
    expect(wrong.status).toBe(422)
    expect(fieldError(await page(wrong), 'code')).toBe('That code is not right.')
    const response = await market.post(
      '/account/two-factor/recovery-codes',
      { code: appCode(market, key) },
      { cookie },
    )
    expect(response.status).toBe(200)
    const shown = [...(await page(response)).querySelectorAll('.recovery-codes code')].map(
      (node) => node.textContent,
    )
    expect(shown).toHaveLength(10)
    expect(shown).not.toContain(old[0])
  })

  it('turns off with the password and a code', async () => {
    const { member, cookie, key } = await enabled()
    const wrongPassword = await market.post(
      '/account/two-factor/removal',
      { password: 'not my password', removalCode: appCode(market, key) },
      { cookie },
    )
    expect(wrongPassword.status).toBe(422)
    expect(fieldError(await page(wrongPassword), 'password')).toBe('That is not your password.')
    const wrongCode = await market.post(
      '/account/two-factor/removal',
      { password: PASSWORD, removalCode: '000000' },
      { cookie },
    )
    expect(fieldError(await page(wrongCode), 'removalCode')).toBe('That code is not right.')
    expect(twoFactorStatus(market.db, member.id).enabled).toBe(true)

    const response = await market.post(
      '/account/two-factor/removal',
      { password: PASSWORD, removalCode: appCode(market, key) },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(twoFactorStatus(market.db, member.id).enabled).toBe(false)
    expect(securityMails(member.email).map((mail) => mail.subject)).toContain(
      'Two-factor sign-in was turned off for your account at Tanji Market',
    )
    const after = await page(
      await market.get('/account/two-factor', {
        cookie: `${cookie}; ${cookiesFrom(response)}`,
      }),
    )
    expect(after.querySelector('.flash')?.textContent).toBe('Two-factor sign-in is off.')
    // Signing in asks for the password alone again.
    const signIn = await market.post('/sign-in', { email: 'fatou@example.com', password: PASSWORD })
    expect(signIn.headers.get('Location')).toBe('/')
  })

  it('will not start setting up again', async () => {
    const { member, cookie, key } = await enabled()
    await market.post('/account/two-factor/enrolment', {}, { cookie })
    expect(memberRow(member.id).totpKey).toEqual(key)
    expect(memberRow(member.id).totpPendingKey).toBeNull()
  })
})
