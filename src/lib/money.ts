/** Money is integer minor units (cents, fils) plus the site's ISO 4217 currency code. */
export type Money = { amount: number; currency: string }

// Building an Intl.NumberFormat costs far more than using one, and a page of listings formats
// dozens of prices in one locale and currency: keep one formatter per pair (a site has one or two).
const formatters = new Map<string, Intl.NumberFormat>()

function currencyFormatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency })
    formatters.set(key, formatter)
  }
  return formatter
}

const perMajor = new Map<string, number>()

/** How many minor units make one major unit for a currency (100 for EUR, 1000 for KWD, 1 for JPY). */
export function minorUnitsPerMajor(currency: string): number {
  let units = perMajor.get(currency)
  if (units === undefined) {
    const digits = currencyFormatter('en', currency).resolvedOptions().maximumFractionDigits
    units = 10 ** (digits ?? 2)
    perMajor.set(currency, units)
  }
  return units
}

/** formatMoney({ amount: 1250, currency: 'EUR' }, 'fr-FR') → "12,50 €" */
export function formatMoney(money: Money, locale: string): string {
  return currencyFormatter(locale, money.currency).format(
    money.amount / minorUnitsPerMajor(money.currency),
  )
}

/**
 * What a provider types as a price ("150", "12.50", "12,5") in minor units; null when it is not
 * a plain non-negative amount with at most the currency's decimals.
 */
export function parseMoney(text: string, currency: string): number | null {
  const perMajor = minorUnitsPerMajor(currency)
  const decimals = Math.round(Math.log10(perMajor))
  const match = /^(\d{1,12})(?:[.,](\d+))?$/.exec(text.trim().replace(/[\s\u00a0]/g, ''))
  if (!match) return null
  const [, whole, fraction = ''] = match
  if (fraction.length > decimals) return null
  return Number(whole) * perMajor + Number(fraction.padEnd(decimals, '0') || 0)
}

/** Minor units back into what the price field shows: 1250 EUR → "12.50", 500 JPY → "500". */
export function moneyInputValue(amount: number, currency: string): string {
  const perMajor = minorUnitsPerMajor(currency)
  const decimals = Math.round(Math.log10(perMajor))
  return decimals === 0 ? String(amount) : (amount / perMajor).toFixed(decimals)
}
