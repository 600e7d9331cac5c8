// Proving an address is yours: at sign-up, and again for a new address. The market mails a link
// and a 6-digit code (account-token.ts); following the link, or typing the code while signed in,
// confirms the address. Until then a member can browse, buy and message — everything a neighbour
// does as a customer — but cannot open a storefront: a store takes orders and money, and the
// market must be able to reach its owner.
//
// A change of address takes effect only when the new one is confirmed: until then the member
// signs in and gets mail at the old one, so a typo cannot lock anyone out. When it takes effect,
// the old address (if it was ever confirmed) is told, so a stolen session that changed it is
// noticed by the one person who can act on it.
import { eq } from 'drizzle-orm'
import { members } from '../../db/schema'
import type { Config } from '../config'
import type { Db } from '../db'
import { MINUTE, type Clock } from '../lib/clock'
import { marketUrl } from '../mail/links'
import { queueMail } from '../mail/outbox'
import { emailChangedMail, verificationMail } from '../../views/mail/verification-mail'
import {
  issueAccountToken,
  liveAccountToken,
  spendAccountToken,
  spendAccountTokenCode,
  type AccountToken,
  type TokenCheck,
} from './account-token'
import {
  findMemberByEmail,
  insertMember,
  normalizeEmail,
  prepareMember,
  type Member,
  type NewMember,
  type SignUpResult,
} from './member'
import { confirmPassword, type PasswordConfirmation } from './password-confirmation'
import type { Tx } from './transaction'

/** What a mail needs from outside the database: where the market lives, and its name. */
export type MailContext = { config: Pick<Config, 'publicUrl' | 'port'>; marketName: string }

/** A second mail within this long is refused: the first is very likely still on its way. */
export const RESEND_AFTER = MINUTE

/**
 * Signs a member up from the form and mails them their link and code, in one transaction: the
 * member exists exactly when their mail does.
 */
export async function signUpAndAskToVerify(
  db: Db,
  clock: Clock,
  mail: MailContext,
  input: NewMember,
): Promise<SignUpResult> {
  const prepared = await prepareMember(db, input)
  if (!prepared.ok) return prepared
  const member = db.transaction((tx) => {
    const added = insertMember(tx, clock, prepared.values, 'member', { emailVerified: false })
    if (added) askToVerify(tx, clock, mail, added, added.email)
    return added
  })
  return member ? { ok: true, member } : { ok: false, reason: 'email_taken' }
}

/** Mails `email` a link and code that confirm it as `member`'s address (retiring earlier ones). */
function askToVerify(tx: Tx, clock: Clock, mail: MailContext, member: Member, email: string) {
  const issued = issueAccountToken(tx, clock, {
    memberId: member.id,
    purpose: 'verify_email',
    email,
    withCode: true,
  })
  queueMail(tx, clock, {
    key: `verify:${issued.id}`,
    kind: 'verify_email',
    to: email,
    memberId: member.id,
    content: verificationMail({
      marketName: mail.marketName,
      displayName: member.displayName,
      email,
      change: email !== member.email,
      url: marketUrl(mail.config, `/verify-email/${issued.token}`),
      code: issued.code ?? '',
    }),
  })
}

/** The address waiting to be confirmed, if a mail is out: the current one, or a new one. */
export function pendingVerification(
  db: Db,
  clock: Clock,
  memberId: number,
): Pick<AccountToken, 'email' | 'createdAt' | 'expiresAt'> | undefined {
  const live = liveAccountToken(db, clock, memberId, 'verify_email')
  return live && { email: live.email, createdAt: live.createdAt, expiresAt: live.expiresAt }
}

export type ResendResult =
  { ok: true; email: string } | { ok: false; reason: 'already_verified' | 'too_soon' }

/**
 * Mails the member's pending address again (a new link and code; the old ones stop working) — or
 * their current address, when nothing is pending and it is unconfirmed.
 */
export function resendVerification(
  db: Db,
  clock: Clock,
  mail: MailContext,
  memberId: number,
): ResendResult {
  return db.transaction((tx): ResendResult => {
    const member = tx.select().from(members).where(eq(members.id, memberId)).get()
    // Only a signed-in member asks, and deleting an account ends its sessions first.
    if (!member) throw new Error(`no member ${memberId} to send a new code to`)
    const live = liveAccountToken(tx, clock, memberId, 'verify_email')
    const email = live?.email ?? member.email
    if (!live && member.emailVerifiedAt) return { ok: false, reason: 'already_verified' }
    if (live && clock.now().getTime() - live.createdAt.getTime() < RESEND_AFTER)
      return { ok: false, reason: 'too_soon' }
    askToVerify(tx, clock, mail, member, email)
    return { ok: true, email }
  })
}

