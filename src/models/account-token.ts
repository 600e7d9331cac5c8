// Tokens mailed to a member to prove they read that mailbox: verifying an address (at sign-up, or
// a new one) and resetting a forgotten password. The mail carries a link with a long random token;
// verification mails also carry a 6-digit code, for people who read mail on their phone and signed
// up on a computer. Only hashes are stored, so a copy of the database opens nothing.
//
// A token is single use (a guarded update spends it, so two tabs cannot both use it), expires, and
// only the newest of a member's tokens for one purpose is live: asking again retires the earlier
// mail. A code allows a few wrong tries, then its token is spent — six digits are guessable only
// by someone who may try without end.
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import { randomInt } from 'node:crypto'
import { accountTokens } from '../../db/schema'
import type { Db } from '../db'
import { DAY, HOUR, type Clock } from '../lib/clock'
import { hashesMatch, hashToken, randomToken } from '../lib/tokens'
import type { Tx } from './transaction'

export type AccountToken = typeof accountTokens.$inferSelect
export type AccountTokenPurpose = AccountToken['purpose']

/** How long a mailed token works: a day to verify an address, an hour to reset a password. */
export const TOKEN_LIFETIME: Record<AccountTokenPurpose, number> = {
  verify_email: DAY,
  reset_password: HOUR,
}

/** Wrong codes allowed against one token before it is spent. */
export const MAX_CODE_FAILURES = 5

export type IssuedToken = { id: number; token: string; code: string | null; expiresAt: Date }

/**
 * Makes a member's new token for `purpose` (retiring any earlier one), inside the transaction
 * that queues its mail.
 * @param email the address the mail goes to: for a change of address, the new one
 * @param withCode whether the mail also carries a 6-digit code to type instead of following the link
 */
export function issueAccountToken(
  tx: Tx | Db,
  clock: Clock,
  input: { memberId: number; purpose: AccountTokenPurpose; email: string; withCode: boolean },
): IssuedToken {
  const now = clock.now()
  const db = tx as Db
  db.update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.memberId, input.memberId),
        eq(accountTokens.purpose, input.purpose),
        isNull(accountTokens.usedAt),
      ),
    )
    .run()
  const token = randomToken()
  const code = input.withCode ? String(randomInt(1_000_000)).padStart(6, '0') : null
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME[input.purpose])
  const { id } = db
    .insert(accountTokens)
    .values({
      memberId: input.memberId,
      purpose: input.purpose,
      email: input.email,
      tokenHash: hashToken(token),
      codeHash: code === null ? null : hashToken(code),
      expiresAt,
      createdAt: now,
    })
    .returning({ id: accountTokens.id })
    .get()
  return { id, token, code, expiresAt }
}

/** `guessed`: spent by too many wrong codes. */
export type TokenRefusal = 'unknown' | 'expired' | 'used' | 'guessed'
export type TokenLookup = { ok: true; token: AccountToken } | { ok: false; reason: TokenRefusal }
/** A wrong code; `spent` when it was the last one allowed. */
export type TokenCheck = TokenLookup | { ok: false; reason: 'wrong_code'; spent: boolean }

/** The token a mailed link carries, without spending it (a page that asks before acting). */
export function findAccountToken(
  db: Db,
  clock: Clock,
  purpose: AccountTokenPurpose,
  token: string,
): TokenLookup {
  const row = db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose)))
    .get()
  if (!row) return { ok: false, reason: 'unknown' }
  if (row.usedAt)
    return { ok: false, reason: row.failures >= MAX_CODE_FAILURES ? 'guessed' : 'used' }
  if (row.expiresAt.getTime() <= clock.now().getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, token: row }
}

/**
 * Spends the token a mailed link carries, inside the transaction that acts on it; only one caller
 * ever gets `ok` for a token.
 */
export function spendAccountToken(
  tx: Tx | Db,
  clock: Clock,
  purpose: AccountTokenPurpose,
  token: string,
): TokenLookup {
  const now = clock.now()
  const spent = (tx as Db)
    .update(accountTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    )
    .returning()
    .get()
  if (spent) return { ok: true, token: spent }
  const found = findAccountToken(tx as Db, clock, purpose, token)
  return found.ok ? { ok: false, reason: 'used' } : found
}

/**
 * Spends a member's live token for `purpose` when `code` is its code; a wrong code counts
 * against the token (atomically, so parallel guesses count each), and the last allowed one
 * spends it.
 */
export function spendAccountTokenCode(
  tx: Tx | Db,
  clock: Clock,
  input: { memberId: number; purpose: AccountTokenPurpose; code: string },
): TokenCheck {
  const db = tx as Db
  const now = clock.now()
  const live = db
    .select()
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.memberId, input.memberId),
        eq(accountTokens.purpose, input.purpose),
        isNull(accountTokens.usedAt),
      ),
    )
    .orderBy(desc(accountTokens.id))
    .get()
  if (!live || !live.codeHash) return { ok: false, reason: 'unknown' }
  if (live.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' }
  if (hashesMatch(live.codeHash, hashToken(input.code))) {
    const spent = db
      .update(accountTokens)
      .set({ usedAt: now })
      .where(and(eq(accountTokens.id, live.id), isNull(accountTokens.usedAt)))
      .returning()
      .get()
    return spent ? { ok: true, token: spent } : { ok: false, reason: 'used' }
  }
  const counted = db
    .update(accountTokens)
    .set({
      failures: sql`${accountTokens.failures} + 1`,
      usedAt: sql`case when ${accountTokens.failures} + 1 >= ${MAX_CODE_FAILURES} then ${now.getTime()} else null end`,
    })
    .where(and(eq(accountTokens.id, live.id), isNull(accountTokens.usedAt)))
    .returning({ usedAt: accountTokens.usedAt })
    .get()
  return { ok: false, reason: 'wrong_code', spent: counted?.usedAt != null }
}

/** The member's live token for `purpose`, if any: when it was sent decides whether to resend. */
export function liveAccountToken(
  tx: Tx | Db,
  clock: Clock,
  memberId: number,
  purpose: AccountTokenPurpose,
): AccountToken | undefined {
  return (tx as Db)
    .select()
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.memberId, memberId),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, clock.now()),
      ),
    )
    .orderBy(desc(accountTokens.id))
    .get()
}

/** Housekeeping: tokens spent or expired more than a day ago say nothing anyone needs. */
export function deleteOldAccountTokens(db: Db, clock: Clock): number {
  const dayAgo = new Date(clock.now().getTime() - DAY)
  return db.delete(accountTokens).where(lt(accountTokens.expiresAt, dayAgo)).run().changes
}

/** The lifetime in words for a mail: "24 hours", "1 hour". */
export function lifetimeInWords(purpose: AccountTokenPurpose): string {
  const hours = TOKEN_LIFETIME[purpose] / HOUR
  return hours === 1 ? '1 hour' : `${hours} hours`
}
