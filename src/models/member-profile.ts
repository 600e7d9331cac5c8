// A member's profile: who they are on the market, and what stores they bought from said of them
// once those reviews were published (review.ts: the store's review of its buyer, double-blind
// like the buyer's of the store). Only published reviews the operator has not hidden count and
// show. A deleted account has no profile: its reviews stay where they were written, under
// "Former member", but nobody is shown as that person any more.
import { and, count, eq, isNotNull, isNull, sum } from 'drizzle-orm'
import { members, reviews, stores } from '../../db/schema'
import type { Db } from '../db'
import { pageWithin, type PageWindow } from '../lib/pagination'
import { shownReviews, type ShownReview } from './review/order-reviews'

export type MemberProfile = {
  id: number
  displayName: string
  memberSince: Date
  /** Their storefront, if they opened one. */
  store: { name: string; slug: string } | null
  /** Stars from the stores they bought from: the average and how many reviews. */
  rating: { average: number; count: number }
  /** Those reviews, newest first, a page at a time. */
  reviews: ShownReview[]
  page: PageWindow
}

const REVIEWS_PAGE_SIZE = 20

/**
 * The profile of member `id`, or undefined when there is none (never was, or deleted).
 * @example const profile = findMemberProfile(db, Number(c.req.param('id')), readPageNumber(c.req.query('page')))
 */
export function findMemberProfile(
  db: Db,
  id: number,
  requestedPage = 1,
): MemberProfile | undefined {
  const member = db
    .select({ id: members.id, displayName: members.displayName, createdAt: members.createdAt })
    .from(members)
    .where(and(eq(members.id, id), isNull(members.deletedAt)))
    .get()
  if (!member) return undefined
  const store = db
    .select({ name: stores.name, slug: stores.slug })
    .from(stores)
    .where(eq(stores.memberId, id))
    .get()
  const ofThem = and(
    eq(reviews.subjectId, id),
    eq(reviews.direction, 'of_buyer'),
    isNotNull(reviews.publishedAt),
    isNull(reviews.hiddenAt),
  )
  const totals = db
    .select({ count: count(), stars: sum(reviews.stars) })
    .from(reviews)
    .where(ofThem)
    .get()
  const total = totals?.count ?? 0
  const page = pageWithin(requestedPage, total, REVIEWS_PAGE_SIZE)
  return {
    id: member.id,
    displayName: member.displayName,
    memberSince: member.createdAt,
    store: store ?? null,
    rating: { average: total > 0 ? Number(totals?.stars ?? 0) / total : 0, count: total },
    reviews: shownReviews(db, ofThem, { limit: page.size, offset: page.offset }),
    page,
  }
}
