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

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>()

/** Past these many seconds, the next unit up says it better. */
const TIME_AGO_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60 * 60],
  ['hour', 24 * 60 * 60],
  ['day', 7 * 24 * 60 * 60],
  ['week', 30 * 24 * 60 * 60],
  ['month', 365 * 24 * 60 * 60],
]
const SECONDS_IN: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 60 * 60,
  day: 24 * 60 * 60,
  week: 7 * 24 * 60 * 60,
  month: 30 * 24 * 60 * 60,
  year: 365 * 24 * 60 * 60,
}

/**
 * How long ago `then` was, in the locale's words, in the largest whole unit: "now" under a
 * minute, then "5 minutes ago", "yesterday", "3 weeks ago". A time in the future (another
 * clock's) reads as now.
 * @example formatTimeAgo(request.createdAt, clock.now(), 'en-GB') // "3 hours ago"
 */
export function formatTimeAgo(then: Date, now: Date, locale: string): string {
  let format = relativeFormats.get(locale)
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
    relativeFormats.set(locale, format)
  }
  const seconds = Math.max(0, (now.getTime() - then.getTime()) / 1000)
  if (seconds < 60) return format.format(0, 'second')
  const unit = TIME_AGO_STEPS.find(([, below]) => seconds < below)?.[0] ?? 'year'
  return format.format(-Math.floor(seconds / SECONDS_IN[unit]!), unit)
}
