// Moving an order on: one step of the table in transitions.ts, taken by someone the order lets
// take it, with what the step means for stock and money done in the same transaction.
//
// The status is changed with a guarded update (`WHERE id = ? AND status = ?`): a step taken from
// a page that was already out of date (the buyer cancelled while the provider was accepting)
// changes nothing and says so. What each new status brings with it:
//   cancelled  → the stock the order took is returned, a booking's time freed; money held for it
//                goes back to the buyer;
//   delivered  → the day auto-completion counts from;
//   completed  → money held goes to the store, less the market's commission (ledger.ts);
//   no_show    → the same: the provider kept the time;
//   refunded   → money held goes back to the buyer, and a booking's time is freed.
// Every step is a row of the order's timeline. The members involved hear of it (news.ts): kept in
// the step's transaction, published after the commit, never before (a step that rolled back must
// not be announced).
import { and, eq, lte } from 'drizzle-orm'
import { orderEvents, orderLines, orders } from '../../../db/schema'
import type { Db } from '../../db'
import type { Bus } from '../../live/bus'
import { publishEvents, type LiveEvent } from '../../live/events'
import type { Clock } from '../../lib/clock'
import { DAY } from '../../lib/clock'
import { returnStock } from '../listing/units'
import { recordOrderPayment, refundOrder, releaseOrderToStore } from '../ledger'
import type { Order, OrderAccess } from '../order'
import type { Tx } from '../transaction'
import {
  bookingPhase,
  hasLapsed,
  LAPSED_NOTE,
  releaseBookingOf,
  type Booking,
} from '../booking/booked-time'
import { recordOrderNews } from './news'
import {
  nextOrderStatus,
  type GoodsFulfilment,
  type OrderAction,
  type OrderActor,
  type OrderState,
  type OrderStatus,
} from './transitions'

/** What taking a step needs besides the order: the database, the time, and whom to tell. */
export type OrderDeps = { db: Db; clock: Clock; bus: Bus }

export type StepResult =
  | { ok: true; order: Order }
  | { ok: false; reason: 'not_allowed' | 'reason_required' | 'changed_meanwhile' }

/** The longest reason or note kept on a step. */
export const MAX_REASON_LENGTH = 500

/**
 * What the transition table needs to know of an order row — and, for a booking, of its time now
 * (without it, no step that depends on the clock is offered).
 */
export function orderState(
  order: Pick<Order, 'kind' | 'status' | 'fulfilment'>,
  booked?: { booking: Pick<Booking, 'startsAt' | 'cancellableUntil'> | null; now: Date },
): OrderState {
  return {
    kind: order.kind,
    status: order.status,
    fulfilment: order.kind === 'goods' ? (order.fulfilment as GoodsFulfilment) : null,
    phase: booked?.booking ? bookingPhase(booked.booking, booked.now) : undefined,
  }
}

/** The first of the member's roles on the order that may take this step now, if any. */
export function actorFor(
  access: OrderAccess,
  action: OrderAction,
  now: Date,
): OrderActor | undefined {
  const state = orderState(access.order, { booking: access.booking, now })
  return access.roles.find((role) => nextOrderStatus(state, action, role))
}

/**
 * Takes `action` on the order as the member of `access`, with the reason or note they gave.
 * @example takeOrderStep(deps, access, 'decline', 'Out of stock until June')
 */
export function takeOrderStep(
  deps: OrderDeps,
  access: OrderAccess,
  action: OrderAction,
  note: string,
): StepResult {
  const now = deps.clock.now()
  // A request past its deadline lapses now rather than when the job next runs: confirming it
  // late would promise a time that is, by then, offered to others.
  if (hasLapsed(access.order, access.booking, now)) {
    moveOrder(deps, access.order, 'expire', 'system', null, LAPSED_NOTE)
    return { ok: false, reason: 'changed_meanwhile' }
  }
  const actor = actorFor(access, action, now)
  if (!actor) return { ok: false, reason: 'not_allowed' }
  return moveOrder(deps, access.order, action, actor, access.memberId, note, access.booking)
}

/**
 * The step itself, for a known actor: the member's (above) or the scheduler's (which takes no
 * step that depends on a booking's time, so needs no booking).
 */
