// The store's public reply to a review of it: once per review (review_replies is keyed by the
// review), written by the store's owner, under the review for every reader to see. Only to
// published, visible reviews: an unpublished one is still hidden from the store by the
// double-blind rule, and one the market removed has nothing left to answer.
import { visibleReviewParties } from './visible'
import { reviewReplies } from '../../../db/schema'
import type { Db } from '../../db'
import type { Clock } from '../../lib/clock'

/** The longest reply: room to thank, explain or put something right, not to argue at length. */
export const REPLY_MAX = 1000

export type ReplyRefusal = 'not_found' | 'not_your_store' | 'already_replied'
export type ReplyResult = { ok: true } | { ok: false; reason: ReplyRefusal }

/** Publishes the store owner's one reply under a review of their store. */
export function replyToReview(
  db: Db,
  clock: Clock,
  memberId: number,
  reviewId: number,
  body: string,
): ReplyResult {
  return db.transaction(
    (tx): ReplyResult => {
      const review = visibleReviewParties(tx, reviewId)
      if (!review) return { ok: false, reason: 'not_found' }
      if (review.ownerId !== memberId) return { ok: false, reason: 'not_your_store' }
      const written = tx
        .insert(reviewReplies)
        .values({ reviewId, authorId: memberId, body, createdAt: clock.now() })
        .onConflictDoNothing()
        .returning({ reviewId: reviewReplies.reviewId })
        .get()
      return written ? { ok: true } : { ok: false, reason: 'already_replied' }
    },
    { behavior: 'immediate' },
  )
}
