// Messages: written in one transaction with everything that follows from them — the
// conversation's place in both inboxes, the sender's own read mark, a kept event for both sides'
// open pages, and a note for the recipient unless they are looking at this very conversation —
// and published by the caller after it commits. Reading moves a member's mark forward (never
// back, never past the newest message) and tells the other side, whose "Seen" then shows.
import { and, desc, eq, lt, max, sql } from 'drizzle-orm'
import { conversationMembers, conversations, images, messages } from '../../../db/schema'
import type { Db } from '../../db'
import { recordEvent, type LiveEvent } from '../../live/events'
import type { LiveStreams } from '../../live/streams'
import type { Image } from '../image'
import {
  findConversationForMember,
  findParty,
  updateConversationContext,
  type ConversationContext,
} from '../conversation'
import { markSubjectRead, notify } from '../notification'
import { transactionUnlessRefused, type Tx } from '../transaction'
import { blockBetween } from './blocks'
import { prepared } from '../prepared'

/** Most characters a message may have. */
export const MESSAGE_MAX = 2000
/** Messages a conversation page shows at once; older ones load above, this many at a time. */
export const HISTORY_PAGE = 30

/** The event both sides' open pages hear when a message is sent. */
export const MESSAGE_SENT = 'message.sent'
/** The event both sides hear when one of them read further. */
export const CONVERSATION_READ = 'conversation.read'
/** Passing, never kept: the other side is typing. */
export const CONVERSATION_TYPING = 'conversation.typing'

export type Message = {
  id: number
  conversationId: number
  senderId: number
  body: string
  createdAt: Date
  image: Pick<Image, 'hash' | 'width' | 'height' | 'widths' | 'placeholder'> | null
}

export type MessageInput = {
  body: string
  imageId?: number | null | undefined
  /** A listing, order or request the conversation is about from this message on (checked). */
  about?: ConversationContext | undefined
}
export type SendDeps = { at: Date; streams: Pick<LiveStreams, 'isWatching'> }
export type SendRefusal = 'empty' | 'too_long' | 'blocked_by_me' | 'blocked_by_them' | 'not_found'
export type SendResult =
  { ok: true; messageId: number; events: LiveEvent[] } | { ok: false; reason: SendRefusal }

/**
 * The page name a member's stream has while they read the conversation (streams.ts), and the
 * subject of their notes about it: by its code, as its address names it.
 */
export function conversationPage(code: string): string {
  return `conversation:${code}`
}

/**
 * Sends a message in the sender's conversation, all in one transaction; nothing is written when
 * it is refused. Publish `events` after it returns.
 * @example const sent = sendMessage(db, member.id, id, { body }, { at: clock.now(), streams }); if (sent.ok) publishEvents(bus, sent.events)
 */
export function sendMessage(
  db: Db,
  senderId: number,
  conversationId: number,
  input: MessageInput,
  deps: SendDeps,
): SendResult {
  // Immediate: it reads (the conversation, blocks) and then writes what it read.
  return transactionUnlessRefused(
    db,
    (tx) => sendInTransaction(tx, senderId, conversationId, input, deps),
    'immediate',
  )
}

/** sendMessage's work, inside a transaction the caller holds (and rolls back on a refusal). */
export function sendInTransaction(
  tx: Tx,
  senderId: number,
  conversationId: number,
  input: MessageInput,
  { at, streams }: SendDeps,
): SendResult {
  const found = findConversationForMember(tx, senderId, conversationId)
  if (!found) return { ok: false, reason: 'not_found' }
  const body = input.body.trim()
  const imageId = input.imageId ?? null
  if (body === '' && imageId === null) return { ok: false, reason: 'empty' }
  if (body.length > MESSAGE_MAX) return { ok: false, reason: 'too_long' }
  const block = blockBetween(tx, senderId, found.otherId)
  if (block !== 'none') return { ok: false, reason: block }

  const { id: messageId } = tx
    .insert(messages)
    .values({ conversationId, senderId, body, imageId, createdAt: at })
    .returning({ id: messages.id })
    .get()
  tx.update(conversations)
    .set({ lastMessageAt: at })
    .where(eq(conversations.id, conversationId))
    .run()
  if (input.about) updateConversationContext(tx, conversationId, input.about)
  tx.update(conversationMembers)
    .set({
      lastMessageAt: at,
      readThrough: sql`case when ${conversationMembers.memberId} = ${senderId} then ${messageId} else ${conversationMembers.readThrough} end`,
    })
    .where(eq(conversationMembers.conversationId, conversationId))
    .run()
  const events = recordEvent(
    tx,
    [senderId, found.otherId],
    MESSAGE_SENT,
    // `topic`: the message changed what the conversation is about (the pages' cards change).
    input.about ? { conversationId, messageId, topic: true } : { conversationId, messageId },
    at,
  )
  const page = conversationPage(found.conversation.code)
  if (!streams.isWatching(found.otherId, page)) {
    const sender = findParty(tx, senderId)
    events.push(
      ...notify(
        tx,
        {
          memberId: found.otherId,
          kind: 'message.received',
          subject: page,
          data: { conversationId, senderName: sender?.name ?? 'a member' },
        },
        at,
      ),
    )
  }
  return { ok: true, messageId, events }
}

