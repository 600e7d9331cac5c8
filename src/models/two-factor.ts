// Two-factor sign-in with time-based one-time codes (TOTP, RFC 6238): the member's authenticator
// app and this server share a random 20-byte key; every 30 seconds both derive a six-digit code
// from it (HMAC-SHA-1, what every authenticator app speaks).
//
// Decisions:
// - Codes are computed from the injected clock's 30-second step with HOTP (RFC 4226) rather than
//   @oslojs/otp's TOTP helpers, which read Date.now(): tests move time, and the step number is what
//   the replay guard stores.
// - A code from the step before or after the current one is accepted too (phones' clocks drift),
//   but never one whose step is at or below the last accepted step: the UPDATE that records the
//   step is guarded by `totp_last_step < step`, so of two parallel requests with the same code
//   exactly one changes the row and wins.
// - Enrolment keeps the new key in totpPendingKey until a code from it proves the app has it;
//   the key that signs in (totpKey) never changes before then.
// - Recovery codes are random 10-character codes from tokens.ts's readable alphabet (about 50
//   bits), shown once and stored as SHA-256 of member id and code (the id keeps one table of
//   precomputed hashes from serving every member). A code is spent by an UPDATE guarded by
//   `used_at IS NULL`, so it signs in once, even twice at once.
// - Every check of a code at sign-in (and to change the settings) goes through the throttle in
//   second-factor-throttle.ts. Confirming enrolment does not: it checks the member's own brand
//   new key, which nobody else can use, so guessing it gains nothing.
import { twoFactorMail } from '../../views/mail/two-factor-mail'
import { marketUrl } from '../mail/links'
import { queueMail } from '../mail/outbox'
import type { MailContext } from './email-verification'
import type { Tx } from './transaction'
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp'
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding'
import { and, count, eq, isNull, lt, or, sql } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import { members, recoveryCodes } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { hashToken, readableCode } from '../lib/tokens'
import { confirmPassword, type PasswordConfirmation } from './password-confirmation'
import type { SessionMember } from './session'
import type { Site } from './site'
import { findStoreOfMember } from './store'
import { beginCodeAttempt } from './second-factor-throttle'

export const TOTP_PERIOD_SECONDS = 30
export const TOTP_DIGITS = 6
/** Steps either side of now still accepted: a phone's clock may be a little off. */
export const TOTP_DRIFT_STEPS = 1
export const RECOVERY_CODE_COUNT = 10
const KEY_BYTES = 20
const RECOVERY_CODE_LENGTH = 10

/** The 30-second step `at` falls in: the counter both sides feed to HOTP. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS)
}

/** The code an authenticator app shows for `key` at `step` (tests and the demo use it). */
export function totpCode(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), TOTP_DIGITS)
}

export type TwoFactorStatus = {
  enabled: boolean
  enabledAt: Date | null
  /** A key waiting for its first code (set-up started, not finished). */
  pendingKey: Buffer | null
  recoveryCodesLeft: number
}

/** What /account/two-factor shows: on or off, a set-up under way, recovery codes left. */
export function twoFactorStatus(db: Db, memberId: number): TwoFactorStatus {
  const row = db
    .select({
      totpKey: members.totpKey,
      totpPendingKey: members.totpPendingKey,
      totpEnabledAt: members.totpEnabledAt,
    })
    .from(members)
    .where(eq(members.id, memberId))
    .get()
  if (!row) throw new Error(`no member ${memberId}`)
  const left = db
    .select({ count: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.memberId, memberId), isNull(recoveryCodes.usedAt)))
    .get()
  return {
    enabled: row.totpKey !== null,
    enabledAt: row.totpEnabledAt,
    pendingKey: row.totpPendingKey,
    recoveryCodesLeft: left?.count ?? 0,
  }
}

/** Whether signing in as this member asks for a code after the password. */
export function hasTwoFactor(db: Db, memberId: number): boolean {
  const row = db
    .select({ on: sql<number>`${members.totpKey} is not null` })
    .from(members)
    .where(eq(members.id, memberId))
    .get()
  return row?.on === 1
}

/**
 * Draws a new key for the member to add to their app (replacing any earlier unfinished one);
 * null when two-factor is already on, which must be turned off before it is set up again.
 */
export function startTwoFactorEnrolment(db: Db, memberId: number): Buffer | null {
  const key = randomBytes(KEY_BYTES)
  const changed = db
    .update(members)
    .set({ totpPendingKey: key })
    .where(and(eq(members.id, memberId), isNull(members.totpKey)))
    .run().changes
  return changed === 1 ? key : null
}

