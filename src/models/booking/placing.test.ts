import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bookingHolds, bookings, orders } from '../../../db/schema'
import { HOUR, MINUTE } from '../../lib/clock'
import { createMember, createOpenMarket, type TestMarket } from '../../test/app'
import { bookTime, seedBookableService } from '../../test/bookings'
import { seedStore, type TestStore } from '../../test/listings'
import { findOrderForMember } from '../order'
import { takeOrderStep } from '../order/steps'
import type { Member } from '../member'
import { completePastBookings, expireBookingRequests } from './lifecycle'

let market: TestMarket
let seller: TestStore
let buyer: Member
// The test clock starts on Monday 23 November 2026, 09:00 in Banjul (UTC, no clock changes).
const TUESDAY_10 = new Date('2026-11-24T10:00:00Z')

beforeEach(async () => {
  market = await createOpenMarket()
  seller = await seedStore(market, { name: 'Fatou Hair' })
  buyer = await createMember(market, { displayName: 'Binta' })
})
afterEach(() => market.cleanup())

function access(member: Member, code: string) {
  const found = findOrderForMember(market.db, { ...member, role: member.role }, code)
  if (!found) throw new Error('not a party to the order')
  return found
}

describe('booking a time', () => {
  it('places a request that holds the slot until the provider confirms, whatever the payment', async () => {
    const service = seedBookableService(market, seller)
    const booked = bookTime(market, buyer, service, TUESDAY_10)
    if (!booked.ok) throw new Error(JSON.stringify(booked))
    expect(booked.order).toMatchObject({ kind: 'booking', status: 'placed', total: 30_000 })
    const booking = market.db.select().from(bookings).get()
    expect(booking).toMatchObject({
      startsAt: TUESDAY_10,
      endsAt: new Date(TUESDAY_10.getTime() + HOUR),
      holding: true,
      // A day to confirm, or sooner when the time comes first.
      expiresAt: new Date(market.clock.now().getTime() + 24 * HOUR),
      cancellableUntil: new Date(TUESDAY_10.getTime() - 24 * HOUR),
    })
    expect(market.db.select().from(bookingHolds).all()).toHaveLength(12)

    const again = bookTime(market, await createMember(market), service, TUESDAY_10)
    expect(again).toEqual({ ok: false, reason: 'slot', refusal: 'taken' })
  })

  it('confirms at once when the service is booked instantly', () => {
    const service = seedBookableService(market, seller, { rules: { instantBook: true } })
    const booked = bookTime(market, buyer, service, TUESDAY_10)
    expect(booked.ok && booked.order.status).toBe('accepted')
    expect(market.db.select().from(bookings).get()?.expiresAt).toBeNull()
  })

  it('refuses a past, too soon, too far, out-of-hours or day-off time, keeping nothing', () => {
    const service = seedBookableService(market, seller, { rules: { horizonDays: 7 } })
    const cases: [Date, string][] = [
      [new Date('2026-11-23T08:00:00Z'), 'past'],
      // Two hours' notice: 10:00 today is one hour away.
      [new Date('2026-11-23T10:00:00Z'), 'too_soon'],
      [new Date('2026-12-08T10:00:00Z'), 'too_far'],
      [new Date('2026-11-24T12:30:00Z'), 'out_of_hours'],
      [new Date('2026-11-24T10:30:00Z'), 'out_of_hours'],
      // Saturday: closed.
      [new Date('2026-11-28T10:00:00Z'), 'out_of_hours'],
    ]
    for (const [start, refusal] of cases)
      expect(bookTime(market, buyer, service, start), start.toISOString()).toEqual({
        ok: false,
        reason: 'slot',
        refusal,
      })
    expect(market.db.select().from(orders).all()).toEqual([])
    expect(market.db.select().from(bookingHolds).all()).toEqual([])
  })

  it('shares a class between as many buyers as it has seats, and no more', async () => {
    const service = seedBookableService(market, seller, { rules: { capacity: 2 } })
    const others = [await createMember(market), await createMember(market)]
    expect(bookTime(market, buyer, service, TUESDAY_10).ok).toBe(true)
    expect(bookTime(market, others[0]!, service, TUESDAY_10).ok).toBe(true)
    expect(bookTime(market, others[1]!, service, TUESDAY_10)).toMatchObject({
      refusal: 'taken',
    })
  })

  it('keeps the provider’s time one: another service cannot take an overlapping slot', () => {
    const haircut = seedBookableService(market, seller, { rules: { bufferMinutes: 15 } })
    const beard = seedBookableService(market, seller, { title: 'Beard trim', durationMinutes: 30 })
    // Slots follow each other with the buffer between: 09:00, 10:15, 11:30.
    expect(bookTime(market, buyer, haircut, new Date('2026-11-24T09:00:00Z')).ok).toBe(true)
    // 09:30 falls inside the haircut; 10:00 inside its buffer.
    for (const taken of ['2026-11-24T09:30:00Z', '2026-11-24T10:00:00Z'])
      expect(bookTime(market, buyer, beard, new Date(taken)), taken).toMatchObject({
        refusal: 'taken',
      })
    expect(bookTime(market, buyer, beard, new Date('2026-11-24T10:30:00Z')).ok).toBe(true)
  })

  it('places once for one form, however often it is sent', () => {
    const service = seedBookableService(market, seller)
    const first = bookTime(market, buyer, service, TUESDAY_10, { checkoutKey: 'same-key' })
    const second = bookTime(market, buyer, service, TUESDAY_10, { checkoutKey: 'same-key' })
    expect(second).toMatchObject({ ok: true, repeated: true })
    expect(first.ok && second.ok && second.order.id === first.order.id).toBe(true)
  })

  it('says which choices to correct: package, place, address and payment', () => {
    const service = seedBookableService(market, seller, { serviceLocations: ['customer'] })
    expect(
      bookTime(market, buyer, service, TUESDAY_10, {
        unitId: 999,
        fulfilment: 'customer',
        address: ' ',
        paymentMethod: 'bank_transfer',
      }),
    ).toEqual({ ok: false, reason: 'invalid', problems: ['unitId', 'address', 'paymentMethod'] })
    expect(bookTime(market, buyer, service, TUESDAY_10, { fulfilment: 'online' })).toEqual({
      ok: false,
      reason: 'invalid',
      problems: ['fulfilment'],
    })
  })

  it('refuses to book your own service', () => {
    const service = seedBookableService(market, seller)
    expect(bookTime(market, seller.owner, service, TUESDAY_10)).toEqual({
      ok: false,
      reason: 'not_bookable',
    })
  })
})

