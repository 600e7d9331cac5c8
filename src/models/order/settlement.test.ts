import { describe, expect, it } from 'vitest'
import { percentOf, settlement, type SettledOrder } from './settlement'

function order(fields: Partial<SettledOrder>): SettledOrder {
  const subtotal = fields.subtotal ?? 10_000
  const deliveryFee = fields.deliveryFee ?? 0
  const discount = fields.discount ?? 0
  return {
    subtotal,
    deliveryFee,
    discount,
    total: subtotal + deliveryFee - discount,
    discountByMarket: fields.discountByMarket ?? false,
    commissionBps: fields.commissionBps ?? 0,
  }
}

describe('percentOf', () => {
  it('rounds half a minor unit up and less than half down', () => {
    expect(percentOf(10, 250)).toBe(0) // 0.25
    expect(percentOf(20, 250)).toBe(1) // 0.5
    expect(percentOf(30, 250)).toBe(1) // 0.75
    expect(percentOf(199, 5000)).toBe(100) // 99.5
    expect(percentOf(197, 5000)).toBe(99) // 98.5
  })

  it('stays exact where amount × rate passes 2^53', () => {
    // Plain floating point says 17,641,985,925,707 here.
    expect(percentOf(36_233_283_889_313, 4869)).toBe(17_641_985_925_706)
  })

  it('refuses fractions and negatives: they are bugs, not amounts', () => {
    expect(() => percentOf(10.5, 100)).toThrow()
    expect(() => percentOf(-1, 100)).toThrow()
    expect(() => percentOf(10, 2.5)).toThrow()
  })
})

describe('settlement', () => {
  it('gives the store everything at 0 %', () => {
    expect(settlement(order({ subtotal: 12_345, deliveryFee: 500 }))).toEqual({
      commission: 0,
      storeShare: 12_845,
      marketShare: 0,
    })
  })

  it('takes commission on the goods only: the delivery fee passes to the store whole', () => {
    expect(settlement(order({ subtotal: 10_000, deliveryFee: 500, commissionBps: 250 }))).toEqual({
      commission: 250,
      storeShare: 10_250,
      marketShare: 250,
    })
  })

  it('rounds the commission half up', () => {
    // 2.5 % of 1,234.50 is 30.8625 → 31; of 1,220 it is 30.5 → 31 (not banker's 30).
    expect(settlement(order({ subtotal: 123_450, commissionBps: 250 })).commission).toBe(3086)
    expect(settlement(order({ subtotal: 1220, commissionBps: 250 })).commission).toBe(31)
    expect(settlement(order({ subtotal: 1180, commissionBps: 250 })).commission).toBe(30)
  })

  it('at 100 % leaves the store only its delivery fee', () => {
    expect(settlement(order({ subtotal: 8000, deliveryFee: 300, commissionBps: 10_000 }))).toEqual({
      commission: 8000,
      storeShare: 300,
      marketShare: 8000,
    })
  })

  it('takes commission after a discount the store funds, which the store bears', () => {
    expect(settlement(order({ subtotal: 10_000, discount: 2000, commissionBps: 1000 }))).toEqual({
      commission: 800,
      storeShare: 7200,
      marketShare: 800,
    })
  })

  it('pays the store full price when the market funds the discount', () => {
    const split = settlement(
      order({ subtotal: 10_000, discount: 2000, discountByMarket: true, commissionBps: 1000 }),
    )
    expect(split).toEqual({ commission: 1000, storeShare: 9000, marketShare: -1000 })
  })

  it('pays the store for a market-funded order the buyer got free', () => {
    const split = settlement(
      order({ subtotal: 5000, discount: 5000, discountByMarket: true, commissionBps: 500 }),
    )
    expect(split).toEqual({ commission: 250, storeShare: 4750, marketShare: -4750 })
  })

  it('never leaves the store a negative share, at any rate and discount', () => {
    for (const commissionBps of [0, 1, 250, 3333, 9999, 10_000])
      for (const discount of [0, 1, 999, 1000])
        for (const discountByMarket of [false, true]) {
          const split = settlement(
            order({ subtotal: 1000, deliveryFee: 7, discount, discountByMarket, commissionBps }),
          )
          expect(split.storeShare).toBeGreaterThanOrEqual(7)
          expect(split.storeShare + split.marketShare).toBe(1000 + 7 - discount)
        }
  })
})
