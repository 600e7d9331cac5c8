import { describe, expect, it } from 'vitest'
import { readDayHours, writeDayHours } from './availability'

describe('readDayHours', () => {
  it('reads ranges as providers type them, in time order', () => {
    expect(readDayHours('14:00-18:00, 9:00 - 12:00')).toEqual({
      ok: true,
      ranges: [
        { start: 540, end: 720 },
        { start: 840, end: 1080 },
      ],
    })
    expect(readDayHours('09:00 to 12:30')).toEqual({ ok: true, ranges: [{ start: 540, end: 750 }] })
    expect(readDayHours('')).toEqual({ ok: true, ranges: [] })
  })

  it('takes a range past midnight, and one to the end of the day', () => {
    expect(readDayHours('22:00-02:00')).toEqual({ ok: true, ranges: [{ start: 1320, end: 120 }] })
    expect(readDayHours('18:00-24:00')).toEqual({ ok: true, ranges: [{ start: 1080, end: 1440 }] })
    expect(readDayHours('18:00-00:00')).toEqual({ ok: true, ranges: [{ start: 1080, end: 0 }] })
  })

  it('says what is wrong with a day', () => {
    const message = (text: string) => {
      const read = readDayHours(text)
      return read.ok ? null : read.message
    }
    expect(message('9-12')).toMatch(/like 09:00-12:00/)
    expect(message('09:00-25:00')).toMatch(/like 09:00-12:00/)
    expect(message('09:00')).toMatch(/like 09:00-12:00/)
    expect(message('09:00-09:00')).toMatch(/same time/)
    expect(message('09:03-12:00')).toMatch(/five-minute/)
    expect(message('09:00-12:00, 11:00-14:00')).toMatch(/overlap/)
    expect(message('22:00-02:00, 23:00-23:30')).toMatch(/overlap/)
  })

  it('writes back what it read', () => {
    const read = readDayHours('9:00-12:00,14:00-18:00')
    expect(read.ok && writeDayHours(read.ranges)).toBe('09:00-12:00, 14:00-18:00')
  })
})
