// What a store's calendar holds, read for the slot grid, the check at booking and the agenda: its
// hours, its days off and the bookings that still hold time, put together as slots.ts wants them.
import { and, eq, gt, lt } from 'drizzle-orm'
import { bookings } from '../../../db/schema'
import type { Db } from '../../db'
import { DAY } from '../../lib/clock'
import { addDays, calendarDate, readCalendarDate, wallClockInstant } from '../../lib/dates'
import type { Tx } from '../transaction'
import { daysOff, weeklyHours } from './availability'
import type { BookingRules } from './rules'
import { daySlots, freeSlots, type DayOfSlots, type Slot, type TakenTime } from './slots'

/** A bookable service as the calendar needs it. */
export type BookableService = { id: number; storeId: number; rules: BookingRules }

/** The bookings of a store that hold time between two instants (a day either side, for ranges past midnight). */
export function takenTimes(db: Db | Tx, storeId: number, from: Date, to: Date): TakenTime[] {
  return (db as Db)
    .select({
      listingId: bookings.listingId,
      start: bookings.startsAt,
      end: bookings.endsAt,
      bufferMinutes: bookings.bufferMinutes,
      seats: bookings.seats,
    })
    .from(bookings)
    .where(
      and(
        eq(bookings.storeId, storeId),
        eq(bookings.holding, true),
        lt(bookings.startsAt, new Date(to.getTime() + DAY)),
        gt(bookings.endsAt, new Date(from.getTime() - DAY)),
      ),
    )
    .all()
    .map((row) => ({ ...row, listingId: row.listingId ?? 0 }))
}

/** Everything slots.ts needs to lay out one day of a service, read once. */
export type ServiceCalendar = Omit<DayOfSlots, 'date'>

/** The service's calendar for the days from `first` to `last` (inclusive), read in three queries. */
export function serviceCalendar(
  db: Db | Tx,
  service: BookableService,
  days: { first: string; last: string },
  timeZone: string,
  now: Date,
): ServiceCalendar {
  const from = wallClockInstant(days.first, 0, timeZone) ?? new Date(`${days.first}T00:00:00Z`)
  const to =
    wallClockInstant(addDays(days.last, 1), 0, timeZone) ?? new Date(`${days.last}T23:59:59Z`)
  return {
    hours: weeklyHours(db as Db, service.storeId),
    daysOff: new Set(
      daysOff(db as Db, service.storeId, addDays(days.first, -1)).map((d) => d.date),
    ),
    listingId: service.id,
    rules: service.rules,
    taken: takenTimes(db, service.storeId, from, to),
    timeZone,
    now,
  }
}

/** One day of the calendar: its date and the slots a buyer may book. */
export type CalendarDay = { date: string; free: Slot[] }

/** The free slots of each day from `first` to `last`: the month view. */
export function freeDays(calendar: ServiceCalendar, first: string, last: string): CalendarDay[] {
  const days: CalendarDay[] = []
  for (let date = first; date <= last; date = addDays(date, 1))
    days.push({ date, free: freeSlots({ ...calendar, date }) })
  return days
}

/** Why a time cannot be booked, as the buyer is told it; undefined when it can. */
export type SlotRefusal = 'past' | 'too_soon' | 'too_far' | 'out_of_hours' | 'taken'

/** Checks one start against the calendar: the reason it cannot be booked, if any. */
export function slotRefusal(calendar: ServiceCalendar, start: Date): SlotRefusal | undefined {
  const date = calendarDate(start, calendar.timeZone)
  const slot = daySlots({ ...calendar, date }).find(
    (candidate) => candidate.start.getTime() === start.getTime(),
  )
  if (!slot) return start.getTime() <= calendar.now.getTime() ? 'past' : 'out_of_hours'
  if (start.getTime() <= calendar.now.getTime()) return 'past'
  if (start.getTime() < calendar.now.getTime() + calendar.rules.noticeMinutes * 60_000)
    return 'too_soon'
  const lastDay = addDays(calendarDate(calendar.now, calendar.timeZone), calendar.rules.horizonDays)
  if (date > lastDay) return 'too_far'
  if (slot.seatsLeft <= 0) return 'taken'
  return undefined
}

/** The first and last day a buyer may book now: today, and today plus the horizon. */
export function bookingWindow(
  rules: Pick<BookingRules, 'horizonDays'>,
  timeZone: string,
  now: Date,
): { first: string; last: string } {
  const today = calendarDate(now, timeZone)
  return { first: today, last: addDays(today, rules.horizonDays) }
}

/** A "YYYY-MM" month's first and last day. */
export function monthDays(month: string): { first: string; last: string } | null {
  const first = readCalendarDate(`${month}-01`)
  if (!first) return null
  const next = new Date(Date.UTC(first.year, first.month, 1))
  const last = new Date(next.getTime() - DAY).toISOString().slice(0, 10)
  return { first: `${month}-01`, last }
}
