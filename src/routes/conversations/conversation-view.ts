// What the conversation routes and the live fragments share: finding the conversation through
// the signed-in member (someone else's is a 404), gathering what its page shows, and the words
// for each refusal.
import type { Context } from 'hono'
import { z } from 'zod'
import type { ConversationView, NewTopic } from '../../../views/conversations/conversation-page'
import type { Db } from '../../db'
import {
  conversationContextCard,
  resolveContext,
  type ConversationContext,
  findConversationByCode,
  findParty,
  type MemberConversation,
  type MessagingRefusal,
} from '../../models/conversation'
import type { SessionMember } from '../../models/session'
import { blockBetween } from '../../models/conversation/blocks'
import {
  lastSentBy,
  listMessages,
  MESSAGE_MAX,
  newestMessageId,
  readMarks,
  type SendRefusal,
} from '../../models/conversation/messages'
import type { MemberEnv } from '../../http/env'

/** A row's id (a member's, a listing's) as a page sends it. */
export const idText = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number)

/** An order's or a request's code as a page sends it. */
export const orderCodeText = z.string().regex(/^[A-Za-z0-9]{1,32}$/)

/**
 * What the member came from, as `?listing=` / `?order=` / `?request=` or the box's hidden fields;
 * a malformed one reads as none (it is only ever an offer).
 */
export const topicFields = z.object({
  listing: idText.optional().catch(undefined),
  order: orderCodeText.optional().catch(undefined),
  request: orderCodeText.optional().catch(undefined),
})

/**
 * What the member came from ("Message" on a listing, an order or a request), offered as the topic
 * of their next message: only what the pair may talk about (resolveContext), and only when it is
 * not already the topic. Nothing changes until a message is sent with it.
 * @example offeredTopic(db, member, found, topicFields.parse(form.values), clock.now())
 */
export function offeredTopic(
  db: Db,
  member: SessionMember,
  found: MemberConversation,
  asked: z.infer<typeof topicFields>,
  now: Date,
): NewTopic | undefined {
  const { listing: listingId, order: orderCode, request: requestCode } = asked
  if (listingId === undefined && orderCode === undefined && requestCode === undefined)
    return undefined
  const { conversation, otherId } = found
  const context = oneTopic(
    resolveContext(db, member, otherId, { listingId, orderCode, requestCode }, now),
  )
  const isNew =
    (context.orderId !== null && context.orderId !== conversation.orderId) ||
    (context.requestId !== null && context.requestId !== conversation.requestId) ||
    (context.listingId !== null && context.listingId !== conversation.listingId)
  if (!isNew) return undefined
  return {
    listingId: context.listingId,
    orderCode: context.orderId !== null ? (orderCode ?? null) : null,
    requestCode: context.requestId !== null ? (requestCode ?? null) : null,
    card: conversationContextCard(db, context, now),
    context,
  }
}

/** One topic at a time: an order says more than a request, a request more than a listing. */
function oneTopic(resolved: ConversationContext): ConversationContext {
  const none: ConversationContext = { listingId: null, orderId: null, requestId: null }
  if (resolved.orderId !== null) return { ...none, orderId: resolved.orderId }
  if (resolved.requestId !== null) return { ...none, requestId: resolved.requestId }
  return resolved
}

/** Messages a member may send in a minute, all conversations together. */
export const MESSAGES_PER_MINUTE = 20

/** The signed-in member's conversation named in the path, or undefined. */
export function ownConversation<E extends MemberEnv>(
  c: Context<E>,
): MemberConversation | undefined {
  return findConversationByCode(c.var.db, c.var.member.id, c.req.param('code') ?? '')
}

/**
 * Counts a message against the member's limit.
 * @returns the seconds to wait when they are over it, else null
 */
export function messageRateLimit<E extends MemberEnv>(c: Context<E>): number | null {
  return c.var.rateLimits.hit(
    `messages:${c.var.member.id}`,
    c.var.clock.now().getTime(),
    MESSAGES_PER_MINUTE,
    60_000,
  )
}

export function tooFastMessage(seconds: number): string {
  return `You're sending messages too fast — wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`
}

/** Whether the other side has read the member's message, when it is the newest one. */
export function seenByOther(db: Db, memberId: number, found: MemberConversation): boolean {
  const id = found.conversation.id
  const mine = lastSentBy(db, id, memberId)
  if (mine === 0 || mine !== newestMessageId(db, id)) return false
  return (readMarks(db, id).get(found.otherId) ?? 0) >= mine
}

/**
 * Everything the conversation page shows the member (the newest messages, or those before one),
 * as of `now`.
 */
export function conversationView(
  db: Db,
  memberId: number,
  found: MemberConversation,
  now: Date,
  before?: number,
): ConversationView {
  const id = found.conversation.id
  const { messages, olderThan } = listMessages(db, id, { before })
  return {
    code: found.conversation.code,
    me: memberId,
    other: findParty(db, found.otherId) ?? {
      id: found.otherId,
      name: 'A member',
      storeSlug: null,
      deleted: false,
    },
    context: conversationContextCard(db, found.conversation, now),
    messages,
    olderThan,
    seen: seenByOther(db, memberId, found),
    block: blockBetween(db, memberId, found.otherId),
  }
}

/** What to tell a member whose message was refused. */
export function refusalMessage(
  reason: SendRefusal | MessagingRefusal,
  otherName = 'this member',
): string {
  switch (reason) {
    case 'empty':
      return 'Write a message, or add a photo.'
    case 'too_long':
      return `Use at most ${MESSAGE_MAX} characters.`
    case 'self':
      return 'You cannot message yourself.'
    case 'no_member':
    case 'not_found':
      return 'There is no such member.'
    case 'blocked_by_me':
      return `You blocked ${otherName}. Unblock them to send messages again.`
    case 'blocked_by_them':
      return `${otherName} is not taking messages from you.`
  }
}
