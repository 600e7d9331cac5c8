import { afterEach, describe, expect, it } from 'vitest'
import { coupons, stores } from '../../db/schema'
import { DAY } from '../lib/clock'
import { findCouponByCode } from '../models/coupon'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  createProvider,
  fieldError,
  page,
  serviceForm,
  type TestMarket,
} from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

/** The form as a store owner fills it in (amounts in GMD; the test clock says 23 November 2026). */
const tenPercent = {
  code: 'tanji-10',
  kind: 'percent',
  value: '10',
  minSpend: '200',
  maxDiscount: '50',
  expiresOn: '2026-11-30',
  usageLimit: '10',
  scope: 'store',
}

const signInOperator = () => market.signIn('awa@example.com')

describe('GET /coupons', () => {
  it('sends a visitor to sign in first', async () => {
    market = await createOpenMarket()
    const response = await market.get('/coupons')
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/sign-in?return_to=%2Fcoupons')
  })

  it('tells a member without a storefront where coupons come from', async () => {
    market = await createOpenMarket()
    await createMember(market, { email: 'binta@example.com' })
    const cookie = await market.signIn('binta@example.com')
    const document = await page(await market.get('/coupons', { cookie }))
    expect(document.querySelector('a[href="/stores/new"]')).not.toBeNull()
    expect(document.querySelector('form[action="/coupons"]')).toBeNull()
  })

  it('shows a store owner a labelled form, and the way there from their pages', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const document = await page(await market.get('/coupons', { cookie }))
    for (const label of [
      'Code',
      'How much off',
      'Minimum spend (optional)',
      'Expires on (optional)',
    ])
      expect([...document.querySelectorAll('label')].map((node) => node.textContent)).toContain(
        label,
      )
    expect(document.querySelector('#field-kind-percent')?.hasAttribute('checked')).toBe(true)
    expect(document.querySelector('#field-scope-market')).toBeNull()
    // My listings shows its tools once there is a listing; before, only the way to a first one.
    await market.post('/listings', serviceForm, { cookie })
    const slug = market.db.select().from(stores).get()!.slug
    for (const path of ['/account', '/listings/mine', `/stores/${slug}`])
      expect(
        (await page(await market.get(path, { cookie }))).querySelector('a[href="/coupons"]'),
      ).not.toBeNull()
  })
})

