import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMember, createOpenMarket, PASSWORD, type TestMarket } from '../test/app'
import { confirmPassword } from './password-confirmation'
import { MAX_FAILURES_PER_ACCOUNT, THROTTLE_WINDOW } from './sign-in-throttle'

describe('confirmPassword', () => {
  let market: TestMarket
  beforeEach(async () => {
    market = await createOpenMarket()
  })
  afterEach(() => market.cleanup())

  it('counts wrong passwords like sign-ins: a session cannot guess without end', async () => {
    const ann = await createMember(market)
    const confirm = (password: string, address = '203.0.113.5') =>
      confirmPassword(market.db, market.clock, ann.id, password, address)
    expect(await confirm(PASSWORD)).toMatchObject({ ok: true, member: { id: ann.id } })
    for (let attempt = 0; attempt < MAX_FAILURES_PER_ACCOUNT; attempt += 1)
      expect(await confirm('not it at all')).toEqual({ ok: false, reason: 'wrong_password' })
    // Even the right password waits now, from any address, and so does signing in.
    expect(await confirm(PASSWORD, '198.51.100.7')).toMatchObject({
      ok: false,
      reason: 'password_throttled',
    })
    expect((await market.post('/sign-in', { email: ann.email, password: PASSWORD })).status).toBe(
      422,
    )
    market.clock.advance(THROTTLE_WINDOW)
    expect((await confirm(PASSWORD)).ok).toBe(true)
  })

  it('refuses in parallel past the limit, however the guesses arrive', async () => {
    const ann = await createMember(market)
    const results = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_ACCOUNT * 2 }, () =>
        confirmPassword(market.db, market.clock, ann.id, 'not it at all', '203.0.113.5'),
      ),
    )
    expect(
      results.filter((result) => !result.ok && result.reason === 'wrong_password'),
    ).toHaveLength(MAX_FAILURES_PER_ACCOUNT)
  })
})
