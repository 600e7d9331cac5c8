// Reviews as buyers read them, on a storefront (every review of the store) and on a listing's
// page (the reviews of orders that included that listing). Only published reviews of stores are
// ever read here: a review waiting for the other side (double-blind, src/models/review.ts) is
// its author's alone, and reviews of buyers belong on the buyer's profile.
//
// The summary (average, count, bars for 5…1 stars, "would recommend") counts the visible ones; a
// review the market removed stays in the list, in its place, as the market's note alone — its
// words, stars and photos are not even read — so a buyer sees that something was taken down
// rather than a store that seems spotless. Removed ones sort last: they tell a buyer nothing.
import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm'
import {
  images,
  members,
  orderLines,
  reviewPhotos,
  reviewReplies,
  reviews,
  stores,
} from '../../../db/schema'
import type { Db } from '../../db'
import { pageWithin, type PageWindow } from '../../lib/pagination'
import { FORMER_MEMBER_NAME } from '../account-deletion'
import type { Image } from '../image'

export const REVIEW_SORTS = ['newest', 'helpful', 'lowest'] as const
export type ReviewSort = (typeof REVIEW_SORTS)[number]
export const REVIEWS_PAGE_SIZE = 10

/** Whose reviews: a store's, or only those of its orders that included one listing. */
export type ReviewScope = { storeId: number; listingId?: number | undefined }

export type ReviewSummary = {
  /** Visible reviews; the removed ones are not counted. */
  count: number
  average: number
  /** How many reviews gave 5, 4, 3, 2 and 1 stars, in that order. */
  distribution: { stars: number; count: number }[]
  /** Of the reviews that answered "would you recommend", how many said yes. */
  recommend: { yes: number; answered: number }
}

/** One review as a page shows it. A removed one keeps only its date and the market's note. */
export type ReviewCard = {
  id: number
  storeId: number
  authorId: number
  /** The author's first name ("Isatou"), or "Former member". */
  authorName: string
  stars: number
  title: string
  body: string
  recommend: boolean | null
  helpfulCount: number
  publishedAt: Date
  editedAt: Date | null
  hiddenAt: Date | null
  hiddenNote: string
  /** What was ordered, as the order's lines say: "Leaking tap repair (Call-out)". */
  ordered: string[]
  photos: { image: Image; position: number }[]
  /** The store's one public reply. */
  reply: { body: string; createdAt: Date } | null
  /** Whether the member reading has voted it helpful (false for visitors). */
  votedByViewer: boolean
  /** Whether the member reading has reported it already (false for visitors). */
  reportedByViewer: boolean
}

export type ReviewsPage = {
  summary: ReviewSummary
  reviews: ReviewCard[]
  /** Every published review in scope, removed ones included: the list's length. */
  total: number
  page: PageWindow
  sort: ReviewSort
}

/** `?reviews=` as a sort: anything else is the newest first. */
export function readReviewSort(value: string | undefined): ReviewSort {
  return (REVIEW_SORTS as readonly string[]).includes(value ?? '')
    ? (value as ReviewSort)
    : 'newest'
}

/**
 * The summary and one page of the scope's published reviews, in the order asked for.
 * @example listReviews(db, { storeId: 3, listingId: 12 }, { sort: 'lowest', page: 1, viewerId: null })
 */
export function listReviews(
  db: Db,
  scope: ReviewScope,
  options: { sort: ReviewSort; page: number; viewerId: number | null },
): ReviewsPage {
  const summary = reviewSummary(db, scope)
  const total =
    db
      .select({ count: sql<number>`count(*)` })
      .from(reviews)
      .where(inScope(scope))
      .get()?.count ?? 0
  const page = pageWithin(options.page, total, REVIEWS_PAGE_SIZE)
  const rows =
    total === 0
      ? []
      : reviewRows(db, inScope(scope), options.viewerId)
          .orderBy(...ORDERS[options.sort])
          .limit(page.size)
          .offset(page.offset)
          .all()
  return { summary, reviews: toCards(db, rows), total, page, sort: options.sort }
}

