import { afterEach, describe, expect, it } from 'vitest'
import { members, sessions, signIns } from '../../db/schema'
import { recordSignIn } from '../models/sign-in-history'
import { DAY, HOUR } from '../lib/clock'
import { createOpenMarket, type TestMarket } from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

describe('housekeeping', () => {
  it('is scheduled hourly through the jobs seam and forgets expired sessions', async () => {
    market = await createOpenMarket()
    expect(market.jobs.intervalOf('housekeeping')).toBe(HOUR)
    await market.signIn('awa@example.com')
    expect(market.db.select().from(sessions).all()).toHaveLength(1)

    await market.jobs.run('housekeeping')
    expect(market.db.select().from(sessions).all()).toHaveLength(1)
    market.clock.advance(31 * DAY)
    await market.jobs.run('housekeeping')
    expect(market.db.select().from(sessions).all()).toHaveLength(0)
  })

  it('forgets sign-in history older than 90 days', async () => {
    market = await createOpenMarket()
    const memberId = market.db.select().from(members).get()!.id
    const entry = { memberId, outcome: 'signed_in', address: '203.0.113.7', userAgent: '' } as const
    recordSignIn(market.db, market.clock, entry)
    market.clock.advance(60 * DAY)
    recordSignIn(market.db, market.clock, entry)
    market.clock.advance(31 * DAY)
    await market.jobs.run('housekeeping')
    expect(market.db.select().from(signIns).all()).toHaveLength(1)
  })
})
