// Calendar days in a time zone. People name days ("until 30 November"); the database stores
// instants (UTC), so a day typed in a form becomes the instant it ends in the market's zone.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A "YYYY-MM-DD" date that exists in the calendar (not 2026-02-30), as year, month, day. */
export function readCalendarDate(
  text: string,
): { year: number; month: number; day: number } | null {
  const match = DATE.exec(text.trim())
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  return real ? { year, month, day } : null
}

/**
 * The first instant after the day `date` in `timeZone`: a coupon "until 30 November" still works
 * at 23:59 that evening in town, wherever the server runs.
 * @example endOfDay('2026-11-30', 'Africa/Nairobi') → 2026-11-30T21:00:00.000Z
 */
export function endOfDay(date: string, timeZone: string): Date {
  const day = readCalendarDate(date)
  if (!day) throw new Error(`not a calendar date: ${date}`)
  const midnight = Date.UTC(day.year, day.month - 1, day.day + 1)
  // The zone's offset at the wall-clock midnight, checked once more in case a clock change
  // happens between the guess and the answer.
  let instant = midnight - zoneOffset(midnight, timeZone)
  instant = midnight - zoneOffset(instant, timeZone)
  return new Date(instant)
}

/**
 * The instant the wall clocks of `timeZone` show `minutes` past midnight on `date` — or null when
 * they never do (the hour skipped when clocks go forward). When they show it twice (the hour
 * repeated when clocks go back), the first.
 * @example wallClockInstant('2026-03-29', 9 * 60, 'Europe/London') → 2026-03-29T08:00:00.000Z
 */
export function wallClockInstant(date: string, minutes: number, timeZone: string): Date | null {
  const day = readCalendarDate(date)
  if (!day) throw new Error(`not a calendar date: ${date}`)
  const wall = Date.UTC(day.year, day.month - 1, day.day) + minutes * 60_000
  // Either offset the zone has around then may be the one in force; try the earlier instant
  // (the larger offset) first, and keep whichever the clocks really show.
  const offsets = [zoneOffset(wall - DAY_MS, timeZone), zoneOffset(wall + DAY_MS, timeZone)]
  for (const offset of [...new Set(offsets)].sort((a, b) => b - a)) {
    const instant = wall - offset
    if (instant + zoneOffset(instant, timeZone) === wall) return new Date(instant)
  }
  return null
}

/** The day of the week of a calendar date: 1 Monday … 7 Sunday (ISO 8601). */
export function isoWeekday(date: string): number {
  const day = readCalendarDate(date)
  if (!day) throw new Error(`not a calendar date: ${date}`)
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() || 7
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const day = readCalendarDate(date)
  if (!day) throw new Error(`not a calendar date: ${date}`)
  const next = new Date(Date.UTC(day.year, day.month - 1, day.day + days))
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`
}

const DAY_MS = 86_400_000

/** The calendar day (YYYY-MM-DD) that `instant` falls on in `timeZone`. */
export function calendarDate(instant: Date, timeZone: string): string {
  const parts = wallClock(instant.getTime(), timeZone)
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`
}

/** How far ahead of UTC the wall clock in `timeZone` is at `instant`, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone)
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
  return asUtc - (instant - (instant % 1000))
}

const formats = new Map<string, Intl.DateTimeFormat>()

function wallClock(instant: number, timeZone: string) {
  let format = formats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formats.set(timeZone, format)
  }
  const parts: Record<string, number> = {}
  for (const part of format.formatToParts(instant))
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/**
 * An instant as the calendar's links and forms carry it (`Date.toISOString()`); null for anything
 * else, so a hand-edited address reads as no choice rather than as some other time.
 */
export function readInstant(text: string | undefined): Date | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(text)) return null
  const instant = new Date(text)
  return Number.isNaN(instant.getTime()) ? null : instant
}
