// Conversations: two members talking, one conversation per pair (member_a < member_b, so the
// pair is one row whoever starts it), about the listing, order or request it was last started
// from. The messages themselves, the inbox, blocks and reports are in conversation/*.ts; this
// file finds conversations through a member's reach (someone else's is as good as missing), says
// who the other side is, and starts one together with its first message, so no conversation is
// empty.
import { and, eq, or, sql } from 'drizzle-orm'
import {
  conversationMembers,
  conversations,
  listings,
  members,
  orders,
  proposals,
  serviceRequests,
  stores,
} from '../../db/schema'
import type { Db } from '../db'
import { readableCode } from '../lib/tokens'
import { blockBetween } from './conversation/blocks'
import {
  sendInTransaction,
  type MessageInput,
  type SendDeps,
  type SendResult,
} from './conversation/messages'
import { prepared } from './prepared'
import { findRequestFor, statusNow, type RequestStatus } from './request/request'
import type { SessionMember } from './session'
import { transactionUnlessRefused, type Tx } from './transaction'

export type Conversation = typeof conversations.$inferSelect

/**
 * The other side as the conversation shows them: their store's name when they have one. A member
 * who deleted their account is "Former member" without a store (`deleted`), and takes no messages.
 */
export type Party = { id: number; name: string; storeSlug: string | null; deleted: boolean }

/** What a conversation is about, for the card at the top of its page. */
export type ContextCard =
  | { kind: 'listing'; id: number; slug: string; title: string; onSale: boolean }
  | { kind: 'order'; code: string; status: (typeof orders.$inferSelect)['status'] }
  | { kind: 'request'; code: string; title: string; status: RequestStatus }
  | null

/** Where a conversation was started from, checked: ids that belong to the pair, or null. */
export type ConversationContext = {
  listingId: number | null
  orderId: number | null
  requestId: number | null
}

/** Why a member cannot message another. */
export type MessagingRefusal = 'self' | 'no_member' | 'blocked_by_me' | 'blocked_by_them'

/** A conversation the member takes part in, and who the other side is. */
export type MemberConversation = { conversation: Conversation; otherId: number }

/** The pair as stored: the smaller id first. */
export function orderedPair(one: number, other: number): [number, number] {
  return one < other ? [one, other] : [other, one]
}

/**
 * The conversation with this id if `memberId` takes part in it; otherwise undefined.
 * @example const found = findConversationForMember(db, member.id, id); if (!found) return c.notFound()
 */
export function findConversationForMember(
  db: Pick<Db, 'select'>,
  memberId: number,
  id: number,
): MemberConversation | undefined {
  const conversation = prepared(db as Db, conversationOfMember).get({ id, memberId })
  if (!conversation) return undefined
  const otherId = conversation.memberA === memberId ? conversation.memberB : conversation.memberA
  return { conversation, otherId }
}

/**
 * The conversation its address names, if `memberId` takes part in it; otherwise undefined.
 * @example const found = findConversationByCode(db, member.id, c.req.param('code')); if (!found) return c.notFound()
 */
export function findConversationByCode(
  db: Pick<Db, 'select'>,
  memberId: number,
  code: string,
): MemberConversation | undefined {
  const row = prepared(db as Db, conversationByCode).get({ code })
  return row ? findConversationForMember(db, memberId, row.id) : undefined
}

// Every message sent and every page rendered for it looks a conversation up: built once.
const conversationOfMember = (db: Db) => {
  const member = sql.placeholder('memberId')
  return db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.id, sql.placeholder('id')),
        or(eq(conversations.memberA, member), eq(conversations.memberB, member)),
      ),
    )
    .prepare()
}

const conversationByCode = (db: Db) =>
  db
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.code, sql.placeholder('code')))
    .prepare()

/** The pair's conversation, whoever started it, if there is one. */
export function findConversationBetween(
  db: Pick<Db, 'select'>,
  one: number,
  other: number,
): Conversation | undefined {
  const [memberA, memberB] = orderedPair(one, other)
  return db
    .select()
    .from(conversations)
    .where(and(eq(conversations.memberA, memberA), eq(conversations.memberB, memberB)))
    .get()
}

