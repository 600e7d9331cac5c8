// "Helpful" votes: a member says a review helped them choose, and "most helpful" puts such reviews
// first. One vote per member and review (the row's primary key), never on one's own review, and
// never by the store's owner on reviews of their store: an owner's vote would push the kind
// words up and the complaints down, which is exactly what the sort must not let anyone do.
//
// reviews.helpful_count moves in the same transaction as the vote row, and only when a row was
// really inserted (or deleted): a double post, two tabs or a replayed form count once.
import { visibleReviewParties } from './visible'
import { and, eq, sql } from 'drizzle-orm'
import { reviews, reviewVotes } from '../../../db/schema'
import type { Db } from '../../db'
import type { Clock } from '../../lib/clock'
import type { Tx } from '../transaction'

export type VoteRefusal = 'not_found' | 'own_review' | 'own_store'
export type VoteResult =
  { ok: true; helpfulCount: number; voted: boolean } | { ok: false; reason: VoteRefusal }

/** Counts `memberId`'s helpful vote on a published, visible review of a store, once. */
export function voteHelpful(db: Db, clock: Clock, memberId: number, reviewId: number): VoteResult {
  return db.transaction(
    (tx): VoteResult => {
      const refused = refusal(tx, memberId, reviewId)
      if (refused) return { ok: false, reason: refused }
      const added = tx
        .insert(reviewVotes)
        .values({ reviewId, memberId, createdAt: clock.now() })
        .onConflictDoNothing()
        .returning({ reviewId: reviewVotes.reviewId })
        .get()
      if (added)
        tx.update(reviews)
          .set({ helpfulCount: sql`${reviews.helpfulCount} + 1` })
          .where(eq(reviews.id, reviewId))
          .run()
      return { ok: true, helpfulCount: helpfulCount(tx, reviewId), voted: true }
    },
    { behavior: 'immediate' },
  )
}

/** Takes `memberId`'s vote back, if they had given it. */
export function withdrawHelpfulVote(db: Db, memberId: number, reviewId: number): VoteResult {
  return db.transaction(
    (tx): VoteResult => {
      const refused = refusal(tx, memberId, reviewId)
      if (refused) return { ok: false, reason: refused }
      const removed = tx
        .delete(reviewVotes)
        .where(and(eq(reviewVotes.reviewId, reviewId), eq(reviewVotes.memberId, memberId)))
        .returning({ reviewId: reviewVotes.reviewId })
        .get()
      if (removed)
        tx.update(reviews)
          .set({ helpfulCount: sql`${reviews.helpfulCount} - 1` })
          .where(and(eq(reviews.id, reviewId), sql`${reviews.helpfulCount} > 0`))
          .run()
      return { ok: true, helpfulCount: helpfulCount(tx, reviewId), voted: false }
    },
    { behavior: 'immediate' },
  )
}

/** Why `memberId` may not vote on the review, if they may not. */
function refusal(tx: Tx, memberId: number, reviewId: number): VoteRefusal | undefined {
  const review = visibleReviewParties(tx, reviewId)
  if (!review) return 'not_found'
  if (review.authorId === memberId) return 'own_review'
  if (review.ownerId === memberId) return 'own_store'
  return undefined
}

function helpfulCount(tx: Tx, reviewId: number): number {
  return (
    tx.select({ count: reviews.helpfulCount }).from(reviews).where(eq(reviews.id, reviewId)).get()
      ?.count ?? 0
  )
}
