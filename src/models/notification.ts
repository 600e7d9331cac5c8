// Notifications: what a member should hear of even when the page about it is not open — a new
// order, an order that moved on, a payment recorded, a dispute, a message while they were not
// looking at that conversation. Each is created once, in the transaction of what it is about
// (notify), and delivered per channel: the bell and /notifications read the row, and the
// member's open pages hear of it through a kept event (the bell's count changes live); mail is
// the third channel: notify enqueues its job in the same transaction, and the job (sent a little
// later, src/mail/notification-mail.ts) decides whether the member still needs to hear of it.
//
// One unread note per subject and kind: a second message in a conversation, or a second step of
// an order before the first was seen, freshens the note instead of stacking another. The mail
// job of a note that was freshened finds it gone and sends nothing: a burst of steps is one mail.
import { and, count, desc, eq, isNull, lt, sql } from 'drizzle-orm'
import { jobs, notifications } from '../../db/schema'
import type { Db } from '../db'
import { enqueueJob } from '../jobs/queue'
import { clockAt, HOUR, MINUTE } from '../lib/clock'
import type { EventData } from '../live/bus'
import { recordEvent, type LiveEvent } from '../live/events'
import { prepared } from './prepared'
import type { Tx } from './transaction'

export type NotificationKind =
  | 'order.placed'
  | 'order.changed'
  | 'order.paid'
  | 'order.disputed'
  | 'message.received'
  | 'payout.recorded'
  | 'review.written'
  | 'review.published'
  | 'request.posted'
  | 'request.closed'
  | 'proposal.received'

export type Notification = Omit<typeof notifications.$inferSelect, 'kind' | 'data'> & {
  kind: NotificationKind
  data: EventData
}

/** The event a member's pages hear when a note arrives or is read: the bell's count changes. */
export const NOTIFICATIONS_CHANGED = 'notifications.changed'

/** The job that mails one note (payload `{ notificationId }`). */
export const NOTIFICATION_MAIL_JOB = 'notification.mail'
/** The job that mails a member what messages wait for them (payload `{ memberId }`). */
export const MESSAGES_DIGEST_JOB = 'messages.digest'
/**
 * How long a note waits before it is mailed: the next steps of a burst (accepted, then ready a
 * minute later) freshen it meanwhile, and a member who is on the market reads it first.
 */
export const NOTIFICATION_MAIL_DELAY = 2 * MINUTE
/** Messages are mailed at most once in this while, all that came in it together. */
export const MESSAGES_DIGEST_WINDOW = 15 * MINUTE
/** The job that mails a provider the new requests in what they sell (payload `{ memberId }`). */
export const REQUESTS_DIGEST_JOB = 'requests.digest'
/**
 * New requests are mailed at most once in this while. A request stays open for days and the bell
 * tells a provider on the market at once, so mail can wait to gather a morning's or an
 * afternoon's requests into one; three hours still reaches a provider the same working day, in
 * time for "my tap leaks, today please", and means at most a few mails on the busiest day.
 */
export const REQUESTS_DIGEST_WINDOW = 3 * HOUR

/** The kinds never mailed one by one: each joins its member's digest, with its window. */
const DIGESTS: Partial<Record<NotificationKind, { job: string; window: number; key: string }>> = {
  'message.received': { job: MESSAGES_DIGEST_JOB, window: MESSAGES_DIGEST_WINDOW, key: 'digest' },
  'request.posted': {
    job: REQUESTS_DIGEST_JOB,
    window: REQUESTS_DIGEST_WINDOW,
    key: 'requests-digest',
  },
}

/**
 * Tells a member of something, inside the transaction that made it happen.
 * @returns the kept event that tells their open pages: publish it after the commit
 * @example news.push(...notify(tx, { memberId, kind: 'order.placed', subject: `order:${code}`, data }, at))
 */
