import { Hono } from 'hono'
import { bookingEvent, PRODUCT_ID } from '../../views/bookings/booking-events'
import type { MarketEnv } from '../http/env'
import { publicUrl } from '../http/public-url'
import { DAY } from '../lib/clock'
import { calendarFile } from '../lib/ical'
import { storeAgenda } from '../models/booking/agenda'
import { FEED_DAYS_BACK, findStoreByCalendarToken } from '../models/booking/calendar-feed'

/** How often calendar apps are asked to read the feed again (most read it less often anyway). */
const REFRESH_MINUTES = 60

/**
 * GET /calendar/:token.ics — a store's private calendar feed, read by calendar apps without a
 * session: the token in the address is the key (models/booking/calendar-feed.ts). Bookings from
 * a month ago on: those holding time and those that happened. An unknown or stopped token: 404.
 */
export const calendarFeeds = new Hono<MarketEnv>().get('/:file{[a-z0-9]+\\.ics}', (c) => {
  const token = c.req.param('file').slice(0, -'.ics'.length)
  const store = findStoreByCalendarToken(c.var.db, token)
  if (!store) return c.notFound()
  const now = c.var.clock.now()
  const host = new URL(publicUrl(c, '/')).hostname
  const events = storeAgenda(
    c.var.db,
    store.id,
    new Date(now.getTime() - FEED_DAYS_BACK * DAY),
  ).map((entry) =>
    bookingEvent(entry, {
      withWhom: entry.buyerName,
      orderUrl: publicUrl(c, `/orders/${entry.orderCode}`),
      host,
      now,
    }),
  )
  const name = `${store.name} bookings`
  return c.body(
    calendarFile({ productId: PRODUCT_ID, name, refreshMinutes: REFRESH_MINUTES, events }),
    200,
    {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Cache-Control': 'private, max-age=300',
    },
  )
})
