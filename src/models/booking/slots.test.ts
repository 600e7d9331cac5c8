import { describe, expect, it } from 'vitest'
import {
  freeSlots,
  daySlots,
  overlappingRanges,
  readClockTime,
  type DayOfSlots,
  type SlotRules,
  type TakenTime,
} from './slots'

const h = (text: string) => readClockTime(text) ?? NaN
const rules: SlotRules = {
  slotMinutes: 60,
  bufferMinutes: 0,
  horizonDays: 60,
  noticeMinutes: 0,
  capacity: 1,
}

/** A day in Banjul (no clock changes) unless told, seen from long before it. */
function day(input: Partial<DayOfSlots> & Pick<DayOfSlots, 'date' | 'hours'>): DayOfSlots {
  return {
    daysOff: new Set(),
    listingId: 1,
    rules,
    taken: [],
    timeZone: 'Africa/Banjul',
    now: new Date('2026-11-01T00:00:00Z'),
    ...input,
  }
}

const times = (slots: { time: string }[]) => slots.map((slot) => slot.time)

describe('freeSlots', () => {
  // 1 December 2026 is a Tuesday (ISO weekday 2).
  const tuesday = { 2: [{ start: h('09:00'), end: h('12:00') }] }

  it('fills each range with slots and their buffers, each ending inside it', () => {
    expect(times(freeSlots(day({ date: '2026-12-01', hours: tuesday })))).toEqual([
      '09:00',
      '10:00',
      '11:00',
    ])
    const buffered = { ...rules, bufferMinutes: 15 }
    expect(times(freeSlots(day({ date: '2026-12-01', hours: tuesday, rules: buffered })))).toEqual([
      '09:00',
      '10:15',
    ])
    expect(freeSlots(day({ date: '2026-12-02', hours: tuesday }))).toEqual([])
  })

  it('shows the hours after midnight of a night range on the next day', () => {
    // Friday 4 December, 22:00 to 02:00.
    const friday = { 5: [{ start: h('22:00'), end: h('02:00') }] }
    expect(times(freeSlots(day({ date: '2026-12-04', hours: friday })))).toEqual(['22:00', '23:00'])
    const saturday = freeSlots(day({ date: '2026-12-05', hours: friday }))
    expect(times(saturday)).toEqual(['00:00', '01:00'])
    expect(saturday[0]?.start.toISOString()).toBe('2026-12-05T00:00:00.000Z')
  })

  it('keeps real lengths on the days the clocks change', () => {
    // London, Sunday 29 March 2026: 01:00 becomes 02:00. Sunday 25 October: 02:00 becomes 01:00.
    const sunday = { 7: [{ start: h('00:00'), end: h('04:00') }] }
    const spring = daySlots(day({ date: '2026-03-29', hours: sunday, timeZone: 'Europe/London' }))
    expect(times(spring)).toEqual(['00:00', '02:00', '03:00'])
    expect(spring.map((slot) => slot.start.toISOString())).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T02:00:00.000Z',
    ])
    for (const slot of spring) expect(slot.end.getTime() - slot.start.getTime()).toBe(3_600_000)
    const autumn = daySlots(day({ date: '2026-10-25', hours: sunday, timeZone: 'Europe/London' }))
    expect(autumn.map((slot) => slot.start.toISOString())).toEqual([
      '2026-10-24T23:00:00.000Z',
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T03:00:00.000Z',
    ])
  })

  it('closes days off, including the night range that would start on one', () => {
    const friday = { 5: [{ start: h('22:00'), end: h('02:00') }] }
    const off = new Set(['2026-12-04'])
    expect(freeSlots(day({ date: '2026-12-04', hours: friday, daysOff: off }))).toEqual([])
    expect(freeSlots(day({ date: '2026-12-05', hours: friday, daysOff: off }))).toEqual([])
  })

  it('leaves out slots too soon (notice) and too far ahead (horizon)', () => {
    const now = new Date('2026-12-01T08:30:00Z')
    const soon = { ...rules, noticeMinutes: 60 }
    expect(times(freeSlots(day({ date: '2026-12-01', hours: tuesday, rules: soon, now })))).toEqual(
      ['10:00', '11:00'],
    )
    const near = { ...rules, horizonDays: 7 }
    expect(freeSlots(day({ date: '2026-12-08', hours: tuesday, rules: near, now }))).toHaveLength(3)
    expect(freeSlots(day({ date: '2026-12-15', hours: tuesday, rules: near, now }))).toEqual([])
  })

  it('counts seats of the same service and slot, and blocks what another booking overlaps', () => {
    const at = (time: string, listingId: number, seats = 1, bufferMinutes = 0): TakenTime => {
      const start = new Date(`2026-12-01T${time}:00Z`)
      return { listingId, start, end: new Date(start.getTime() + 3_600_000), bufferMinutes, seats }
    }
    const classOfEight = { ...rules, capacity: 8 }
    const seats = daySlots(
      day({
        date: '2026-12-01',
        hours: tuesday,
        rules: classOfEight,
        taken: [at('09:00', 1, 7), at('10:00', 1, 8)],
      }),
    ).map((slot) => slot.seatsLeft)
    expect(seats).toEqual([1, 0, 8])
    // Another service booked 10:30–11:30 with 15 minutes after it: 10:00 and 11:00 are gone.
    const taken = [at('10:30', 2, 1, 15)]
    expect(times(freeSlots(day({ date: '2026-12-01', hours: tuesday, taken })))).toEqual(['09:00'])
    // One ending at 09:00 sharp leaves 09:00 free.
    expect(
      times(freeSlots(day({ date: '2026-12-01', hours: tuesday, taken: [at('08:00', 2)] }))),
    ).toEqual(['09:00', '10:00', '11:00'])
  })
})

describe('readClockTime and overlappingRanges', () => {
  it('reads times of day and nothing else', () => {
    expect(readClockTime('9:05')).toBe(545)
    expect(readClockTime('24:00')).toBe(1440)
    for (const text of ['24:30', '9:60', '9', 'nine', '']) expect(readClockTime(text)).toBeNull()
  })

  it('finds ranges that overlap, a night range included', () => {
    const range = (start: string, end: string) => ({ start: h(start), end: h(end) })
    expect(overlappingRanges([range('09:00', '12:00'), range('14:00', '18:00')])).toBe(false)
    expect(overlappingRanges([range('09:00', '12:00'), range('12:00', '13:00')])).toBe(false)
    expect(overlappingRanges([range('14:00', '18:00'), range('09:00', '14:30')])).toBe(true)
    expect(overlappingRanges([range('22:00', '02:00'), range('23:00', '23:30')])).toBe(true)
  })
})
