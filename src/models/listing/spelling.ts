// "Did you mean plumber?" — when a search finds nothing, each word the index has never seen is
// replaced by the nearest word it has: fewest edits (a letter added, dropped, changed or two
// swapped), then the word more listings use. The vocabulary is the index's own
// (listing_search_words, an fts5vocab table), so it is never out of date and costs nothing to
// keep. Candidates share the typed word's first letter and are read as one range of that
// vocabulary: people rarely mistype the first letter, and it keeps a town's tens of thousands of
// words down to a few hundred to compare.
import type { Db } from '../../db'

/** Up to 4 letters one edit is allowed, longer words two ("plumer" → "plumber"). */
function allowedEdits(word: string): number {
  const length = [...word].length
  return length <= 2 ? 0 : length <= 4 ? 1 : 2
}

/**
 * The words with the unknown ones corrected, or null when there is nothing better to offer.
 * @example correctSpelling(db, ['plumer', 'taps']) // ['plumber', 'taps']
 */
export function correctSpelling(db: Db, words: string[]): string[] | null {
  let changed = false
  const corrected = words.map((word) => {
    const folded = foldAccents(word)
    if (documentsWith(db, folded) > 0) return word
    const better = nearestKnownWord(db, folded)
    if (better === null) return word
    changed = true
    return better
  })
  return changed ? corrected : null
}

function documentsWith(db: Db, term: string): number {
  const row = db.$client
    .prepare<[string], { doc: number }>('SELECT doc FROM listing_search_words WHERE term = ?')
    .get(term)
  return row?.doc ?? 0
}

function nearestKnownWord(db: Db, word: string): string | null {
  const edits = allowedEdits(word)
  if (edits === 0) return null
  const first = String.fromCodePoint(word.codePointAt(0)!)
  const after = String.fromCodePoint(first.codePointAt(0)! + 1)
  const length = [...word].length
  const candidates = db.$client
    .prepare<[string, string, number, number], { term: string; doc: number }>(
      `SELECT term, doc FROM listing_search_words
       WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?`,
    )
    .all(first, after, length - edits, length + edits)
  let best: { term: string; distance: number; doc: number } | null = null
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate.term, edits)
    if (distance > edits) continue
    if (
      best === null ||
      distance < best.distance ||
      (distance === best.distance && candidate.doc > best.doc)
    )
      best = { term: candidate.term, distance, doc: candidate.doc }
  }
  return best?.term ?? null
}

/** "Café" → "cafe": what the index's remove_diacritics does to Latin letters. */
export function foldAccents(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
}

/**
 * Edits between two words (insert, delete, substitute, swap two neighbours — the optimal string
 * alignment distance), counting no further than `limit`: anything past it is `limit + 1`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  const s = [...a]
  const t = [...b]
  if (Math.abs(s.length - t.length) > limit) return limit + 1
  let previousRow: number[] = []
  let row = Array.from({ length: t.length + 1 }, (_, index) => index)
  for (let i = 1; i <= s.length; i += 1) {
    const next = [i]
    let smallest = i
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      let value = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + cost)
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        value = Math.min(value, previousRow[j - 2]! + 1)
      next.push(value)
      smallest = Math.min(smallest, value)
    }
    if (smallest > limit) return limit + 1
    previousRow = row
    row = next
  }
  return Math.min(row[t.length]!, limit + 1)
}
