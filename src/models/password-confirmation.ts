// Asking a signed-in member for their password again, before what a stolen session must not do
// alone: a new password, a new address, turning two-factor off, deleting the account. Those
// checks are guesses at the password like any sign-in, so they count against the same throttle
// (sign-in-throttle.ts): a session cannot be used to try passwords without end.
import { eq } from 'drizzle-orm'
import { members } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import type { Member } from './member'
import { verifyPassword } from './password'
import { beginSignInAttempt } from './sign-in-throttle'

export type PasswordConfirmation =
  | { ok: true; member: Member }
  | { ok: false; reason: 'wrong_password' }
  | { ok: false; reason: 'password_throttled'; retryAt: Date }

/**
 * Checks that `password` is the member's, throttled like signing in.
 * @param address the client's network address (c.var.address)
 */
export async function confirmPassword(
  db: Db,
  clock: Clock,
  memberId: number,
  password: string,
  address: string,
): Promise<PasswordConfirmation> {
  const member = db.select().from(members).where(eq(members.id, memberId)).get()
  if (!member) return { ok: false, reason: 'wrong_password' }
  const attempt = beginSignInAttempt(db, clock, member.email, address)
  if (attempt.throttled)
    return { ok: false, reason: 'password_throttled', retryAt: attempt.retryAt }
  let right = false
  try {
    right = await verifyPassword(member.passwordHash, password)
  } finally {
    if (right) attempt.succeeded()
    else attempt.failed()
  }
  return right ? { ok: true, member } : { ok: false, reason: 'wrong_password' }
}
