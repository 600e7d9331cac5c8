import { describe, expect, it } from 'vitest'
import { MAX_CART_LINES } from '../models/cart'
import { formatCartCookie, parseCartCookie } from './cart-cookie'

describe('parseCartCookie', () => {
  it('reads unit ids and quantities', () => {
    expect(parseCartCookie('12-2.15-1')).toEqual([
      { unitId: 12, quantity: 2 },
      { unitId: 15, quantity: 1 },
    ])
  })

  it('is nothing without a cookie', () => {
    expect(parseCartCookie(undefined)).toEqual([])
    expect(parseCartCookie('')).toEqual([])
  })

  it('skips each line it cannot use and keeps the rest', () => {
    expect(
      parseCartCookie(
        [
          '12-2',
          'x',
          '13-0', // nothing of it
          '14-100', // more than a line holds
          '15--1',
          '16-1,5',
          '0-1', // no unit 0
          '17-1e3',
          '18-3-4',
          '12-9', // a unit read already: the first stands
          '9999999999999-1', // an id longer than any
          '19-99',
          '',
          ' 20-1',
        ].join('.'),
      ),
    ).toEqual([
      { unitId: 12, quantity: 2 },
      { unitId: 19, quantity: 99 },
    ])
    expect(parseCartCookie('{"price":0}')).toEqual([])
  })

  it(`reads at most ${MAX_CART_LINES} lines, and only the start of an overlong cookie`, () => {
    const many = Array.from({ length: 50 }, (_, n) => `${n + 1}-1`).join('.')
    const lines = parseCartCookie(many)
    expect(lines).toHaveLength(MAX_CART_LINES)
    expect(lines.at(-1)).toEqual({ unitId: MAX_CART_LINES, quantity: 1 })
    expect(parseCartCookie(`${'x'.repeat(100_000)}.1-1`)).toEqual([])
  })
})

describe('formatCartCookie', () => {
  it('writes what parseCartCookie reads', () => {
    const lines = [
      { unitId: 3, quantity: 1 },
      { unitId: 41, quantity: 12 },
    ]
    expect(formatCartCookie(lines)).toBe('3-1.41-12')
    expect(parseCartCookie(formatCartCookie(lines))).toEqual(lines)
  })
})
