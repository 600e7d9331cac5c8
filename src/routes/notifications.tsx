import { Hono } from 'hono'
import { NotificationsPage } from '../../views/notifications/notifications-page'
import type { MarketEnv } from '../http/env'
import { requireMember } from '../http/session'
import { liveFrom, shell } from '../http/shell'
import { publishEvents } from '../live/events'
import { listNotifications, markNotificationsRead } from '../models/notification'

const PAGE_SIZE = 30

/**
 * GET /notifications — the member's notes, newest first (`?before=<id>` for older ones).
 * POST /notifications/read — marks them all read; POST /notifications/:id/read — one of them.
 * Someone else's note is as good as missing: marking it changes nothing.
 */
export const notificationPages = new Hono<MarketEnv>()
  .get('/', requireMember, (c) => {
    const before = Number(c.req.query('before'))
    const notes = listNotifications(c.var.db, c.var.member.id, {
      before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
      limit: PAGE_SIZE + 1,
    })
    const shown = notes.slice(0, PAGE_SIZE)
    return c.html(
      <NotificationsPage
        shell={shell(c, { live: liveFrom(c, 'notifications') })}
        notifications={shown}
        olderThan={notes.length > PAGE_SIZE ? (shown.at(-1)?.id ?? null) : null}
        timeZone={c.var.site.timeZone}
      />,
    )
  })
  .post('/read', requireMember, (c) => {
    publishEvents(c.var.bus, markNotificationsRead(c.var.db, c.var.member.id, c.var.clock.now()))
    return c.redirect('/notifications', 303)
  })
  .post('/:id{[0-9]+}/read', requireMember, (c) => {
    const id = Number(c.req.param('id'))
    publishEvents(
      c.var.bus,
      markNotificationsRead(c.var.db, c.var.member.id, c.var.clock.now(), id),
    )
    return c.redirect('/notifications', 303)
  })
