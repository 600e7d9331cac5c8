// The outbox: every mail the market sends is first a row here, written in the transaction of its
// cause (a sign-up, an order), together with the job that sends it (sending.ts). So a mail exists
// exactly when its cause committed — a crash before the commit leaves neither, a crash after it
// leaves both, and the job sends it when the process is back. A mail server that is down only
// delays it: the job retries with back-off, and the row says why the last try failed.
//
// `key` names the cause ("verify:<token id>", "order-placed:<code>"): queueing the same mail
// twice writes one row. Sending is at least once: a crash after the server accepted a mail but
// before the row said so sends it again, under the same Message-ID, which mail clients use to
// show it once.
import { and, desc, eq, sql } from 'drizzle-orm'
import { mails } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { enqueueJob } from '../jobs/queue'
import type { Tx } from '../models/transaction'

export type Mail = typeof mails.$inferSelect
export type MailState = Mail['state']

/** What a template makes: the words of one mail, in plain text and simple HTML. */
export type MailContent = { subject: string; text: string; html: string }

export const SEND_MAIL_JOB = 'mail.send'

/**
 * Writes a mail and the job that sends it, inside the caller's transaction.
 * @returns the mail, or undefined when one with this key was queued before
 * @example db.transaction((tx) => { …; queueMail(tx, clock, { key: `reset:${id}`, kind: 'reset_password', to, memberId, content }) })
 */
export function queueMail(
  tx: Tx | Db,
  clock: Clock,
  mail: {
    key: string
    kind: string
    to: string
    memberId?: number
    content: MailContent
    unsubscribeUrl?: string
  },
): Mail | undefined {
  const added = tx
    .insert(mails)
    .values({
      key: mail.key,
      kind: mail.kind,
      to: mail.to,
      memberId: mail.memberId,
      subject: oneLine(mail.content.subject),
      text: mail.content.text,
      html: mail.content.html,
      unsubscribeUrl: mail.unsubscribeUrl,
      createdAt: clock.now(),
    })
    .onConflictDoNothing()
    .returning()
    .get()
  if (added)
    enqueueJob(tx, clock, {
      type: SEND_MAIL_JOB,
      payload: { mailId: added.id },
      key: `mail:${added.id}`,
    })
  return added
}

/**
 * A header value on one line: a display name or title typed as "Ann\r\nBcc: everyone@…" must
 * not add a header. (nodemailer encodes headers too; this is the first of two locks.)
 */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim()
}

export function findMail(db: Db, id: number): Mail | undefined {
  return db.select().from(mails).where(eq(mails.id, id)).get()
}

/** The newest mails first, for the operator's outbox page; optionally only those in one state. */
export function listOutbox(
  db: Db,
  { state, limit = 100 }: { state?: MailState; limit?: number } = {},
) {
  return db
    .select()
    .from(mails)
    .where(state ? eq(mails.state, state) : undefined)
    .orderBy(desc(mails.id))
    .limit(limit)
    .all()
}

/** How many mails are in each state: the outbox page's tabs. */
export function countOutbox(db: Db): Record<MailState, number> {
  const counts: Record<MailState, number> = { waiting: 0, sent: 0, held: 0, failed: 0 }
  for (const row of db
    .select({ state: mails.state, count: sql<number>`count(*)` })
    .from(mails)
    .groupBy(mails.state)
    .all())
    counts[row.state] = row.count
  return counts
}

/** Records how a try to send ended. */
export function markMail(
  db: Db,
  clock: Clock,
  id: number,
  outcome: { state: 'sent' | 'held' } | { state: 'waiting' | 'failed'; error: string },
) {
  db.update(mails)
    .set({
      state: outcome.state,
      attempts: sql`${mails.attempts} + 1`,
      ...(outcome.state === 'sent' ? { sentAt: clock.now(), lastError: null } : {}),
      ...('error' in outcome ? { lastError: outcome.error.slice(0, 2000) } : {}),
    })
    .where(eq(mails.id, id))
    .run()
}

/**
 * Sends a failed or held mail again (the operator's Retry): back to waiting, with a new job.
 * @returns false when the mail was not failed or held
 */
export function retryMail(db: Db, clock: Clock, id: number): boolean {
  return db.transaction((tx) => {
    const changed = tx
      .update(mails)
      .set({ state: 'waiting' })
      .where(and(eq(mails.id, id), sql`${mails.state} IN ('failed', 'held')`))
      .run().changes
    if (changed === 0) return false
    enqueueJob(tx, clock, { type: SEND_MAIL_JOB, payload: { mailId: id }, key: `mail:${id}` })
    return true
  })
}
