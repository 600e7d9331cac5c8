import { describe, expect, it } from 'vitest'
import type { CartLine } from './cart'
import {
  cartDifferences,
  commonFulfilments,
  needsAddress,
  orderTotals,
  type CheckoutPlan,
} from './checkout'

const listing = (
  fields: Partial<{ pickup: boolean; delivery: boolean; serviceLocations: string }>,
) => ({
  pickup: false,
  delivery: false,
  serviceLocations: '',
  ...fields,
})

describe('commonFulfilments', () => {
  it('offers goods only the ways every listing of the order offers', () => {
    expect(commonFulfilments('goods', [listing({ pickup: true, delivery: true })])).toEqual([
      'pickup',
      'delivery',
    ])
    expect(
      commonFulfilments('goods', [
        listing({ pickup: true, delivery: true }),
        listing({ pickup: true }),
      ]),
    ).toEqual(['pickup'])
    expect(
      commonFulfilments('goods', [listing({ pickup: true }), listing({ delivery: true })]),
    ).toEqual([])
  })

  it('offers a service only the places every listing of the order happens at', () => {
    const both = listing({ serviceLocations: 'customer,online' })
    expect(commonFulfilments('service', [both])).toEqual(['customer', 'online'])
    expect(
      commonFulfilments('service', [both, listing({ serviceLocations: 'online,provider' })]),
    ).toEqual(['online'])
  })
})

describe('orderTotals', () => {
  const group = { subtotal: 10_000, deliveryFee: 1_500 }
  it('adds the delivery fee only when delivered, and takes the discount off', () => {
    expect(orderTotals(group, 'delivery', 2_000)).toEqual({
      subtotal: 10_000,
      deliveryFee: 1_500,
      discount: 2_000,
      total: 9_500,
    })
    expect(orderTotals(group, 'pickup', 0)).toEqual({
      subtotal: 10_000,
      deliveryFee: 0,
      discount: 0,
      total: 10_000,
    })
    expect(orderTotals(group, undefined, 0).total).toBe(10_000)
  })
})

describe('needsAddress', () => {
  it('asks where for a delivery or a visit to the buyer, not otherwise', () => {
    expect([needsAddress('delivery'), needsAddress('customer')]).toEqual([true, true])
    expect([needsAddress('pickup'), needsAddress('provider'), needsAddress('online')]).toEqual([
      false,
      false,
      false,
    ])
  })
})

describe('cartDifferences', () => {
  const line = (unitId: number, price: number, quantity: number, title = `Thing ${unitId}`) =>
    ({ unitId, price, quantity, title, unitName: '' }) as CartLine
  const plan = (lines: CartLine[], unavailable: CartLine[] = []): CheckoutPlan => ({
    groups: [{ lines } as CheckoutPlan['groups'][number]],
    unavailable,
  })

  it('finds nothing when the page showed the cart as it is', () => {
    expect(
      cartDifferences([{ unitId: 1, price: 500, quantity: 2 }], plan([line(1, 500, 2)])),
    ).toEqual([])
  })

  it('names a changed price, a changed quantity, a line gone and a line added', () => {
    const seen = [
      { unitId: 1, price: 500, quantity: 2 },
      { unitId: 2, price: 300, quantity: 3 },
      { unitId: 3, price: 100, quantity: 1 },
    ]
    const now = plan([line(1, 600, 2), line(2, 300, 1), line(4, 50, 1)], [line(3, 100, 1, 'Honey')])
    expect(cartDifferences(seen, now)).toEqual([
      { kind: 'price', title: 'Thing 1', was: 500, now: 600 },
      { kind: 'quantity', title: 'Thing 2', was: 3, now: 1 },
      { kind: 'unavailable', title: 'Honey' },
      { kind: 'added', title: 'Thing 4' },
    ])
  })
})
