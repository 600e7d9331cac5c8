import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HOUR } from '../lib/clock'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import {
  findAccountToken,
  issueAccountToken,
  MAX_CODE_FAILURES,
  spendAccountToken,
  spendAccountTokenCode,
} from './account-token'

describe('account tokens', () => {
  let market: TestMarket
  beforeEach(async () => {
    market = await createOpenMarket()
  })
  afterEach(() => market.cleanup())

  const issue = (memberId: number, purpose: 'verify_email' | 'reset_password' = 'verify_email') =>
    issueAccountToken(market.db, market.clock, {
      memberId,
      purpose,
      email: 'ann@example.com',
      withCode: purpose === 'verify_email',
    })

  it('is spent once by its link, and not for another purpose', async () => {
    const ann = await createMember(market)
    const { token, code } = issue(ann.id)
    expect(code).toMatch(/^\d{6}$/)
    expect(spendAccountToken(market.db, market.clock, 'reset_password', token)).toEqual({
      ok: false,
      reason: 'unknown',
    })
    expect(findAccountToken(market.db, market.clock, 'verify_email', token).ok).toBe(true)
    expect(spendAccountToken(market.db, market.clock, 'verify_email', token).ok).toBe(true)
    expect(spendAccountToken(market.db, market.clock, 'verify_email', token)).toEqual({
      ok: false,
      reason: 'used',
    })
    expect(spendAccountToken(market.db, market.clock, 'verify_email', 'forged')).toEqual({
      ok: false,
      reason: 'unknown',
    })
  })

  it('expires, and a newer one retires the older', async () => {
    const ann = await createMember(market)
    const reset = issue(ann.id, 'reset_password')
    expect(reset.code).toBeNull()
    market.clock.advance(HOUR + 1)
    expect(spendAccountToken(market.db, market.clock, 'reset_password', reset.token)).toEqual({
      ok: false,
      reason: 'expired',
    })
    const first = issue(ann.id)
    const second = issue(ann.id)
    expect(findAccountToken(market.db, market.clock, 'verify_email', first.token)).toEqual({
      ok: false,
      reason: 'used',
    })
    expect(spendAccountToken(market.db, market.clock, 'verify_email', second.token).ok).toBe(true)
  })

  it('takes the code of the newest token, and spends it after a few wrong ones', async () => {
    const ann = await createMember(market)
    const { code } = issue(ann.id)
    const wrong = code === '000000' ? '111111' : '000000'
    const spend = (typed: string) =>
      spendAccountTokenCode(market.db, market.clock, {
        memberId: ann.id,
        purpose: 'verify_email',
        code: typed,
      })
    for (let attempt = 1; attempt < MAX_CODE_FAILURES; attempt += 1)
      expect(spend(wrong)).toEqual({ ok: false, reason: 'wrong_code', spent: false })
    expect(spend(code ?? '')).toMatchObject({ ok: true })

    const again = issue(ann.id)
    for (let attempt = 1; attempt < MAX_CODE_FAILURES; attempt += 1) spend(wrong)
    expect(spend(wrong)).toEqual({ ok: false, reason: 'wrong_code', spent: true })
    // Guessing spent the token: even the right code is too late now.
    expect(spend(again.code ?? '')).toEqual({ ok: false, reason: 'unknown' })
  })
})
