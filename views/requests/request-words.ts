// How a request's facts read, the same on its page, in lists and on cards.
import { dateTimeFormat } from '../../src/lib/intl'
import { formatMoney } from '../../src/lib/money'
import type { RequestStatus } from '../../src/models/request/request'
import type { RequestPlace } from '../../src/models/request/request-input'

/** Where the work happens, as the buyer chose it, in the buyer's own words on the form. */
export const PLACE_CHOICES: Record<RequestPlace, string> = {
  customer: 'At my place',
  provider: "At the provider's place",
  online: 'Online',
  either: 'Any of these',
}

const PLACE_WORDS: Record<RequestPlace, string> = {
  customer: "At the buyer's place",
  provider: "At the provider's",
  online: 'Online',
  either: 'At either place, or online',
}

/** Where the work happens, as others read it: "At the buyer's place · Tanji", "Online". */
export function placeWords(request: { place: RequestPlace; area: string }): string {
  const where = PLACE_WORDS[request.place]
  const placed = request.place === 'customer' || request.place === 'either'
  return placed && request.area ? `${where} · ${request.area}` : where
}

export const STATUS_LABELS: Record<RequestStatus, string> = {
  open: 'Open',
  hired: 'Hired',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
}

/**
 * "500 – 800", "up to 800", "from 500" or "Budget open".
 * @example budgetText({ budgetMin: 50_000, budgetMax: null }, 'GMD', 'en-GB') // 'from GMD 500.00'
 */
export function budgetText(
  request: { budgetMin: number | null; budgetMax: number | null },
  currency: string,
  locale: string,
): string {
  const money = (amount: number) => formatMoney({ amount, currency }, locale)
  const { budgetMin: min, budgetMax: max } = request
  if (min !== null && max !== null)
    return min === max ? money(min) : `${money(min)} – ${money(max)}`
  if (max !== null) return `up to ${money(max)}`
  if (min !== null) return `from ${money(min)}`
  return 'Budget open'
}

/**
 * A calendar day (YYYY-MM-DD) as people say it: "Tue 24 Nov". The day is the market's, so it is
 * formatted at noon UTC, which falls on that day in every time zone people live in.
 */
export function dayText(day: string, locale: string): string {
  return dateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`))
}

/** When it is needed: "Needed by Tue 24 Nov", or "Flexible on timing". */
export function neededByWords(neededBy: string | null, locale: string): string {
  return neededBy ? `Needed by ${dayText(neededBy, locale)}` : 'Flexible on timing'
}

/** "No proposals yet", "1 proposal", "2 proposals". */
export function proposalWords(count: number): string {
  if (count === 0) return 'No proposals yet'
  return count === 1 ? '1 proposal' : `${count} proposals`
}

/** How long a store usually takes to answer an order: "within an hour", "within 2 days". */
export function answersWithinText(ms: number): string {
  const hours = ms / 3_600_000
  if (hours <= 1) return 'Usually answers within an hour'
  if (hours < 24) return `Usually answers within ${Math.ceil(hours)} hours`
  const days = Math.ceil(hours / 24)
  return days === 1 ? 'Usually answers within a day' : `Usually answers within ${days} days`
}
