// A sign-in half done: the password was right, the second factor is still to come. Built like a
// session (session.ts) — token `id.secret`, only a SHA-256 hash of the secret stored — but in its
// own table, so nothing can take it for being signed in. It lives five minutes: long enough to
// find the phone, short enough that a forgotten one is soon worth nothing.
import { eq, lt } from 'drizzle-orm'
import { signInChallenges } from '../../db/schema'
import type { Db } from '../db'
import { MINUTE, type Clock } from '../lib/clock'
import { hashesMatch, hashToken, randomToken } from '../lib/tokens'

export const CHALLENGE_LIFETIME = 5 * MINUTE

export type SignInChallenge = typeof signInChallenges.$inferSelect

/** Notes that `memberId` gave the right password; returns the cookie token and when it expires. */
export function createSignInChallenge(db: Db, clock: Clock, memberId: number, next: string) {
  const id = randomToken()
  const secret = randomToken()
  const now = clock.now()
  const challenge = db
    .insert(signInChallenges)
    .values({
      id,
      secretHash: hashToken(secret),
      memberId,
      next,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_LIFETIME),
    })
    .returning()
    .get()
  return { token: `${id}.${secret}`, challenge }
}

/** The challenge a cookie token names; null when malformed, unknown, forged or expired. */
export function findSignInChallenge(db: Db, clock: Clock, token: string): SignInChallenge | null {
  const [id, secret, ...rest] = token.split('.')
  if (!id || !secret || rest.length > 0) return null
  const row = db.select().from(signInChallenges).where(eq(signInChallenges.id, id)).get()
  if (!row || !hashesMatch(row.secretHash, hashToken(secret))) return null
  if (clock.now().getTime() >= row.expiresAt.getTime()) {
    deleteSignInChallenge(db, id)
    return null
  }
  return row
}

/**
 * Ends a challenge; true only for the one caller that removed it, so a double submit of the
 * right code starts one session, not two.
 */
export function deleteSignInChallenge(db: Db, id: string): boolean {
  return db.delete(signInChallenges).where(eq(signInChallenges.id, id)).run().changes === 1
}

/** Housekeeping: half-done sign-ins nobody finished. */
export function deleteExpiredSignInChallenges(db: Db, clock: Clock): number {
  return db.delete(signInChallenges).where(lt(signInChallenges.expiresAt, clock.now())).run()
    .changes
}
