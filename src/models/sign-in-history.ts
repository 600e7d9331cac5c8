// Sign-in history: every sign-in to a member's account, and every try at it that failed, so the
// member can see on their account page whether someone else has been at their door. Kept for
// 90 days (housekeeping): long enough to notice, short enough not to become a tracking log.
import { and, desc, eq, gt, lt } from 'drizzle-orm'
import { signIns } from '../../db/schema'
import type { Db } from '../db'
import { DAY, type Clock } from '../lib/clock'
import { THROTTLE_WINDOW } from './sign-in-throttle'
import type { Tx } from './transaction'

export type SignInOutcome = (typeof signIns.$inferSelect)['outcome']
export type SignInRecord = typeof signIns.$inferSelect

export const SIGN_IN_HISTORY_KEPT = 90 * DAY

/**
 * Notes one sign-in (or a failed try) for a known member; unknown emails leave no trace. Tries
 * refused while sign-in is paused are noted once per pause: someone hammering the form must not
 * fill the table (or push everything else off the member's list).
 */
export function recordSignIn(
  db: Db | Tx,
  clock: Clock,
  entry: { memberId: number; outcome: SignInOutcome; address: string; userAgent: string },
): void {
  if (entry.outcome === 'throttled') {
    const since = new Date(clock.now().getTime() - THROTTLE_WINDOW)
    const noted = (db as Db)
      .select({ id: signIns.id })
      .from(signIns)
      .where(
        and(
          eq(signIns.memberId, entry.memberId),
          eq(signIns.outcome, 'throttled'),
          gt(signIns.at, since),
        ),
      )
      .get()
    if (noted) return
  }
  db.insert(signIns)
    .values({ ...entry, userAgent: entry.userAgent.slice(0, 200), at: clock.now() })
    .run()
}

/** The member's latest sign-ins and failed tries, newest first. */
export function recentSignIns(db: Db, memberId: number, limit = 20): SignInRecord[] {
  return db
    .select()
    .from(signIns)
    .where(eq(signIns.memberId, memberId))
    .orderBy(desc(signIns.at), desc(signIns.id))
    .limit(limit)
    .all()
}

export function deleteOldSignIns(db: Db, clock: Clock): number {
  const before = new Date(clock.now().getTime() - SIGN_IN_HISTORY_KEPT)
  return db.delete(signIns).where(lt(signIns.at, before)).run().changes
}

/** For account deletion and tests: the member's whole history. */
export function deleteSignInHistory(db: Db | Tx, memberId: number): void {
  db.delete(signIns).where(eq(signIns.memberId, memberId)).run()
}