/** A member as others see them in conversations, or undefined when there is no such member. */
export function findParty(db: Pick<Db, 'select'>, memberId: number): Party | undefined {
  const row = prepared(db as Db, party).get({ memberId })
  if (!row) return undefined
  const deleted = row.deletedAt !== null
  return {
    id: row.id,
    name: (!deleted && row.store) || row.displayName,
    storeSlug: deleted ? null : row.slug,
    deleted,
  }
}

const party = (db: Db) =>
  db
    .select({
      id: members.id,
      displayName: members.displayName,
      deletedAt: members.deletedAt,
      store: stores.name,
      slug: stores.slug,
    })
    .from(members)
    .leftJoin(stores, eq(stores.memberId, members.id))
    .where(eq(members.id, sql.placeholder('memberId')))
    .prepare()

/** Whether `fromId` may message `toId` now: not themselves, someone who exists, no block either way. */
export function checkCanMessage(
  db: Pick<Db, 'select'>,
  fromId: number,
  toId: number,
): { ok: true } | { ok: false; reason: MessagingRefusal } {
  if (fromId === toId) return { ok: false, reason: 'self' }
  const to = findParty(db, toId)
  if (!to || to.deleted) return { ok: false, reason: 'no_member' }
  const block = blockBetween(db, fromId, toId)
  return block === 'none' ? { ok: true } : { ok: false, reason: block }
}

/** What a member came from ("Message" on a listing, an order or a request), unchecked. */
export type AskedContext = {
  listingId?: number | undefined
  orderCode?: string | undefined
  requestCode?: string | undefined
}

/**
 * What `asker` and the other side could be talking about: a listing of either one's store, an
 * order between them, or a request between its buyer and a provider (requestTopic). Anything else
 * (someone else's listing, an order they are not both part of, a request the asker may not read)
 * is dropped, and says nothing of whether it exists.
 * @example resolveContext(db, c.var.member, toId, { requestCode: 'K7QX2M9PTA' }, clock.now())
 */
export function resolveContext(
  db: Db,
  asker: SessionMember,
  otherId: number,
  asked: AskedContext,
  now: Date,
): ConversationContext {
  const pair = [asker.id, otherId]
  const context: ConversationContext = { listingId: null, orderId: null, requestId: null }
  if (asked.listingId) {
    const listing = db
      .select({ id: listings.id, ownerId: stores.memberId })
      .from(listings)
      .innerJoin(stores, eq(stores.id, listings.storeId))
      .where(eq(listings.id, asked.listingId))
      .get()
    if (listing && pair.includes(listing.ownerId)) context.listingId = listing.id
  }
  if (asked.orderCode) {
    const order = db
      .select({ id: orders.id, buyerId: orders.buyerId, ownerId: stores.memberId })
      .from(orders)
      .innerJoin(stores, eq(stores.id, orders.storeId))
      .where(eq(orders.code, asked.orderCode))
      .get()
    if (
      order &&
      order.buyerId !== order.ownerId &&
      pair.includes(order.buyerId) &&
      pair.includes(order.ownerId)
    )
      context.orderId = order.id
  }
  if (asked.requestCode)
    context.requestId = requestTopic(db, asker, otherId, asked.requestCode, now)
  return context
}

/**
 * The request's id if the pair may talk about it: the asker may read it (a category-only request
 * is no one else's business), and it is between its buyer and a provider — a store that proposed
 * on it, when the buyer asks (whatever became of the proposal); any store owner who may read it,
 * when they write to its buyer. Both sides could read it then, so its card shows them nothing new.
 */
function requestTopic(
  db: Db,
  asker: SessionMember,
  otherId: number,
  code: string,
  now: Date,
): number | null {
  const request = findRequestFor(db, asker, code, now)
  if (!request) return null
  const askerIsBuyer = request.buyerId === asker.id
  const providerId = askerIsBuyer ? otherId : asker.id
  const store = db
    .select({ id: stores.id })
    .from(stores)
    .where(eq(stores.memberId, providerId))
    .get()
  const related = askerIsBuyer
    ? store !== undefined && proposedOn(db, request.id, store.id)
    : store !== undefined && request.buyerId === otherId
  return related ? request.id : null
}

