import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import { reviews, stores } from '../../../db/schema'
import type { Db } from '../../db'
import type { Tx } from '../transaction'

/**
 * A published review of a store the market has not removed: the only kind anyone may reply to,
 * vote on or report (an unpublished one is still hidden by the double-blind rule).
 */
export const visibleStoreReview = and(
  eq(reviews.direction, 'of_store'),
  isNotNull(reviews.publishedAt),
  isNull(reviews.hiddenAt),
)

/** Who wrote a visible review of a store, and who owns that store; undefined for any other. */
export function visibleReviewParties(
  tx: Tx | Db,
  reviewId: number,
): { authorId: number; ownerId: number } | undefined {
  return (tx as Db)
    .select({ authorId: reviews.authorId, ownerId: stores.memberId })
    .from(reviews)
    .innerJoin(stores, eq(stores.id, reviews.storeId))
    .where(and(eq(reviews.id, reviewId), visibleStoreReview))
    .get()
}
