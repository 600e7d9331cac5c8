// The free slots of a bookable service on one day: a pure rule, the same for the slot grid a buyer
// picks from, the check when a booking is placed, and the provider's agenda.
//
// Times are the town's wall clock (the market's time zone), as people say them: "Tuesdays 9 to
// 12 and 14 to 18". A range belongs to the day it starts on and may run past midnight (a night
// shift, 22:00–02:00): its slots after midnight are shown on the next day, where the buyer looks
// for them. Each slot lasts the service's length in real time, so on the night the clocks change a
// slot is never an hour longer or shorter than promised; a start that the clocks skip (spring)
// is no slot, a start they show twice (autumn) is the first.
//
// Slots start at the range's start and follow each other with the buffer between them (time to
// travel, to clean up); one fits if it ends within its range. The provider's time is one: a
// booking of any service blocks every slot it overlaps, buffer included — except the same
// service at the same start, which takes seats of that slot's capacity (a class of eight).
import { addDays, calendarDate, isoWeekday, wallClockInstant } from '../../lib/dates'
import { MINUTE } from '../../lib/clock'

/** Minutes past local midnight; a range whose end is not after its start runs past midnight. */
export type HourRange = { start: number; end: number }

/** Opening hours by ISO weekday, 1 Monday … 7 Sunday; a day missing is closed. */
export type WeeklyHours = Partial<Record<number, HourRange[]>>

export type SlotRules = {
  slotMinutes: number
  bufferMinutes: number
  /** How many days ahead a slot may be booked: 7 is up to the end of the day a week from today. */
  horizonDays: number
  /** How soon before its start a slot may still be booked. */
  noticeMinutes: number
  /** Seats per slot: 1 for a haircut, 8 for a class. */
  capacity: number
}

/** A booking already holding time: which service, when, and how many seats. */
export type TakenTime = {
  listingId: number
  start: Date
  end: Date
  /** The buffer after it, as its service had it when booked. */
  bufferMinutes: number
  seats: number
}

export type Slot = {
  start: Date
  end: Date
  /** "09:30" on the town's clock. */
  time: string
  seatsLeft: number
}

export type DayOfSlots = {
  /** The calendar day asked for, YYYY-MM-DD in the market's time zone. */
  date: string
  hours: WeeklyHours
  /** Calendar days the store is closed (holidays, days off). */
  daysOff: ReadonlySet<string>
  listingId: number
  rules: SlotRules
  taken: readonly TakenTime[]
  timeZone: string
  now: Date
}

/**
 * The slots on `date` a buyer may book now, in time order: inside the hours, not on a day off,
 * far enough ahead (notice), not too far (horizon), with a seat left.
 */
export function freeSlots(day: DayOfSlots): Slot[] {
  return daySlots(day).filter((slot) => slot.seatsLeft > 0 && bookableNow(slot, day))
}

/** Every slot of the day by the hours, with its seats left (the provider's agenda shows them). */
export function daySlots(day: DayOfSlots): Slot[] {
  const { date, rules, timeZone } = day
  const slots: Slot[] = []
  // Yesterday's ranges that run past midnight put slots on this day too.
  for (const opened of [addDays(date, -1), date]) {
    if (day.daysOff.has(opened)) continue
    for (const range of day.hours[isoWeekday(opened)] ?? []) {
      const end = range.end > range.start ? range.end : range.end + 24 * 60
      const step = rules.slotMinutes + rules.bufferMinutes
      for (let at = range.start; at + rules.slotMinutes <= end; at += step) {
        const start = wallClockInstant(opened, at, timeZone)
        if (!start || calendarDate(start, timeZone) !== date) continue
        const slotEnd = new Date(start.getTime() + rules.slotMinutes * MINUTE)
        slots.push({
          start,
          end: slotEnd,
          time: clockTime(at % (24 * 60)),
          seatsLeft: seatsLeft(day, start, slotEnd),
        })
      }
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime())
}

/** Whether the slot starting at `start` is one of the day's and free now: the check at booking. */
export function findFreeSlot(day: DayOfSlots, start: Date): Slot | undefined {
  return freeSlots(day).find((slot) => slot.start.getTime() === start.getTime())
}

function bookableNow(slot: Slot, day: DayOfSlots): boolean {
  const now = day.now.getTime()
  if (slot.start.getTime() < now + day.rules.noticeMinutes * MINUTE) return false
  const lastDay = addDays(calendarDate(day.now, day.timeZone), day.rules.horizonDays)
  return calendarDate(slot.start, day.timeZone) <= lastDay
}

function seatsLeft(day: DayOfSlots, start: Date, end: Date): number {
  const { rules, listingId } = day
  let seats = rules.capacity
  for (const taken of day.taken) {
    const sameSlot = taken.listingId === listingId && taken.start.getTime() === start.getTime()
    if (sameSlot) {
      seats -= taken.seats
      continue
    }
    // Each side keeps its own buffer after it free.
    const takenUntil = taken.end.getTime() + taken.bufferMinutes * MINUTE
    const slotUntil = end.getTime() + rules.bufferMinutes * MINUTE
    if (taken.start.getTime() < slotUntil && start.getTime() < takenUntil) return 0
  }
  return Math.max(0, seats)
}

/** "09:05" from minutes past midnight. */
export function clockTime(minutes: number): string {
  const hours = Math.floor(minutes / 60)
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** Minutes past midnight from "09:05"; null for anything else ("24:00" is the end of a day). */
export function readClockTime(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!match) return null
  const [hours, minutes] = [Number(match[1]), Number(match[2])]
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null
  return hours * 60 + minutes
}

/**
 * Whether a day's ranges overlap one another (09:00–12:00 and 11:00–14:00), counting a range past
 * midnight as running into the next day: a form must say so rather than guess.
 */
export function overlappingRanges(ranges: readonly HourRange[]): boolean {
  const spans = ranges
    .map((range) => ({
      start: range.start,
      end: range.end > range.start ? range.end : range.end + 24 * 60,
    }))
    .sort((a, b) => a.start - b.start)
  return spans.some((span, index) => index > 0 && span.start < (spans[index - 1]?.end ?? 0))
}