describe('POST /coupons', () => {
  it("makes a coupon for the owner's store and lists it with its terms", async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const response = await market.post('/coupons', tenPercent, { cookie })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/coupons')
    const coupon = findCouponByCode(market.db, 'TANJI-10')
    expect(coupon).toMatchObject({
      kind: 'percent',
      value: 10,
      minSpend: 20000,
      maxDiscount: 5000,
      usageLimit: 10,
      usedCount: 0,
      // The end of 30 November in Banjul (UTC all year).
      expiresAt: new Date('2026-12-01T00:00:00Z'),
    })
    expect(coupon?.storeId).not.toBeNull()

    const document = await page(
      await market.get('/coupons', { cookie: `${cookie}; ${cookiesFrom(response)}` }),
    )
    expect(document.body.textContent).toContain('TANJI-10 is ready for buyers to use.')
    const row = document.querySelector('.coupon')?.textContent ?? ''
    expect(row).toContain('TANJI-10')
    expect(row).toContain('Active')
    expect(row).toContain('10 % off')
    expect(row).toContain('0 of 10 used')
    expect(row).toContain('until 30 Nov 2026')
  })

  it('makes a fixed amount coupon without limits', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const fixed = { code: 'MANGO', kind: 'fixed', value: '25.50', scope: 'store' }
    expect((await market.post('/coupons', fixed, { cookie })).status).toBe(303)
    expect(findCouponByCode(market.db, 'mango')).toMatchObject({
      kind: 'fixed',
      value: 2550,
      minSpend: 0,
      maxDiscount: null,
      expiresAt: null,
      usageLimit: null,
    })
    const document = await page(await market.get('/coupons', { cookie }))
    expect(document.querySelector('.coupon')?.textContent).toContain('0 used · no end date')
  })

  it('shows every problem beside its field, keeping what was typed, and makes nothing', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const response = await market.post(
      '/coupons',
      {
        ...tenPercent,
        code: 'ten off!',
        value: '0',
        minSpend: '2oo',
        maxDiscount: '0',
        expiresOn: '30/11/2026',
        usageLimit: 'ten',
      },
      { cookie },
    )
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(fieldError(document, 'code')).toBe(
      'Use 3 to 20 letters, digits or dashes, e.g. TANJI-10.',
    )
    expect(fieldError(document, 'value')).toBe('Enter a whole percentage from 1 to 100.')
    expect(fieldError(document, 'minSpend')).toContain('Enter an amount like 150')
    expect(fieldError(document, 'maxDiscount')).toBe(
      'Leave it blank for no cap, or enter an amount above zero.',
    )
    expect(fieldError(document, 'expiresOn')).toBe(
      'Enter a day like 2026-12-31, or leave it blank.',
    )
    expect(fieldError(document, 'usageLimit')).toBe(
      'Enter a whole number of uses, or leave it blank for no limit.',
    )
    expect(document.querySelector('#field-code')?.getAttribute('value')).toBe('ten off!')
    expect(document.querySelector('#field-minSpend')?.getAttribute('value')).toBe('2oo')
    expect(market.db.select().from(coupons).all()).toEqual([])
  })

  it('refuses a percentage above 100 and a fixed amount with letters or of zero', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const attempts = [
      { kind: 'percent', value: '101', message: 'Enter a whole percentage from 1 to 100.' },
      { kind: 'percent', value: '12.5', message: 'Enter a whole percentage from 1 to 100.' },
      { kind: 'fixed', value: 'fifty', message: 'Enter an amount like 150' },
      { kind: 'fixed', value: '0', message: 'Enter the amount to take off, above zero.' },
    ]
    for (const { kind, value, message } of attempts) {
      const response = await market.post('/coupons', { ...tenPercent, kind, value }, { cookie })
      expect(response.status).toBe(422)
      const document = await page(response)
      expect(fieldError(document, 'value')).toContain(message)
      expect(document.querySelector('#field-value')?.getAttribute('value')).toBe(value)
      expect(document.querySelector(`#field-kind-${kind}`)?.hasAttribute('checked')).toBe(true)
    }
    expect(market.db.select().from(coupons).all()).toEqual([])
  })

  it('refuses a day already past but takes today, which lasts until midnight', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const past = await market.post(
      '/coupons',
      { ...tenPercent, expiresOn: '2026-11-22' },
      { cookie },
    )
    expect(past.status).toBe(422)
    expect(fieldError(await page(past), 'expiresOn')).toBe('Choose today or a later day.')
    const today = await market.post(
      '/coupons',
      { ...tenPercent, expiresOn: '2026-11-23' },
      { cookie },
    )
    expect(today.status).toBe(303)
  })

  it('refuses a code that is taken, whatever its case, beside the code', async () => {
    market = await createOpenMarket()
    const first = await createProvider(market)
    const second = await createProvider(market)
    await market.post('/coupons', tenPercent, { cookie: first.cookie })
    const response = await market.post(
      '/coupons',
      { ...tenPercent, code: ' TANJI-10 ', value: '20' },
      { cookie: second.cookie },
    )
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(fieldError(document, 'code')).toBe('That code is already taken; choose another.')
    expect(document.querySelector('#field-value')?.getAttribute('value')).toBe('20')
    expect(market.db.select().from(coupons).all()).toHaveLength(1)
  })

  it('lets only the operator make a coupon for the whole market', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const tampered = await market.post('/coupons', { ...tenPercent, scope: 'market' }, { cookie })
    expect(tampered.status).toBe(422)
    expect(fieldError(await page(tampered), 'scope')).toBe(
      "Only the market's operator can make coupons for the whole market.",
    )

    const operator = await signInOperator()
    const form = await page(await market.get('/coupons', { cookie: operator }))
    expect(form.querySelector('#field-scope-market')?.hasAttribute('checked')).toBe(true)
    expect(form.querySelector('#field-scope-store')).toBeNull()
    const made = await market.post(
      '/coupons',
      { ...tenPercent, scope: 'market' },
      { cookie: operator },
    )
    expect(made.status).toBe(303)
    expect(findCouponByCode(market.db, 'tanji-10')?.storeId).toBeNull()
    const store = await market.post(
      '/coupons',
      { ...tenPercent, code: 'MINE', scope: 'store' },
      { cookie: operator },
    )
    expect(fieldError(await page(store), 'scope')).toBe(
      'Open a storefront first to make coupons for it.',
    )
  })

  it('keeps a member without a storefront out, making nothing', async () => {
    market = await createOpenMarket()
    await createMember(market, { email: 'binta@example.com' })
    const cookie = await market.signIn('binta@example.com')
    const response = await market.post('/coupons', tenPercent, { cookie })
    expect(response.status).toBe(303)
    expect(market.db.select().from(coupons).all()).toEqual([])
  })
})