/** The otpauth:// address an authenticator app reads from the QR code (or from a tap on a phone). */
export function totpKeyUri(key: Uint8Array, issuer: string, accountName: string): string {
  return createTOTPKeyURI(issuer, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS)
}

/** The key as people type it into an app: base32 in groups of four ("JBSW Y3DP EHPK 3PXP"). */
export function formatKeyForTyping(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, '$1 ')
}

export type ConfirmResult =
  { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'not_started' | 'wrong_code' }

/**
 * Turns two-factor on once a code from the pending key proves the member's app holds it.
 * Returns the recovery codes in readable form: the only time they exist outside a hash.
 */
export function confirmTwoFactor(
  db: Db,
  clock: Clock,
  memberId: number,
  code: string,
  /** When given, the member is told by mail, in the same transaction. */
  mail?: MailContext,
): ConfirmResult {
  const now = clock.now()
  return db.transaction((tx): ConfirmResult => {
    const row = tx
      .select({ pendingKey: members.totpPendingKey, key: members.totpKey })
      .from(members)
      .where(eq(members.id, memberId))
      .get()
    if (!row?.pendingKey || row.key) return { ok: false, reason: 'not_started' }
    const step = matchingStep(row.pendingKey, code, totpStep(now))
    if (step === null) return { ok: false, reason: 'wrong_code' }
    tx.update(members)
      .set({
        totpKey: row.pendingKey,
        totpPendingKey: null,
        totpEnabledAt: now,
        totpLastStep: step,
      })
      .where(eq(members.id, memberId))
      .run()
    if (mail) tellByMail(tx, clock, mail, memberId, true)
    return { ok: true, recoveryCodes: replaceRecoveryCodes(tx, memberId, now) }
  })
}

export type CodeCheck =
  | { ok: true; used: 'app' | 'recovery_code' }
  | { ok: false; reason: 'wrong_code' | 'used_code' | 'not_enabled' }
  | { ok: false; reason: 'throttled'; retryAt: Date }

/**
 * Checks a second factor: six digits from the app, or one of the recovery codes (which is then
 * spent). Throttled per member; a code already accepted once is refused ('used_code').
 * @example const check = checkSecondFactor(db, clock, member.id, form.data.code)
 */
export function checkSecondFactor(db: Db, clock: Clock, memberId: number, code: string): CodeCheck {
  const attempt = beginCodeAttempt(db, clock, memberId)
  if (attempt.throttled) return { ok: false, reason: 'throttled', retryAt: attempt.retryAt }
  let result: CodeCheck = { ok: false, reason: 'wrong_code' }
  try {
    result = /^\s*\d{6}\s*$/.test(code)
      ? useAppCode(db, clock, memberId, code.trim())
      : useRecoveryCode(db, clock, memberId, code)
  } finally {
    // A check that threw counts as a failure: it must never free a slot for free.
    if (result.ok) attempt.succeeded()
    else attempt.failed()
  }
  return result
}

function useAppCode(db: Db, clock: Clock, memberId: number, code: string): CodeCheck {
  const row = db
    .select({ key: members.totpKey })
    .from(members)
    .where(eq(members.id, memberId))
    .get()
  if (!row?.key) return { ok: false, reason: 'not_enabled' }
  const step = matchingStep(row.key, code, totpStep(clock.now()))
  if (step === null) return { ok: false, reason: 'wrong_code' }
  // The guard makes "not used before" and "now used" one step: a replay changes no row.
  const changed = db
    .update(members)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(members.id, memberId),
        or(isNull(members.totpLastStep), lt(members.totpLastStep, step)),
      ),
    )
    .run().changes
  return changed === 1 ? { ok: true, used: 'app' } : { ok: false, reason: 'used_code' }
}