describe('a booking’s life', () => {
  it('frees the time when the buyer cancels ahead of the window, and not inside it', () => {
    const service = seedBookableService(market, seller, { rules: { instantBook: true } })
    const booked = bookTime(market, buyer, service, TUESDAY_10)
    if (!booked.ok) throw new Error('not booked')
    const code = booked.order.code
    market.clock.advance(2 * HOUR) // 11:00 Monday: 23 hours before, inside the 24-hour window
    expect(takeOrderStep(market, access(buyer, code), 'cancel', '')).toEqual({
      ok: false,
      reason: 'not_allowed',
    })
    // The provider may, with a reason; the time is free again at once.
    expect(takeOrderStep(market, access(seller.owner, code), 'cancel', 'Ill today').ok).toBe(true)
    expect(market.db.select().from(bookingHolds).all()).toEqual([])
    expect(market.db.select().from(bookings).get()?.holding).toBe(false)
    expect(bookTime(market, buyer, service, TUESDAY_10).ok).toBe(true)
  })

  it('lets the buyer cancel a confirmed booking before its window opens', () => {
    const service = seedBookableService(market, seller, { rules: { instantBook: true } })
    const booked = bookTime(market, buyer, service, new Date('2026-11-26T10:00:00Z'))
    if (!booked.ok) throw new Error('not booked')
    expect(takeOrderStep(market, access(buyer, booked.order.code), 'cancel', '').ok).toBe(true)
    expect(market.db.select().from(bookingHolds).all()).toEqual([])
  })

  it('is marked done or absent by the provider only once it has begun', () => {
    const service = seedBookableService(market, seller, { rules: { instantBook: true } })
    const first = bookTime(market, buyer, service, TUESDAY_10)
    const second = bookTime(market, buyer, service, new Date('2026-11-24T11:00:00Z'))
    if (!first.ok || !second.ok) throw new Error('not booked')
    expect(takeOrderStep(market, access(seller.owner, first.order.code), 'complete', '')).toEqual({
      ok: false,
      reason: 'not_allowed',
    })
    market.clock.advance(26 * HOUR + 5 * MINUTE) // Tuesday 11:05
    const done = takeOrderStep(market, access(seller.owner, first.order.code), 'complete', '')
    expect(done.ok && done.order.status).toBe('completed')
    const absent = takeOrderStep(
      market,
      access(seller.owner, second.order.code),
      'mark_no_show',
      '',
    )
    expect(absent.ok && absent.order.status).toBe('no_show')
    // Nobody else may say so.
    expect(takeOrderStep(market, access(buyer, second.order.code), 'complete', '').ok).toBe(false)
  })

  it('expires a request nobody confirmed and offers its time again', async () => {
    const service = seedBookableService(market, seller)
    const booked = bookTime(market, buyer, service, new Date('2026-11-26T10:00:00Z'))
    if (!booked.ok) throw new Error('not booked')
    market.clock.advance(23 * HOUR)
    expect(expireBookingRequests(market)).toBe(0)
    market.clock.advance(HOUR)
    expect(expireBookingRequests(market)).toBe(1)
    const order = market.db.select().from(orders).where(eq(orders.id, booked.order.id)).get()
    expect(order).toMatchObject({ status: 'cancelled' })
    expect(market.db.select().from(bookingHolds).all()).toEqual([])
    const sameTime = new Date('2026-11-26T10:00:00Z')
    expect(bookTime(market, await createMember(market), service, sameTime).ok).toBe(true)
  })

  it('lets nobody confirm a request past its deadline: it lapses then and there', () => {
    const service = seedBookableService(market, seller)
    const booked = bookTime(market, buyer, service, new Date('2026-11-26T10:00:00Z'))
    if (!booked.ok) throw new Error('not booked')
    market.clock.advance(24 * HOUR + MINUTE)
    expect(takeOrderStep(market, access(seller.owner, booked.order.code), 'accept', '')).toEqual({
      ok: false,
      reason: 'changed_meanwhile',
    })
    expect(market.db.select().from(orders).get()?.status).toBe('cancelled')
    expect(market.db.select().from(bookingHolds).all()).toEqual([])
  })

  it('completes a confirmed booking by itself a day after it ended', () => {
    const service = seedBookableService(market, seller)
    const booked = bookTime(market, buyer, service, TUESDAY_10)
    if (!booked.ok) throw new Error('not booked')
    expect(takeOrderStep(market, access(seller.owner, booked.order.code), 'accept', '').ok).toBe(
      true,
    )
    market.clock.advance(24 * HOUR + 2 * HOUR) // Tuesday 11:00: it just ended
    expect(completePastBookings(market)).toBe(0)
    market.clock.advance(24 * HOUR)
    expect(completePastBookings(market)).toBe(1)
    expect(market.db.select().from(orders).get()?.status).toBe('completed')
  })
})
