import { Hono } from 'hono'
import type { MarketEnv } from '../../http/env'
import { requireMember } from '../../http/session'
import { memberTopic } from '../../live/bus'
import { blockBetween } from '../../models/conversation/blocks'
import { CONVERSATION_TYPING } from '../../models/conversation/messages'
import { ownConversation } from './conversation-view'

/** More pings than this in a minute are not passed on (the page sends one every 3 s at most). */
const TYPING_PER_MINUTE = 30

/**
 * POST /conversations/:code/typing — the member is typing: the other side's open conversation page
 * says so for a few seconds. Passing news: published straight on the bus, never kept or replayed,
 * and nothing is told across a block. Always 204.
 */
export const conversationTyping = new Hono<MarketEnv>().post('/', requireMember, (c) => {
  const found = ownConversation(c)
  if (!found) return c.notFound()
  const me = c.var.member.id
  const over = c.var.rateLimits.hit(
    `typing:${me}`,
    c.var.clock.now().getTime(),
    TYPING_PER_MINUTE,
    60_000,
  )
  if (over === null && blockBetween(c.var.db, me, found.otherId) === 'none')
    c.var.bus.publish(memberTopic(found.otherId), {
      type: CONVERSATION_TYPING,
      data: { conversationId: found.conversation.id, memberId: me },
    })
  return c.body(null, 204)
})
