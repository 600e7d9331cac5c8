import { Hono } from 'hono'
import { z } from 'zod'
import type { MarketEnv } from '../../http/env'
import { parseForm } from '../../http/forms'
import { seeOther } from '../../http/redirects'
import { requireMember } from '../../http/session'
import { publishEvents } from '../../live/events'
import { markConversationRead } from '../../models/conversation/messages'
import { ownConversation } from './conversation-view'

const readForm = z.object({
  through: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
})

/**
 * POST /conversations/:code/read {through} — the member has seen the messages up to `through`
 * (the page posts it as new ones arrive). 204 for htmx; back to the conversation otherwise.
 */
export const conversationRead = new Hono<MarketEnv>().post('/', requireMember, async (c) => {
  const found = ownConversation(c)
  if (!found) return c.notFound()
  const form = await parseForm(c, readForm)
  if (!form.ok) return c.text('Say how far you have read.', 400)
  publishEvents(
    c.var.bus,
    markConversationRead(
      c.var.db,
      c.var.member.id,
      found.conversation.id,
      form.data.through,
      c.var.clock.now(),
    ),
  )
  if (c.req.header('HX-Request') === 'true') return c.body(null, 204)
  return seeOther(c, `/conversations/${found.conversation.code}`)
})
