import { describe, expect, it } from 'vitest'
import { formatTimeAgo } from './intl'

describe('formatTimeAgo', () => {
  const now = new Date('2026-11-23T09:00:00Z')
  const before = (seconds: number) => new Date(now.getTime() - seconds * 1000)

  it('says how long ago in the largest whole unit', () => {
    const said = [
      0,
      59,
      60,
      150,
      3600,
      5 * 3600,
      86_400,
      3 * 86_400,
      8 * 86_400,
      45 * 86_400,
      800 * 86_400,
    ].map((seconds) => formatTimeAgo(before(seconds), now, 'en-GB'))
    expect(said).toEqual([
      'now',
      'now',
      '1 minute ago',
      '2 minutes ago',
      '1 hour ago',
      '5 hours ago',
      'yesterday',
      '3 days ago',
      'last week',
      'last month',
      '2 years ago',
    ])
  })

  it('reads a time ahead of the clock as now, and speaks the locale', () => {
    expect(formatTimeAgo(before(-120), now, 'en-GB')).toBe('now')
    expect(formatTimeAgo(before(2 * 3600), now, 'fr-FR')).toBe('il y a 2 heures')
  })
})
