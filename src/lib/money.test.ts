import { describe, expect, it } from 'vitest'
import { formatMoney, minorUnitsPerMajor } from './money'

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
