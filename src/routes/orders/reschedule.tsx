import { Hono, type Context } from 'hono'
import { z } from 'zod'
import {
  BookingCalendar,
  type BookingCalendarProps,
} from '../../../views/bookings/booking-calendar'
import { ReschedulePage } from '../../../views/bookings/reschedule-page'
import { SLOT_REFUSALS } from '../../../views/bookings/booking-words'
import type { MarketEnv, MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm } from '../../http/forms'
import { FRAGMENT_VARY, wantsFragment } from '../../http/htmx'
import { requireMember } from '../../http/session'
import { shell } from '../../http/shell'
import { calendarDate, readInstant } from '../../lib/dates'
import { monthView } from '../../models/booking/month-view'
import {
  answerProposal,
  calendarForMove,
  proposeTime,
  sideThatAnswers,
  sideThatMayMove,
  type RescheduleResult,
} from '../../models/booking/reschedule'
import { bookingRulesOf } from '../../models/booking/rules'
import { findOrderForMember, orderLinesOf } from '../../models/order'

/** The booking order of this address that the member may move now, with its rules. */
function movable(c: Context<MemberEnv>) {
  const access = findOrderForMember(c.var.db, c.var.member, c.req.param('code') ?? '')
  if (!access?.booking || access.booking.listingId === null) return undefined
  const rules = bookingRulesOf(c.var.db, access.booking.listingId)
  if (!rules) return undefined
  return { access, booking: access.booking, listingId: access.booking.listingId, rules }
}

function said(result: Exclude<RescheduleResult, { ok: true }>): string {
  if (result.reason === 'slot') return `${SLOT_REFUSALS[result.refusal]} Choose another.`
  if (result.reason === 'changed_meanwhile')
    return 'This booking changed while you had it open. Nothing else was changed; here it is now.'
  return 'This booking cannot be moved now.'
}

const proposal = z.object({ start: z.string().default('') })
const answer = z.object({ answer: z.enum(['accept', 'decline']) })

/**
 * GET /orders/:code/reschedule — the service's free times (?month=, ?day=), each a button that
 * proposes it; POST proposes. POST /orders/:code/reschedule/answer — the other side accepts or
 * declines. Only the booking's buyer and provider, while it holds its time and has not begun.
 */
export const bookingReschedule = new Hono<MarketEnv>()
  .get('/', requireMember, (c) => {
    const found = movable(c)
    if (!found) return c.notFound()
    const { access, booking, listingId, rules } = found
    const back = `/orders/${access.order.code}`
    if (!sideThatMayMove(access, c.var.clock.now()))
      return flashRedirect(c, back, 'This booking cannot be moved now.', 'alert')
    const { db, site, clock } = c.var
    const path = `${back}/reschedule`
    const view = monthView(
      db,
      { id: listingId, storeId: booking.storeId, rules },
      { month: c.req.query('month'), day: c.req.query('day') },
      site.timeZone,
      clock.now(),
      (days) => calendarForMove(db, booking, days, site.timeZone, clock.now())!,
    )
    const calendar: BookingCalendarProps = {
      listingId,
      view,
      pagePath: path,
      fragmentPath: path,
      bookPath: null,
      proposePath: path,
      capacity: rules.capacity,
      locale: site.locale,
    }
    c.header('Vary', FRAGMENT_VARY, { append: true })
    if (wantsFragment(c)) return c.html(<BookingCalendar {...calendar} />)
    const title =
      orderLinesOf(db, [access.order.id]).get(access.order.id)?.[0]?.title ?? 'this booking'
    return c.html(
      <ReschedulePage
        shell={shell(c)}
        order={access.order}
        booking={booking}
        title={title}
        calendar={calendar}
        timeZone={site.timeZone}
      />,
    )
  })
  .post('/', requireMember, async (c) => {
    const found = movable(c)
    if (!found) return c.notFound()
    const back = `/orders/${found.access.order.code}`
    const form = await parseForm(c, proposal)
    const start = readInstant(form.ok ? form.data.start : undefined)
    if (!start) return c.redirect(`${back}/reschedule`, 303)
    const result = proposeTime(c.var, found.access, start, c.var.site.timeZone)
    if (result.ok)
      return flashRedirect(c, back, 'New time proposed. The booking moves if they accept.')
    const day = calendarDate(start, c.var.site.timeZone)
    return result.reason === 'slot'
      ? flashRedirect(c, `${back}/reschedule?day=${day}`, said(result), 'alert')
      : flashRedirect(c, back, said(result), 'alert')
  })
  .post('/answer', requireMember, async (c) => {
    const found = movable(c)
    if (!found) return c.notFound()
    const back = `/orders/${found.access.order.code}`
    const form = await parseForm(c, answer)
    if (!form.ok || !sideThatAnswers(found.access, c.var.clock.now()))
      return flashRedirect(c, back, 'There is no new time for you to answer.', 'alert')
    const accept = form.data.answer === 'accept'
    const result = answerProposal(c.var, found.access, accept, c.var.site.timeZone)
    if (result.ok)
      return flashRedirect(
        c,
        back,
        accept ? 'The booking moved to the new time. They have been told.' : 'You kept the time.',
      )
    return flashRedirect(c, back, said(result), 'alert')
  })
