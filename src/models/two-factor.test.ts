import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { members, recoveryCodes, secondFactorFailures } from '../../db/schema'
import { MINUTE } from '../lib/clock'
import { createMember, createOpenMarket, PASSWORD, type TestMarket } from '../test/app'
import {
  checkSecondFactor,
  confirmTwoFactor,
  disableTwoFactor,
  formatKeyForTyping,
  regenerateRecoveryCodes,
  startTwoFactorEnrolment,
  totpCode,
  totpKeyUri,
  totpStep,
  twoFactorStatus,
} from './two-factor'

let market: TestMarket
afterEach(() => market.cleanup())

/** A member with two-factor on; returns their key and recovery codes. */
async function enrolled() {
  market = await createOpenMarket()
  const member = await createMember(market)
  const key = startTwoFactorEnrolment(market.db, member.id)!
  const confirmed = confirmTwoFactor(
    market.db,
    market.clock,
    member.id,
    totpCode(key, totpStep(market.clock.now())),
  )
  if (!confirmed.ok) throw new Error(confirmed.reason)
  // Two windows on, so neither the code used to confirm nor the one before it counts as used.
  market.clock.advance(60_000)
  return { member, key, codes: confirmed.recoveryCodes }
}

const codeNow = (key: Uint8Array, offset = 0) =>
  totpCode(key, totpStep(market.clock.now()) + offset)

describe('enrolment', () => {
  it('keeps the new key pending until a code from it confirms it', async () => {
    market = await createOpenMarket()
    const member = await createMember(market)
    const key = startTwoFactorEnrolment(market.db, member.id)!
    expect(key.byteLength).toBe(20)
    expect(twoFactorStatus(market.db, member.id)).toMatchObject({ enabled: false })
    expect(confirmTwoFactor(market.db, market.clock, member.id, '000000')).toEqual({
      ok: false,
      reason: 'wrong_code',
    })
    const confirmed = confirmTwoFactor(market.db, market.clock, member.id, codeNow(key))
    expect(confirmed.ok).toBe(true)
    const row = market.db.select().from(members).where(eq(members.id, member.id)).get()!
    expect(row.totpKey).toEqual(key)
    expect(row.totpPendingKey).toBeNull()
    expect(row.totpLastStep).toBe(totpStep(market.clock.now()))
    expect(twoFactorStatus(market.db, member.id)).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    })
  })

  it('gives ten readable recovery codes once and stores only their hashes', async () => {
    const { member, codes } = await enrolled()
    expect(codes).toHaveLength(10)
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2}$/)
    expect(new Set(codes).size).toBe(10)
    const stored = market.db
      .select()
      .from(recoveryCodes)
      .where(eq(recoveryCodes.memberId, member.id))
      .all()
    expect(stored).toHaveLength(10)
    const hashes = stored.map((row) => row.codeHash.toString('hex')).join(' ')
    for (const code of codes) expect(hashes).not.toContain(Buffer.from(code).toString('hex'))
  })

  it('will not start again while two-factor is on', async () => {
    const { member } = await enrolled()
    expect(startTwoFactorEnrolment(market.db, member.id)).toBeNull()
  })

  it('shows the key as an otpauth address and as groups to type', () => {
    const key = new Uint8Array(20).fill(1)
    expect(formatKeyForTyping(key)).toBe('AEAQ CAIB AEAQ CAIB AEAQ CAIB AEAQ CAIB')
    expect(totpKeyUri(key, 'Tanji Market', 'awa@example.com')).toMatch(
      /^otpauth:\/\/totp\/Tanji%20Market:awa%40example\.com\?.*secret=AEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIB/,
    )
  })
})

