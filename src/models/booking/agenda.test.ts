import { describe, expect, it } from 'vitest'
import { agendaPeriod } from './agenda'

describe('agendaPeriod', () => {
  it('is the day asked for, from midnight to midnight on the town’s clock', () => {
    const day = agendaPeriod('day', '2026-11-24', 'Africa/Nairobi')
    expect(day).toMatchObject({ days: ['2026-11-24'], previous: '2026-11-23', next: '2026-11-25' })
    expect(day.from.toISOString()).toBe('2026-11-23T21:00:00.000Z')
    expect(day.to.toISOString()).toBe('2026-11-24T21:00:00.000Z')
  })

  it('is Monday to Sunday for a week, whichever day of it was asked for, across a new year', () => {
    for (const asked of ['2026-12-28', '2027-01-01', '2027-01-03']) {
      const week = agendaPeriod('week', asked, 'Africa/Banjul')
      expect(week.days).toEqual([
        '2026-12-28',
        '2026-12-29',
        '2026-12-30',
        '2026-12-31',
        '2027-01-01',
        '2027-01-02',
        '2027-01-03',
      ])
      expect(week.from.toISOString()).toBe('2026-12-28T00:00:00.000Z')
      expect(week.to.toISOString()).toBe('2027-01-04T00:00:00.000Z')
    }
    expect(agendaPeriod('week', '2027-01-01', 'Africa/Banjul')).toMatchObject({
      previous: '2026-12-25',
      next: '2027-01-08',
    })
  })

  it('follows clock changes: the day the clocks go back lasts 25 hours', () => {
    const day = agendaPeriod('day', '2026-10-25', 'Europe/London')
    expect(day.to.getTime() - day.from.getTime()).toBe(25 * 3_600_000)
  })
})
