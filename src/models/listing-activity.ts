// Listing views, counted without a database write per view. A page view only adds one to a number
// in memory (this process is the only writer); every few seconds the scheduler flushes what was
// counted in one short transaction into daily buckets (`listing_activity`: listing, UTC day, kind,
// count), and the shutdown signal flushes the rest. A crash loses at most one interval of views,
// which trending does not notice. Each flush is a write, so it also refreshes the visitor page
// cache (src/http/page-cache.ts) — that is what puts new trending on the cached home page.
//
// Members' views also go to their "recently viewed" list the same way: kept in memory until the
// next flush, and read together with the stored list (pendingRecentlyViewed), so a member sees
// the listing they just left on the home page before it is written.
//
// Trending itself is worked out in SQL from those buckets and then kept in memory until the next
// flush that counted something, or a minute: members' home pages are not page-cached.
//
// Views are recorded by the countListingViews middleware (src/http/listing-views.ts), which runs
// before the page cache so that visitors answered from memory are counted too.
import type { listingActivity } from '../../db/schema'
import type { Db } from '../db'
import { DAY, type Clock } from '../lib/clock'
import type { ListingCard } from './listing'
import { listingCardsInOrder } from './listing-cards'
import { prepared } from './prepared'

/** What people do with a listing that counts towards trending; orders join in issue 8. */
export type ActivityKind = (typeof listingActivity.$inferSelect)['kind']

/**
 * How much one of each counts towards trending. An order (issue 8) says far more than a look:
 * add `order: 10` here and record it in the order's own transaction with addListingActivity.
 */
export const ACTIVITY_WEIGHTS: Record<ActivityKind, number> = { view: 1 }
/** A view counts half as much after this many days, a quarter after twice as many. */
export const TRENDING_HALF_LIFE_DAYS = 3
/** Older days are not read at all: at five half-lives a view counts 3 %. */
export const TRENDING_WINDOW_DAYS = 14
/** Below this (about three views today) a listing is not trending, just seen. */
export const MIN_TRENDING_SCORE = 3
/**
 * Trending is worked out again after a flush wrote something, and at least this often as views
 * age; in between it is read from memory. Scoring two weeks of a big town's buckets takes ~20 ms,
 * too much for every member's home page.
 */
const TRENDING_REFRESH_MS = 60_000
/** How many trending ids are kept: more than a page shows, for those that stop being on sale. */
const TRENDING_KEPT = 24
/** Buckets older than this are deleted by housekeeping. */
export const ACTIVITY_RETENTION_DAYS = 30
/** How many listings a member's "recently viewed" keeps. */
export const RECENTLY_VIEWED_LIMIT = 20

/** Whole days since 1970-01-01 UTC: the bucket a moment falls in. */
export function activityDay(at: Date): number {
  return Math.floor(at.getTime() / DAY)
}

/**
 * What one event of `kind`, `ageDays` old, adds to a listing's trending score:
 * weight × 0.5^(age / half-life). The weights and the decay are applied here and only here.
 * @example activityWeight('view', 0) // 1
 * @example activityWeight('view', 3) // 0.5
 */
export function activityWeight(kind: ActivityKind, ageDays: number): number {
  return ACTIVITY_WEIGHTS[kind] * 0.5 ** (Math.max(0, ageDays) / TRENDING_HALF_LIFE_DAYS)
}

/** A day's bucket is as old as its middle (today's is new), so scores slide smoothly at midnight. */
export function bucketAgeDays(day: number, now: Date): number {
  return Math.max(0, now.getTime() / DAY - (day + 0.5))
}

export type ActivityBucket = { day: number; kind: ActivityKind; count: number }

/** A listing's trending score: Σ count × activityWeight(kind, age) over its buckets. */
export function trendingScore(buckets: ActivityBucket[], now: Date): number {
  return buckets.reduce(
    (score, bucket) =>
      score + bucket.count * activityWeight(bucket.kind, bucketAgeDays(bucket.day, now)),
    0,
  )
}

/**
 * The weight of each (day, kind) trending reads, for the SQL to join: the score is computed in
 * the database over the last TRENDING_WINDOW_DAYS, but with activityWeight's numbers.
 */
