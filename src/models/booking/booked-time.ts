// A booked time as its order sees it: where it stands in time (which of the order's steps it
// allows), and the time it gives back when it ends early — in the step's transaction, so a
// cancelled booking's slot is free the moment the cancellation commits.
import { and, eq } from 'drizzle-orm'
import { bookings } from '../../../db/schema'
import type { Db } from '../../db'
import type { BookingPhase } from '../order/transitions'
import type { Tx } from '../transaction'
import { releaseTime } from './holds'

export type Booking = typeof bookings.$inferSelect

/** What both sides read on a request that lapsed. */
export const LAPSED_NOTE =
  'The provider did not confirm in time, so the time is free again. Nothing is owed.'

/** Whether a request waited past its deadline: it lapses, whoever touches it first. */
export function hasLapsed(
  order: { status: string },
  booking: Pick<Booking, 'expiresAt'> | null,
  now: Date,
): boolean {
  const deadline = booking?.expiresAt
  return order.status === 'placed' && !!deadline && deadline.getTime() <= now.getTime()
}

/**
 * Where the booking stands in time now: ahead of its cancellation window, inside it, or begun.
 * @example bookingPhase({ startsAt, cancellableUntil }, now) → 'inside_window'
 */
export function bookingPhase(
  booking: Pick<Booking, 'startsAt' | 'cancellableUntil'>,
  now: Date,
): BookingPhase {
  if (now.getTime() >= booking.startsAt.getTime()) return 'begun'
  if (now.getTime() >= booking.cancellableUntil.getTime()) return 'inside_window'
  return 'ahead'
}

/** The booking an order holds, if it is a booking. */
export function bookingOfOrder(db: Db | Tx, orderId: number): Booking | undefined {
  return (db as Db).select().from(bookings).where(eq(bookings.orderId, orderId)).get()
}

/**
 * Gives the order's booked time back, in the caller's transaction: it was cancelled, declined,
 * expired or refunded. A booking that no longer holds time is left alone.
 */
export function releaseBookingOf(tx: Tx | Db, orderId: number) {
  const db = tx as Db
  const booking = db
    .update(bookings)
    .set({ holding: false, proposedStartsAt: null, proposedBy: null })
    .where(and(eq(bookings.orderId, orderId), eq(bookings.holding, true)))
    .returning()
    .get()
  if (!booking || booking.listingId === null) return
  releaseTime(db, {
    storeId: booking.storeId,
    listingId: booking.listingId,
    start: booking.startsAt,
    end: booking.endsAt,
    bufferMinutes: booking.bufferMinutes,
    seats: booking.seats,
  })
}
