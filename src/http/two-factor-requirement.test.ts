import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { members } from '../../db/schema'
import { mailPreferences } from '../models/mail-preferences'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  createProvider,
  page,
  PASSWORD,
  type TestMarket,
} from '../test/app'
import { appCode } from '../test/two-factor'

let market: TestMarket
afterEach(() => market.cleanup())

const memberRow = (id: number) => market.db.select().from(members).where(eq(members.id, id)).get()!

describe('twoFactorRequirement, set at /admin/security', () => {
  async function operator() {
    market = await createOpenMarket()
    return market.signIn('awa@example.com')
  }

  it('is for operators only', async () => {
    const cookie = await operator()
    await createMember(market, { email: 'kebba@example.com' })
    const member = await market.signIn('kebba@example.com')
    expect((await market.get('/admin/security', { cookie: member })).status).toBe(404)
    expect(
      (
        await market.post(
          '/admin/security',
          { requireTwoFactorForProviders: 'on' },
          { cookie: member },
        )
      ).status,
    ).toBe(404)
    expect((await market.get('/admin/security')).headers.get('Location')).toMatch(/^\/sign-in/)
    const account = await page(await market.get('/account', { cookie }))
    expect(account.querySelector('a[href="/admin/security"]')?.textContent).toBe('sign-in security')
    const memberAccount = await page(await market.get('/account', { cookie: member }))
    expect(memberAccount.querySelector('a[href="/admin/security"]')).toBeNull()
    const document = await page(await market.get('/admin/security', { cookie }))
    expect(document.querySelector('label[for=field-requireTwoFactorForOperators]')).not.toBeNull()
  })

  it('leaves everyone alone while no requirement is on', async () => {
    const cookie = await operator()
    const provider = await createProvider(market)
    expect((await market.get('/listings/new', { cookie: provider.cookie })).status).toBe(200)
    expect((await market.get('/admin/security', { cookie })).status).toBe(200)
  })

  it('sends a provider without two-factor to set it up, whatever they ask for', async () => {
    const cookie = await operator()
    const provider = await createProvider(market)
    const saved = await market.post(
      '/admin/security',
      { requireTwoFactorForProviders: 'on' },
      { cookie },
    )
    expect(saved.status).toBe(303)
    // The operator is not a provider: nothing changes for them.
    expect((await market.get('/account', { cookie })).status).toBe(200)

    for (const response of [
      await market.get('/listings/new', { cookie: provider.cookie }),
      await market.post('/listings', { title: 'x' }, { cookie: provider.cookie }),
    ]) {
      expect(response.status).toBe(303)
      expect(response.headers.get('Location')).toBe('/account/two-factor')
    }
    const redirected = await market.get('/', { cookie: provider.cookie })
    const setUp = await page(
      await market.get('/account/two-factor', {
        cookie: `${provider.cookie}; ${cookiesFrom(redirected)}`,
      }),
    )
    expect(setUp.querySelector('.flash')?.textContent).toBe(
      'Tanji Market requires two-factor sign-in for members with a storefront. Set it up to carry on.',
    )
    // A mail's unsubscribe link still works: its token, not the session, allows it.
    const unsubscribe = `/unsubscribe/${provider.member.unsubscribeToken}/messages`
    expect((await market.get(unsubscribe, { cookie: provider.cookie })).status).toBe(200)
    expect((await market.post(unsubscribe, {}, { cookie: provider.cookie })).status).toBe(303)
    expect(mailPreferences(market.db, provider.member.id).messages).toBe(false)
    // Setting it up, and signing out, still work.
    expect(
      (await market.post('/account/two-factor/enrolment', {}, { cookie: provider.cookie })).status,
    ).toBe(303)
    const key = memberRow(provider.member.id).totpPendingKey!
    const confirmed = await market.post(
      '/account/two-factor/confirmation',
      { code: appCode(market, key) },
      { cookie: provider.cookie },
    )
    expect(confirmed.status).toBe(200)
    expect((await market.get('/listings/new', { cookie: provider.cookie })).status).toBe(200)
  })

  it('sends an operator to set it up once required for operators, after signing in', async () => {
    const cookie = await operator()
    await market.post('/admin/security', { requireTwoFactorForOperators: 'on' }, { cookie })
    const again = await market.post('/sign-in', { email: 'awa@example.com', password: PASSWORD })
    expect(again.status).toBe(303)
    const fresh = again.headers.getSetCookie().find((line) => line.startsWith('souk_session='))!
    const response = await market.get('/admin/security', { cookie: fresh.split(';')[0] })
    expect(response.headers.get('Location')).toBe('/account/two-factor')
    expect((await market.post('/sign-out', {}, { cookie: fresh.split(';')[0] })).status).toBe(303)
  })

  it('lets the operator turn requirements off again', async () => {
    const cookie = await operator()
    const ticked = async () =>
      (await page(await market.get('/admin/security', { cookie })))
        .querySelector('#field-requireTwoFactorForProviders')
        ?.hasAttribute('checked')
    await market.post('/admin/security', { requireTwoFactorForProviders: 'on' }, { cookie })
    expect(await ticked()).toBe(true)
    await market.post('/admin/security', {}, { cookie })
    expect(await ticked()).toBe(false)
  })
})
