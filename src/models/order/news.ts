// Who hears of an order, and how: both sides' open pages (a kept event each, so the order page,
// the buyer's orders and the store's sales change in place), and a note for whoever did not do
// it themselves (the bell). A dispute is the operators' to decide, so they hear of it too (one who
// is a party to the order already does, and never decides it). Written in the transaction of the
// change; published after it.
import { eq, sql } from 'drizzle-orm'
import { members, stores } from '../../../db/schema'
import type { Db } from '../../db'
import { recordEvent, type LiveEvent } from '../../live/events'
import { notify, type NotificationKind } from '../notification'
import type { Order } from '../order'
import { prepared } from '../prepared'
import type { Tx } from '../transaction'

/** What happened to the order: placed, a step of the table, or a payment recorded. */
export type OrderHappening = { action: string; actorId: number | null }

/** The event every open page of the buyer and the provider hears when an order changes. */
export const ORDER_CHANGED = 'order.changed'

/**
 * Keeps the order's news inside the caller's transaction.
 * @returns the events to publish once it committed
 */
export function recordOrderNews(
  tx: Tx | Db,
  order: Order,
  happening: OrderHappening,
  at: Date,
): LiveEvent[] {
  const owner = prepared(tx as Db, storeOwner).get({ storeId: order.storeId })?.memberId
  const involved = owner === undefined ? [order.buyerId] : [order.buyerId, owner]
  const news = recordEvent(tx, involved, ORDER_CHANGED, { code: order.code }, at)
  const kind = notificationKind(happening.action)
  const told = kind === 'order.disputed' ? [...involved, ...operatorIds(tx as Db)] : involved
  for (const memberId of new Set(told)) {
    if (memberId === happening.actorId) continue
    news.push(
      ...notify(
        tx,
        {
          memberId,
          kind,
          subject: `order:${order.code}`,
          data: { code: order.code, status: order.status, action: happening.action },
        },
        at,
      ),
    )
  }
  return news
}

function notificationKind(action: string): NotificationKind {
  if (action === 'place') return 'order.placed'
  if (action === 'payment') return 'order.paid'
  if (action === 'dispute') return 'order.disputed'
  return 'order.changed'
}

function operatorIds(db: Db): number[] {
  return prepared(db, operators)
    .all()
    .map((row) => row.id)
}

const operators = (db: Db) =>
  db.select({ id: members.id }).from(members).where(eq(members.role, 'operator')).prepare()

const storeOwner = (db: Db) =>
  db
    .select({ memberId: stores.memberId })
    .from(stores)
    .where(eq(stores.id, sql.placeholder('storeId')))
    .prepare()
