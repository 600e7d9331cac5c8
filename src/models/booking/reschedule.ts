// Moving a booking to another time: one side proposes, the other accepts or declines.
//
// Either the buyer or the provider may propose, while the booking still holds its time and has
// not begun; a new proposal replaces theirs or the other side's. A proposal holds nothing: the
// time stays free for others until it is accepted, and accepting it checks again — the old time
// is given back and the new one held in one transaction, so a time taken meanwhile refuses the
// move and keeps the booking where it was. The buyer's free-cancellation window moves with it,
// as long before the new start as it was before the old.
import { and, eq } from 'drizzle-orm'
import { bookings, orderEvents, orders } from '../../../db/schema'
import { storeSlotsTopic } from '../../live/bus'
import { publishEvents, type LiveEvent } from '../../live/events'
import { slotsChanged } from '../../live/slot-news'
import { calendarDate } from '../../lib/dates'
import type { OrderAccess } from '../order'
import { recordOrderNews } from '../order/news'
import type { OrderDeps } from '../order/steps'
import type { Tx } from '../transaction'
import { transactionUnlessRefused } from '../transaction'
import { bookingRulesOf } from './rules'
import { bookingPhase, type Booking } from './booked-time'
import { serviceCalendar, slotRefusal, type ServiceCalendar, type SlotRefusal } from './calendar'
import { holdTime, releaseTime } from './holds'

export type Side = 'buyer' | 'provider'

export type RescheduleResult =
  | { ok: true }
  | { ok: false; reason: 'not_allowed' | 'changed_meanwhile' }
  | { ok: false; reason: 'slot'; refusal: SlotRefusal }

/** Which side of the booking the member is, if they may move it now. */
export function sideThatMayMove(access: OrderAccess, now: Date): Side | undefined {
  const { order, booking } = access
  if (!booking || !booking.holding || booking.listingId === null) return undefined
  if (order.status !== 'placed' && order.status !== 'accepted') return undefined
  if (bookingPhase(booking, now) === 'begun') return undefined
  return access.roles.includes('buyer')
    ? 'buyer'
    : access.roles.includes('provider')
      ? 'provider'
      : undefined
}

/** Whether the member is the side that must answer the booking's proposal. */
export function sideThatAnswers(access: OrderAccess, now: Date): Side | undefined {
  const side = sideThatMayMove(access, now)
  const proposedBy = access.booking?.proposedBy
  return side && proposedBy && proposedBy !== side ? side : undefined
}

/**
 * The service's calendar as this booking sees it: its own time counts as free, so it can move
 * to a time that overlaps where it is now (half an hour later, say).
 */
export function calendarForMove(
  db: OrderDeps['db'] | Tx,
  booking: Booking,
  days: { first: string; last: string },
  timeZone: string,
  now: Date,
): ServiceCalendar | undefined {
  const rules = booking.listingId === null ? undefined : bookingRulesOf(db, booking.listingId)
  if (!rules || booking.listingId === null) return undefined
  const calendar = serviceCalendar(
    db,
    { id: booking.listingId, storeId: booking.storeId, rules },
    days,
    timeZone,
    now,
  )
  const taken = calendar.taken.flatMap((time) => {
    const own =
      time.listingId === booking.listingId && time.start.getTime() === booking.startsAt.getTime()
    if (!own) return [time]
    const seats = time.seats - booking.seats
    return seats > 0 ? [{ ...time, seats }] : []
  })
  return { ...calendar, taken }
}

/** Proposes `start` instead of the booking's time, as the member of `access`. */
export function proposeTime(
  deps: OrderDeps,
  access: OrderAccess,
  start: Date,
  timeZone: string,
): RescheduleResult {
  const now = deps.clock.now()
  const side = sideThatMayMove(access, now)
  const booking = access.booking
  if (!side || !booking) return { ok: false, reason: 'not_allowed' }
  const date = calendarDate(start, timeZone)
  const calendar = calendarForMove(deps.db, booking, { first: date, last: date }, timeZone, now)
  if (!calendar) return { ok: false, reason: 'not_allowed' }
  const refusal = slotRefusal(calendar, start)
  if (refusal) return { ok: false, reason: 'slot', refusal }
  let news: LiveEvent[] = []
  const result = transactionUnlessRefused(deps.db, (tx): RescheduleResult => {
    const proposed = tx
      .update(bookings)
      .set({ proposedStartsAt: start, proposedBy: side })
      .where(and(eq(bookings.id, booking.id), eq(bookings.holding, true)))
      .run()
    if (proposed.changes !== 1) return { ok: false, reason: 'changed_meanwhile' }
    news = recordMove(tx, access, 'reschedule_propose', '', now)
    return { ok: true }
  })
  if (result.ok) publishEvents(deps.bus, news)
  return result
}

