// Suggestions while a buyer types in the header's search box: categories, storefronts and
// listing titles that start with what was typed. Built for speed on every keystroke: no ranking
// (a prefix already says what matters), FTS5 column filters read newest first and stop after a
// few rows, and the category tree is matched in memory.
import type { Db } from '../../db'
import type { CategoryBranch } from '../category'
import type { Clock } from '../../lib/clock'
import { statement } from '../prepared'
import { cachedAnswer } from './search-cache'
import { allWordsQuery, searchWords } from './search-text'
import { foldAccents } from './spelling'

export const MAX_SUGGESTIONS = 8

export type Suggestion =
  | { kind: 'category'; label: string; slug: string }
  | { kind: 'store'; label: string; slug: string }
  | { kind: 'listing'; label: string }

/**
 * Up to MAX_SUGGESTIONS for what has been typed so far; none for fewer than two letters. Kept
 * like search answers (search-cache.ts): a town types the same first letters all day.
 */
export function suggestSearches(
  db: Db,
  clock: Clock,
  tree: CategoryBranch[],
  typed: string,
): Suggestion[] {
  const words = searchWords(typed)
  if (words.join('').length < 2) return []
  return cachedAnswer(db, clock, `suggest ${words.join(' ')}`, () => suggest(db, tree, words))
}

function suggest(db: Db, tree: CategoryBranch[], words: string[]): Suggestion[] {
  const match = allWordsQuery(words)
  const categories: Suggestion[] = matchingCategories(tree, words)
    .slice(0, 2)
    .map((category) => ({ kind: 'category', label: category.name, slug: category.slug }))
  const stores: Suggestion[] = statement<{ name: string; slug: string }>(
    db,
    `SELECT DISTINCT s.name AS name, s.slug AS slug
     FROM listing_search JOIN listings l ON l.id = listing_search.rowid JOIN stores s ON s.id = l.store_id
     WHERE listing_search MATCH :match ORDER BY listing_search.rowid DESC LIMIT 2`,
  )
    .all({ match: `{store} : (${match})` })
    .map((store) => ({ kind: 'store', label: store.name, slug: store.slug }))
  const room = MAX_SUGGESTIONS - categories.length - stores.length
  const titles = statement<{ title: string }>(
    db,
    `SELECT title FROM listing_search WHERE listing_search MATCH :match
     ORDER BY rowid DESC LIMIT 40`,
  )
    .all({ match: `{title} : (${match})` })
    .map((row) => row.title)
  const listings: Suggestion[] = [...new Set(titles)]
    .slice(0, room)
    .map((title) => ({ kind: 'listing', label: title }))
  return [...categories, ...listings, ...stores]
}

/** Categories with a word starting with each typed word ("plu" → Plumbing), accents folded. */
function matchingCategories(tree: CategoryBranch[], words: string[]) {
  const all = tree.flatMap((branch) => [branch, ...branch.children])
  const typed = words.map(foldAccents)
  return all.filter((category) => {
    const own = searchWords(category.name).map(foldAccents)
    return typed.every((word) => own.some((name) => name.startsWith(word)))
  })
}