export type ChangeEmailResult =
  | { ok: true; email: string }
  | Exclude<PasswordConfirmation, { ok: true }>
  | { ok: false; reason: 'same_email' | 'email_taken' | 'too_soon' }

/**
 * Asks to move the member to `newEmail`: checks their password (a session left open on a shared
 * computer must not be enough), then mails the new address its link and code. Nothing changes
 * until that is confirmed.
 */
export async function requestEmailChange(
  db: Db,
  clock: Clock,
  mail: MailContext,
  memberId: number,
  input: { newEmail: string; password: string; address: string },
): Promise<ChangeEmailResult> {
  const email = normalizeEmail(input.newEmail)
  const confirmed = await confirmPassword(db, clock, memberId, input.password, input.address)
  if (!confirmed.ok) return confirmed
  const { member } = confirmed
  if (email === member.email) return { ok: false, reason: 'same_email' }
  if (findMemberByEmail(db, email)) return { ok: false, reason: 'email_taken' }
  return db.transaction((tx): ChangeEmailResult => {
    const live = liveAccountToken(tx, clock, memberId, 'verify_email')
    if (live?.email === email && clock.now().getTime() - live.createdAt.getTime() < RESEND_AFTER)
      return { ok: false, reason: 'too_soon' }
    askToVerify(tx, clock, mail, member, email)
    return { ok: true, email }
  })
}

export type VerifyResult =
  | { ok: true; member: Pick<Member, 'id' | 'email' | 'displayName'>; changed: boolean }
  | Extract<TokenCheck, { ok: false }>
  | { ok: false; reason: 'email_taken' }

/** Confirms the address a mailed link was for. */
export function verifyEmailByLink(
  db: Db,
  clock: Clock,
  mail: MailContext,
  token: string,
): VerifyResult {
  return confirm(db, clock, mail, (tx) => spendAccountToken(tx, clock, 'verify_email', token))
}

/** Confirms the address the member's newest mail was for, by the code in it. */
export function verifyEmailByCode(
  db: Db,
  clock: Clock,
  mail: MailContext,
  memberId: number,
  code: string,
): VerifyResult {
  return confirm(db, clock, mail, (tx) =>
    spendAccountTokenCode(tx, clock, { memberId, purpose: 'verify_email', code }),
  )
}

function confirm(
  db: Db,
  clock: Clock,
  mail: MailContext,
  spend: (tx: Tx) => TokenCheck,
): VerifyResult {
  // A plain transaction, not transactionUnlessRefused: a wrong code's count must be kept when
  // this answers with a refusal. Immediate, so two tabs confirming at once take turns.
  return db.transaction(
    (tx): VerifyResult => {
      const spent = spend(tx)
      if (!spent.ok) return spent
      const { memberId, email } = spent.token
      const member = tx.select().from(members).where(eq(members.id, memberId)).get()
      if (!member) return { ok: false, reason: 'unknown' }
      const now = clock.now()
      if (email === member.email) {
        tx.update(members)
          .set({ emailVerifiedAt: member.emailVerifiedAt ?? now })
          .where(eq(members.id, memberId))
          .run()
        return { ok: true, member, changed: false }
      }
      // Taken by someone else since it was asked for: the token stays spent, the address theirs.
      if (findMemberByEmail(tx, email)) return { ok: false, reason: 'email_taken' }
      tx.update(members).set({ email, emailVerifiedAt: now }).where(eq(members.id, memberId)).run()
      if (member.emailVerifiedAt)
        queueMail(tx, clock, {
          key: `email-changed:${spent.token.id}`,
          kind: 'email_changed',
          to: member.email,
          memberId,
          content: emailChangedMail({
            marketName: mail.marketName,
            displayName: member.displayName,
            newEmail: email,
            accountUrl: marketUrl(mail.config, '/account'),
          }),
        })
      return { ok: true, member: { ...member, email }, changed: true }
    },
    { behavior: 'immediate' },
  )
}
