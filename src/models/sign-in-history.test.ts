import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { recentSignIns, recordSignIn } from './sign-in-history'
import { THROTTLE_WINDOW } from './sign-in-throttle'

describe('sign-in history', () => {
  let market: TestMarket
  beforeEach(async () => {
    market = await createOpenMarket()
  })
  afterEach(() => market.cleanup())

  it('notes refusals during a pause once per pause, and every other try', async () => {
    const ann = await createMember(market)
    const note = (outcome: 'throttled' | 'wrong_password') =>
      recordSignIn(market.db, market.clock, {
        memberId: ann.id,
        outcome,
        address: '203.0.113.5',
        userAgent: 'test',
      })
    note('wrong_password')
    note('wrong_password')
    for (let attempt = 0; attempt < 100; attempt += 1) note('throttled')
    market.clock.advance(THROTTLE_WINDOW + 1)
    note('throttled')
    expect(recentSignIns(market.db, ann.id).map((entry) => entry.outcome)).toEqual([
      'throttled',
      'throttled',
      'wrong_password',
      'wrong_password',
    ])
  })
})