export function notify(
  tx: Tx | Db,
  note: { memberId: number; kind: NotificationKind; subject: string; data: EventData },
  at: Date,
): LiveEvent[] {
  const db = tx as Db
  // The new note takes the top of the list (ids order the list), then the one it freshens goes.
  // In that order SQLite never gives the new note the id of the one it replaces (a rowid is the
  // largest plus one), so a mail keyed by a note's id is never taken for an older note's.
  const { id } = db
    .insert(notifications)
    .values({
      memberId: note.memberId,
      kind: note.kind,
      subject: note.subject,
      data: JSON.stringify(note.data),
      createdAt: at,
    })
    .returning({ id: notifications.id })
    .get()
  db.delete(notifications)
    .where(
      and(
        eq(notifications.memberId, note.memberId),
        eq(notifications.subject, note.subject),
        eq(notifications.kind, note.kind),
        isNull(notifications.readAt),
        lt(notifications.id, id),
      ),
    )
    .run()
  scheduleMail(db, note.memberId, note.kind, id, at)
  return recordEvent(tx, [note.memberId], NOTIFICATIONS_CHANGED, { notificationId: id }, at)
}

/**
 * The note's mail, as a job in the note's transaction. A message (or a new request for a
 * provider) joins the member's waiting digest of its kind, or opens the next one: the first note
 * after a digest went (or found nothing to say) starts a new window, keyed by that note.
 */
function scheduleMail(db: Db, memberId: number, kind: NotificationKind, id: number, at: Date) {
  const clock = clockAt(at)
  const digest = DIGESTS[kind]
  if (!digest) {
    enqueueJob(db, clock, {
      type: NOTIFICATION_MAIL_JOB,
      payload: { notificationId: id },
      key: `note-mail:${id}`,
      runAt: new Date(at.getTime() + NOTIFICATION_MAIL_DELAY),
    })
    return
  }
  // Only a digest still queued covers this note: one already running has read what was unread
  // before this note existed.
  const waiting = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.state, 'queued'),
        eq(jobs.type, digest.job),
        sql`json_extract(${jobs.payload}, '$.memberId') = ${memberId}`,
      ),
    )
    .get()
  if (waiting) return
  enqueueJob(db, clock, {
    type: digest.job,
    payload: { memberId },
    key: `${digest.key}:${memberId}:${id}`,
    runAt: new Date(at.getTime() + digest.window),
  })
}

/** How many notes the member has not read: the bell's count. */
export function unreadNotificationCount(db: Db, memberId: number): number {
  return prepared(db, unreadCount).get({ memberId })?.count ?? 0
}

/** The member's notes, newest first, a page at a time (`before`: the last id of the page above). */
export function listNotifications(
  db: Db,
  memberId: number,
  options: { before?: number; limit?: number } = {},
): Notification[] {
  const limit = options.limit ?? 30
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.memberId, memberId),
        options.before ? lt(notifications.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(limit)
    .all()
    .map(parseNotification)
}

/** One of the member's notes, or undefined (someone else's is as good as missing). */
export function findNotification(db: Db, memberId: number, id: number): Notification | undefined {
  const row = db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.memberId, memberId)))
    .get()
  return row ? parseNotification(row) : undefined
}

/**
 * Marks the member's note read (or all of them, without an id).
 * @returns the event telling their other pages: publish it after the commit
 */
export function markNotificationsRead(
  db: Db,
  memberId: number,
  at: Date,
  id?: number,
): LiveEvent[] {
  return db.transaction((tx) => {
    const changed = tx
      .update(notifications)
      .set({ readAt: at })
      .where(
        and(
          eq(notifications.memberId, memberId),
          isNull(notifications.readAt),
          id === undefined ? undefined : eq(notifications.id, id),
        ),
      )
      .run().changes
    return changed > 0 ? recordEvent(tx, [memberId], NOTIFICATIONS_CHANGED, {}, at) : []
  })
}

/**
 * Marks read, without telling anyone, the member's unread notes about a subject: opening an
 * order or a conversation is reading what the bell said about it.
 * @returns whether any was marked (the caller's page shows the new count anyway)
 */
export function markSubjectRead(db: Db, memberId: number, subject: string, at: Date): boolean {
  return (
    db
      .update(notifications)
      .set({ readAt: at })
      .where(
        and(
          eq(notifications.memberId, memberId),
          eq(notifications.subject, subject),
          isNull(notifications.readAt),
        ),
      )
      .run().changes > 0
  )
}

function parseNotification(row: typeof notifications.$inferSelect): Notification {
  return { ...row, kind: row.kind as NotificationKind, data: JSON.parse(row.data) as EventData }
}

const unreadCount = (db: Db) =>
  db
    .select({ count: count() })
    .from(notifications)
    .where(
      and(eq(notifications.memberId, sql.placeholder('memberId')), isNull(notifications.readAt)),
    )
    .prepare()