describe('POST /coupons/:id/retirement', () => {
  async function ownerWithCoupon() {
    const owner = await createProvider(market)
    await market.post('/coupons', tenPercent, { cookie: owner.cookie })
    return { ...owner, couponId: findCouponByCode(market.db, 'TANJI-10')!.id }
  }

  it('retires the coupon without JavaScript, and the list says so', async () => {
    market = await createOpenMarket()
    const { cookie, couponId } = await ownerWithCoupon()
    const response = await market.post(`/coupons/${couponId}/retirement`, {}, { cookie })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/coupons')
    expect(findCouponByCode(market.db, 'TANJI-10')?.retiredAt).toEqual(market.clock.now())
    const document = await page(await market.get('/coupons', { cookie }))
    expect(document.querySelector('.coupon')?.textContent).toContain('Retired')
    expect(document.querySelector(`form[action="/coupons/${couponId}/retirement"]`)).toBeNull()
  })

  it('answers htmx with just the row, and a second retirement keeps the first', async () => {
    market = await createOpenMarket()
    const { cookie, couponId } = await ownerWithCoupon()
    const retire = () =>
      market.post(
        `/coupons/${couponId}/retirement`,
        {},
        { cookie, headers: { 'HX-Request': 'true' } },
      )
    const response = await retire()
    expect(response.status).toBe(200)
    expect(response.headers.get('Vary')).toContain('HX-Request')
    const row = await page(response)
    expect(row.querySelector(`#coupon-row-${couponId}`)?.textContent).toContain('Retired')
    expect(row.querySelector('[role=status]')?.textContent).toBe(
      'TANJI-10 is retired; buyers can no longer use it.',
    )
    const retiredAt = findCouponByCode(market.db, 'TANJI-10')?.retiredAt
    market.clock.advance(DAY)
    expect((await retire()).status).toBe(200)
    expect(findCouponByCode(market.db, 'TANJI-10')?.retiredAt).toEqual(retiredAt)
  })

  it("answers 404 to another member, another store's owner and the operator", async () => {
    market = await createOpenMarket()
    const { couponId } = await ownerWithCoupon()
    const other = await createProvider(market)
    await createMember(market, { email: 'binta@example.com' })
    const cookies = [other.cookie, await market.signIn('binta@example.com'), await signInOperator()]
    for (const cookie of cookies)
      expect((await market.post(`/coupons/${couponId}/retirement`, {}, { cookie })).status).toBe(
        404,
      )
    expect(
      (await market.post('/coupons/99999/retirement', {}, { cookie: other.cookie })).status,
    ).toBe(404)
    expect(findCouponByCode(market.db, 'TANJI-10')?.retiredAt).toBeNull()
  })

  it('sends a visitor to sign in and retires nothing', async () => {
    market = await createOpenMarket()
    const { couponId } = await ownerWithCoupon()
    expect((await market.post(`/coupons/${couponId}/retirement`, {})).status).toBe(303)
    expect(findCouponByCode(market.db, 'TANJI-10')?.retiredAt).toBeNull()
  })
})
