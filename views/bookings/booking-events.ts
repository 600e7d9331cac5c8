// Bookings as calendar events (src/lib/ical.ts): what a calendar app shows of an appointment.
// The buyer's names the store; the provider's names the buyer. An event's UID is the same in
// the one-booking file and in the store's feed, so an app that has both keeps one appointment.
import type { CalendarEvent } from '../../src/lib/ical'
import type { OrderStatus } from '../../src/models/order/transitions'
import { statusLabel } from '../orders/order-words'

/** Who wrote the calendar files, as PRODID says it. */
export const PRODUCT_ID = '-//Souk//Bookings//EN'

export type BookedAppointment = {
  orderCode: string
  status: OrderStatus
  startsAt: Date
  endsAt: Date
  title: string
  unitName: string
  address: string
}

type EventContext = {
  /** The store's name for the buyer, the buyer's name for the provider. */
  withWhom: string
  /** The order page's absolute address. */
  orderUrl: string
  /** The market's host name, which makes the UID unique beyond it. */
  host: string
  now: Date
}

/**
 * One booking as a VEVENT: "Haircut (Standard) — Fatou Hair", tentative while it is a request.
 * @example bookingEvent(entry, { withWhom: entry.buyerName, orderUrl, host: 'souk.test', now })
 */
export function bookingEvent(booking: BookedAppointment, context: EventContext): CalendarEvent {
  const service = booking.unitName ? `${booking.title} (${booking.unitName})` : booking.title
  return {
    uid: `booking-${booking.orderCode}@${context.host}`,
    stamp: context.now,
    start: booking.startsAt,
    end: booking.endsAt,
    summary: `${service} — ${context.withWhom}`,
    location: booking.address || undefined,
    description: `${statusLabel({ kind: 'booking', status: booking.status })}\nOrder ${booking.orderCode}: ${context.orderUrl}`,
    url: context.orderUrl,
    status: eventStatus(booking.status),
  }
}

/** A request is tentative; what gave its time back is cancelled; everything else happens. */
function eventStatus(status: OrderStatus): CalendarEvent['status'] {
  if (status === 'placed') return 'TENTATIVE'
  if (status === 'cancelled' || status === 'refunded') return 'CANCELLED'
  return 'CONFIRMED'
}
