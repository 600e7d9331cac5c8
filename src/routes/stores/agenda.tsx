import { Hono, type Context } from 'hono'
import {
  AgendaBody,
  AgendaPage,
  agendaTitle,
  type AgendaPageProps,
} from '../../../views/bookings/agenda-page'
import { documentTitle } from '../../../views/layouts/site-layout'
import type { MarketEnv, MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { readFormValues } from '../../http/forms'
import { FRAGMENT_VARY, wantsFragment } from '../../http/htmx'
import { publicUrl } from '../../http/public-url'
import { requireMember } from '../../http/session'
import { shell } from '../../http/shell'
import { calendarDate, readCalendarDate } from '../../lib/dates'
import { agendaPeriod, storeAgenda } from '../../models/booking/agenda'
import { issueCalendarFeed, revokeCalendarFeed } from '../../models/booking/calendar-feed'
import { findStoreForOwner, type Store } from '../../models/store'

/** The owner's store at this slug; anyone else's (or none) is a 404 to the caller. */
function ownStore<E extends MemberEnv>(c: Context<E>): Store | undefined {
  return findStoreForOwner(c.var.db, c.var.member, c.req.param('slug') ?? '')
}

/**
 * GET /stores/:slug/agenda — the owner's bookings of a day (`?day=YYYY-MM-DD`, today by default)
 * or of its week (`view=week`); an htmx link gets the agenda body alone. POST
 * /stores/:slug/agenda/feed makes the private calendar address (or a new one in place of the
 * old); with `_method=DELETE` it stops it. Owners only.
 */
export const storeAgendaPages = new Hono<MarketEnv>()
  .get('/agenda', requireMember, (c) => {
    const store = ownStore(c)
    if (!store) return c.notFound()
    const { timeZone } = c.var.site
    const today = calendarDate(c.var.clock.now(), timeZone)
    const asked = c.req.query('day') ?? ''
    const day = readCalendarDate(asked) ? asked.trim() : today
    const period = agendaPeriod(c.req.query('view') === 'week' ? 'week' : 'day', day, timeZone)
    const view: Omit<AgendaPageProps, 'shell' | 'feedUrl'> = {
      store,
      period,
      entries: storeAgenda(c.var.db, store.id, period.from, period.to),
      today,
      timeZone,
    }
    c.header('Vary', FRAGMENT_VARY, { append: true })
    if (wantsFragment(c))
      return c.html(
        <>
          <AgendaBody {...view} locale={c.var.site.locale} />
          <title>{documentTitle(agendaTitle(store), c.var.site.marketName)}</title>
        </>,
      )
    const feedUrl = store.calendarToken
      ? publicUrl(c, `/calendar/${store.calendarToken}.ics`)
      : null
    return c.html(<AgendaPage shell={shell(c)} {...view} feedUrl={feedUrl} />)
  })

  .post('/agenda/feed', requireMember, async (c) => {
    const store = ownStore(c)
    if (!store) return c.notFound()
    const values = await readFormValues(c)
    const back = `/stores/${store.slug}/agenda#calendar-feed`
    if (values._method?.toUpperCase() === 'DELETE') {
      revokeCalendarFeed(c.var.db, store)
      return flashRedirect(c, back, 'Calendar address stopped: calendar apps get nothing from it.')
    }
    issueCalendarFeed(c.var.db, store)
    return flashRedirect(
      c,
      back,
      store.calendarToken
        ? 'New calendar address made: the old one no longer works. Give your calendar app this one.'
        : 'Calendar address made: copy it into your calendar app.',
    )
  })
