import { describe, expect, it } from 'vitest'
import { MAX_PAGE_NUMBER, pageWithin, readPageNumber } from './pagination'

describe('readPageNumber', () => {
  it.each([
    [undefined, 1],
    [null, 1],
    ['', 1],
    ['2', 2],
    [' 3 ', 3],
    ['0', 1],
    ['-1', 1],
    ['1e3', 1],
    ['2.5', 1],
    ['abc', 1],
    ['0x10', 1],
    ['007', 7],
    ['10000', MAX_PAGE_NUMBER],
    ['10001', MAX_PAGE_NUMBER],
    ['384307168202282326', MAX_PAGE_NUMBER],
    ['9'.repeat(20), MAX_PAGE_NUMBER],
    ['9'.repeat(400), MAX_PAGE_NUMBER],
  ])('%s → %i', (text, expected) => {
    expect(readPageNumber(text)).toBe(expected)
  })
})

describe('pageWithin', () => {
  it('keeps a page that exists', () => {
    expect(pageWithin(2, 50, 24)).toEqual({ number: 2, totalPages: 3, offset: 24, size: 24 })
  })

  it('shows the last page when asked past the end', () => {
    expect(pageWithin(MAX_PAGE_NUMBER, 50, 24)).toEqual({
      number: 3,
      totalPages: 3,
      offset: 48,
      size: 24,
    })
  })

  it('has one (empty) page when there is nothing', () => {
    expect(pageWithin(5, 0, 24)).toEqual({ number: 1, totalPages: 1, offset: 0, size: 24 })
  })
})
