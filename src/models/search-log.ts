// The search log: what a town searches for and what it does not find, for the operator ("searches
// with no results" tells them which trades the market lacks). Kept small and anonymous: one row
// per day, query and filters with a count — never a member, an address or a time finer than the
// day's last search.
//
// Like listing views (listing-activity.ts), a search only adds to a count in memory; the
// scheduler writes the counts every minute in one transaction and the shutdown signal writes the
// rest. Searches are recorded by the logSearches middleware (src/http/search-log.ts), before the
// visitor page cache, so that searches answered from memory count too.
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm'
import { searchLog } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { activityDay } from './listing-activity'

/** Days of searches kept; housekeeping drops older ones. */
export const SEARCH_LOG_RETENTION_DAYS = 90

/** One search as the log keeps it. */
export type LoggedSearch = { query: string; filters: string; results: number }

type Pending = { searches: number; results: number; at: number }

export class SearchLog {
  readonly #db: Db
  readonly #clock: Clock
  /** "day␟query␟filters" → counts since the last flush */
  #pending = new Map<string, Pending>()
  #closed = false

  constructor(db: Db, clock: Clock) {
    this.#db = db
    this.#clock = clock
  }

  /** Counts one search; the words are already normalised (searchWords), the filters canonical. */
  record(search: LoggedSearch) {
    const now = this.#clock.now().getTime()
    const key = [activityDay(new Date(now)), search.query, search.filters].join('\u001f')
    const pending = this.#pending.get(key)
    this.#pending.set(key, {
      searches: (pending?.searches ?? 0) + 1,
      results: search.results,
      at: now,
    })
    if (this.#closed) this.flush()
  }

  /** Writes what was counted in one transaction; on failure it is kept for the next time. */
  flush() {
    if (this.#pending.size === 0) return
    const pending = this.#pending
    this.#pending = new Map()
    try {
      this.#db.transaction((tx) => {
        for (const [key, counts] of pending) {
          const [day, query, filters] = key.split('\u001f') as [string, string, string]
          tx.insert(searchLog)
            .values({
              day: Number(day),
              query,
              filters,
              searches: counts.searches,
              results: counts.results,
              lastSearchedAt: new Date(counts.at),
            })
            .onConflictDoUpdate({
              target: [searchLog.day, searchLog.query, searchLog.filters],
              set: {
                searches: sql`${searchLog.searches} + excluded.searches`,
                results: sql`excluded.results`,
                lastSearchedAt: sql`excluded.last_searched_at`,
              },
            })
            .run()
        }
      })
    } catch (error) {
      for (const [key, counts] of pending) {
        const newer = this.#pending.get(key)
        this.#pending.set(
          key,
          newer ? { ...newer, searches: newer.searches + counts.searches } : counts,
        )
      }
      throw error
    }
  }

  /** Writes the rest and from then on each search as it comes (the server is stopping). */
  close() {
    this.#closed = true
    this.flush()
  }
}

/** What was searched for and found nothing over the last `days`, most searched first. */
export function searchesWithNoResults(db: Db, clock: Clock, days: number) {
  const since = activityDay(clock.now()) - days + 1
  return db
    .select({
      query: searchLog.query,
      filters: searchLog.filters,
      searches: sql<number>`sum(${searchLog.searches})`.mapWith(Number),
      lastSearchedAt: sql<number>`max(${searchLog.lastSearchedAt})`.mapWith(Number),
    })
    .from(searchLog)
    .where(and(eq(searchLog.results, 0), gte(searchLog.day, since)))
    .groupBy(searchLog.query, searchLog.filters)
    .orderBy(desc(sql`sum(${searchLog.searches})`), asc(searchLog.query))
    .all()
}

/** Drops days older than SEARCH_LOG_RETENTION_DAYS. */
export function deleteOldSearchLog(db: Db, clock: Clock) {
  const oldest = activityDay(clock.now()) - SEARCH_LOG_RETENTION_DAYS + 1
  db.delete(searchLog).where(lt(searchLog.day, oldest)).run()
}
