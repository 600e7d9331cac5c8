// A storefront's availability for bookings: its weekly hours (several ranges a day, one may run
// past midnight) and its days off. Providers write hours the way they say them — "09:00-12:00,
// 14:00-18:00" for a day — so the form is seven plain text fields that work on any phone; this
// reads and checks them, and keeps them as rows (store_hours) that slots.ts turns into slots.
import { and, asc, eq, gte } from 'drizzle-orm'
import { storeDaysOff, storeHours } from '../../../db/schema'
import type { Db } from '../../db'
import { readCalendarDate } from '../../lib/dates'
import {
  clockTime,
  overlappingRanges,
  readClockTime,
  type HourRange,
  type WeeklyHours,
} from './slots'

/** ISO weekdays and their names, Monday first, as the hours form lists them. */
export const WEEKDAYS = [
  [1, 'Monday'],
  [2, 'Tuesday'],
  [3, 'Wednesday'],
  [4, 'Thursday'],
  [5, 'Friday'],
  [6, 'Saturday'],
  [7, 'Sunday'],
] as const

/** Hours start and end on five-minute marks, like the cells that guard bookings. */
export const MINUTE_STEP = 5

export type HoursReading = { ok: true; ranges: HourRange[] } | { ok: false; message: string }

/**
 * Reads one day's hours as typed: ranges like "9:00-12:00" separated by commas; empty is closed.
 * A range whose end is earlier than its start runs past midnight ("22:00-02:00").
 */
export function readDayHours(text: string): HoursReading {
  const parts = text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
  const ranges: HourRange[] = []
  for (const part of parts) {
    const [from = '', to = '', ...rest] = part.split(/\s*[-–—]\s*|\s+to\s+/)
    const start = readClockTime(from)
    const end = readClockTime(to)
    if (rest.length > 0 || start === null || end === null || start === 1440)
      return { ok: false, message: `Write each range like 09:00-12:00 ("${part}" is not one).` }
    if (start === end) return { ok: false, message: `${part} starts and ends at the same time.` }
    if (start % MINUTE_STEP !== 0 || end % MINUTE_STEP !== 0)
      return { ok: false, message: 'Start and end hours on a five-minute mark (09:05, not 09:03).' }
    ranges.push({ start, end: end % 1440 === 0 && end > start ? 1440 : end })
  }
  if (overlappingRanges(ranges)) return { ok: false, message: 'These ranges overlap: fix one.' }
  return { ok: true, ranges: ranges.sort((a, b) => a.start - b.start) }
}

/** One day's ranges as the form shows them: "09:00-12:00, 14:00-18:00". */
export function writeDayHours(ranges: readonly HourRange[]): string {
  return ranges.map((range) => `${clockTime(range.start)}-${clockTime(range.end)}`).join(', ')
}

/** A store's weekly hours, by ISO weekday. */
export function weeklyHours(db: Db, storeId: number): WeeklyHours {
  const hours: WeeklyHours = {}
  const rows = db
    .select()
    .from(storeHours)
    .where(eq(storeHours.storeId, storeId))
    .orderBy(asc(storeHours.weekday), asc(storeHours.startMinute))
    .all()
  for (const row of rows)
    (hours[row.weekday] ??= []).push({ start: row.startMinute, end: row.endMinute })
  return hours
}

/** Replaces a store's weekly hours with these (already read and checked), in one transaction. */
export function setWeeklyHours(db: Db, storeId: number, hours: WeeklyHours) {
  db.transaction((tx) => {
    tx.delete(storeHours).where(eq(storeHours.storeId, storeId)).run()
    for (const [weekday, ranges] of Object.entries(hours))
      for (const range of ranges ?? [])
        tx.insert(storeHours)
          .values({
            storeId,
            weekday: Number(weekday),
            startMinute: range.start,
            endMinute: range.end,
          })
          .run()
  })
}

export type DayOff = { date: string; note: string }

/** The store's days off from `from` (a calendar date) on, soonest first. */
export function daysOff(db: Db, storeId: number, from: string): DayOff[] {
  return db
    .select({ date: storeDaysOff.date, note: storeDaysOff.note })
    .from(storeDaysOff)
    .where(and(eq(storeDaysOff.storeId, storeId), gte(storeDaysOff.date, from)))
    .orderBy(asc(storeDaysOff.date))
    .all()
}

/** Adds a day off (or renames it); false for a date that is not one. */
export function addDayOff(db: Db, storeId: number, day: DayOff): boolean {
  if (!readCalendarDate(day.date)) return false
  db.insert(storeDaysOff)
    .values({ storeId, date: day.date, note: day.note })
    .onConflictDoUpdate({
      target: [storeDaysOff.storeId, storeDaysOff.date],
      set: { note: day.note },
    })
    .run()
  return true
}

export function removeDayOff(db: Db, storeId: number, date: string): boolean {
  return (
    db
      .delete(storeDaysOff)
      .where(and(eq(storeDaysOff.storeId, storeId), eq(storeDaysOff.date, date)))
      .run().changes === 1
  )
}
