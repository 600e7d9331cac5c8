// What the scheduler does for bookings: a request the provider never confirmed expires and frees
// its slot; a confirmed booking nobody marked done completes by itself a day after it ended (a
// no-show must be said by then). Both are steps of the order's table taken by the `system` actor.
import { and, asc, eq, lte } from 'drizzle-orm'
import { bookings, orders } from '../../../db/schema'
import { DAY } from '../../lib/clock'
import { moveOrder, type OrderDeps } from '../order/steps'
import { LAPSED_NOTE } from './booked-time'

/** How long after its end a confirmed booking completes by itself. */
export const AUTO_COMPLETE_AFTER = DAY

/** How many bookings one run of a job moves at most; the next run takes the rest. */
const BATCH = 200

/**
 * Expires requests the provider did not confirm in time (the `system` actor): each is cancelled
 * with the reason both sides see, and its time is free again.
 * @returns how many it expired
 */
export function expireBookingRequests(deps: OrderDeps): number {
  const due = deps.db
    .select({ order: orders })
    .from(bookings)
    .innerJoin(orders, eq(orders.id, bookings.orderId))
    .where(and(lte(bookings.expiresAt, deps.clock.now()), eq(orders.status, 'placed')))
    .orderBy(asc(bookings.expiresAt))
    .limit(BATCH)
    .all()
  let expired = 0
  for (const { order } of due)
    if (moveOrder(deps, order, 'expire', 'system', null, LAPSED_NOTE).ok) expired += 1
  return expired
}

/**
 * Completes confirmed bookings that ended more than AUTO_COMPLETE_AFTER ago and that the provider
 * neither marked done nor the buyer absent.
 * @returns how many it completed
 */
export function completePastBookings(deps: OrderDeps): number {
  const cutoff = new Date(deps.clock.now().getTime() - AUTO_COMPLETE_AFTER)
  const due = deps.db
    .select({ order: orders })
    .from(bookings)
    .innerJoin(orders, eq(orders.id, bookings.orderId))
    .where(
      and(eq(orders.status, 'accepted'), eq(orders.kind, 'booking'), lte(bookings.endsAt, cutoff)),
    )
    .orderBy(asc(bookings.endsAt))
    .limit(BATCH)
    .all()
  let completed = 0
  for (const { order } of due)
    if (moveOrder(deps, order, 'auto_complete', 'system', null, '').ok) completed += 1
  return completed
}
