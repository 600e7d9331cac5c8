import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { coupons, members } from '../../db/schema'
import { DAY } from '../lib/clock'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { seedStore } from '../test/listings'
import {
  couponDiscount,
  couponStatus,
  createCoupon,
  findCouponByCode,
  listCoupons,
  retireCoupon,
  useCoupon,
  type CouponInput,
} from './coupon'
import type { SessionMember } from './session'

const now = new Date('2026-11-23T09:00:00Z')

/** A store's coupon with no conditions; each test changes what it is about. */
const terms = (changes: Partial<Parameters<typeof couponDiscount>[0]> = {}) => ({
  storeId: 3,
  kind: 'percent' as const,
  value: 10,
  minSpend: 0,
  maxDiscount: null,
  expiresAt: null,
  usageLimit: null,
  usedCount: 0,
  retiredAt: null,
  ...changes,
})
const order = (subtotal: number, storeId = 3) => ({ storeId, subtotal, now })

describe('couponDiscount', () => {
  it('takes a percentage off, rounding down to the minor unit', () => {
    expect(couponDiscount(terms(), order(10000))).toEqual({ ok: true, discount: 1000 })
    expect(couponDiscount(terms(), order(1999))).toEqual({ ok: true, discount: 199 })
    expect(couponDiscount(terms({ value: 15 }), order(333))).toEqual({ ok: true, discount: 49 })
    expect(couponDiscount(terms(), order(9))).toEqual({ ok: true, discount: 0 })
  })

  it('takes a whole order off at 100 percent, and no more', () => {
    expect(couponDiscount(terms({ value: 100 }), order(4550))).toEqual({ ok: true, discount: 4550 })
  })

  it('takes a fixed amount off', () => {
    expect(couponDiscount(terms({ kind: 'fixed', value: 500 }), order(2000))).toEqual({
      ok: true,
      discount: 500,
    })
  })

  it('never takes off more than the subtotal it applies to', () => {
    expect(couponDiscount(terms({ kind: 'fixed', value: 500 }), order(300))).toEqual({
      ok: true,
      discount: 300,
    })
    expect(couponDiscount(terms({ kind: 'fixed', value: 500 }), order(0))).toEqual({
      ok: true,
      discount: 0,
    })
  })

  it('caps the discount at maxDiscount', () => {
    const capped = terms({ value: 50, maxDiscount: 1000 })
    expect(couponDiscount(capped, order(10000))).toEqual({ ok: true, discount: 1000 })
    expect(couponDiscount(capped, order(1500))).toEqual({ ok: true, discount: 750 })
    const fixed = terms({ kind: 'fixed', value: 800, maxDiscount: 500 })
    expect(couponDiscount(fixed, order(10000))).toEqual({ ok: true, discount: 500 })
  })

  it('asks for the minimum spend, which the subtotal may equal', () => {
    const minimum = terms({ minSpend: 5000 })
    expect(couponDiscount(minimum, order(4999))).toEqual({ ok: false, reason: 'below_minimum' })
    expect(couponDiscount(minimum, order(5000))).toEqual({ ok: true, discount: 500 })
  })

  it("applies to its own store's orders only", () => {
    expect(couponDiscount(terms(), order(1000, 4))).toEqual({ ok: false, reason: 'other_store' })
  })

  it('applies a whole-market coupon to any store', () => {
    const market = terms({ storeId: null })
    expect(couponDiscount(market, order(1000, 4))).toEqual({ ok: true, discount: 100 })
    expect(couponDiscount(market, order(1000, 99))).toEqual({ ok: true, discount: 100 })
  })

  it('works until the moment it expires, not from then on', () => {
    const expiring = (at: number) => terms({ expiresAt: new Date(now.getTime() + at) })
    expect(couponDiscount(expiring(1), order(1000))).toEqual({ ok: true, discount: 100 })
    expect(couponDiscount(expiring(0), order(1000))).toEqual({ ok: false, reason: 'expired' })
    expect(couponDiscount(expiring(-DAY), order(1000))).toEqual({ ok: false, reason: 'expired' })
  })

  it('stops when its uses are spent', () => {
    expect(couponDiscount(terms({ usageLimit: 3, usedCount: 2 }), order(1000)).ok).toBe(true)
    expect(couponDiscount(terms({ usageLimit: 3, usedCount: 3 }), order(1000))).toEqual({
      ok: false,
      reason: 'used_up',
    })
  })

  it('refuses a retired coupon', () => {
    expect(couponDiscount(terms({ retiredAt: now }), order(1000))).toEqual({
      ok: false,
      reason: 'retired',
    })
  })

  it('gives the first reason when several apply: retired, expired, used up, store, minimum', () => {
    const reason = (changes: Partial<Parameters<typeof couponDiscount>[0]>) => {
      const result = couponDiscount(terms({ minSpend: 5000, ...changes }), order(100, 4))
      return result.ok ? 'ok' : result.reason
    }
    const spent = { usageLimit: 1, usedCount: 1 }
    expect(reason({ retiredAt: now, expiresAt: now, ...spent })).toBe('retired')
    expect(reason({ expiresAt: now, ...spent })).toBe('expired')
    expect(reason(spent)).toBe('used_up')
    expect(reason({})).toBe('other_store')
    expect(reason({ storeId: 4 })).toBe('below_minimum')
  })
})

