// What a person types into the search box, turned into words and into FTS5 queries that can only
// ever mean "these words". Nothing typed reaches MATCH as syntax: quotes, `*`, `^`, parentheses,
// `NEAR(`, `col:` filters, AND/OR/NOT and a lone `-` are all just separators or plain words here,
// and every word goes into MATCH inside double quotes, where FTS5 reads it as text to tokenise.

/** Longer text is cut here: a search box, not a document. */
export const MAX_QUERY_LENGTH = 200
/** Words past this are dropped: eight words already describe anything a town sells. */
export const MAX_WORDS = 8
/** A word longer than this is cut (no real word is; a pasted hash or URL might be). */
export const MAX_WORD_LENGTH = 40

/**
 * Arabic vowel marks (fathatan … sukun, the superscript alef) and the tatweel. The index drops
 * them too (db/migrations/0004_search.sql), so "مُعَلِّم" and "معلم" find each other.
 */
export const ARABIC_MARKS = /[\u064b-\u0652\u0670\u0640]/g

/**
 * Anything but letters, numbers, private-use characters and combining marks separates words, as
 * FTS5's unicode61 tokenizer sees them (marks stay inside a word so that its phrase, quoted, is
 * tokenised by the index's own rules).
 */
const SEPARATORS = /[^\p{L}\p{N}\p{M}\p{Co}]+/u

/**
 * The words of a query, lower-case, in order, without repeats.
 * @example searchWords('  Plumber "AND" (taps)*') // ['plumber', 'and', 'taps']
 */
export function searchWords(text: string): string[] {
  const words: string[] = []
  const typed = text.slice(0, MAX_QUERY_LENGTH).normalize('NFC').replace(ARABIC_MARKS, '')
  for (const part of typed.split(SEPARATORS)) {
    // A word of marks alone (left over from a stray accent) says nothing.
    const word = [...part.toLocaleLowerCase()].slice(0, MAX_WORD_LENGTH).join('')
    if (!/[\p{L}\p{N}\p{Co}]/u.test(word) || words.includes(word)) continue
    words.push(word)
    if (words.length === MAX_WORDS) break
  }
  return words
}

/**
 * An FTS5 query for listings holding every word, the last one also as the start of a longer
 * word (people stop typing mid-word: "plumb" finds "plumber"). The last word is asked for both
 * ways, so that bm25 counts a whole-word match twice: "honey" before "honeycomb".
 * @example allWordsQuery(['tap', 'repa']) // '"tap" AND ("repa" OR "repa"*)'
 */
export function allWordsQuery(words: string[]): string {
  return words.map((word, index) => phrase(word, index === words.length - 1)).join(' AND ')
}

/**
 * Listings holding any of the words: what is shown when none holds them all (the last word also
 * as a prefix, as typed), and what "similar listings" look for (whole words only).
 */
export function anyWordQuery(words: string[], options = { prefixLast: true }): string {
  const last = words.length - 1
  return words.map((word, index) => phrase(word, options.prefixLast && index === last)).join(' OR ')
}

/** A word as an FTS5 string (its own quotes doubled, though searchWords never keeps one). */
function phrase(word: string, prefix: boolean): string {
  const quoted = `"${word.replaceAll('"', '""')}"`
  // A one-letter prefix would match most of the index and tells nothing.
  return prefix && [...word].length > 1 ? `(${quoted} OR ${quoted}*)` : quoted
}

/** A title or snippet with the matched words marked, for the view to wrap in <mark>. */
export type MarkedText = { text: string; marked: boolean }[]

/** The markers highlight() and snippet() are asked to put around matches (see search.ts). */
export const MARK_START = '\u0001'
export const MARK_END = '\u0002'

/**
 * Splits text that FTS5 marked with MARK_START/MARK_END into plain and marked parts. Stored text
 * never holds these control characters (src/lib/text.ts removes them), so they are ours.
 */
export function readMarks(text: string): MarkedText {
  const parts: MarkedText = []
  let rest = text
  while (rest.length > 0) {
    const start = rest.indexOf(MARK_START)
    if (start === -1) {
      parts.push({ text: rest, marked: false })
      break
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), marked: false })
    const end = rest.indexOf(MARK_END, start)
    const stop = end === -1 ? rest.length : end
    parts.push({ text: rest.slice(start + 1, stop), marked: true })
    rest = rest.slice(stop + 1)
  }
  return parts.filter((part) => part.text.length > 0)
}
