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
import { DAY, MINUTE } from '../../lib/clock'

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
  const bookable = bookableNow(day)
  return daySlots(day).filter((slot) => slot.seatsLeft > 0 && bookable(slot))
}

/** Every slot of the day by the hours, with its seats left (the provider's agenda shows them). */
export function daySlots(day: DayOfSlots): Slot[] {
  const { date, rules, timeZone } = day
  // Only bookings within a day or so can touch this day's slots: the rest are not looked at.
  const noon = Date.parse(`${date}T12:00:00Z`)
  const nearby = day.taken.filter(
    (taken) => taken.start.getTime() < noon + 2 * DAY && taken.end.getTime() > noon - 2 * DAY,
  )
  const slots: Slot[] = []
  // Yesterday's ranges that run past midnight put slots on this day too.
  const yesterday = addDays(date, -1)
  for (const opened of [yesterday, date]) {
    if (day.daysOff.has(opened)) continue
    for (const range of day.hours[isoWeekday(opened)] ?? []) {
      const end = range.end > range.start ? range.end : range.end + 24 * 60
      if (opened === yesterday && end <= 24 * 60) continue
      const step = rules.slotMinutes + rules.bufferMinutes
      const starts = slotStarts(opened, range.start, end, step, rules.slotMinutes, timeZone)
      for (const { at, start, onDate } of starts) {
        if (onDate !== date) continue
        const slotEnd = new Date(start.getTime() + rules.slotMinutes * MINUTE)
        slots.push({
          start,
          end: slotEnd,
          time: clockTime(at % (24 * 60)),
          seatsLeft: seatsLeft({ ...day, taken: nearby }, start, slotEnd),
        })
      }
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime())
}

/**
 * The starts of a range's slots: its minutes on the wall clock, the instant and the day each
 * falls on. Asking the time zone is what costs (Intl), so it is asked at the range's first and
 * last slot only: when the clocks run evenly between them (no change that night), every start
 * in between is the first plus its minutes. On a day the clocks change, each start is asked.
 */
function slotStarts(
  opened: string,
  rangeStart: number,
  rangeEnd: number,
  step: number,
  slotMinutes: number,
  timeZone: string,
): { at: number; start: Date; onDate: string }[] {
  const minutes: number[] = []
  for (let at = rangeStart; at + slotMinutes <= rangeEnd; at += step) minutes.push(at)
  const lastAt = minutes[minutes.length - 1]
  if (lastAt === undefined) return []
  const first = wallClockInstant(opened, rangeStart, timeZone)
  const last = wallClockInstant(opened, lastAt, timeZone)
  const even =
    first !== null &&
    last !== null &&
    last.getTime() - first.getTime() === (lastAt - rangeStart) * MINUTE
  const nextDay = addDays(opened, 1)
  return minutes.flatMap((at) => {
    if (even) {
      const start = new Date(first.getTime() + (at - rangeStart) * MINUTE)
      return [{ at, start, onDate: at < 24 * 60 ? opened : nextDay }]
    }
    const start = wallClockInstant(opened, at, timeZone)
    return start ? [{ at, start, onDate: calendarDate(start, timeZone) }] : []
  })
}

/** Whether the slot starting at `start` is one of the day's and free now: the check at booking. */
export function findFreeSlot(day: DayOfSlots, start: Date): Slot | undefined {
  return freeSlots(day).find((slot) => slot.start.getTime() === start.getTime())
}

/** Whether a slot of the day is far enough ahead (notice) and not too far (horizon). */
function bookableNow(day: DayOfSlots): (slot: Slot) => boolean {
  const soonest = day.now.getTime() + day.rules.noticeMinutes * MINUTE
  const lastDay = addDays(calendarDate(day.now, day.timeZone), day.rules.horizonDays)
  // Every slot of the day falls on `day.date`: the horizon is one comparison for all of them.
  const withinHorizon = day.date <= lastDay
  return (slot) => withinHorizon && slot.start.getTime() >= soonest
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
