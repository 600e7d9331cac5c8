// Password reset, for a member who forgot theirs. Anyone may ask, so asking must not tell who has
// an account here: every address typed gets the same answer after the same work. The request
// only writes a job naming the address — one insert and one commit, whoever the address belongs
// to — and the job (run moments later by the worker, outside any request) looks the address up.
// For a member who is not deleted, it issues a token and queues its mail in one transaction. Had
// the request done that itself, a known address would cost a write and its fsync (synchronous =
// FULL) that an unknown one does not: milliseconds, which anyone can measure over a few tries.
// (The done job keeps the typed address for a week, like every done job, then housekeeping
// forgets it.)
//
// The mailed link carries a `reset_password` account token (account-token.ts): it works for an
// hour, once, and only the newest one sent is live. A member is sent at most one link a minute
// and five an hour, however often someone types their address: the mailbox is theirs, not a
// stranger's to fill. Opening the link only looks (mail scanners fetch links before people do);
// choosing the new password spends it. The password is checked and hashed first (argon2 takes
// tens of milliseconds and must not hold SQLite's one writer), then one transaction spends the
// token, stores the hash, signs out every device, notes the reset in the sign-in history and
// queues a "your password was changed" mail. Nobody is signed in by it: the member signs in with
// the new password, and two-factor, when on, still asks for its code.
import { and, count, eq, gt, max } from 'drizzle-orm'
import { accountTokens, members, sessions, signInChallenges } from '../../db/schema'
import type { Db } from '../db'
import { enqueueJob } from '../jobs/queue'
import { HOUR, MINUTE, type Clock } from '../lib/clock'
import { queueMail, type MailContent } from '../mail/outbox'
import {
  findAccountToken,
  issueAccountToken,
  spendAccountToken,
  type TokenRefusal,
} from './account-token'
import { normalizeEmail, type Member } from './member'
import { hashPassword, passwordProblem } from './password'
import { recordSignIn } from './sign-in-history'
import { forgiveSignInFailures } from './sign-in-throttle'
import { transactionUnlessRefused, type Tx } from './transaction'

export const PASSWORD_RESET_JOB = 'password-reset.request'

/** No new link to a member who was sent one this recently… */
export const RESEND_AFTER = MINUTE
/** …nor more than this many in an hour. */
export const MAX_LINKS_PER_HOUR = 5

/** Who a mail is for: what its words need. */
export type Addressee = Pick<Member, 'email' | 'displayName'>

/**
 * The request's whole work, alike for every address: a job that answers it (requestPasswordReset).
 * Asks for one address while its job waits collapse into that job.
 */
export function askForPasswordReset(db: Db, clock: Clock, email: string): void {
  const address = normalizeEmail(email)
  enqueueJob(db, clock, {
    type: PASSWORD_RESET_JOB,
    payload: { email: address },
    key: `${PASSWORD_RESET_JOB}:${address}`,
  })
}

export type RequestOutcome = 'sent' | 'no_member' | 'too_soon'

/**
 * Run by the job: mails a reset link to the member with this address, unless there is none (or
 * they deleted their account), or they were sent one very lately. The outcome is for logs and
 * tests only; the person who asked never learns it.
 * @param composeMail the words of the mail (views/mail), given the token its link carries
 */
export function requestPasswordReset(
  db: Db,
  clock: Clock,
  email: string,
  composeMail: (to: Addressee, token: string) => MailContent,
): RequestOutcome {
  return db.transaction((tx) => {
    const member = tx
      .select()
      .from(members)
      .where(eq(members.email, normalizeEmail(email)))
      .get()
    if (!member || member.deletedAt) return 'no_member'
    if (sentTooRecently(tx, clock, member.id)) return 'too_soon'
    const issued = issueAccountToken(tx, clock, {
      memberId: member.id,
      purpose: 'reset_password',
      email: member.email,
      withCode: false,
    })
    queueMail(tx, clock, {
      key: `reset:${issued.id}`,
      kind: 'reset_password',
      to: member.email,
      memberId: member.id,
      content: composeMail(member, issued.token),
    })
    return 'sent'
  })
}

