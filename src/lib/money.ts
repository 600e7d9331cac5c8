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

export type MoneyInputRefusal = 'not_an_amount' | 'too_many_decimals' | 'ambiguous'
export type MoneyInput = { ok: true; amount: number } | { ok: false; reason: MoneyInputRefusal }

type Separators = { group: string; decimal: string; lakh: boolean }
const separatorsByLocale = new Map<string, Separators>()

/** How `locale` writes 12,345,678.5: its group and decimal marks, and whether it groups by lakh. */
function separatorsOf(locale: string): Separators {
  let separators = separatorsByLocale.get(locale)
  if (!separators) {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345678.5)
    const group = parts.find((part) => part.type === 'group')?.value ?? ','
    separators = {
      group: SPACES.test(group) ? ' ' : group,
      decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
      lakh: parts.filter((part) => part.type === 'integer').length === 4,
    }
    separatorsByLocale.set(locale, separators)
  }
  return separators
}

const SPACES = /[\s\u00a0\u2007\u2009\u202f]+/g
const DIGITS = /^\d+$/

/**
 * What a provider types as a price, in minor units. Reads what the site's locale writes: in
 * "en", "4,400" and "4 400" are 4400 and "12.50" is 12.50; in "fr-FR" "4 400" and "12,50"; in
 * "de-DE" "4.400" and "12,50". A space (also the no-break and narrow no-break spaces) groups
 * thousands in any locale, and "." or "," is a decimal mark wherever it isn't the locale's group
 * mark. What could be read two ways ("4,40" in "en", "1.234,5" there) is refused as ambiguous.
 * @example readMoneyInput('4,400', 'GMD', 'en-GB') → { ok: true, amount: 440000 }
 */
export function readMoneyInput(text: string, currency: string, locale: string): MoneyInput {
  const perMajor = minorUnitsPerMajor(currency)
  const decimals = Math.round(Math.log10(perMajor))
  const { group, decimal, lakh } = separatorsOf(locale)
  const typed = text.trim().replace(SPACES, ' ')
  const notAnAmount = { ok: false, reason: 'not_an_amount' } as const
  const ambiguous = { ok: false, reason: 'ambiguous' } as const
  if (!/^\d(?:[\d ., '\u2019]*\d)?$/.test(typed) || /[^\d][^\d]/.test(typed)) return notAnAmount
  const marks = typed.replace(/\d/g, '')
  const last = marks.at(-1)
  const isDecimal =
    last !== undefined && (last === decimal || (/[.,]/.test(last) && last !== group))
  const cut = isDecimal ? typed.lastIndexOf(last) : typed.length
  const whole = typed.slice(0, cut)
  const fraction = typed.slice(cut + 1)
  const groups = whole.split(/[^\d]/)
  if (groups.length > 1) {
    const used = new Set(whole.replace(/\d/g, ''))
    const [mark] = used
    if (used.size > 1 || (mark !== ' ' && mark !== group))
      return /[.,]/.test(whole.replace(/[\d ]/g, '')) ? ambiguous : notAnAmount
    const [first, ...rest] = groups
    const sizes = rest.map((part) => part.length)
    const grouped =
      first!.length <= 3 &&
      (sizes.every((size) => size === 3) ||
        (lakh && sizes.at(-1) === 3 && sizes.slice(0, -1).every((size) => size === 2)))
    if (!grouped) return mark === '.' || mark === ',' ? ambiguous : notAnAmount
  }
  const digits = groups.join('')
  if (!DIGITS.test(digits) || digits.length > 12) return notAnAmount
  // "4.400" in fr-FR: a mark the locale does not use, before three digits, may be a German
  // thousands mark as much as a decimal point.
  if (isDecimal && last !== decimal && fraction.length === 3 && decimals < 3) return ambiguous
  if (fraction.length > decimals) return { ok: false, reason: 'too_many_decimals' }
  return {
    ok: true,
    amount: Number(digits) * perMajor + Number(fraction.padEnd(decimals, '0') || 0),
  }
}

/** readMoneyInput's amount, or null when it cannot be read. */
export function parseMoney(text: string, currency: string, locale: string): number | null {
  const read = readMoneyInput(text, currency, locale)
  return read.ok ? read.amount : null
}

/**
 * Examples in the locale's own writing, for messages: "4,400" and "12.50" in "en".
 * @example moneyExamples('EUR', 'fr-FR') → { thousands: '4 400', decimal: '12,50' }
 */
export function moneyExamples(currency: string, locale: string) {
  const decimals = Math.round(Math.log10(minorUnitsPerMajor(currency)))
  return {
    thousands: new Intl.NumberFormat(locale).format(4400),
    decimal: new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    }).format(decimals === 0 ? 150 : 12.5),
  }
}

/** Minor units back into what the price field shows: 1250 EUR → "12.50", 500 JPY → "500". */
export function moneyInputValue(amount: number, currency: string): string {
  const perMajor = minorUnitsPerMajor(currency)
  const decimals = Math.round(Math.log10(perMajor))
  return decimals === 0 ? String(amount) : (amount / perMajor).toFixed(decimals)
}
