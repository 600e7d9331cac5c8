import type { Db } from '../db'
import type { ListingCard } from './listing'
import { RECENTLY_VIEWED_LIMIT, type ListingActivity } from './listing-activity'
import { listingCardsInOrder } from './listing-cards'
import { prepared } from './prepared'
import type { SessionMember } from './session'

/**
 * The listings `member` looked at last that are still on sale, newest first: those written by
 * the last flush and those still waiting in memory for the next (see listing-activity.ts).
 */
export function listRecentlyViewed(
  db: Db,
  activity: ListingActivity,
  member: SessionMember,
): ListingCard[] {
  const stored = prepared(db, recentlyViewedOf).all({
    memberId: member.id,
    limit: RECENTLY_VIEWED_LIMIT,
  }) as { listingId: number; viewedAt: number }[]
  const latest = new Map<number, number>()
  for (const [listingId, viewedAt] of activity.pendingRecentlyViewed(member.id))
    latest.set(listingId, viewedAt)
  for (const row of stored) if (!latest.has(row.listingId)) latest.set(row.listingId, row.viewedAt)
  const ids = [...latest]
    .sort((a, b) => b[1] - a[1])
    .slice(0, RECENTLY_VIEWED_LIMIT)
    .map(([listingId]) => listingId)
  return listingCardsInOrder(db, ids)
}

const recentlyViewedOf = (db: Db) =>
  db.$client.prepare(`
    select listing_id as listingId, viewed_at as viewedAt from recently_viewed
    where member_id = :memberId order by viewed_at desc limit :limit`)