describe('couponStatus', () => {
  it('names what the owner sees in the list', () => {
    expect(couponStatus(terms(), now)).toBe('active')
    expect(couponStatus(terms({ retiredAt: now, expiresAt: now }), now)).toBe('retired')
    expect(couponStatus(terms({ expiresAt: now }), now)).toBe('expired')
    expect(couponStatus(terms({ usageLimit: 2, usedCount: 2 }), now)).toBe('used_up')
  })
})

describe('coupons in the database', () => {
  let market: TestMarket
  afterEach(() => market.cleanup())

  const input = (changes: Partial<CouponInput> = {}): CouponInput => ({
    code: 'tanji10',
    kind: 'percent',
    value: 10,
    minSpend: 0,
    maxDiscount: null,
    expiresAt: null,
    usageLimit: null,
    scope: 'store',
    ...changes,
  })

  async function operator(): Promise<SessionMember> {
    const row = market.db.select().from(members).where(eq(members.role, 'operator')).get()
    if (!row) throw new Error('no operator')
    return row
  }

  it("makes a store owner's coupon for their store, upper-cased, found whatever the case", async () => {
    market = await createOpenMarket()
    const { store, owner } = await seedStore(market, { name: 'Honey and Soap' })
    const made = createCoupon(market.db, market.clock, owner, input({ code: ' tanji-10 ' }))
    expect(made.ok && made.coupon).toMatchObject({ code: 'TANJI-10', storeId: store.id })
    expect(findCouponByCode(market.db, '  Tanji-10 ')?.code).toBe('TANJI-10')
    expect(findCouponByCode(market.db, 'TANJI-11')).toBeUndefined()
  })

  it('refuses a taken code, a past expiry, a member without a store and a market coupon from a member', async () => {
    market = await createOpenMarket()
    const { owner } = await seedStore(market, { name: 'Honey and Soap' })
    const nobody = await createMember(market)
    const { db, clock } = market
    expect(createCoupon(db, clock, owner, input()).ok).toBe(true)
    expect(createCoupon(db, clock, owner, input({ code: 'TANJI10' }))).toEqual({
      ok: false,
      reason: 'code_taken',
    })
    expect(createCoupon(db, clock, owner, input({ code: 'OLD', expiresAt: clock.now() }))).toEqual({
      ok: false,
      reason: 'already_expired',
    })
    expect(createCoupon(db, clock, nobody, input({ code: 'MINE' }))).toEqual({
      ok: false,
      reason: 'no_store',
    })
    expect(createCoupon(db, clock, owner, input({ code: 'ALL', scope: 'market' }))).toEqual({
      ok: false,
      reason: 'not_operator',
    })
    expect(db.select().from(coupons).all()).toHaveLength(1)
  })

  it("lists an owner's own coupons, and for the operator the market's too", async () => {
    market = await createOpenMarket()
    const honey = await seedStore(market, { name: 'Honey and Soap' })
    const tailor = await seedStore(market, { name: 'Fatou Tailoring' })
    const awa = await operator()
    const { db, clock } = market
    createCoupon(db, clock, honey.owner, input({ code: 'HONEY' }))
    createCoupon(db, clock, tailor.owner, input({ code: 'TAILOR' }))
    createCoupon(db, clock, awa, input({ code: 'MARKET', scope: 'market' }))
    const codes = (member: SessionMember) => listCoupons(db, member).map((coupon) => coupon.code)
    expect(codes(honey.owner)).toEqual(['HONEY'])
    expect(codes(tailor.owner)).toEqual(['TAILOR'])
    expect(codes(awa)).toEqual(['MARKET'])
    expect(codes(await createMember(market))).toEqual([])
  })

  it("retires one's own coupon once; another member's is not found", async () => {
    market = await createOpenMarket()
    const honey = await seedStore(market, { name: 'Honey and Soap' })
    const tailor = await seedStore(market, { name: 'Fatou Tailoring' })
    const { db, clock } = market
    const made = createCoupon(db, clock, honey.owner, input())
    if (!made.ok) throw new Error(made.reason)
    expect(retireCoupon(db, clock, tailor.owner, made.coupon.id)).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect(retireCoupon(db, clock, await operator(), made.coupon.id).ok).toBe(false)
    const first = retireCoupon(db, clock, honey.owner, made.coupon.id)
    expect(first.ok && first.coupon.retiredAt).toEqual(clock.now())
    clock.advance(DAY)
    const again = retireCoupon(db, clock, honey.owner, made.coupon.id)
    expect(again.ok && again.coupon.retiredAt).toEqual(first.ok && first.coupon.retiredAt)
  })

  it('spends uses up to the limit and no further', async () => {
    market = await createOpenMarket()
    const { owner } = await seedStore(market, { name: 'Honey and Soap' })
    const made = createCoupon(market.db, market.clock, owner, input({ usageLimit: 2 }))
    if (!made.ok) throw new Error(made.reason)
    const use = () => market.db.transaction((tx) => useCoupon(tx, made.coupon.id))
    expect([use(), use(), use()]).toEqual([true, true, false])
    expect(findCouponByCode(market.db, 'TANJI10')?.usedCount).toBe(2)
  })

  it('spends any number of uses of an unlimited coupon', async () => {
    market = await createOpenMarket()
    const { owner } = await seedStore(market, { name: 'Honey and Soap' })
    const made = createCoupon(market.db, market.clock, owner, input())
    if (!made.ok) throw new Error(made.reason)
    for (let i = 0; i < 5; i += 1)
      expect(market.db.transaction((tx) => useCoupon(tx, made.coupon.id))).toBe(true)
    expect(findCouponByCode(market.db, 'tanji10')?.usedCount).toBe(5)
  })
})
