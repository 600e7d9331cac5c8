import { afterEach, describe, expect, it } from 'vitest'
import { sessions } from '../../db/schema'
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
})