export function moveOrder(
  deps: OrderDeps,
  order: Order,
  action: OrderAction,
  actor: OrderActor,
  actorId: number | null,
  note: string,
  booking: Booking | null = null,
): StepResult {
  const state = orderState(order, { booking, now: deps.clock.now() })
  const transition = nextOrderStatus(state, action, actor)
  if (!transition) return { ok: false, reason: 'not_allowed' }
  const said = note.trim().slice(0, MAX_REASON_LENGTH)
  if (transition.needsReason && said === '') return { ok: false, reason: 'reason_required' }
  const at = deps.clock.now()
  let news: LiveEvent[] = []
  const moved = deps.db.transaction((tx) => {
    const row = tx
      .update(orders)
      .set({
        status: transition.to,
        updatedAt: at,
        ...(transition.needsReason ? { reason: said } : {}),
        ...(transition.to === 'delivered' ? { deliveredAt: at } : {}),
        ...(transition.to === 'completed' ? { completedAt: at } : {}),
      })
      .where(and(eq(orders.id, order.id), eq(orders.status, order.status)))
      .returning()
      .get()
    if (!row) return undefined
    tx.insert(orderEvents)
      .values({
        orderId: row.id,
        action,
        actor,
        actorId,
        fromStatus: order.status,
        toStatus: row.status,
        note: said,
        at,
      })
      .run()
    settle(tx, row, transition.to, { at, recordedBy: actorId })
    news = recordOrderNews(tx, row, { action, actorId }, at)
    return row
  })
  if (!moved) return { ok: false, reason: 'changed_meanwhile' }
  publishEvents(deps.bus, news)
  return { ok: true, order: moved }
}

/** What a new status means for stock and money, in the step's transaction. */
function settle(
  tx: Tx,
  order: Order,
  to: OrderStatus,
  settling: { at: Date; recordedBy: number | null },
) {
  if (to === 'cancelled' || to === 'refunded') releaseBookingOf(tx, order.id)
  if (to === 'cancelled') {
    const lines = tx.select().from(orderLines).where(eq(orderLines.orderId, order.id)).all()
    for (const line of lines)
      if (line.stocked && line.unitId !== null) returnStock(tx, line.unitId, line.quantity)
    refundOrder(tx, order, settling)
  }
  if (to === 'completed' || to === 'no_show') releaseOrderToStore(tx, order, settling)
  if (to === 'refunded') refundOrder(tx, order, settling)
}

export type PaymentResult =
  { ok: true; order: Order } | { ok: false; reason: 'not_allowed' | 'already_paid' }

/**
 * The provider (or the operator) says the buyer paid, quoting the reference given: the money is
 * then held for the order (or, for an order already finished, settled at once — ledger.ts).
 */
export function recordPayment(
  deps: OrderDeps,
  access: OrderAccess,
  reference: string,
): PaymentResult {
  const actor = access.roles.find((role) => role === 'provider' || role === 'operator')
  if (!actor) return { ok: false, reason: 'not_allowed' }
  if (access.order.paidAt) return { ok: false, reason: 'already_paid' }
  const at = deps.clock.now()
  const quoted = reference.trim().slice(0, MAX_REASON_LENGTH)
  let news: LiveEvent[] = []
  const result = deps.db.transaction((tx): PaymentResult => {
    const paid = recordOrderPayment(tx, access.order, {
      reference: quoted,
      recordedBy: access.memberId,
      at,
    })
    if (!paid.ok) return paid
    tx.insert(orderEvents)
      .values({
        orderId: paid.order.id,
        action: 'payment',
        actor,
        actorId: access.memberId,
        fromStatus: paid.order.status,
        toStatus: paid.order.status,
        note: quoted,
        at,
      })
      .run()
    news = recordOrderNews(tx, paid.order, { action: 'payment', actorId: access.memberId }, at)
    return { ok: true, order: paid.order }
  })
  publishEvents(deps.bus, news)
  return result
}

/** How many delivered orders one run completes at most; the next run takes the rest. */
const AUTO_COMPLETE_BATCH = 200

/**
 * Completes delivered orders the buyer left alone for the market's number of days (the system
 * actor). Safe to run at any time and as often as wanted: each order completes once, by the same
 * guarded step as a buyer's confirmation.
 * @returns how many orders it completed
 */
export function autoCompleteOrders(deps: OrderDeps, afterDays: number): number {
  const cutoff = new Date(deps.clock.now().getTime() - afterDays * DAY)
  const due = deps.db
    .select()
    .from(orders)
    .where(and(eq(orders.status, 'delivered'), lte(orders.deliveredAt, cutoff)))
    .limit(AUTO_COMPLETE_BATCH)
    .all()
  let completed = 0
  for (const order of due)
    if (moveOrder(deps, order, 'auto_complete', 'system', null, '').ok) completed += 1
  return completed
}
