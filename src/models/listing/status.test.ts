import { describe, expect, it } from 'vitest'
import { isOnSale, nextStatus, type ListingAction, type ListingStatus } from './status'

describe('listing status', () => {
  it.each<[ListingStatus, ListingAction, ListingStatus | null]>([
    ['draft', 'publish', 'published'],
    ['draft', 'pause', null],
    ['draft', 'archive', 'archived'],
    ['published', 'publish', null],
    ['published', 'pause', 'paused'],
    ['published', 'archive', 'archived'],
    ['paused', 'publish', 'published'],
    ['paused', 'pause', null],
    ['paused', 'archive', 'archived'],
    ['archived', 'publish', null],
    ['archived', 'pause', null],
    ['archived', 'archive', null],
  ])('%s + %s → %s', (status, action, expected) => {
    expect(nextStatus(status, action)).toBe(expected)
  })

  it('puts only published listings on sale', () => {
    expect(
      ['draft', 'published', 'paused', 'archived'].filter((s) => isOnSale(s as ListingStatus)),
    ).toEqual(['published'])
  })
})