/**
 * A page of the conversation's messages, oldest first: the newest HISTORY_PAGE, or those just
 * before the message `before`; `olderThan` is where the next older page starts (null at the start).
 */
export function listMessages(
  db: Pick<Db, 'select'>,
  conversationId: number,
  options: { before?: number | undefined; limit?: number } = {},
): { messages: Message[]; olderThan: number | null } {
  const limit = options.limit ?? HISTORY_PAGE
  const rows = messageRows(db)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        options.before ? lt(messages.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(limit + 1)
    .all()
  const shown = rows.slice(0, limit).reverse().map(toMessage)
  return { messages: shown, olderThan: rows.length > limit ? (shown[0]?.id ?? null) : null }
}

/** One message of the conversation, or undefined. */
export function findMessage(
  db: Pick<Db, 'select'>,
  conversationId: number,
  messageId: number,
): Message | undefined {
  const row = prepared(db as Db, oneMessage).get({ conversationId, messageId })
  return row ? toMessage(row) : undefined
}

// Read for every open page of both sides on each message sent: built once per connection.
const oneMessage = (db: Db) =>
  messageRows(db)
    .where(
      and(
        eq(messages.conversationId, sql.placeholder('conversationId')),
        eq(messages.id, sql.placeholder('messageId')),
      ),
    )
    .prepare()

/** How far each side has read: by member id. */
export function readMarks(db: Pick<Db, 'select'>, conversationId: number): Map<number, number> {
  const rows = prepared(db as Db, marks).all({ conversationId })
  return new Map(rows.map((row) => [row.memberId, row.readThrough]))
}

const marks = (db: Db) =>
  db
    .select({
      memberId: conversationMembers.memberId,
      readThrough: conversationMembers.readThrough,
    })
    .from(conversationMembers)
    .where(eq(conversationMembers.conversationId, sql.placeholder('conversationId')))
    .prepare()

/** The newest message `memberId` sent in the conversation (for "Seen"), or 0. */
export function lastSentBy(
  db: Pick<Db, 'select'>,
  conversationId: number,
  memberId: number,
): number {
  return prepared(db as Db, lastOfSender).get({ conversationId, memberId })?.id ?? 0
}

const lastOfSender = (db: Db) =>
  db
    .select({ id: max(messages.id) })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, sql.placeholder('conversationId')),
        eq(messages.senderId, sql.placeholder('memberId')),
      ),
    )
    .prepare()

/**
 * Moves the member's read mark to `throughMessageId` — never back, never past the newest
 * message — and marks their notes about the conversation read. Tells the other side (their
 * "Seen") and the reader's other pages (the header's counts).
 * @returns the events to publish; none when nothing changed
 */
export function markConversationRead(
  db: Db,
  memberId: number,
  conversationId: number,
  throughMessageId: number,
  at: Date,
): LiveEvent[] {
  return db.transaction(
    (tx) => {
      const found = findConversationForMember(tx, memberId, conversationId)
      if (!found) return []
      const newest =
        tx
          .select({ id: max(messages.id) })
          .from(messages)
          .where(eq(messages.conversationId, conversationId))
          .get()?.id ?? 0
      const through = Math.min(Math.max(0, Math.trunc(throughMessageId)), newest)
      const moved = tx
        .update(conversationMembers)
        .set({ readThrough: through })
        .where(
          and(
            eq(conversationMembers.conversationId, conversationId),
            eq(conversationMembers.memberId, memberId),
            lt(conversationMembers.readThrough, through),
          ),
        )
        .run().changes
      const notesRead = markSubjectRead(
        tx as unknown as Db,
        memberId,
        conversationPage(found.conversation.code),
        at,
      )
      if (moved === 0 && !notesRead) return []
      return recordEvent(
        tx,
        [memberId, found.otherId],
        CONVERSATION_READ,
        { conversationId, readerId: memberId },
        at,
      )
    },
    { behavior: 'immediate' },
  )
}

/** The newest message id of the conversation (0 without any). */
export function newestMessageId(db: Pick<Db, 'select'>, conversationId: number): number {
  return prepared(db as Db, newest).get({ conversationId })?.id ?? 0
}

const newest = (db: Db) =>
  db
    .select({ id: max(messages.id) })
    .from(messages)
    .where(eq(messages.conversationId, sql.placeholder('conversationId')))
    .prepare()

function messageRows(db: Pick<Db, 'select'>) {
  return db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      senderId: messages.senderId,
      body: messages.body,
      createdAt: messages.createdAt,
      hash: images.hash,
      width: images.width,
      height: images.height,
      widths: images.widths,
      placeholder: images.placeholder,
    })
    .from(messages)
    .leftJoin(images, eq(images.id, messages.imageId))
    .$dynamic()
}

type MessageRow = {
  id: number
  conversationId: number
  senderId: number
  body: string
  createdAt: Date
  hash: string | null
  width: number | null
  height: number | null
  widths: string | null
  placeholder: string | null
}

function toMessage(row: MessageRow): Message {
  const { hash, width, height, widths, placeholder, ...message } = row
  return {
    ...message,
    image:
      hash !== null && width !== null && height !== null && widths !== null && placeholder !== null
        ? { hash, width, height, widths, placeholder }
        : null,
  }
}