describe('checkSecondFactor', () => {
  it('accepts the current code, and those of the steps either side', async () => {
    const { member, key } = await enrolled()
    const check = (code: string) => checkSecondFactor(market.db, market.clock, member.id, code)
    expect(check(codeNow(key, -1))).toEqual({ ok: true, used: 'app' })
    market.clock.advance(30_000)
    expect(check(codeNow(key))).toEqual({ ok: true, used: 'app' })
    expect(check(codeNow(key, +1))).toEqual({ ok: true, used: 'app' })
  })

  it('refuses codes from two steps away', async () => {
    const { member, key } = await enrolled()
    for (const offset of [-2, 2])
      expect(checkSecondFactor(market.db, market.clock, member.id, codeNow(key, offset))).toEqual({
        ok: false,
        reason: 'wrong_code',
      })
  })

  it('never accepts a code twice, nor an older one after a newer', async () => {
    const { member, key } = await enrolled()
    const check = (code: string) => checkSecondFactor(market.db, market.clock, member.id, code)
    const code = codeNow(key)
    expect(check(code).ok).toBe(true)
    expect(check(code)).toEqual({ ok: false, reason: 'used_code' })
    expect(check(codeNow(key, -1))).toEqual({ ok: false, reason: 'used_code' })
  })

  it('lets exactly one of two simultaneous requests with the same code through', async () => {
    const { member, key } = await enrolled()
    const code = codeNow(key)
    const results = await Promise.all(
      [1, 2].map(async () => checkSecondFactor(market.db, market.clock, member.id, code)),
    )
    expect(results.filter((result) => result.ok)).toHaveLength(1)
  })

  it('spends a recovery code, typed in any case or spacing, exactly once', async () => {
    const { member, codes } = await enrolled()
    const typed = ` ${codes[3]!.toUpperCase().replace(/-/g, ' ')} `
    expect(checkSecondFactor(market.db, market.clock, member.id, typed)).toEqual({
      ok: true,
      used: 'recovery_code',
    })
    expect(checkSecondFactor(market.db, market.clock, member.id, codes[3]!)).toEqual({
      ok: false,
      reason: 'wrong_code',
    })
    expect(twoFactorStatus(market.db, member.id).recoveryCodesLeft).toBe(9)
  })

  it("does not take another member's recovery code", async () => {
    const { codes } = await enrolled()
    const other = await createMember(market)
    const key = startTwoFactorEnrolment(market.db, other.id)!
    confirmTwoFactor(market.db, market.clock, other.id, codeNow(key))
    expect(checkSecondFactor(market.db, market.clock, other.id, codes[0]!).ok).toBe(false)
  })

  it('pauses after five wrong codes, even the right one, and says until when', async () => {
    const { member, key } = await enrolled()
    for (let n = 0; n < 5; n += 1)
      expect(checkSecondFactor(market.db, market.clock, member.id, '000000').ok).toBe(false)
    market.clock.advance(2 * MINUTE)
    const start = market.clock.now().getTime()
    const blocked = checkSecondFactor(market.db, market.clock, member.id, codeNow(key))
    expect(blocked).toMatchObject({ ok: false, reason: 'throttled' })
    if (blocked.ok || blocked.reason !== 'throttled') throw new Error('not throttled')
    expect(blocked.retryAt.getTime() - start).toBeGreaterThan(12 * MINUTE)
    market.clock.advance(14 * MINUTE)
    expect(checkSecondFactor(market.db, market.clock, member.id, codeNow(key)).ok).toBe(true)
    expect(market.db.select().from(secondFactorFailures).all()).toHaveLength(0)
  })

  it('lets no more than five of fifty simultaneous guesses be checked', async () => {
    const { member, key } = await enrolled()
    const guesses = [
      ...Array.from({ length: 49 }, (_, n) => String(n).padStart(6, '0')),
      codeNow(key),
    ]
    const results = await Promise.all(
      guesses.map(async (code) => checkSecondFactor(market.db, market.clock, member.id, code)),
    )
    const checked = results.filter((result) => result.ok || result.reason !== 'throttled')
    expect(checked.length).toBeLessThanOrEqual(5)
    expect(results.filter((result) => result.ok)).toHaveLength(0)
  })
})

describe('regenerateRecoveryCodes', () => {
  it('replaces all codes when given a current code', async () => {
    const { member, key, codes } = await enrolled()
    const result = regenerateRecoveryCodes(market.db, market.clock, member.id, codeNow(key))
    if (!result.ok) throw new Error(result.reason)
    expect(result.recoveryCodes).toHaveLength(10)
    expect(checkSecondFactor(market.db, market.clock, member.id, codes[0]!).ok).toBe(false)
    expect(checkSecondFactor(market.db, market.clock, member.id, result.recoveryCodes[0]!).ok).toBe(
      true,
    )
  })

  it('refuses a wrong code and keeps the old ones', async () => {
    const { member, codes } = await enrolled()
    expect(regenerateRecoveryCodes(market.db, market.clock, member.id, '123456').ok).toBe(false)
    expect(checkSecondFactor(market.db, market.clock, member.id, codes[0]!).ok).toBe(true)
  })
})

describe('disableTwoFactor', () => {
  it('needs the password and a code, then forgets the key and the codes', async () => {
    const { member, key } = await enrolled()
    expect(
      await disableTwoFactor(market.db, market.clock, member.id, {
        password: 'not it at all',
        code: codeNow(key),
        address: '203.0.113.5',
      }),
    ).toEqual({ ok: false, reason: 'wrong_password' })
    expect(
      await disableTwoFactor(market.db, market.clock, member.id, {
        password: PASSWORD,
        code: '000000',
        address: '203.0.113.5',
      }),
    ).toEqual({ ok: false, reason: 'wrong_code' })
    expect(
      await disableTwoFactor(market.db, market.clock, member.id, {
        password: PASSWORD,
        code: codeNow(key),
        address: '203.0.113.5',
      }),
    ).toEqual({ ok: true })
    expect(twoFactorStatus(market.db, member.id)).toEqual({
      enabled: false,
      enabledAt: null,
      pendingKey: null,
      recoveryCodesLeft: 0,
    })
  })
})
