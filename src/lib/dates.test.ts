import { describe, expect, it } from 'vitest'
import {
  addDays,
  calendarDate,
  endOfDay,
  isoWeekday,
  readCalendarDate,
  wallClockInstant,
} from './dates'

describe('readCalendarDate', () => {
  it('reads days that exist and nothing else', () => {
    expect(readCalendarDate('2026-11-30')).toEqual({ year: 2026, month: 11, day: 30 })
    expect(readCalendarDate('2028-02-29')).not.toBeNull()
    expect(readCalendarDate('2026-02-29')).toBeNull()
    expect(readCalendarDate('2026-13-01')).toBeNull()
    expect(readCalendarDate('30/11/2026')).toBeNull()
    expect(readCalendarDate('')).toBeNull()
  })
})

describe('endOfDay', () => {
  it("is the next midnight on the town's clock", () => {
    expect(endOfDay('2026-11-30', 'Africa/Banjul').toISOString()).toBe('2026-12-01T00:00:00.000Z')
    expect(endOfDay('2026-11-30', 'Africa/Nairobi').toISOString()).toBe('2026-11-30T21:00:00.000Z')
    expect(endOfDay('2026-11-30', 'America/Lima').toISOString()).toBe('2026-12-01T05:00:00.000Z')
  })

  it('follows clock changes', () => {
    // London is on summer time (UTC+1) until 25 October 2026, and back on UTC after.
    expect(endOfDay('2026-10-24', 'Europe/London').toISOString()).toBe('2026-10-24T23:00:00.000Z')
    expect(endOfDay('2026-10-25', 'Europe/London').toISOString()).toBe('2026-10-26T00:00:00.000Z')
  })

  it('ends on the day it was given, in that zone', () => {
    const end = endOfDay('2026-11-30', 'Africa/Nairobi')
    expect(calendarDate(new Date(end.getTime() - 1), 'Africa/Nairobi')).toBe('2026-11-30')
    expect(calendarDate(end, 'Africa/Nairobi')).toBe('2026-12-01')
  })
})

describe('wallClockInstant', () => {
  const at = (date: string, time: string, zone: string) => {
    const [hours = 0, minutes = 0] = time.split(':').map(Number)
    return wallClockInstant(date, hours * 60 + minutes, zone)?.toISOString() ?? null
  }

  it('reads a wall-clock time in the zone, whatever the zone', () => {
    expect(at('2026-11-30', '09:00', 'Africa/Banjul')).toBe('2026-11-30T09:00:00.000Z')
    expect(at('2026-11-30', '09:00', 'Africa/Nairobi')).toBe('2026-11-30T06:00:00.000Z')
    expect(at('2026-11-30', '23:30', 'America/Lima')).toBe('2026-12-01T04:30:00.000Z')
  })

  it('knows the hour skipped in spring and takes the first of the hour repeated in autumn', () => {
    // London: 01:00 → 02:00 on 29 March 2026; 02:00 → 01:00 on 25 October 2026.
    expect(at('2026-03-29', '00:30', 'Europe/London')).toBe('2026-03-29T00:30:00.000Z')
    expect(at('2026-03-29', '01:30', 'Europe/London')).toBeNull()
    expect(at('2026-03-29', '09:00', 'Europe/London')).toBe('2026-03-29T08:00:00.000Z')
    expect(at('2026-10-25', '01:30', 'Europe/London')).toBe('2026-10-25T00:30:00.000Z')
    expect(at('2026-10-25', '09:00', 'Europe/London')).toBe('2026-10-25T09:00:00.000Z')
  })

  it('reads minutes past midnight into the next day', () => {
    expect(at('2026-11-30', '25:00', 'Africa/Banjul')).toBe('2026-12-01T01:00:00.000Z')
  })
})

describe('isoWeekday and addDays', () => {
  it('count days as the calendar does', () => {
    expect(isoWeekday('2026-11-30')).toBe(1)
    expect(isoWeekday('2026-12-06')).toBe(7)
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
  })
})
