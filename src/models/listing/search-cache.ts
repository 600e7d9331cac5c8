// Search answers kept in memory while nothing they depend on has changed. Every write that can
// change an answer — a listing, its packages or variants, a store, a category — moves
// search_version on in its own transaction (db/migrations/0009_search-version.sql), and reading
// that one row costs a microsecond, so an answer is never older than the data it came from. A
// minute's limit also lets freshness in the ranking move on. Unlike the visitor page cache, this
// serves members too, and survives the writes that do not touch listings (sessions, view counts).
import type { Db } from '../../db'
import type { Clock } from '../../lib/clock'
import { statement } from '../prepared'

/** Distinct answers kept (a few KB each); the least recently used goes first. */
const MAX_ANSWERS = 500
const MAX_AGE_MS = 60_000

type Kept = { at: number; value: unknown }
const caches = new WeakMap<Db, { version: number; answers: Map<string, Kept> }>()

/**
 * The answer kept for `key` since the last change to listings, or `compute()`'s, kept.
 * @example cachedAnswer(db, clock, `search ${JSON.stringify(criteria)}`, () => run(criteria))
 */
export function cachedAnswer<T>(db: Db, clock: Clock, key: string, compute: () => T): T {
  const version =
    statement<{ version: number }>(db, 'SELECT version FROM search_version WHERE id = 1').get()
      ?.version ?? -1
  let cache = caches.get(db)
  if (!cache || cache.version !== version) {
    cache = { version, answers: new Map() }
    caches.set(db, cache)
  }
  const now = clock.now().getTime()
  const kept = cache.answers.get(key)
  if (kept && now - kept.at < MAX_AGE_MS) {
    cache.answers.delete(key)
    cache.answers.set(key, kept)
    return kept.value as T
  }
  const value = compute()
  if (cache.answers.size >= MAX_ANSWERS) cache.answers.delete(cache.answers.keys().next().value!)
  cache.answers.set(key, { at: now, value })
  return value
}
