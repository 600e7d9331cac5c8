/** Checks of locale, currency and time-zone names against what this Node's ICU knows. */
export function isKnownCurrency(code: string): boolean {
  return Intl.supportedValuesOf('currency').includes(code)
}

export function isKnownTimeZone(name: string): boolean {
  return Intl.supportedValuesOf('timeZone').includes(name) || name === 'UTC'
}

/** A locale tag written in its canonical form (en-gb → en-GB), or null when it isn't one. */
export function canonicalLocale(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag)
    return canonical ?? null
  } catch {
    return null
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * A date format, built once per locale and options: building one costs far more than using it,
 * and pages format dates on every view.
 * @example dateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone }).format(date)
 */
export function dateTimeFormat(
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options)
    dateFormats.set(key, format)
  }
  return format
}

const ratingFormats = new Map<string, Intl.NumberFormat>()

/** An average rating as the locale writes it, always one decimal: "4.5", "4,0". */
export function formatRating(average: number, locale: string): string {
  let format = ratingFormats.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    ratingFormats.set(locale, format)
  }
  return format.format(average)
}
