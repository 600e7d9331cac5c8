// The provider's agenda: a store's bookings of a day or a week as the provider plans around them,
// and the same rows for the private calendar feed. A booking is on it while it holds time
// (requested or confirmed) and after it happened (done, or the buyer did not come); cancelled,
// declined and lapsed ones gave their time back and are off it.
import { and, asc, eq, gt, inArray, lt, or, type SQL } from 'drizzle-orm'
import { bookings, members, orderLines, orders } from '../../../db/schema'
import type { Db } from '../../db'
import { addDays, calendarDate, isoWeekday, wallClockInstant } from '../../lib/dates'
import type { OrderStatus } from '../order/transitions'

export type AgendaView = 'day' | 'week'

/** The days an agenda shows, on the town's clock, and the instants they run between. */
export type AgendaPeriod = {
  view: AgendaView
  /** The day asked for, YYYY-MM-DD: the period is this day, or the week (Monday–Sunday) of it. */
  day: string
  /** Every day of the period, first to last. */
  days: string[]
  /** The day to ask for to see the period before, and the one after. */
  previous: string
  next: string
  from: Date
  to: Date
}

/**
 * The day or the week (Monday to Sunday) around `day` in `timeZone`.
 * @example agendaPeriod('week', '2026-11-26', 'Africa/Banjul').days → ['2026-11-23', …, '2026-11-29']
 */
export function agendaPeriod(view: AgendaView, day: string, timeZone: string): AgendaPeriod {
  const first = view === 'week' ? addDays(day, 1 - isoWeekday(day)) : day
  const length = view === 'week' ? 7 : 1
  const days = Array.from({ length }, (_, index) => addDays(first, index))
  return {
    view,
    day,
    days,
    previous: addDays(day, -length),
    next: addDays(day, length),
    from: startOfDay(first, timeZone),
    to: startOfDay(addDays(first, length), timeZone),
  }
}

/** Midnight on the town's clock; where a clock change skips midnight, the hour after. */
function startOfDay(date: string, timeZone: string): Date {
  return wallClockInstant(date, 0, timeZone) ?? (wallClockInstant(date, 60, timeZone) as Date)
}

/** One booking as the agenda and the feed show it. */
export type AgendaEntry = {
  orderCode: string
  status: OrderStatus
  startsAt: Date
  endsAt: Date
  /** A request not yet confirmed lapses then. */
  expiresAt: Date | null
  proposedStartsAt: Date | null
  proposedBy: 'buyer' | 'provider' | null
  seats: number
  /** The order line's snapshot: the service's title and package when booked. */
  title: string
  unitName: string
  buyerName: string
  fulfilment: 'pickup' | 'delivery' | 'customer' | 'provider' | 'online'
  /** Where, when the buyer gave an address (the service comes to them). */
  address: string
}

/** Statuses a booking stays on the agenda in once it holds no time (it happened). */
const HAPPENED: OrderStatus[] = ['completed', 'no_show']

/**
 * The store's bookings that overlap `from`–`to` (no end: all from `from` on), earliest first.
 * A booking that runs past midnight is on both days.
 * @example storeAgenda(db, store.id, period.from, period.to)
 */
export function storeAgenda(
  db: Pick<Db, 'select'>,
  storeId: number,
  from: Date,
  to?: Date,
): AgendaEntry[] {
  const conditions: SQL[] = [
    eq(bookings.storeId, storeId),
    or(eq(bookings.holding, true), inArray(orders.status, HAPPENED))!,
    gt(bookings.endsAt, from),
  ]
  if (to) conditions.push(lt(bookings.startsAt, to))
  const rows = db
    .select({
      orderId: orders.id,
      orderCode: orders.code,
      status: orders.status,
      startsAt: bookings.startsAt,
      endsAt: bookings.endsAt,
      expiresAt: bookings.expiresAt,
      proposedStartsAt: bookings.proposedStartsAt,
      proposedBy: bookings.proposedBy,
      seats: bookings.seats,
      title: orderLines.title,
      unitName: orderLines.unitName,
      buyerName: members.displayName,
      fulfilment: orders.fulfilment,
      address: orders.address,
    })
    .from(bookings)
    .innerJoin(orders, eq(orders.id, bookings.orderId))
    .innerJoin(members, eq(members.id, orders.buyerId))
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(and(...conditions))
    .orderBy(asc(bookings.startsAt), asc(orders.id), asc(orderLines.id))
    .all()
  // A booking order has one line; should one ever have more, its first names it.
  const entries = new Map<number, AgendaEntry>()
  for (const { orderId, ...entry } of rows) if (!entries.has(orderId)) entries.set(orderId, entry)
  return [...entries.values()]
}

/**
 * The entries of one day of the period, by the day each starts on (one that began before the
 * period, late the night before, goes on its first day).
 */
export function entriesOn(
  period: AgendaPeriod,
  entries: readonly AgendaEntry[],
  day: string,
  timeZone: string,
): AgendaEntry[] {
  const first = period.days[0]!
  return entries.filter((entry) => {
    const starts = calendarDate(entry.startsAt, timeZone)
    return starts === day || (day === first && starts < first)
  })
}
