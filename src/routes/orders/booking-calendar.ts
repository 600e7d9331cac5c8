import { Hono } from 'hono'
import { bookingEvent, PRODUCT_ID } from '../../../views/bookings/booking-events'
import type { MarketEnv } from '../../http/env'
import { publicUrl } from '../../http/public-url'
import { requireMember } from '../../http/session'
import { calendarFile } from '../../lib/ical'
import { findOrderForMember, orderDetails } from '../../models/order'

/**
 * GET /orders/:code/booking.ics — the booking as a calendar file, for its buyer and its
 * provider (anyone else, operators included: 404; it is their appointment, not the market's).
 */
export const bookingCalendarFile = new Hono<MarketEnv>().get('/', requireMember, (c) => {
  const access = findOrderForMember(c.var.db, c.var.member, c.req.param('code') ?? '')
  const role = access?.roles.find((one) => one === 'provider' || one === 'buyer')
  if (!access?.booking || !role) return c.notFound()
  const { order, booking } = access
  const details = orderDetails(c.var.db, order)
  const line = details.lines[0]
  const orderUrl = publicUrl(c, `/orders/${order.code}`)
  const event = bookingEvent(
    {
      orderCode: order.code,
      status: order.status,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      title: line?.title ?? 'Booking',
      unitName: line?.unitName ?? '',
      address: order.address,
    },
    {
      withWhom: role === 'provider' ? details.buyerName : details.store.name,
      orderUrl,
      host: new URL(orderUrl).hostname,
      now: c.var.clock.now(),
    },
  )
  return c.body(calendarFile({ productId: PRODUCT_ID, events: [event] }), 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `attachment; filename="booking-${order.code}.ics"`,
    'Cache-Control': 'private, no-store',
  })
})
