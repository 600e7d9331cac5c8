import { describe, expect, it } from 'vitest'
import { calendarDate, endOfDay, readCalendarDate } from './dates'

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
