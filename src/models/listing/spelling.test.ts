import { describe, expect, it } from 'vitest'
import { editDistance, foldAccents } from './spelling'

describe('editDistance', () => {
  it.each([
    ['plumer', 'plumber', 1],
    ['plumbre', 'plumber', 1],
    ['plmr', 'plumber', 3],
    ['honey', 'honey', 0],
    ['café', 'cafe', 1],
  ])('%s → %s is %i edits (up to 3)', (a, b, edits) => {
    expect(editDistance(a, b, 3)).toBe(edits)
  })

  it('stops counting past its limit', () => {
    expect(editDistance('tap', 'electrician', 2)).toBe(3)
    expect(editDistance('honey', 'money', 0)).toBe(1)
  })
})

describe('foldAccents', () => {
  it('folds Latin accents as the index does, and leaves other scripts alone', () => {
    expect(foldAccents('crème brûlée')).toBe('creme brulee')
    expect(foldAccents('ремонт')).toBe('ремонт')
  })
})