/** Accepts or declines the other side's proposal, as the member of `access`. */
export function answerProposal(
  deps: OrderDeps,
  access: OrderAccess,
  accept: boolean,
  timeZone: string,
): RescheduleResult {
  const now = deps.clock.now()
  const side = sideThatAnswers(access, now)
  const booking = access.booking
  const start = booking?.proposedStartsAt
  if (!side || !booking || !start || booking.listingId === null)
    return { ok: false, reason: 'not_allowed' }
  const listingId = booking.listingId
  let news: LiveEvent[] = []
  let movedTime = false
  const result = transactionUnlessRefused(
    deps.db,
    (tx): RescheduleResult => {
      const current = tx.select().from(bookings).where(eq(bookings.id, booking.id)).get()
      const unchanged =
        current?.holding &&
        current.proposedStartsAt?.getTime() === start.getTime() &&
        current.startsAt.getTime() === booking.startsAt.getTime()
      if (!unchanged) return { ok: false, reason: 'changed_meanwhile' }
      if (!accept) {
        tx.update(bookings)
          .set({ proposedStartsAt: null, proposedBy: null })
          .where(eq(bookings.id, booking.id))
          .run()
        news = recordMove(tx, access, 'reschedule_decline', '', now)
        return { ok: true }
      }
      const date = calendarDate(start, timeZone)
      const calendar = calendarForMove(tx, booking, { first: date, last: date }, timeZone, now)
      if (!calendar) return { ok: false, reason: 'not_allowed' }
      const refusal = slotRefusal(calendar, start)
      if (refusal) return { ok: false, reason: 'slot', refusal }
      const length = booking.endsAt.getTime() - booking.startsAt.getTime()
      const window = booking.startsAt.getTime() - booking.cancellableUntil.getTime()
      const moved = {
        start,
        end: new Date(start.getTime() + length),
        bufferMinutes: booking.bufferMinutes,
        seats: booking.seats,
      }
      releaseTime(tx, {
        storeId: booking.storeId,
        listingId,
        start: booking.startsAt,
        end: booking.endsAt,
        bufferMinutes: booking.bufferMinutes,
        seats: booking.seats,
      })
      const held = holdTime(tx, {
        storeId: booking.storeId,
        listingId,
        ...moved,
        capacity: calendar.rules.capacity,
      })
      if (!held) return { ok: false, reason: 'slot', refusal: 'taken' }
      tx.update(bookings)
        .set({
          startsAt: moved.start,
          endsAt: moved.end,
          cancellableUntil: new Date(start.getTime() - window),
          // A request keeps its deadline to be confirmed, but never past its new start.
          expiresAt: booking.expiresAt
            ? new Date(Math.min(booking.expiresAt.getTime(), start.getTime()))
            : null,
          proposedStartsAt: null,
          proposedBy: null,
        })
        .where(eq(bookings.id, booking.id))
        .run()
      news = recordMove(tx, access, 'reschedule_accept', '', now)
      movedTime = true
      return { ok: true }
    },
    'immediate',
  )
  if (result.ok) publishEvents(deps.bus, news)
  if (result.ok && movedTime)
    deps.bus.publish(
      storeSlotsTopic(booking.storeId),
      slotsChanged(booking.storeId, start, timeZone),
    )
  return result
}

/** The timeline's row for a move, and the news both sides hear. */
function recordMove(
  tx: Tx,
  access: OrderAccess,
  action: 'reschedule_propose' | 'reschedule_accept' | 'reschedule_decline',
  note: string,
  at: Date,
): LiveEvent[] {
  const order = tx
    .update(orders)
    .set({ updatedAt: at })
    .where(eq(orders.id, access.order.id))
    .returning()
    .get()
  if (!order) return []
  const actor = access.roles.includes('buyer') ? 'buyer' : 'provider'
  tx.insert(orderEvents)
    .values({
      orderId: order.id,
      action,
      actor,
      actorId: access.memberId,
      fromStatus: order.status,
      toStatus: order.status,
      note,
      at,
    })
    .run()
  return recordOrderNews(tx, order, { action, actorId: access.memberId }, at)
}
