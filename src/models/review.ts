// Reviews: trust built only from completed orders. After an order completes, each side may review
// the other once — the buyer the store (stars, a title, words, photos, "would recommend"), the
// store's owner the buyer (shown on the buyer's profile) — for REVIEW_WINDOW.
//
// Double-blind: a review stays unpublished, seen by its author only, until the other side has
// written theirs or the window has closed (publishDueReviews, hourly). Nobody can read what was
// said of them before saying their own piece, so nobody reviews in retaliation.
//
// A published review of a store counts in its rating and in the rating of every listing the order
// included: the counts and star sums on stores and listings change in the transaction that
// publishes, edits or hides it, so pages and search read them without adding anything up.
// Its author may edit it for EDIT_WINDOW after publication; the edit is marked.
import { uploadedBy } from './image'
import { and, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import { listings, orderLines, orders, reviewPhotos, reviews, stores } from '../../db/schema'
import type { Db } from '../db'
import { DAY, HOUR, type Clock } from '../lib/clock'
import type { Bus } from '../live/bus'
import { publishEvents, type LiveEvent } from '../live/events'
import { recordReviewsPublished, recordReviewWritten, reviewedOrder } from './review/news'
import type { Tx } from './transaction'

export type Review = typeof reviews.$inferSelect
export type ReviewDirection = Review['direction']

/** How long after an order completes its two sides may review it; unpublished ones publish then. */
export const REVIEW_WINDOW = 14 * DAY
/** How long after publication a review may still be edited (marked as edited). */
export const EDIT_WINDOW = 48 * HOUR
export const MAX_REVIEW_PHOTOS = 4
export const REVIEW_TITLE_MAX = 100
export const REVIEW_BODY_MAX = 2000

/** What a review form gives: `recommend` only for reviews of stores, `photoIds` uploaded images. */
export type ReviewInput = {
  stars: number
  title: string
  body: string
  recommend: boolean | null
  photoIds: number[]
}

type OrderForReview = Pick<
  typeof orders.$inferSelect,
  'id' | 'code' | 'buyerId' | 'storeId' | 'status' | 'completedAt'
> & { ownerId: number }

export type ReviewRefusal =
  'not_found' | 'not_completed' | 'window_closed' | 'already_reviewed' | 'bad_photos'

/** Which review `memberId` may write of an order: the buyer's of the store, or the owner's of the buyer. */
export function reviewDirectionFor(
  order: OrderForReview,
  memberId: number,
): ReviewDirection | null {
  if (order.buyerId === memberId) return 'of_store'
  if (order.ownerId === memberId) return 'of_buyer'
  return null
}

/** An order with its store's owner, by its public code. */
export function findOrderForReview(db: Db | Tx, code: string): OrderForReview | undefined {
  return (db as Db)
    .select({
      id: orders.id,
      code: orders.code,
      buyerId: orders.buyerId,
      storeId: orders.storeId,
      status: orders.status,
      completedAt: orders.completedAt,
      ownerId: stores.memberId,
    })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(eq(orders.code, code))
    .get()
}

/** When the order's review window closes; undefined while the order is not completed. */
export function reviewWindowClosesAt(order: Pick<OrderForReview, 'status' | 'completedAt'>) {
  if (order.status !== 'completed' || !order.completedAt) return undefined
  return new Date(order.completedAt.getTime() + REVIEW_WINDOW)
}

/**
 * Whether `memberId` may review this order now, and which way. Someone else's order is
 * `not_found`, as it is everywhere: its existence is none of their business.
 */
export function reviewEligibility(
  db: Db | Tx,
  clock: Clock,
  order: OrderForReview | undefined,
  memberId: number,
): { ok: true; direction: ReviewDirection } | { ok: false; reason: ReviewRefusal } {
  const direction = order ? reviewDirectionFor(order, memberId) : null
  if (!order || !direction) return { ok: false, reason: 'not_found' }
  const closesAt = reviewWindowClosesAt(order)
  if (!closesAt) return { ok: false, reason: 'not_completed' }
  if (clock.now().getTime() >= closesAt.getTime()) return { ok: false, reason: 'window_closed' }
  if (findReviewOf(db, order.id, direction)) return { ok: false, reason: 'already_reviewed' }
  return { ok: true, direction }
}

export function findReviewOf(
  db: Db | Tx,
  orderId: number,
  direction: ReviewDirection,
): Review | undefined {
  return (db as Db)
    .select()
    .from(reviews)
    .where(and(eq(reviews.orderId, orderId), eq(reviews.direction, direction)))
    .get()
}

export type WriteReviewResult =
  | {
      ok: true
      review: Review
      published: boolean
      /** What the other side and both sides' open pages are told (review/news.ts), once committed. */
      news: LiveEvent[]
    }
  | { ok: false; reason: ReviewRefusal }

/**
 * Writes `memberId`'s review of the order `code`, and publishes both sides' when this is the
 * second. Photos must be images the author uploaded. Publish `news` after it returns.
 * @example const result = writeReview(db, clock, member.id, code, input); if (result.ok) publishEvents(bus, result.news)
 */
export function writeReview(
  db: Db,
  clock: Clock,
  memberId: number,
  code: string,
  input: ReviewInput,
): WriteReviewResult {
  return db.transaction(
    (tx): WriteReviewResult => {
      const order = findOrderForReview(tx, code)
      const eligible = reviewEligibility(tx, clock, order, memberId)
      if (!eligible.ok || !order) return eligible.ok ? { ok: false, reason: 'not_found' } : eligible
      if (!ownPhotos(tx, memberId, input.photoIds)) return { ok: false, reason: 'bad_photos' }
      const now = clock.now()
      const written = tx
        .insert(reviews)
        .values({
          orderId: order.id,
          direction: eligible.direction,
          authorId: memberId,
          storeId: order.storeId,
          subjectId: eligible.direction === 'of_store' ? order.ownerId : order.buyerId,
          stars: input.stars,
          title: input.title,
          body: input.body,
          recommend: eligible.direction === 'of_store' ? input.recommend : null,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning()
        .get()
      if (!written) return { ok: false, reason: 'already_reviewed' }
      input.photoIds.forEach((imageId, position) =>
        tx.insert(reviewPhotos).values({ reviewId: written.id, imageId, position }).run(),
      )
      const other = eligible.direction === 'of_store' ? 'of_buyer' : 'of_store'
      const published = findReviewOf(tx, order.id, other)
        ? publishOrderReviews(tx, order.id, now)
        : []
      const review = published.find((row) => row.id === written.id) ?? written
      const news =
        published.length > 0
          ? recordReviewsPublished(tx, order, published, now)
          : recordReviewWritten(tx, order, written, reviewWindowClosesAt(order)!, now)
      return { ok: true, review, published: published.length > 0, news }
    },
    { behavior: 'immediate' },
  )
}

function ownPhotos(tx: Tx, memberId: number, imageIds: number[]): boolean {
  if (imageIds.length === 0) return true
  if (imageIds.length > MAX_REVIEW_PHOTOS || new Set(imageIds).size !== imageIds.length)
    return false
  return uploadedBy(tx, memberId, imageIds).size === imageIds.length
}

/**
 * Publishes an order's unpublished reviews (both written, or the window closed) and counts the
 * ones of the store in its ratings.
 * @returns the reviews it published
 */
export function publishOrderReviews(tx: Tx | Db, orderId: number, at: Date): Review[] {
  const published = (tx as Db)
    .update(reviews)
    .set({ publishedAt: at })
    .where(and(eq(reviews.orderId, orderId), isNull(reviews.publishedAt)))
    .returning()
    .all()
  for (const review of published) countInRatings(tx, review, +1, review.stars)
  return published
}

/**
 * Hourly: publishes what waits on orders whose review window has closed, telling each member
 * reviewed (review/news.ts); their open pages hear of it through `bus` after each commit.
 * @returns how many reviews it published
 */
export function publishDueReviews(db: Db, clock: Clock, bus?: Bus): number {
  const now = clock.now()
  const closedBefore = new Date(now.getTime() - REVIEW_WINDOW)
  const due = db
    .selectDistinct({ orderId: reviews.orderId })
    .from(reviews)
    .innerJoin(orders, eq(orders.id, reviews.orderId))
    .where(
      and(
        isNull(reviews.publishedAt),
        isNotNull(orders.completedAt),
        lte(orders.completedAt, closedBefore),
      ),
    )
    .all()
  let count = 0
  for (const { orderId } of due) {
    const { published, news } = db.transaction((tx) => {
      const published = publishOrderReviews(tx, orderId, now)
      const order = reviewedOrder(tx, orderId)
      return { published, news: order ? recordReviewsPublished(tx, order, published, now) : [] }
    })
    if (bus) publishEvents(bus, news)
    count += published.length
  }
  return count
}

/**
 * Adds a review of a store to (sign +1) or takes it from (sign −1) the ratings of the store and
 * of each listing the order included. Reviews of buyers, unpublished and hidden ones count nowhere.
 */
export function countInRatings(tx: Tx | Db, review: Review, sign: 1 | -1, stars: number) {
  if (review.direction !== 'of_store') return
  const db = tx as Db
  db.update(stores)
    .set({
      ratingCount: sql`${stores.ratingCount} + ${sign}`,
      ratingSum: sql`${stores.ratingSum} + ${sign * stars}`,
    })
    .where(eq(stores.id, review.storeId))
    .run()
  const listingIds = db
    .selectDistinct({ id: orderLines.listingId })
    .from(orderLines)
    .where(and(eq(orderLines.orderId, review.orderId), isNotNull(orderLines.listingId)))
    .all()
    .map((row) => row.id as number)
  if (listingIds.length === 0) return
  db.update(listings)
    .set({
      ratingCount: sql`${listings.ratingCount} + ${sign}`,
      ratingSum: sql`${listings.ratingSum} + ${sign * stars}`,
    })
    .where(inArray(listings.id, listingIds))
    .run()
}

export type EditReviewResult =
  { ok: true; review: Review } | { ok: false; reason: 'not_found' | 'too_late' | 'bad_photos' }

/**
 * The author changes their review: freely while it is unpublished, for EDIT_WINDOW after
 * publication (marked as edited, its rating counted anew), never after — nor once hidden.
 */
export function editReview(
  db: Db,
  clock: Clock,
  memberId: number,
  reviewId: number,
  input: ReviewInput,
): EditReviewResult {
  return db.transaction(
    (tx): EditReviewResult => {
      const review = tx
        .select()
        .from(reviews)
        .where(and(eq(reviews.id, reviewId), eq(reviews.authorId, memberId)))
        .get()
      if (!review) return { ok: false, reason: 'not_found' }
      const now = clock.now()
      if (!reviewEditable(review, now)) return { ok: false, reason: 'too_late' }
      if (!ownPhotos(tx, memberId, input.photoIds)) return { ok: false, reason: 'bad_photos' }
      const edited = tx
        .update(reviews)
        .set({
          stars: input.stars,
          title: input.title,
          body: input.body,
          recommend: review.direction === 'of_store' ? input.recommend : null,
          editedAt: review.publishedAt ? now : null,
        })
        .where(eq(reviews.id, review.id))
        .returning()
        .get()
      if (!edited) return { ok: false, reason: 'not_found' }
      tx.delete(reviewPhotos).where(eq(reviewPhotos.reviewId, review.id)).run()
      input.photoIds.forEach((imageId, position) =>
        tx.insert(reviewPhotos).values({ reviewId: review.id, imageId, position }).run(),
      )
      if (review.publishedAt && !review.hiddenAt && edited.stars !== review.stars) {
        countInRatings(tx, review, -1, review.stars)
        countInRatings(tx, edited, +1, edited.stars)
      }
      return { ok: true, review: edited }
    },
    { behavior: 'immediate' },
  )
}

/** Whether the author may still change it: unpublished, or published less than EDIT_WINDOW ago. */
export function reviewEditable(review: Review, now: Date): boolean {
  if (review.hiddenAt) return false
  if (!review.publishedAt) return true
  return now.getTime() < review.publishedAt.getTime() + EDIT_WINDOW
}

/**
 * A Bayesian average: `count` reviews averaging `sum / count`, pulled towards the market's mean by
 * PRIOR_WEIGHT imaginary reviews at that mean. A store with one 5-star review does not outrank one
 * with forty at 4.8; as reviews come, a rating moves from the market's mean to its own.
 */
export const PRIOR_WEIGHT = 5

export function weightedRating(sum: number, count: number, marketMean: number): number {
  return (PRIOR_WEIGHT * marketMean + sum) / (PRIOR_WEIGHT + count)
}

/** The mean stars of every published, visible review of a store; 4 before there is any. */
export function marketMeanRating(db: Db): number {
  const row = db
    .select({
      sum: sql<number>`coalesce(sum(${stores.ratingSum}), 0)`,
      count: sql<number>`coalesce(sum(${stores.ratingCount}), 0)`,
    })
    .from(stores)
    .get()
  return row && row.count > 0 ? row.sum / row.count : 4
}