function proposedOn(db: Db, requestId: number, storeId: number): boolean {
  const proposal = db
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.requestId, requestId), eq(proposals.storeId, storeId)))
    .get()
  return proposal !== undefined
}

/**
 * Makes `context` what the conversation is about, when it names something (else leaves it): one
 * topic replaces the one before, so the others are cleared.
 */
export function updateConversationContext(
  db: Db | Tx,
  conversationId: number,
  context: ConversationContext,
) {
  if (context.listingId === null && context.orderId === null && context.requestId === null) return
  db.update(conversations).set(context).where(eq(conversations.id, conversationId)).run()
}

/**
 * The card at the top of the conversation: the order, request or listing it is about, if any
 * (an order says most; a request's status as of `now`).
 */
export function conversationContextCard(
  db: Pick<Db, 'select'>,
  conversation: Pick<Conversation, 'listingId' | 'orderId' | 'requestId'>,
  now: Date,
): ContextCard {
  if (conversation.orderId !== null) {
    const order = db
      .select({ code: orders.code, status: orders.status })
      .from(orders)
      .where(eq(orders.id, conversation.orderId))
      .get()
    if (order) return { kind: 'order', ...order }
  }
  if (conversation.requestId !== null) {
    const request = db
      .select({
        code: serviceRequests.code,
        title: serviceRequests.title,
        status: serviceRequests.status,
        expiresAt: serviceRequests.expiresAt,
      })
      .from(serviceRequests)
      .where(eq(serviceRequests.id, conversation.requestId))
      .get()
    if (request)
      return {
        kind: 'request',
        code: request.code,
        title: request.title,
        status: statusNow(request, now),
      }
  }
  if (conversation.listingId !== null) {
    const listing = db
      .select({
        id: listings.id,
        slug: listings.slug,
        title: listings.title,
        status: listings.status,
      })
      .from(listings)
      .where(eq(listings.id, conversation.listingId))
      .get()
    if (listing && listing.status !== 'draft')
      return {
        kind: 'listing',
        id: listing.id,
        slug: listing.slug,
        title: listing.title,
        onSale: listing.status === 'published',
      }
  }
  return null
}

export type StartResult =
  | (SendResult & { ok: true; conversationId: number; conversationCode: string })
  | { ok: false; reason: MessagingRefusal | 'empty' | 'too_long' }

/**
 * Starts (or carries on) the pair's conversation with its first message, in one transaction:
 * a refused message leaves no conversation behind. Publish `events` after it returns.
 * @example const started = startConversation(db, member.id, toId, context, { body }, { at, streams })
 */
export function startConversation(
  db: Db,
  senderId: number,
  recipientId: number,
  context: ConversationContext,
  input: MessageInput,
  deps: SendDeps,
): StartResult {
  return transactionUnlessRefused(
    db,
    (tx): StartResult => {
      const allowed = checkCanMessage(tx, senderId, recipientId)
      if (!allowed.ok) return allowed
      const conversation = findOrCreateConversation(tx, senderId, recipientId, deps.at)
      updateConversationContext(tx, conversation.id, context)
      const sent = sendInTransaction(tx, senderId, conversation.id, input, deps)
      if (!sent.ok)
        return { ok: false, reason: sent.reason === 'not_found' ? 'no_member' : sent.reason }
      return { ...sent, conversationId: conversation.id, conversationCode: conversation.code }
    },
    'immediate',
  )
}

function findOrCreateConversation(
  tx: Tx,
  one: number,
  other: number,
  at: Date,
): Pick<Conversation, 'id' | 'code'> {
  const existing = findConversationBetween(tx, one, other)
  if (existing) return existing
  const [memberA, memberB] = orderedPair(one, other)
  const created = tx
    .insert(conversations)
    .values({ memberA, memberB, code: readableCode(), createdAt: at })
    .returning({ id: conversations.id, code: conversations.code })
    .get()
  const { id } = created
  tx.insert(conversationMembers)
    .values([
      { conversationId: id, memberId: memberA },
      { conversationId: id, memberId: memberB },
    ])
    .run()
  return created
}