/** The average, count, bars and "would recommend" of the scope's visible reviews. */
export function reviewSummary(db: Db, scope: ReviewScope): ReviewSummary {
  const groups = db
    .select({
      stars: reviews.stars,
      count: sql<number>`count(*)`,
      yes: sql<number>`coalesce(sum(${reviews.recommend} = 1), 0)`,
      answered: sql<number>`count(${reviews.recommend})`,
    })
    .from(reviews)
    .where(and(inScope(scope), sql`${reviews.hiddenAt} IS NULL`))
    .groupBy(reviews.stars)
    .all()
  const count = groups.reduce((sum, group) => sum + group.count, 0)
  const stars = groups.reduce((sum, group) => sum + group.stars * group.count, 0)
  return {
    count,
    average: count > 0 ? stars / count : 0,
    distribution: [5, 4, 3, 2, 1].map((value) => ({
      stars: value,
      count: groups.find((group) => group.stars === value)?.count ?? 0,
    })),
    recommend: {
      yes: groups.reduce((sum, group) => sum + group.yes, 0),
      answered: groups.reduce((sum, group) => sum + group.answered, 0),
    },
  }
}

/** One published review of a store as its card shows it to `viewerId`; undefined otherwise. */
export function findReviewCard(
  db: Db,
  reviewId: number,
  viewerId: number | null,
): ReviewCard | undefined {
  const rows = reviewRows(db, and(published, eq(reviews.id, reviewId))!, viewerId).all()
  return toCards(db, rows)[0]
}

/** The store a published review of a store is about: where its page and its reply belong. */
export function findReviewedStore(
  db: Db,
  reviewId: number,
): { id: number; slug: string; name: string; ownerId: number } | undefined {
  return db
    .select({ id: stores.id, slug: stores.slug, name: stores.name, ownerId: stores.memberId })
    .from(reviews)
    .innerJoin(stores, eq(stores.id, reviews.storeId))
    .where(and(published, eq(reviews.id, reviewId)))
    .get()
}

/** The store's visible reviews with no reply yet, newest first, and how many there are. */
export function listReviewsAwaitingReply(
  db: Db,
  storeId: number,
  limit: number,
): { count: number; reviews: ReviewCard[] } {
  const waiting = and(
    inScope({ storeId }),
    sql`${reviews.hiddenAt} IS NULL`,
    sql`NOT EXISTS (SELECT 1 FROM ${reviewReplies} WHERE ${reviewReplies.reviewId} = ${reviews.id})`,
  )!
  const count =
    db
      .select({ count: sql<number>`count(*)` })
      .from(reviews)
      .where(waiting)
      .get()?.count ?? 0
  const rows =
    count === 0
      ? []
      : reviewRows(db, waiting, null)
          .orderBy(...ORDERS.newest)
          .limit(limit)
          .all()
  return { count, reviews: toCards(db, rows) }
}

// --- Queries ------------------------------------------------------------------------------------

const published = and(eq(reviews.direction, 'of_store'), isNotNull(reviews.publishedAt))

function inScope(scope: ReviewScope): SQL {
  const store = and(eq(reviews.storeId, scope.storeId), published)!
  if (scope.listingId === undefined) return store
  return and(
    store,
    sql`${reviews.orderId} IN (SELECT ${orderLines.orderId} FROM ${orderLines} WHERE ${orderLines.listingId} = ${scope.listingId})`,
  )!
}

const removedLast = sql`${reviews.hiddenAt} IS NOT NULL`
const ORDERS: Record<ReviewSort, SQL[]> = {
  newest: [asc(removedLast), desc(reviews.publishedAt), desc(reviews.id)],
  helpful: [
    asc(removedLast),
    desc(reviews.helpfulCount),
    desc(reviews.publishedAt),
    desc(reviews.id),
  ],
  lowest: [asc(removedLast), asc(reviews.stars), desc(reviews.publishedAt), desc(reviews.id)],
}

