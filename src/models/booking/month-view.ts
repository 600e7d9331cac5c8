// The calendar a buyer picks a time from: a month of days, each bookable or not, and the free
// slots of one chosen day. Asked for by a month and a day in the address (?month=2026-12,
// ?day=2026-12-08), so every state of it is a link that works without JavaScript; what is asked
// is kept inside the booking window (today to the service's horizon), and a day not asked for is
// the first with a free slot.
import type { Db } from '../../db'
import { addDays, readCalendarDate } from '../../lib/dates'
import type { Tx } from '../transaction'
import {
  bookingWindow,
  freeDays,
  monthDays,
  serviceCalendar,
  type BookableService,
  type CalendarDay,
  type ServiceCalendar,
} from './calendar'
import type { Slot } from './slots'

export type MonthView = {
  /** "2026-12" */
  month: string
  /** Every day of the month, with its free slots (none outside the booking window). */
  days: CalendarDay[]
  /** The day whose slots are shown, if any day of the month has one. */
  chosen: { date: string; slots: Slot[] } | null
  /** The months either side, when they have days inside the booking window. */
  previous: string | null
  next: string | null
}

export type MonthAsked = { month?: string | undefined; day?: string | undefined }

/** The month view of a bookable service now, as asked (or its first bookable day). */
export function monthView(
  db: Db | Tx,
  service: BookableService,
  asked: MonthAsked,
  timeZone: string,
  now: Date,
  /** How the days' calendar is read: a booking being moved reads it without itself. */
  read: (days: { first: string; last: string }) => ServiceCalendar = (days) =>
    serviceCalendar(db, service, days, timeZone, now),
): MonthView {
  const window = bookingWindow(service.rules, timeZone, now)
  const askedDay = asked.day && readCalendarDate(asked.day) ? asked.day : undefined
  const askedMonth = asked.month && monthDays(asked.month) ? asked.month : undefined
  const month = clampMonth(askedDay?.slice(0, 7) ?? askedMonth ?? window.first.slice(0, 7), window)
  const span = monthDays(month)
  if (!span) throw new Error(`not a month: ${month}`)
  const first = span.first < window.first ? window.first : span.first
  const last = span.last > window.last ? window.last : span.last
  const calendar = read({ first, last })
  const open = first <= last ? freeDays(calendar, first, last) : []
  const days: CalendarDay[] = []
  for (let date = span.first; date <= span.last; date = addDays(date, 1))
    days.push(open.find((day) => day.date === date) ?? { date, free: [] })
  const chosenDay =
    days.find((day) => day.date === askedDay) ?? days.find((day) => day.free.length > 0)
  return {
    month,
    days,
    chosen: chosenDay ? { date: chosenDay.date, slots: chosenDay.free } : null,
    previous: month > window.first.slice(0, 7) ? shiftMonth(month, -1) : null,
    next: month < window.last.slice(0, 7) ? shiftMonth(month, 1) : null,
  }
}

function clampMonth(month: string, window: { first: string; last: string }): string {
  if (month < window.first.slice(0, 7)) return window.first.slice(0, 7)
  if (month > window.last.slice(0, 7)) return window.last.slice(0, 7)
  return month
}

/** "2026-12" moved by whole months. */
export function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number]
  const moved = new Date(Date.UTC(year, number - 1 + by, 1))
  return moved.toISOString().slice(0, 7)
}
