// Which notification mail a member wants: every kind until they turn it off, on the account
// page or by a mail's unsubscribe link. Only the kinds turned off are rows (mail_opt_outs).
import { and, eq, isNull } from 'drizzle-orm'
import { mailOptOuts, members } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { NOTIFICATION_MAIL_KINDS, type NotificationMailKind } from '../mail/kinds'
import type { Tx } from './transaction'

/** Each kind, and whether the member wants it. */
export function mailPreferences(
  db: Pick<Db, 'select'>,
  memberId: number,
): Record<NotificationMailKind, boolean> {
  const off = new Set(
    db
      .select({ kind: mailOptOuts.kind })
      .from(mailOptOuts)
      .where(eq(mailOptOuts.memberId, memberId))
      .all()
      .map((row) => row.kind),
  )
  return Object.fromEntries(
    NOTIFICATION_MAIL_KINDS.map((kind) => [kind, !off.has(kind)]),
  ) as Record<NotificationMailKind, boolean>
}

/** Turns one kind off (idempotent: the unsubscribe link may be followed twice). */
export function turnMailOff(
  db: Db | Tx,
  clock: Clock,
  memberId: number,
  kind: NotificationMailKind,
) {
  db.insert(mailOptOuts)
    .values({ memberId, kind, createdAt: clock.now() })
    .onConflictDoNothing()
    .run()
}

/** Sets every kind at once, as the account page's form says. */
export function setMailPreferences(
  db: Db,
  clock: Clock,
  memberId: number,
  wanted: Record<NotificationMailKind, boolean>,
) {
  db.transaction((tx) => {
    tx.delete(mailOptOuts).where(eq(mailOptOuts.memberId, memberId)).run()
    for (const kind of NOTIFICATION_MAIL_KINDS)
      if (!wanted[kind]) turnMailOff(tx, clock, memberId, kind)
  })
}

/** Whether `kind` names a kind of notification mail (it comes from a link's path). */
export function isNotificationMailKind(kind: string): kind is NotificationMailKind {
  return (NOTIFICATION_MAIL_KINDS as readonly string[]).includes(kind)
}

/**
 * The member an unsubscribe link names by its token, or undefined for a token nobody holds: a
 * deleted account's token was replaced, so links in its old mail find nobody.
 * @example const memberId = findUnsubscriber(db, c.req.param('token')); if (memberId === undefined) return c.notFound()
 */
export function findUnsubscriber(db: Pick<Db, 'select'>, token: string): number | undefined {
  return db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.unsubscribeToken, token), isNull(members.deletedAt)))
    .get()?.id
}
