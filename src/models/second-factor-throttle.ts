// Second-factor throttling: five wrong codes (authenticator or recovery) for one member pause
// code entry for that member for 15 minutes. A six-digit code is one in a million; five tries a
// quarter of an hour leave a guesser roughly one chance in ten thousand a month.
//
// As for passwords (sign-in-throttle.ts), failures are rows and attempts being checked are
// counted in memory, checked and counted in one synchronous step. Checking a code is synchronous
// today, so an attempt begins and ends in one turn of the event loop and the in-flight count is
// back to zero before the next request runs; it is kept so that the limit still holds if checking
// ever waits (a slow hash of recovery codes), however many guesses arrive at once.
import { and, count, eq, gt, lt, min } from 'drizzle-orm'
import { secondFactorFailures } from '../../db/schema'
import type { Db } from '../db'
import { MINUTE, type Clock } from '../lib/clock'

export const CODE_THROTTLE_WINDOW = 15 * MINUTE
export const MAX_WRONG_CODES = 5

export type CodeAttempt =
  | { throttled: false; failed: () => void; succeeded: () => void }
  | { throttled: true; retryAt: Date }

/** Attempts being checked right now, per database and member. */
const attemptsInFlight = new WeakMap<Db, Map<number, number>>()

/**
 * Starts checking a code for a member, or says until when they must wait. A started attempt
 * ends with exactly one of `failed()` or `succeeded()`.
 * @example const attempt = beginCodeAttempt(db, clock, member.id); if (attempt.throttled) …
 */
export function beginCodeAttempt(db: Db, clock: Clock, memberId: number): CodeAttempt {
  const now = clock.now()
  const inFlight = inFlightFor(db)
  const since = new Date(now.getTime() - CODE_THROTTLE_WINDOW)
  const failures = db
    .select({ count: count(), oldest: min(secondFactorFailures.failedAt) })
    .from(secondFactorFailures)
    .where(
      and(eq(secondFactorFailures.memberId, memberId), gt(secondFactorFailures.failedAt, since)),
    )
    .get()
  const recorded = failures?.count ?? 0
  if (recorded + (inFlight.get(memberId) ?? 0) >= MAX_WRONG_CODES) {
    const oldest = failures?.oldest ?? now
    return { throttled: true, retryAt: new Date(oldest.getTime() + CODE_THROTTLE_WINDOW) }
  }

  inFlight.set(memberId, (inFlight.get(memberId) ?? 0) + 1)
  let ended = false
  const end = () => {
    if (ended) throw new Error('a code attempt ended twice')
    ended = true
    const left = (inFlight.get(memberId) ?? 1) - 1
    if (left > 0) inFlight.set(memberId, left)
    else inFlight.delete(memberId)
  }
  return {
    throttled: false,
    failed: () => {
      end()
      db.insert(secondFactorFailures).values({ memberId, failedAt: clock.now() }).run()
    },
    succeeded: () => {
      end()
      db.delete(secondFactorFailures).where(eq(secondFactorFailures.memberId, memberId)).run()
    },
  }
}

function inFlightFor(db: Db) {
  let counts = attemptsInFlight.get(db)
  if (!counts) attemptsInFlight.set(db, (counts = new Map()))
  return counts
}

/** Housekeeping: wrong codes older than the window no longer count. */
export function deleteOldSecondFactorFailures(db: Db, clock: Clock) {
  const before = new Date(clock.now().getTime() - CODE_THROTTLE_WINDOW)
  db.delete(secondFactorFailures).where(lt(secondFactorFailures.failedAt, before)).run()
}
