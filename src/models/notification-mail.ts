// What notification mail needs to know when its job runs (src/mail/notification-mail.ts): who
// the member is and whether mail may go to them, whether the note still needs a mail, what the
// order it is about looks like now, which messages still wait unread, and which new requests are
// still open for a provider.
import { and, count, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm'
import {
  bookings,
  categories,
  conversationMembers,
  members,
  messages,
  notifications,
  orders,
  serviceRequests,
} from '../../db/schema'
import type { Booking } from './booking/booked-time'
import type { Db } from '../db'
import { findParty } from './conversation'
import type { Notification, NotificationKind } from './notification'
import { orderDetails, type Order, type OrderDetails } from './order'

/** Where a member's notification mail goes. */
export type MailRecipient = {
  id: number
  email: string
  displayName: string
  unsubscribeToken: string
}

/**
 * The member as mail sees them, or undefined when no notification mail may go to them: an
 * address nobody proved they read (it may be someone else's), or an account deleted since.
 */
export function mailRecipient(db: Pick<Db, 'select'>, memberId: number): MailRecipient | undefined {
  const row = db
    .select({
      id: members.id,
      email: members.email,
      displayName: members.displayName,
      unsubscribeToken: members.unsubscribeToken,
      emailVerifiedAt: members.emailVerifiedAt,
      deletedAt: members.deletedAt,
    })
    .from(members)
    .where(eq(members.id, memberId))
    .get()
  if (!row || row.emailVerifiedAt === null || row.deletedAt !== null) return undefined
  const { emailVerifiedAt: _verified, deletedAt: _deleted, ...recipient } = row
  return recipient
}

/**
 * A note that may still need its mail, with the kinds of the member's newer notes about the same
 * subject (whose own mails tell what happened since). Undefined when the note is gone (a newer
 * one of its kind freshened it) or was read: the member has seen it.
 */
export function noteToMail(
  db: Pick<Db, 'select'>,
  id: number,
): { note: Notification; newerKinds: NotificationKind[] } | undefined {
  const row = db.select().from(notifications).where(eq(notifications.id, id)).get()
  if (!row || row.readAt !== null) return undefined
  const newer = db
    .select({ kind: notifications.kind })
    .from(notifications)
    .where(
      and(
        eq(notifications.memberId, row.memberId),
        eq(notifications.subject, row.subject),
        gt(notifications.id, row.id),
      ),
    )
    .all()
  return {
    note: { ...row, kind: row.kind as NotificationKind, data: JSON.parse(row.data) },
    newerKinds: newer.map((one) => one.kind as NotificationKind),
  }
}

/** An order as its mail tells it, and who the member is to it. */
export type OrderForMail = OrderDetails & {
  order: Order
  role: 'buyer' | 'provider' | 'operator'
  /** A booking's time (and a time proposed instead); null for other orders. */
  booking: Pick<Booking, 'startsAt' | 'proposedStartsAt'> | null
}

/** The order with this code as it is now, told to `memberId`; undefined when there is none. */
export function orderForMail(
  db: Pick<Db, 'select'>,
  code: string,
  memberId: number,
): OrderForMail | undefined {
  const order = db.select().from(orders).where(eq(orders.code, code)).get()
  if (!order) return undefined
  const details = orderDetails(db, order)
  const role =
    order.buyerId === memberId
      ? 'buyer'
      : details.store.memberId === memberId
        ? 'provider'
        : 'operator'
  const booking =
    db
      .select({ startsAt: bookings.startsAt, proposedStartsAt: bookings.proposedStartsAt })
      .from(bookings)
      .where(eq(bookings.orderId, order.id))
      .get() ?? null
  return { ...details, order, role, booking }
}

/** What a digest of unread messages says. */
export type MessagesDigest = {
  /** Messages the member has not read, in the conversations their unread notes are about. */
  count: number
  /** Who wrote them, the one who wrote last first. */
  senders: string[]
  /** The newest of those notes: one digest per state of the inbox. */
  newestNoteId: number
}

/**
 * The messages still waiting for the member: those in conversations their unread message notes
 * are about, past how far they read. Undefined when none wait (read meanwhile, on the market or
 * through the bell).
 */
export function unreadMessagesDigest(
  db: Pick<Db, 'select'>,
  memberId: number,
): MessagesDigest | undefined {
  const notes = db
    .select({ id: notifications.id, data: notifications.data })
    .from(notifications)
    .where(
      and(
        eq(notifications.memberId, memberId),
        eq(notifications.kind, 'message.received'),
        isNull(notifications.readAt),
      ),
    )
    .orderBy(desc(notifications.id))
    .all()
  let total = 0
  const senders = new Set<string>()
  for (const note of notes) {
    const conversationId = Number(
      (JSON.parse(note.data) as { conversationId?: unknown }).conversationId,
    )
    if (!Number.isSafeInteger(conversationId)) continue
    const unread = unreadIn(db, memberId, conversationId)
    if (unread.count === 0) continue
    total += unread.count
    const sender = unread.senderId === null ? undefined : findParty(db, unread.senderId)
    if (sender) senders.add(sender.name)
  }
  const newest = notes[0]
  return total > 0 && newest
    ? { count: total, senders: [...senders], newestNoteId: newest.id }
    : undefined
}

/**
 * How many messages of the conversation the member has not read, and who wrote them: in a
 * conversation of two, the one other member (so any aggregate of the sender ids names them).
 */
function unreadIn(db: Pick<Db, 'select'>, memberId: number, conversationId: number) {
  const row = db
    .select({ count: count(), senderId: sql<number | null>`max(${messages.senderId})` })
    .from(messages)
    .innerJoin(
      conversationMembers,
      and(
        eq(conversationMembers.conversationId, messages.conversationId),
        eq(conversationMembers.memberId, memberId),
      ),
    )
    .where(
      and(
        eq(messages.conversationId, conversationId),
        ne(messages.senderId, memberId),
        gt(messages.id, conversationMembers.readThrough),
      ),
    )
    .get()
  return { count: row?.count ?? 0, senderId: row?.senderId ?? null }
}

/** A new request as the providers' digest lists it. */
export type DigestRequest = {
  code: string
  title: string
  /** Its category's name. */
  category: string
  /** Minor units; either end may be open. */
  budgetMin: number | null
  budgetMax: number | null
}

/** What a digest of new requests says. */
export type RequestsDigest = {
  /** The newest first, at most REQUESTS_DIGEST_MAX. */
  requests: DigestRequest[]
  /** How many more are open and unread beyond those listed. */
  more: number
  /** The newest of the listed requests' notes: one digest per state of the list. */
  newestNoteId: number
}

/** At most this many requests are listed in one mail; the page lists them all. */
export const REQUESTS_DIGEST_MAX = 10

/**
 * The new requests the provider has not read of that are still open as of `now` (not hired,
 * withdrawn or run out). Undefined when there are none: read on the market meanwhile, or closed.
 */
export function unreadRequestsDigest(
  db: Pick<Db, 'select'>,
  memberId: number,
  now: Date,
): RequestsDigest | undefined {
  const open = db
    .select({
      noteId: notifications.id,
      code: serviceRequests.code,
      title: serviceRequests.title,
      category: categories.name,
      budgetMin: serviceRequests.budgetMin,
      budgetMax: serviceRequests.budgetMax,
    })
    .from(notifications)
    // By the note's code: the requests' unique index on code finds each one.
    .innerJoin(
      serviceRequests,
      eq(serviceRequests.code, sql`json_extract(${notifications.data}, '$.code')`),
    )
    .innerJoin(categories, eq(categories.id, serviceRequests.categoryId))
    .where(
      and(
        eq(notifications.memberId, memberId),
        eq(notifications.kind, 'request.posted'),
        isNull(notifications.readAt),
        eq(serviceRequests.status, 'open'),
        gt(serviceRequests.expiresAt, now),
      ),
    )
    .orderBy(desc(notifications.id))
    .all()
  const newest = open[0]
  if (!newest) return undefined
  return {
    requests: open.slice(0, REQUESTS_DIGEST_MAX).map(({ noteId: _note, ...request }) => request),
    more: Math.max(0, open.length - REQUESTS_DIGEST_MAX),
    newestNoteId: newest.noteId,
  }
}