function sentTooRecently(tx: Tx, clock: Clock, memberId: number): boolean {
  const now = clock.now().getTime()
  const lastHour = tx
    .select({ links: count(), newest: max(accountTokens.createdAt) })
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.memberId, memberId),
        eq(accountTokens.purpose, 'reset_password'),
        gt(accountTokens.createdAt, new Date(now - HOUR)),
      ),
    )
    .get()
  if (!lastHour || lastHour.links === 0) return false
  return (
    lastHour.links >= MAX_LINKS_PER_HOUR ||
    (lastHour.newest !== null && now - lastHour.newest.getTime() < RESEND_AFTER)
  )
}

export type ResetLinkCheck = { ok: true; member: Member } | { ok: false; reason: TokenRefusal }

/** Whether a mailed link still works, and whose it is; spends nothing (a GET only looks). */
export function checkPasswordResetLink(db: Db, clock: Clock, token: string): ResetLinkCheck {
  const found = findAccountToken(db, clock, 'reset_password', token)
  if (!found.ok) return found
  const member = db.select().from(members).where(eq(members.id, found.token.memberId)).get()
  // Deleting an account deletes its tokens; this only guards against a token outliving that.
  if (!member || member.deletedAt) return { ok: false, reason: 'unknown' }
  return { ok: true, member }
}

export type ResetResult =
  | { ok: true; member: Member }
  | { ok: false; reason: TokenRefusal }
  | { ok: false; reason: 'weak_password'; message: string; member: Member }

/**
 * Sets a new password with a mailed link: only one caller ever succeeds for a link (two tabs, a
 * double submit), and a refused password leaves the link as it was.
 * @param composeMail the words of the "your password was changed" mail, given when it was
 */
export async function resetPassword(
  db: Db,
  clock: Clock,
  input: { token: string; password: string; address: string; userAgent: string },
  composeMail: (to: Addressee, at: Date) => MailContent,
): Promise<ResetResult> {
  // Checked first, so a stale or forged link costs no password check or hash.
  const link = checkPasswordResetLink(db, clock, input.token)
  if (!link.ok) return link
  const problem = await passwordProblem(input.password, link.member)
  if (problem) return { ok: false, reason: 'weak_password', message: problem, member: link.member }
  const passwordHash = await hashPassword(input.password)

  return transactionUnlessRefused<ResetResult>(db, (tx) => {
    const spent = spendAccountToken(tx, clock, 'reset_password', input.token)
    if (!spent.ok) return spent
    const member = tx
      .update(members)
      .set({ passwordHash })
      .where(eq(members.id, spent.token.memberId))
      .returning()
      .get()
    if (!member) throw new Error(`no member ${spent.token.memberId} for a reset token`)
    // Whoever knew the old password may be signed in with it, or halfway there (a code to go).
    tx.delete(sessions).where(eq(sessions.memberId, member.id)).run()
    tx.delete(signInChallenges).where(eq(signInChallenges.memberId, member.id)).run()
    // Guesses at the old password say nothing about the new one, and the member just proved they
    // read the account's mail: a sign-in paused by someone else's guessing is free again. (Only
    // the account's failures; a network address that guessed stays paused.)
    forgiveSignInFailures(tx, member.email)
    // Following the link proved the address too: an unconfirmed one is confirmed now.
    if (!member.emailVerifiedAt && member.email === spent.token.email)
      tx.update(members)
        .set({ emailVerifiedAt: clock.now() })
        .where(eq(members.id, member.id))
        .run()
    recordSignIn(tx, clock, {
      memberId: member.id,
      outcome: 'password_reset',
      address: input.address,
      userAgent: input.userAgent,
    })
    queueMail(tx, clock, {
      key: `password-changed:${spent.token.id}`,
      kind: 'password_changed',
      to: member.email,
      memberId: member.id,
      content: composeMail(member, clock.now()),
    })
    return { ok: true, member }
  })
}
