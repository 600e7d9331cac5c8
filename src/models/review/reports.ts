// Reports: a member tells the market that a published review breaks its rules (abuse, someone's
// private details, a review of something else). One report per member and review
// (review_reports' unique index); the review's own author cannot report it. Reports wait in the
// operator's queue (/admin/reviews) until the operator decides, for all of a review's reports at
// once:
//
// - Hide (abusive): the review is removed with a note that readers see in its place, it stops
//   counting in the store's and listings' ratings (countInRatings, −1, in the same transaction),
//   and its reports are resolved as upheld.
// - Keep: the review stays; its reports are resolved as dismissed. A later report opens it again.
import { visibleStoreReview } from './visible'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { members, reviewReports, reviews, stores } from '../../../db/schema'
import type { Db } from '../../db'
import type { Clock } from '../../lib/clock'
import { countInRatings } from '../review'
import type { Tx } from '../transaction'
import { findReviewCard, type ReviewCard } from './reading'

/** Most a reason can say: enough for what is wrong, not a novel. */
export const REVIEW_REPORT_REASON_MAX = 1000
/** Most a removal note can say; readers see it where the review was. */
export const REMOVAL_NOTE_MAX = 300

export type ReportRefusal = 'not_found' | 'own_review' | 'already_reported'
export type ReportResult = { ok: true } | { ok: false; reason: ReportRefusal }

/** Puts `memberId`'s report of a published, visible review of a store in the operator's queue. */
export function reportReview(
  db: Db,
  clock: Clock,
  memberId: number,
  reviewId: number,
  reason: string,
): ReportResult {
  return db.transaction(
    (tx): ReportResult => {
      const review = tx
        .select({ authorId: reviews.authorId })
        .from(reviews)
        .where(and(eq(reviews.id, reviewId), visibleStoreReview))
        .get()
      if (!review) return { ok: false, reason: 'not_found' }
      if (review.authorId === memberId) return { ok: false, reason: 'own_review' }
      const kept = tx
        .insert(reviewReports)
        .values({ reviewId, reporterId: memberId, reason, createdAt: clock.now() })
        .onConflictDoNothing()
        .returning({ id: reviewReports.id })
        .get()
      return kept ? { ok: true } : { ok: false, reason: 'already_reported' }
    },
    { behavior: 'immediate' },
  )
}

/** A reported review in the queue, with every open report of it, oldest first. */
export type ReportedReview = {
  review: ReviewCard
  store: { name: string; slug: string }
  reports: { reason: string; reporterName: string; createdAt: Date }[]
}

/** The operator's queue: reviews with open reports, the longest-waiting first. */
export function listReportedReviews(db: Db, limit = 50): ReportedReview[] {
  const open = db
    .select({
      reviewId: reviewReports.reviewId,
      reason: reviewReports.reason,
      createdAt: reviewReports.createdAt,
      reporterName: members.displayName,
    })
    .from(reviewReports)
    .innerJoin(members, eq(members.id, reviewReports.reporterId))
    .where(isNull(reviewReports.resolvedAt))
    .orderBy(asc(reviewReports.id))
    .all()
  const reviewIds = [...new Set(open.map((report) => report.reviewId))].slice(0, limit)
  if (reviewIds.length === 0) return []
  const storesOf = new Map(
    db
      .select({ reviewId: reviews.id, name: stores.name, slug: stores.slug })
      .from(reviews)
      .innerJoin(stores, eq(stores.id, reviews.storeId))
      .where(inArray(reviews.id, reviewIds))
      .all()
      .map((row) => [row.reviewId, { name: row.name, slug: row.slug }]),
  )
  return reviewIds.flatMap((reviewId) => {
    const review = findReviewCard(db, reviewId, null)
    const store = storesOf.get(reviewId)
    if (!review || !store) return []
    const reports = open
      .filter((report) => report.reviewId === reviewId)
      .map(({ reason, reporterName, createdAt }) => ({ reason, reporterName, createdAt }))
    return [{ review, store, reports }]
  })
}

/** How many reviews wait for the operator's decision. */
export function countReportedReviews(db: Db): number {
  return (
    db
      .select({ count: sql<number>`count(DISTINCT ${reviewReports.reviewId})` })
      .from(reviewReports)
      .where(isNull(reviewReports.resolvedAt))
      .get()?.count ?? 0
  )
}

export type DecisionResult = { ok: true } | { ok: false; reason: 'not_found' }

/**
 * Upholds the reports: removes the review with `note` in its place, takes it out of every
 * rating it counted in, and resolves its open reports as upheld — all in one transaction.
 * Refused (not_found) for a review that is not published or already removed.
 */
export function hideReview(
  db: Db,
  clock: Clock,
  operatorId: number,
  reviewId: number,
  note: string,
): DecisionResult {
  return db.transaction(
    (tx): DecisionResult => {
      const now = clock.now()
      const hidden = tx
        .update(reviews)
        .set({ hiddenAt: now, hiddenNote: note })
        .where(and(eq(reviews.id, reviewId), visibleStoreReview))
        .returning()
        .get()
      if (!hidden) return { ok: false, reason: 'not_found' }
      countInRatings(tx, hidden, -1, hidden.stars)
      resolveReports(tx, reviewId, 'upheld', operatorId, now)
      return { ok: true }
    },
    { behavior: 'immediate' },
  )
}

/** Dismisses the review's open reports: it stays as it is. Refused when none is open. */
export function keepReview(
  db: Db,
  clock: Clock,
  operatorId: number,
  reviewId: number,
): DecisionResult {
  return db.transaction(
    (tx): DecisionResult =>
      resolveReports(tx, reviewId, 'dismissed', operatorId, clock.now()) > 0
        ? { ok: true }
        : { ok: false, reason: 'not_found' },
    { behavior: 'immediate' },
  )
}

function resolveReports(
  tx: Tx,
  reviewId: number,
  resolution: 'upheld' | 'dismissed',
  operatorId: number,
  at: Date,
): number {
  return tx
    .update(reviewReports)
    .set({ resolvedAt: at, resolution, resolvedBy: operatorId })
    .where(and(eq(reviewReports.reviewId, reviewId), isNull(reviewReports.resolvedAt)))
    .run().changes
}