function reviewRows(db: Db, where: SQL, viewerId: number | null) {
  return db
    .select({
      review: reviews,
      authorName: members.displayName,
      authorDeleted: sql<boolean>`${members.deletedAt} IS NOT NULL`.mapWith(Boolean),
      replyBody: reviewReplies.body,
      replyAt: reviewReplies.createdAt,
      voted:
        sql<boolean>`EXISTS (SELECT 1 FROM review_votes v WHERE v.review_id = ${reviews.id} AND v.member_id = ${viewerId ?? 0})`.mapWith(
          Boolean,
        ),
      reported:
        sql<boolean>`EXISTS (SELECT 1 FROM review_reports r WHERE r.review_id = ${reviews.id} AND r.reporter_id = ${viewerId ?? 0})`.mapWith(
          Boolean,
        ),
    })
    .from(reviews)
    .innerJoin(members, eq(members.id, reviews.authorId))
    .leftJoin(reviewReplies, eq(reviewReplies.reviewId, reviews.id))
    .where(where)
    .$dynamic()
}

type Row = Awaited<ReturnType<ReturnType<typeof reviewRows>['all']>>[number]

function toCards(db: Db, rows: Row[]): ReviewCard[] {
  if (rows.length === 0) return []
  const shown = rows.filter((row) => !row.review.hiddenAt)
  const photos = shown.length
    ? db
        .select({ reviewId: reviewPhotos.reviewId, position: reviewPhotos.position, image: images })
        .from(reviewPhotos)
        .innerJoin(images, eq(images.id, reviewPhotos.imageId))
        .where(
          inArray(
            reviewPhotos.reviewId,
            shown.map((row) => row.review.id),
          ),
        )
        .orderBy(asc(reviewPhotos.position))
        .all()
    : []
  const lines = shown.length
    ? db
        .select({
          orderId: orderLines.orderId,
          title: orderLines.title,
          unitName: orderLines.unitName,
        })
        .from(orderLines)
        .where(
          inArray(
            orderLines.orderId,
            shown.map((row) => row.review.orderId),
          ),
        )
        .orderBy(asc(orderLines.id))
        .all()
    : []
  return rows.map(({ review, ...row }): ReviewCard => {
    const removed = review.hiddenAt !== null
    return {
      id: review.id,
      storeId: review.storeId,
      authorId: review.authorId,
      authorName: row.authorDeleted ? FORMER_MEMBER_NAME : firstName(row.authorName),
      // What the market removed is not carried to the page at all, so no view can show it.
      stars: removed ? 0 : review.stars,
      title: removed ? '' : review.title,
      body: removed ? '' : review.body,
      recommend: removed ? null : review.recommend,
      helpfulCount: removed ? 0 : review.helpfulCount,
      publishedAt: review.publishedAt!,
      editedAt: removed ? null : review.editedAt,
      hiddenAt: review.hiddenAt,
      hiddenNote: review.hiddenNote,
      ordered: [
        ...new Set(
          lines
            .filter((line) => line.orderId === review.orderId)
            .map((line) => (line.unitName ? `${line.title} (${line.unitName})` : line.title)),
        ),
      ],
      photos: photos
        .filter((photo) => photo.reviewId === review.id)
        .map(({ image, position }) => ({ image, position })),
      reply:
        !removed && row.replyBody !== null && row.replyAt !== null
          ? { body: row.replyBody, createdAt: row.replyAt }
          : null,
      votedByViewer: !removed && row.voted,
      reportedByViewer: row.reported,
    }
  })
}

/** "Isatou" of "Isatou Bah": reviews name their author as neighbours would, not in full. */
function firstName(displayName: string): string {
  return displayName.trim().split(/\s+/)[0] || displayName
}
