import { describe, expect, it } from 'vitest'
import {
  formatMoney,
  minorUnitsPerMajor,
  moneyExamples,
  moneyInputValue,
  parseMoney,
  readMoneyInput,
} from './money'

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

describe('readMoneyInput', () => {
  it.each([
    ['150', 'GMD', 'en-GB', 15000],
    ['12.50', 'EUR', 'en', 1250],
    ['4,400', 'GMD', 'en-GB', 440000],
    ['4 400', 'GMD', 'en-GB', 440000],
    ['4\u00a0400', 'GMD', 'en-GB', 440000],
    ['4\u202f400,50', 'EUR', 'fr-FR', 440050],
    [' 1 500 ', 'GMD', 'en', 150000],
    ['1,234,567.89', 'USD', 'en-US', 123456789],
    ['12,5', 'EUR', 'fr-FR', 1250],
    ['12.5', 'EUR', 'fr-FR', 1250],
    ['4.400', 'EUR', 'de-DE', 440000],
    ['1.234,5', 'EUR', 'de-DE', 123450],
    ["1'234.50", 'CHF', 'de-CH', 123450],
    ['12,34,567', 'INR', 'hi-IN', 123456700],
    ['0', 'EUR', 'en', 0],
    ['500', 'JPY', 'ja-JP', 500],
    ['4,400', 'JPY', 'en', 4400],
    ['1.234', 'KWD', 'en', 1234],
  ])('reads %j %s in %s as %i minor units', (text, currency, locale, amount) => {
    expect(readMoneyInput(text, currency, locale)).toEqual({ ok: true, amount })
  })

  it.each([
    ['4,40', 'EUR', 'en', 'ambiguous'],
    ['12,5', 'EUR', 'en', 'ambiguous'],
    ['1.234,5', 'EUR', 'en', 'ambiguous'],
    ['1,234.5', 'EUR', 'de-DE', 'ambiguous'],
    ['12.50', 'EUR', 'de-DE', 'ambiguous'],
    ['4.400', 'EUR', 'fr-FR', 'ambiguous'],
    ['44,00,000', 'EUR', 'en', 'ambiguous'],
    ['12.345', 'EUR', 'en', 'too_many_decimals'],
    ['4.5', 'JPY', 'en', 'too_many_decimals'],
    ['', 'EUR', 'en', 'not_an_amount'],
    ['-5', 'EUR', 'en', 'not_an_amount'],
    ['abc', 'EUR', 'en', 'not_an_amount'],
    ['1e5', 'EUR', 'en', 'not_an_amount'],
    ['5.', 'EUR', 'en', 'not_an_amount'],
    ['.5', 'EUR', 'en', 'not_an_amount'],
    ['€5', 'EUR', 'en', 'not_an_amount'],
    ['50.00 JPY', 'JPY', 'en', 'not_an_amount'],
    ['4,,400', 'EUR', 'en', 'not_an_amount'],
    ['4 40', 'EUR', 'en', 'not_an_amount'],
    ['1234567890123', 'EUR', 'en', 'not_an_amount'],
  ])('refuses %j %s in %s: %s', (text, currency, locale, reason) => {
    expect(readMoneyInput(text, currency, locale)).toEqual({ ok: false, reason })
  })

  it('round-trips through the price field', () => {
    expect(moneyInputValue(1250, 'EUR')).toBe('12.50')
    expect(moneyInputValue(500, 'JPY')).toBe('500')
    expect(parseMoney(moneyInputValue(123456, 'GMD'), 'GMD', 'en-GB')).toBe(123456)
    expect(parseMoney(moneyInputValue(123456, 'EUR'), 'EUR', 'fr-FR')).toBe(123456)
  })

  it('gives examples as the locale writes them', () => {
    expect(moneyExamples('GMD', 'en-GB')).toEqual({ thousands: '4,400', decimal: '12.50' })
    expect(moneyExamples('EUR', 'fr-FR')).toEqual({ thousands: '4\u202f400', decimal: '12,50' })
    expect(moneyExamples('JPY', 'en')).toEqual({ thousands: '4,400', decimal: '150' })
  })
})
