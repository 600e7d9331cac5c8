import { and, count, eq, gt, lt, min } from 'drizzle-orm'
import { signInFailures } from '../../db/schema'
import type { Db } from '../db'
import { MINUTE, type Clock } from '../lib/clock'

/** Five wrong passwords for one account, or twenty from one address, pause sign-in for 15 minutes. */
export const THROTTLE_WINDOW = 15 * MINUTE
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_ADDRESS = 20

export type Throttle = { throttled: false } | { throttled: true; retryAt: Date }

/** Whether another attempt for this email from this address must wait, and until when. */
export function checkSignInThrottle(
  db: Db,
  clock: Clock,
  email: string,
  address: string,
): Throttle {
  const since = new Date(clock.now().getTime() - THROTTLE_WINDOW)
  const byAccount = failuresSince(db, eq(signInFailures.email, email), since)
  const byAddress = failuresSince(db, eq(signInFailures.address, address), since)
  const blocked = [
    byAccount.count >= MAX_FAILURES_PER_ACCOUNT ? byAccount.oldest : null,
    byAddress.count >= MAX_FAILURES_PER_ADDRESS ? byAddress.oldest : null,
  ].filter((oldest): oldest is Date => oldest !== null)
  if (blocked.length === 0) return { throttled: false }
  const latestUnblock = Math.max(...blocked.map((oldest) => oldest.getTime() + THROTTLE_WINDOW))
  return { throttled: true, retryAt: new Date(latestUnblock) }
}

function failuresSince(db: Db, who: ReturnType<typeof eq>, since: Date) {
  const row = db
    .select({ count: count(), oldest: min(signInFailures.failedAt) })
    .from(signInFailures)
    .where(and(who, gt(signInFailures.failedAt, since)))
    .get()
  return { count: row?.count ?? 0, oldest: row?.oldest ?? null }
}

export function recordSignInFailure(db: Db, clock: Clock, email: string, address: string) {
  db.insert(signInFailures).values({ email, address, failedAt: clock.now() }).run()
}

/** A successful sign-in forgives the account's earlier mistakes (not the address's). */
export function clearAccountFailures(db: Db, email: string) {
  db.delete(signInFailures).where(eq(signInFailures.email, email)).run()
}

export function deleteOldSignInFailures(db: Db, clock: Clock) {
  const before = new Date(clock.now().getTime() - THROTTLE_WINDOW)
  db.delete(signInFailures).where(lt(signInFailures.failedAt, before)).run()
}
