import { eq } from 'drizzle-orm'
import { members } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { hashPassword, passwordProblem, verifyDecoy, verifyPassword } from './password'
import type { SessionMember } from './session'
import type { Tx } from './transaction'
import { recordSignIn } from './sign-in-history'
import { confirmPassword, type PasswordConfirmation } from './password-confirmation'
import { beginSignInAttempt } from './sign-in-throttle'

export type Member = typeof members.$inferSelect
export type NewMember = { email: string; displayName: string; password: string }

/** Emails are compared case-insensitively; we store them trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

export type SignUpResult =
  | { ok: true; member: Member }
  | { ok: false; reason: 'email_taken' }
  | { ok: false; reason: 'weak_password'; message: string }

/**
 * A member who proved their address some other way than our mail: tests and seeds, which are
 * about something else. The sign-up form goes through signUpAndAskToVerify (email-verification.ts).
 */
export async function signUpMember(
  db: Db,
  clock: Clock,
  input: NewMember,
  options: { emailVerified: boolean },
): Promise<SignUpResult> {
  const prepared = await prepareMember(db, input)
  if (!prepared.ok) return prepared
  const member = insertMember(db, clock, prepared.values, 'member', options)
  return member ? { ok: true, member } : { ok: false, reason: 'email_taken' }
}

export type PreparedMember = { email: string; displayName: string; passwordHash: string }

/**
 * Checks a would-be member and hashes the password, outside any transaction: argon2 takes tens
 * of milliseconds and must not hold SQLite's single writer.
 */
export async function prepareMember(
  db: Db,
  input: NewMember,
): Promise<{ ok: true; values: PreparedMember } | Exclude<SignUpResult, { ok: true }>> {
  const email = normalizeEmail(input.email)
  const displayName = input.displayName.trim()
  const problem = await passwordProblem(input.password, { email, displayName })
  if (problem) return { ok: false, reason: 'weak_password', message: problem }
  if (findMemberByEmail(db, email)) return { ok: false, reason: 'email_taken' }
  return {
    ok: true,
    values: { email, displayName, passwordHash: await hashPassword(input.password) },
  }
}

/**
 * Inserts a prepared member; undefined when the email was taken meanwhile.
 * @param emailVerified whether the address is known to be theirs already (the operator at setup,
 *   seeded towns); a member from the sign-up form confirms it from our mail first.
 */
export function insertMember(
  db: Pick<Db, 'insert'>,
  clock: Clock,
  values: PreparedMember,
  role: Member['role'],
  { emailVerified }: { emailVerified: boolean },
): Member | undefined {
  const now = clock.now()
  return db
    .insert(members)
    .values({ ...values, role, createdAt: now, emailVerifiedAt: emailVerified ? now : null })
    .onConflictDoNothing()
    .returning()
    .get()
}

export function findMemberByEmail(db: Db | Tx, email: string): Member | undefined {
  return (db as Db)
    .select()
    .from(members)
    .where(eq(members.email, normalizeEmail(email)))
    .get()
}

/** Whether the member's current address is confirmed: what opening a storefront asks. */
export function hasVerifiedEmail(db: Db | Tx, memberId: number): boolean {
  const row = (db as Db)
    .select({ verifiedAt: members.emailVerifiedAt })
    .from(members)
    .where(eq(members.id, memberId))
    .get()
  return row?.verifiedAt != null
}

/** A member as a session sees them, by id (a sign-in finished with a second factor). */
export function findSessionMember(db: Db, id: number): SessionMember | undefined {
  return db
    .select({
      id: members.id,
      email: members.email,
      displayName: members.displayName,
      role: members.role,
    })
    .from(members)
    .where(eq(members.id, id))
    .get()
}

export type SignInResult =
  | { ok: true; member: SessionMember }
  | { ok: false; reason: 'wrong_credentials' }
  | { ok: false; reason: 'throttled'; retryAt: Date }

/**
 * Checks an email and password. Unknown emails cost the same argon2 work as wrong passwords and
 * give the same answer, so nobody can learn who has an account here. Refusals for a known member
 * go into their sign-in history; a success is recorded by whoever finishes the sign-in (after
 * the second factor, when the member has one).
 */
export async function signInMember(
  db: Db,
  clock: Clock,
  credentials: { email: string; password: string; address: string; userAgent?: string },
): Promise<SignInResult> {
  const email = normalizeEmail(credentials.email)
  const attempt = beginSignInAttempt(db, clock, email, credentials.address)
  const member = findMemberByEmail(db, email)
  const record = (outcome: 'throttled' | 'wrong_password') => {
    if (member)
      recordSignIn(db, clock, {
        memberId: member.id,
        outcome,
        address: credentials.address,
        userAgent: credentials.userAgent ?? '',
      })
  }
  if (attempt.throttled) {
    record('throttled')
    return { ok: false, reason: 'throttled', retryAt: attempt.retryAt }
  }

  let passwordMatches = false
  try {
    passwordMatches = member
      ? await verifyPassword(member.passwordHash, credentials.password)
      : await verifyDecoy(credentials.password)
  } finally {
    // A verification that threw counts as a failure: it must never free a slot for free.
    if (member && passwordMatches) attempt.succeeded()
    else attempt.failed()
  }
  if (!member || !passwordMatches) {
    record('wrong_password')
    return { ok: false, reason: 'wrong_credentials' }
  }
  const { id, displayName, role } = member
  return { ok: true, member: { id, email: member.email, displayName, role } }
}

export type PasswordChangeResult =
  | { ok: true }
  | Exclude<PasswordConfirmation, { ok: true }>
  | { ok: false; reason: 'weak_password'; message: string }

export async function changeMemberPassword(
  db: Db,
  clock: Clock,
  member: SessionMember,
  passwords: { current: string; next: string; address: string },
): Promise<PasswordChangeResult> {
  const confirmed = await confirmPassword(
    db,
    clock,
    member.id,
    passwords.current,
    passwords.address,
  )
  if (!confirmed.ok) return confirmed
  const problem = await passwordProblem(passwords.next, member)
  if (problem) return { ok: false, reason: 'weak_password', message: problem }
  const passwordHash = await hashPassword(passwords.next)
  db.update(members).set({ passwordHash }).where(eq(members.id, member.id)).run()
  return { ok: true }
}