export function trendingWeights(now: Date): { day: number; kind: ActivityKind; weight: number }[] {
  const today = activityDay(now)
  const kinds = Object.keys(ACTIVITY_WEIGHTS) as ActivityKind[]
  const weights = []
  for (let day = today - TRENDING_WINDOW_DAYS + 1; day <= today; day++)
    for (const kind of kinds)
      weights.push({ day, kind, weight: activityWeight(kind, bucketAgeDays(day, now)) })
  return weights
}

type Viewer = { id: number } | null
/** day → listing id → views */
type DailyViews = Map<number, Map<number, number>>
/** member id → listing id → when (ms), in viewing order, at most RECENTLY_VIEWED_LIMIT each */
type RecentViews = Map<number, Map<number, number>>

/**
 * Views counted since the last flush. One per process, made by createApp; `recordView` is all
 * a request does, `flush` runs on the scheduler and at shutdown.
 */
export class ListingActivity {
  readonly #db: Db
  readonly #clock: Clock
  #views: DailyViews = new Map()
  #recent: RecentViews = new Map()
  #closed = false
  #trending: { ids: number[]; at: number } | null = null

  constructor(db: Db, clock: Clock) {
    this.#db = db
    this.#clock = clock
  }

  /**
   * A person looked at a listing. `counted` says whether it counts towards trending (not a bot,
   * not a repeat the browser revalidated); a member's view always goes on their recently viewed.
   * The listing's own provider looking at it is neither.
   */
  recordView(listingId: number, viewer: Viewer, counted: boolean) {
    if (viewer && prepared(this.#db, providerOfListing).get(listingId) === viewer.id) return
    const now = this.#clock.now()
    if (counted) {
      const day = activityDay(now)
      let views = this.#views.get(day)
      if (!views) this.#views.set(day, (views = new Map()))
      views.set(listingId, (views.get(listingId) ?? 0) + 1)
    }
    if (viewer) {
      let recent = this.#recent.get(viewer.id)
      if (!recent) this.#recent.set(viewer.id, (recent = new Map()))
      recent.delete(listingId)
      recent.set(listingId, now.getTime())
      // Insertion order is viewing order: the first is the oldest.
      if (recent.size > RECENTLY_VIEWED_LIMIT) recent.delete(recent.keys().next().value!)
    }
    // After shutdown began, whatever still comes in is written at once.
    if (this.#closed) this.flush()
  }

  /** The member's views not written yet, newest first: [listing id, when (ms)]. */
  pendingRecentlyViewed(memberId: number): [number, number][] {
    return [...(this.#recent.get(memberId) ?? [])].reverse()
  }

  /** Writes everything counted so far in one transaction; on failure it is kept for next time. */
  flush() {
    if (this.#views.size === 0 && this.#recent.size === 0) return
    const views = this.#views
    const recent = this.#recent
    this.#views = new Map()
    this.#recent = new Map()
    try {
      writeActivity(this.#db, views, recent)
      if (views.size > 0) this.#trending = null
    } catch (error) {
      this.#restore(views, recent)
      throw error
    }
  }

  /** The ids of trending listings (some may have stopped being on sale since), best first. */
  trendingIds(): number[] {
    const now = this.#clock.now()
    if (this.#trending && now.getTime() - this.#trending.at < TRENDING_REFRESH_MS)
      return this.#trending.ids
    const ids = prepared(this.#db, trendingListings).all({
      weights: JSON.stringify(trendingWeights(now)),
      minimum: MIN_TRENDING_SCORE,
      limit: TRENDING_KEPT,
    }) as number[]
    this.#trending = { ids, at: now.getTime() }
    return ids
  }

  /** Flushes now and from here on writes each view as it comes (the server is stopping). */
  close() {
    this.#closed = true
    this.flush()
  }

  #restore(views: DailyViews, recent: RecentViews) {
    for (const [day, counts] of views)
      for (const [listingId, count] of counts) {
        let since = this.#views.get(day)
        if (!since) this.#views.set(day, (since = new Map()))
        since.set(listingId, (since.get(listingId) ?? 0) + count)
      }
    for (const [memberId, older] of recent) {
      const newer = this.#recent.get(memberId)
      const merged = new Map([...older, ...(newer ?? [])].sort((a, b) => a[1] - b[1]))
      while (merged.size > RECENTLY_VIEWED_LIMIT) merged.delete(merged.keys().next().value!)
      this.#recent.set(memberId, merged)
    }
  }
}

/**
 * Adds `count` events to a listing's bucket for `day`. Runs inside the caller's transaction: the
 * flush's now, an order's own transaction later.
 */
export function addListingActivity(
  db: Db,
  listingId: number,
  kind: ActivityKind,
  day: number,
  count: number,
) {
  prepared(db, addActivity).run({ listingId, kind, day, count })
}

function writeActivity(db: Db, views: DailyViews, recent: RecentViews) {
  db.$client.transaction(() => {
    for (const [day, counts] of views)
      for (const [listingId, count] of counts) addListingActivity(db, listingId, 'view', day, count)
    for (const [memberId, seen] of recent) {
      for (const [listingId, viewedAt] of seen)
        prepared(db, rememberView).run({ memberId, listingId, viewedAt })
      prepared(db, trimRecentlyViewed).run({ memberId, limit: RECENTLY_VIEWED_LIMIT })
    }
  })()
}

/**
 * The published listings people looked at (and, later, ordered) most lately, by time-decayed
 * score (see activityWeight), best first; those under MIN_TRENDING_SCORE are left out.
 */
export function listTrendingListings(
  db: Db,
  activity: ListingActivity,
  limit: number,
): ListingCard[] {
  return listingCardsInOrder(db, activity.trendingIds()).slice(0, limit)
}

/** Forgets days older than ACTIVITY_RETENTION_DAYS (housekeeping). */
export function deleteOldListingActivity(db: Db, clock: Clock) {
  prepared(db, deleteActivityBefore).run(activityDay(clock.now()) - ACTIVITY_RETENTION_DAYS)
}

const providerOfListing = (db: Db) =>
  db.$client
    .prepare('select s.member_id from listings l join stores s on s.id = l.store_id where l.id = ?')
    .pluck()

// A listing deleted since its view was counted is skipped, not a failed flush.
const addActivity = (db: Db) =>
  db.$client.prepare(`
    insert into listing_activity (day, kind, listing_id, count)
    select :day, :kind, id, :count from listings where id = :listingId
    on conflict (day, kind, listing_id) do update set count = count + excluded.count`)

const rememberView = (db: Db) =>
  db.$client.prepare(`
    insert into recently_viewed (member_id, listing_id, viewed_at)
    select :memberId, l.id, :viewedAt from listings l
    where l.id = :listingId and exists (select 1 from members where id = :memberId)
    on conflict (member_id, listing_id) do update
    set viewed_at = max(viewed_at, excluded.viewed_at)`)

const trimRecentlyViewed = (db: Db) =>
  db.$client.prepare(`
    delete from recently_viewed where member_id = :memberId and listing_id not in (
      select listing_id from recently_viewed where member_id = :memberId
      order by viewed_at desc limit :limit)`)

// The weights (one row per day and kind) drive the loop, each looking its buckets up on the
// primary key; only the scores are sorted.
const trendingListings = (db: Db) =>
  db.$client
    .prepare(
      `
    with weights as (
      select value ->> 'day' as day, value ->> 'kind' as kind, value ->> 'weight' as weight
      from json_each(:weights)
    ), scores as (
      select a.listing_id, sum(a.count * w.weight) as score
      from weights w join listing_activity a on a.day = w.day and a.kind = w.kind
      group by a.listing_id
      having score >= :minimum
    )
    select l.id from scores join listings l on l.id = scores.listing_id
    where l.status = 'published'
    order by scores.score desc, l.published_at desc, l.id desc
    limit :limit`,
    )
    .pluck()

const deleteActivityBefore = (db: Db) =>
  db.$client.prepare('delete from listing_activity where day < ?')
