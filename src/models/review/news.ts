// Who hears of a review, and how. Double-blind shapes what may be said: when one side writes, the
// other is told that a review waits and when it will be published (never what it says); when
// reviews publish — the second one written, or the window closed — each member reviewed is told
// theirs can be read. Both sides' open order pages hear of either (ORDER_CHANGED), so the order's
// Review section changes in place. Written in the transaction that wrote or published the
// reviews; published after it, as order news is (order/news.ts).
import { eq } from 'drizzle-orm'
import { members, orders, stores } from '../../../db/schema'
import type { Db } from '../../db'
import { recordEvent, type LiveEvent } from '../../live/events'
import { notify } from '../notification'
import { ORDER_CHANGED } from '../order/news'
import type { Tx } from '../transaction'
import type { Review } from '../review'

/** An order as review news needs it: its code, its two sides, and when its window closes. */
export type ReviewedOrder = {
  id: number
  code: string
  buyerId: number
  storeId: number
  ownerId: number
}

/**
 * One side wrote its review and the other has not: the other side is told it waits for theirs
 * (or for `closesAt`), and both sides' open pages of the order change.
 * @returns the events to publish once the transaction committed
 */
export function recordReviewWritten(
  tx: Tx | Db,
  order: ReviewedOrder,
  review: Review,
  closesAt: Date,
  at: Date,
): LiveEvent[] {
  const news = recordEvent(
    tx,
    [order.buyerId, order.ownerId],
    ORDER_CHANGED,
    { code: order.code },
    at,
  )
  news.push(
    ...notify(
      tx,
      {
        memberId: review.subjectId,
        kind: 'review.written',
        subject: `order:${order.code}`,
        data: {
          code: order.code,
          by: authorName(tx, review),
          closesAt: closesAt.getTime(),
        },
      },
      at,
    ),
  )
  return news
}

/**
 * Reviews of one order were published: each member reviewed is told theirs can be read, and
 * both sides' open pages of the order change.
 * @returns the events to publish once the transaction committed
 */
export function recordReviewsPublished(
  tx: Tx | Db,
  order: Pick<ReviewedOrder, 'code' | 'buyerId' | 'ownerId'>,
  published: readonly Review[],
  at: Date,
): LiveEvent[] {
  if (published.length === 0) return []
  const news = recordEvent(
    tx,
    [order.buyerId, order.ownerId],
    ORDER_CHANGED,
    { code: order.code },
    at,
  )
  for (const review of published)
    news.push(
      ...notify(
        tx,
        {
          memberId: review.subjectId,
          kind: 'review.published',
          subject: `order:${order.code}`,
          data: { code: order.code, by: authorName(tx, review), direction: review.direction },
        },
        at,
      ),
    )
  return news
}

/** The order of `orderId` as review news needs it. */
export function reviewedOrder(tx: Tx | Db, orderId: number): ReviewedOrder | undefined {
  return (tx as Db)
    .select({
      id: orders.id,
      code: orders.code,
      buyerId: orders.buyerId,
      storeId: orders.storeId,
      ownerId: stores.memberId,
    })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(eq(orders.id, orderId))
    .get()
}

/**
 * How the one who wrote it is named to the one it is about: a buyer by their name, a store's owner
 * by their store's (the buyer dealt with the store).
 */
function authorName(tx: Tx | Db, review: Review): string {
  const db = tx as Db
  const row =
    review.direction === 'of_buyer'
      ? db.select({ name: stores.name }).from(stores).where(eq(stores.id, review.storeId)).get()
      : db
          .select({ name: members.displayName })
          .from(members)
          .where(eq(members.id, review.authorId))
          .get()
  return row?.name ?? 'A member'
}
