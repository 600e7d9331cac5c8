import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { mailPreferences, setMailPreferences, turnMailOff } from './mail-preferences'

describe('mail preferences', () => {
  let market: TestMarket
  beforeEach(async () => {
    market = await createOpenMarket()
  })
  afterEach(() => market.cleanup())

  it('wants every kind until the member turns one off, and only for that member', async () => {
    const ann = await createMember(market)
    const bob = await createMember(market)
    expect(Object.values(mailPreferences(market.db, ann.id))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ])
    turnMailOff(market.db, market.clock, ann.id, 'messages')
    // An unsubscribe link followed twice changes nothing the second time.
    turnMailOff(market.db, market.clock, ann.id, 'messages')
    expect(mailPreferences(market.db, ann.id)).toMatchObject({ messages: false, new_order: true })
    expect(mailPreferences(market.db, bob.id).messages).toBe(true)
  })

  it('sets every kind at once, turning back on what the form ticks', async () => {
    const ann = await createMember(market)
    turnMailOff(market.db, market.clock, ann.id, 'reviews')
    setMailPreferences(market.db, market.clock, ann.id, {
      new_order: false,
      order_updates: true,
      messages: true,
      reviews: true,
      requests: true,
    })
    expect(mailPreferences(market.db, ann.id)).toEqual({
      new_order: false,
      order_updates: true,
      messages: true,
      reviews: true,
      requests: true,
    })
  })
})
