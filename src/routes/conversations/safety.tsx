import { Hono } from 'hono'
import { z } from 'zod'
import type { MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm } from '../../http/forms'
import { requireMember } from '../../http/session'
import { publishEvents } from '../../live/events'
import { multiLine } from '../../lib/text'
import { findParty } from '../../models/conversation'
import { blockMember, unblockMember } from '../../models/conversation/blocks'
import { REPORT_REASON_MAX, reportConversation } from '../../models/conversation/reports'
import { ownConversation } from './conversation-view'

const reportForm = z.object({
  reason: multiLine(REPORT_REASON_MAX, { required: 'Say what is wrong, then send the report.' }),
})

/**
 * POST /conversations/:code/block and /unblock — the member stops (or lets again) the other side
 * messaging them; POST /conversations/:code/report {reason} — kept for the operator's queue.
 */
export const conversationSafety = new Hono<MarketEnv>()
  .post('/block', requireMember, (c) => {
    const found = ownConversation(c)
    if (!found) return c.notFound()
    publishEvents(
      c.var.bus,
      blockMember(c.var.db, c.var.member.id, found.otherId, c.var.clock.now()),
    )
    const name = findParty(c.var.db, found.otherId)?.name ?? 'They'
    return flashRedirect(
      c,
      `/conversations/${found.conversation.code}`,
      `You blocked ${name}: neither of you can send messages here until you unblock them.`,
    )
  })
  .post('/unblock', requireMember, (c) => {
    const found = ownConversation(c)
    if (!found) return c.notFound()
    publishEvents(
      c.var.bus,
      unblockMember(c.var.db, c.var.member.id, found.otherId, c.var.clock.now()),
    )
    const name = findParty(c.var.db, found.otherId)?.name ?? 'them'
    return flashRedirect(c, `/conversations/${found.conversation.code}`, `You unblocked ${name}.`)
  })
  .post('/report', requireMember, async (c) => {
    const found = ownConversation(c)
    if (!found) return c.notFound()
    const form = await parseForm(c, reportForm)
    const back = `/conversations/${found.conversation.code}`
    if (!form.ok) return flashRedirect(c, back, form.errors.reason ?? 'Say what is wrong.', 'alert')
    reportConversation(
      c.var.db,
      c.var.member.id,
      found.conversation.id,
      form.data.reason,
      c.var.clock.now(),
    )
    return flashRedirect(c, back, 'Thanks — the operator will look at it.')
  })
