// Sign-in throttling: five wrong passwords for one account, or twenty from one address, pause
// sign-in for 15 minutes.
//
// Failures are rows (they outlive a restart); attempts still being verified are counted in
// memory. Both are checked, and the attempt counted, in one synchronous step before argon2 runs:
// argon2 takes tens of milliseconds, so a check that only looked at recorded failures would let
// a hundred parallel guesses through before the first one failed. With attempts in flight
// counted, no more than the limit can ever be verified, however the requests arrive.
import { and, count, eq, gt, lt, min } from 'drizzle-orm'
import { signInFailures } from '../../db/schema'
import type { Db } from '../db'
import { MINUTE, type Clock } from '../lib/clock'
import type { Tx } from './transaction'

export const THROTTLE_WINDOW = 15 * MINUTE
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_ADDRESS = 20

export type SignInAttempt =
  | { throttled: false; failed: () => void; succeeded: () => void }
  | { throttled: true; retryAt: Date }

/** Attempts being verified right now, per database (one per app; tests never share counts). */
const attemptsInFlight = new WeakMap<Db, Map<string, number>>()

/**
 * Starts a sign-in attempt, or says it must wait and until when. A started attempt must end with
 * exactly one of `failed()` or `succeeded()`.
 * @example const attempt = beginSignInAttempt(db, clock, email, address); if (attempt.throttled) …
 */
export function beginSignInAttempt(
  db: Db,
  clock: Clock,
  email: string,
  address: string,
): SignInAttempt {
  const now = clock.now()
  const since = new Date(now.getTime() - THROTTLE_WINDOW)
  const inFlight = attemptsInFlightFor(db)
  const accountKey = `account:${email}`
  const addressKey = `address:${address}`
  const byAccount = failuresSince(db, eq(signInFailures.email, email), since)
  const byAddress = failuresSince(db, eq(signInFailures.address, address), since)
  const blocked = [
    byAccount.count + (inFlight.get(accountKey) ?? 0) >= MAX_FAILURES_PER_ACCOUNT
      ? (byAccount.oldest ?? now)
      : null,
    byAddress.count + (inFlight.get(addressKey) ?? 0) >= MAX_FAILURES_PER_ADDRESS
      ? (byAddress.oldest ?? now)
      : null,
  ].filter((oldest): oldest is Date => oldest !== null)
  if (blocked.length > 0) {
    const latestUnblock = Math.max(...blocked.map((oldest) => oldest.getTime() + THROTTLE_WINDOW))
    return { throttled: true, retryAt: new Date(latestUnblock) }
  }

  adjust(inFlight, accountKey, +1)
  adjust(inFlight, addressKey, +1)
  let ended = false
  const end = () => {
    if (ended) throw new Error('a sign-in attempt ended twice')
    ended = true
    adjust(inFlight, accountKey, -1)
    adjust(inFlight, addressKey, -1)
  }
  return {
    throttled: false,
    failed: () => {
      end()
      db.insert(signInFailures).values({ email, address, failedAt: clock.now() }).run()
    },
    // A successful sign-in forgives the account's earlier mistakes (not the address's).
    succeeded: () => {
      end()
      forgiveSignInFailures(db, email)
    },
  }
}

/**
 * Forgets an account's failed sign-ins (not its network address's): after a sign-in that worked,
 * or a password reset, earlier wrong guesses say nothing about the password it has now.
 */
export function forgiveSignInFailures(db: Db | Tx, email: string): void {
  db.delete(signInFailures).where(eq(signInFailures.email, email)).run()
}

function attemptsInFlightFor(db: Db) {
  let counts = attemptsInFlight.get(db)
  if (!counts) attemptsInFlight.set(db, (counts = new Map()))
  return counts
}

function adjust(counts: Map<string, number>, key: string, by: number) {
  const next = (counts.get(key) ?? 0) + by
  if (next > 0) counts.set(key, next)
  else counts.delete(key)
}

function failuresSince(db: Db, who: ReturnType<typeof eq>, since: Date) {
  const row = db
    .select({ count: count(), oldest: min(signInFailures.failedAt) })
    .from(signInFailures)
    .where(and(who, gt(signInFailures.failedAt, since)))
    .get()
  return { count: row?.count ?? 0, oldest: row?.oldest ?? null }
}

export function deleteOldSignInFailures(db: Db, clock: Clock) {
  const before = new Date(clock.now().getTime() - THROTTLE_WINDOW)
  db.delete(signInFailures).where(lt(signInFailures.failedAt, before)).run()
}
