import { describe, expect, it } from 'vitest'
import {
  allWordsQuery,
  anyWordQuery,
  MARK_END,
  MARK_START,
  MAX_WORDS,
  readMarks,
  searchWords,
} from './search-text'

describe('searchWords', () => {
  it.each([
    ['  Plumber "AND" (taps)*', ['plumber', 'and', 'taps']],
    ['NEAR(honey, 2) title:jam', ['near', 'honey', '2', 'title', 'jam']],
    ["'; DROP TABLE listings; --", ['drop', 'table', 'listings']],
    ['honey honey HONEY', ['honey']],
    ['مُعَلِّم رياضيات', ['معلم', 'رياضيات']],
    ['🍯 - * ^', []],
  ])('%j → %j', (typed, words) => {
    expect(searchWords(typed)).toEqual(words)
  })

  it('keeps at most eight words of at most 40 letters, from the first 200 characters', () => {
    expect(searchWords('a b c d e f g h i j k')).toHaveLength(MAX_WORDS)
    expect(searchWords('x'.repeat(100))[0]).toHaveLength(40)
    expect(searchWords(`${'y '.repeat(100)}late`)).not.toContain('late')
  })
})

describe('FTS5 queries', () => {
  it('quotes every word, and asks for the last one whole or as a start', () => {
    expect(allWordsQuery(['tap', 'repa'])).toBe('"tap" AND ("repa" OR "repa"*)')
    expect(anyWordQuery(['tap', 'repa'])).toBe('"tap" OR ("repa" OR "repa"*)')
    expect(anyWordQuery(['tap', 'repair'], { prefixLast: false })).toBe('"tap" OR "repair"')
  })

  it('never makes a one-letter prefix', () => {
    expect(allWordsQuery(['a'])).toBe('"a"')
  })
})

describe('readMarks', () => {
  it('splits marked text into plain and marked parts', () => {
    expect(readMarks(`Forest ${MARK_START}honey${MARK_END} jar`)).toEqual([
      { text: 'Forest ', marked: false },
      { text: 'honey', marked: true },
      { text: ' jar', marked: false },
    ])
    expect(readMarks(`${MARK_START}cut off`)).toEqual([{ text: 'cut off', marked: true }])
    expect(readMarks('plain')).toEqual([{ text: 'plain', marked: false }])
  })
})