function useRecoveryCode(db: Db, clock: Clock, memberId: number, code: string): CodeCheck {
  const canonical = canonicalRecoveryCode(code)
  if (canonical.length !== RECOVERY_CODE_LENGTH) return { ok: false, reason: 'wrong_code' }
  const changed = db
    .update(recoveryCodes)
    .set({ usedAt: clock.now() })
    .where(
      and(
        eq(recoveryCodes.memberId, memberId),
        eq(recoveryCodes.codeHash, recoveryCodeHash(memberId, canonical)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .run().changes
  return changed === 1 ? { ok: true, used: 'recovery_code' } : { ok: false, reason: 'wrong_code' }
}

/** The step (now, or one either side) whose code this is, or null. */
function matchingStep(key: Uint8Array, code: string, now: number): number | null {
  for (let step = now - TOTP_DRIFT_STEPS; step <= now + TOTP_DRIFT_STEPS; step += 1)
    if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) return step
  return null
}

export type CodesResult = { ok: true; recoveryCodes: string[] } | Exclude<CodeCheck, { ok: true }>

/** New recovery codes for a member who proves they still have their app (or a recovery code). */
export function regenerateRecoveryCodes(
  db: Db,
  clock: Clock,
  memberId: number,
  code: string,
): CodesResult {
  const check = checkSecondFactor(db, clock, memberId, code)
  if (!check.ok) return check
  return {
    ok: true,
    recoveryCodes: db.transaction((tx) => replaceRecoveryCodes(tx, memberId, clock.now())),
  }
}

export type DisableResult =
  { ok: true } | Exclude<PasswordConfirmation, { ok: true }> | Exclude<CodeCheck, { ok: true }>

/**
 * Turns two-factor off: asks the password and a code, so neither a borrowed unlocked phone nor
 * a stolen session alone can do it. The password is checked first and a wrong one spends no
 * code attempt.
 */
export async function disableTwoFactor(
  db: Db,
  clock: Clock,
  memberId: number,
  proof: { password: string; code: string; address: string },
  /** When given, the member is told by mail, in the same transaction. */
  mail?: MailContext,
): Promise<DisableResult> {
  const confirmed = await confirmPassword(db, clock, memberId, proof.password, proof.address)
  if (!confirmed.ok) return confirmed
  const check = checkSecondFactor(db, clock, memberId, proof.code)
  if (!check.ok) return check
  db.transaction((tx) => {
    tx.update(members)
      .set({ totpKey: null, totpPendingKey: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(members.id, memberId))
      .run()
    tx.delete(recoveryCodes).where(eq(recoveryCodes.memberId, memberId)).run()
    if (mail) tellByMail(tx, clock, mail, memberId, false)
  })
  return { ok: true }
}

/** Mails the member that two-factor sign-in went on or off (account mail: always sent). */
function tellByMail(tx: Tx, clock: Clock, mail: MailContext, memberId: number, on: boolean) {
  const member = tx
    .select({ email: members.email, displayName: members.displayName })
    .from(members)
    .where(eq(members.id, memberId))
    .get()
  if (!member) return
  queueMail(tx, clock, {
    key: `two-factor-${on ? 'on' : 'off'}:${memberId}:${clock.now().getTime()}`,
    kind: 'two_factor',
    to: member.email,
    memberId,
    content: twoFactorMail({
      marketName: mail.marketName,
      displayName: member.displayName,
      on,
      accountUrl: marketUrl(mail.config, '/account/two-factor'),
    }),
  })
}

type Writer = Pick<Db, 'insert' | 'delete'>

function replaceRecoveryCodes(db: Writer, memberId: number, now: Date): string[] {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    readableCode(RECOVERY_CODE_LENGTH),
  )
  db.delete(recoveryCodes).where(eq(recoveryCodes.memberId, memberId)).run()
  db.insert(recoveryCodes)
    .values(
      codes.map((code) => ({
        memberId,
        codeHash: recoveryCodeHash(memberId, code),
        createdAt: now,
      })),
    )
    .run()
  return codes.map(formatRecoveryCode)
}

/** "abcd-efgh-jk": lower case and grouped, easy to copy by hand. */
function formatRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/^(.{4})(.{4})(.*)$/, '$1-$2-$3')
}

/** Typed any way (case, spaces, dashes), a code reads as the bare upper-case characters. */
function canonicalRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '')
}

function recoveryCodeHash(memberId: number, canonical: string): Buffer {
  return hashToken(`${memberId}:${canonical}`)
}

/**
 * Which of the market's requirements (site settings) asks this member to use two-factor and is
 * not yet met: 'operators', 'providers' (members with a storefront), or null.
 */
export function unmetTwoFactorRequirement(
  db: Db,
  site: Pick<Site, 'requireTwoFactorForOperators' | 'requireTwoFactorForProviders'>,
  member: Pick<SessionMember, 'id' | 'role'>,
): 'operators' | 'providers' | null {
  const asOperator = site.requireTwoFactorForOperators && member.role === 'operator'
  const asProvider =
    !asOperator && site.requireTwoFactorForProviders && findStoreOfMember(db, member.id)
  if (!asOperator && !asProvider) return null
  if (hasTwoFactor(db, member.id)) return null
  return asOperator ? 'operators' : 'providers'
}
