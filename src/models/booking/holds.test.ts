import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bookingHolds } from '../../../db/schema'
import { createOpenMarket, type TestMarket } from '../../test/app'
import { seedStore, type TestStore } from '../../test/listings'
import { transactionUnlessRefused } from '../transaction'
import { cellsOf, holdTime, releaseTime, type HeldTime } from './holds'

let market: TestMarket
let shop: TestStore
beforeEach(async () => {
  market = await createOpenMarket()
  shop = await seedStore(market, { name: 'Fatou Hair' })
})
afterEach(() => market.cleanup())

const at = (time: string) => new Date(`2026-12-01T${time}:00Z`)
function slot(start: string, end: string, more: Partial<HeldTime> = {}): HeldTime {
  return {
    storeId: shop.store.id,
    listingId: 1,
    start: at(start),
    end: at(end),
    bufferMinutes: 0,
    seats: 1,
    capacity: 1,
    ...more,
  }
}

/** Holds in a transaction of its own that keeps nothing when refused, as a booking would. */
const hold = (time: HeldTime) =>
  transactionUnlessRefused(market.db, (tx) => ({ ok: holdTime(tx, time) })).ok

describe('holding a booking’s time', () => {
  it('covers the slot and its buffer in five-minute cells', () => {
    const [first, last] = cellsOf(slot('09:00', '10:00', { bufferMinutes: 15 }))
    expect(last - first).toBe(15)
  })

  it('lets one booking have a time, and refuses any other that touches it', () => {
    expect(hold(slot('09:00', '10:00', { bufferMinutes: 15 }))).toBe(true)
    expect(hold(slot('09:00', '10:00'))).toBe(false)
    expect(hold(slot('10:00', '11:00', { listingId: 2 }))).toBe(false)
    // A refused hold keeps nothing, not even the cells before the one that was taken.
    expect(market.db.select().from(bookingHolds).all()).toHaveLength(15)
    expect(hold(slot('10:15', '11:15', { listingId: 2 }))).toBe(true)
  })

  it('shares a class’s cells seat by seat, up to its capacity, and only with the same class', () => {
    const yoga = (seats = 1) => slot('18:00', '19:00', { capacity: 8, seats })
    expect(hold(yoga(7))).toBe(true)
    expect(hold(yoga(2))).toBe(false)
    expect(hold(yoga(1))).toBe(true)
    expect(hold(yoga(1))).toBe(false)
    expect(hold(slot('18:00', '19:00', { listingId: 2, capacity: 8 }))).toBe(false)
  })

  it('gives time back: a class’s seats one by one, a cell once nobody holds it', () => {
    const yoga = (seats = 1) => slot('18:00', '19:00', { capacity: 8, seats })
    hold(yoga(7))
    hold(yoga(1))
    releaseTime(market.db, yoga(7))
    expect(
      market.db
        .select()
        .from(bookingHolds)
        .all()
        .every((row) => row.seats === 1),
    ).toBe(true)
    expect(hold(yoga(7))).toBe(true)
    releaseTime(market.db, yoga(7))
    releaseTime(market.db, yoga(1))
    expect(market.db.select().from(bookingHolds).all()).toEqual([])
    expect(hold(slot('18:00', '19:00'))).toBe(true)
  })
})
