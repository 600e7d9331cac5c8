import { afterEach, describe, expect, it } from 'vitest'
import { DAY } from '../lib/clock'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { recordingBus } from './bus'
import {
  MAX_REPLAY,
  missedEvents,
  newestEventId,
  pruneEvents,
  publishEvents,
  recordEvent,
} from './events'

let market: TestMarket
afterEach(() => market.cleanup())

describe('kept events', () => {
  it('keeps one row per member told, and publishes each on its member’s topic only', async () => {
    market = await createOpenMarket()
    const awa = await createMember(market)
    const lamin = await createMember(market)
    const at = market.clock.now()
    const kept = market.db.transaction((tx) =>
      recordEvent(tx, [awa.id, lamin.id, awa.id], 'order.changed', { code: 'AB12CD' }, at),
    )
    expect(kept.map((event) => event.memberId)).toEqual([awa.id, lamin.id])

    const bus = recordingBus()
    publishEvents(bus, kept)
    expect(bus.published).toEqual([
      {
        topic: `member:${awa.id}`,
        event: { type: 'order.changed', id: kept[0]!.id, data: { code: 'AB12CD' } },
      },
      {
        topic: `member:${lamin.id}`,
        event: { type: 'order.changed', id: kept[1]!.id, data: { code: 'AB12CD' } },
      },
    ])
  })

  it('keeps nothing of a transaction that rolled back', async () => {
    market = await createOpenMarket()
    const awa = await createMember(market)
    expect(() =>
      market.db.transaction((tx) => {
        recordEvent(tx, [awa.id], 'order.changed', {}, market.clock.now())
        throw new Error('the change failed')
      }),
    ).toThrow()
    expect(missedEvents(market.db, awa.id, 0)).toEqual({ ok: true, events: [] })
  })

  it('replays a member’s own missed events in order, never another’s', async () => {
    market = await createOpenMarket()
    const awa = await createMember(market)
    const lamin = await createMember(market)
    const at = market.clock.now()
    const [first] = recordEvent(market.db, [awa.id], 'a', {}, at)
    recordEvent(market.db, [lamin.id], 'b', {}, at)
    recordEvent(market.db, [awa.id], 'c', { n: 3 }, at)

    const missed = missedEvents(market.db, awa.id, first!.id)
    expect(missed.ok && missed.events.map((event) => [event.type, event.data])).toEqual([
      ['c', { n: 3 }],
    ])
    expect(missedEvents(market.db, awa.id, newestEventId(market.db))).toEqual({
      ok: true,
      events: [],
    })
  })

  it('asks for a reload from an id it never gave, one it forgot, or too much missed', async () => {
    market = await createOpenMarket()
    const awa = await createMember(market)
    const at = market.clock.now()
    const [old] = recordEvent(market.db, [awa.id], 'old', {}, at)
    recordEvent(market.db, [awa.id], 'older', {}, at)
    expect(missedEvents(market.db, awa.id, newestEventId(market.db) + 1)).toEqual({
      ok: false,
      reason: 'reload',
    })

    market.clock.advance(2 * DAY)
    recordEvent(market.db, [awa.id], 'new', {}, market.clock.now())
    expect(pruneEvents(market.db, market.clock.now())).toBe(2)
    expect(missedEvents(market.db, awa.id, old!.id)).toEqual({ ok: false, reason: 'reload' })

    const from = newestEventId(market.db)
    for (let n = 0; n <= MAX_REPLAY; n += 1) recordEvent(market.db, [awa.id], 'many', {}, at)
    expect(missedEvents(market.db, awa.id, from)).toEqual({ ok: false, reason: 'reload' })
  })

  it('never prunes the newest event, so the ids pages hold stay comparable', async () => {
    market = await createOpenMarket()
    const awa = await createMember(market)
    recordEvent(market.db, [awa.id], 'only', {}, market.clock.now())
    const newest = newestEventId(market.db)
    market.clock.advance(10 * DAY)
    expect(pruneEvents(market.db, market.clock.now())).toBe(0)
    expect(newestEventId(market.db)).toBe(newest)
    expect(missedEvents(market.db, awa.id, newest)).toEqual({ ok: true, events: [] })
  })
})
