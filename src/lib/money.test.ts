import { describe, expect, it } from 'vitest'
import { formatMoney, minorUnitsPerMajor, moneyInputValue, parseMoney } from './money'

describe('money', () => {
  it('knows each currency’s minor units', () => {
    expect(minorUnitsPerMajor('EUR')).toBe(100)
    expect(minorUnitsPerMajor('JPY')).toBe(1)
    expect(minorUnitsPerMajor('KWD')).toBe(1000)
  })

  it('formats integer minor units in the site’s locale', () => {
    expect(formatMoney({ amount: 1250, currency: 'EUR' }, 'fr-FR')).toBe('12,50\u00a0€')
    expect(formatMoney({ amount: 1250, currency: 'GBP' }, 'en-GB')).toBe('£12.50')
    expect(formatMoney({ amount: 500, currency: 'JPY' }, 'ja-JP')).toBe('￥500')
  })
})

describe('parseMoney', () => {
  it.each([
    ['150', 'GMD', 15000],
    ['12.50', 'EUR', 1250],
    ['12,5', 'EUR', 1250],
    [' 1 500 ', 'GMD', 150000],
    ['0', 'EUR', 0],
    ['500', 'JPY', 500],
    ['1.234', 'KWD', 1234],
  ])('reads %s %s as %i minor units', (text, currency, expected) => {
    expect(parseMoney(text, currency)).toBe(expected)
  })

  it.each(['', '-5', '12.345', 'abc', '1e5', '5.', '€5', '50.00 JPY'])('refuses %j', (text) => {
    expect(parseMoney(text, text.includes('JPY') ? 'JPY' : 'EUR')).toBeNull()
  })

  it('round-trips through the price field', () => {
    expect(moneyInputValue(1250, 'EUR')).toBe('12.50')
    expect(moneyInputValue(500, 'JPY')).toBe('500')
    expect(parseMoney(moneyInputValue(123456, 'GMD'), 'GMD')).toBe(123456)
  })
})
