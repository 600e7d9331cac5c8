import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { bookTime, seedBookableService } from '../test/bookings'
import { seedStore } from '../test/listings'
import { findSite } from '../models/site'
import { storeSlotsTopic } from './bus'
import { renderEvent } from './fragments'
import { SLOTS_CHANGED } from './slot-news'

let market: TestMarket
beforeEach(async () => {
  market = await createOpenMarket()
})
afterEach(() => market.cleanup())

describe('an open slot grid when someone else books', () => {
  it('hears its store’s times taken, and shows the taken one as taken', async () => {
    const seller = await seedStore(market, { name: 'Fatou Hair' })
    const service = seedBookableService(market, seller)
    const buyer = await createMember(market)
    const start = new Date('2026-11-24T10:00:00Z')
    expect(bookTime(market, buyer, service, start).ok).toBe(true)
    const published = market.bus.published.filter(
      (item) => item.topic === storeSlotsTopic(seller.store.id),
    )
    expect(published.map((item) => item.event)).toEqual([
      { type: SLOTS_CHANGED, data: { storeId: seller.store.id, date: '2026-11-24' } },
    ])

    const site = findSite(market.db)!
    const looking = await createMember(market)
    const viewer = { db: market.db, clock: market.clock, site, member: looking }
    const html = await renderEvent(
      { ...viewer, page: `listing:${service.id}` },
      published[0]!.event,
    )
    expect(html).toBe(
      `<li id="slot-${service.id}-${start.getTime()}" data-hx-swap-oob="true"><span class="slot slot--taken">10:00<span class="visually-hidden"> taken</span></span></li>`,
    )
    // Another page, or another store's service, shows nothing of it.
    expect(await renderEvent({ ...viewer, page: 'orders' }, published[0]!.event)).toBe('')
    const other = seedBookableService(market, await seedStore(market, { name: 'Other' }))
    expect(await renderEvent({ ...viewer, page: `listing:${other.id}` }, published[0]!.event)).toBe(
      '',
    )
  })
})
