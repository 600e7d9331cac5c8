import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bookingHolds, bookings, orderEvents } from '../../../db/schema'
import { HOUR } from '../../lib/clock'
import { cookiesFrom, createMember, createOpenMarket, page, type TestMarket } from '../../test/app'
import { bookTime, seedBookableService } from '../../test/bookings'
import { seedStore, type TestStore } from '../../test/listings'

// Monday 23 November 2026, 09:00 in Banjul; open weekdays 09:00–12:00 and 14:00–17:00.
let market: TestMarket
let seller: TestStore
let code: string
let buyerCookie: string
let ownerCookie: string
beforeEach(async () => {
  market = await createOpenMarket()
  seller = await seedStore(market, { name: 'Fatou Hair' })
  const buyer = await createMember(market, { email: 'binta@example.com' })
  const service = seedBookableService(market, seller, { rules: { instantBook: true } })
  const booked = bookTime(market, buyer, service, new Date('2026-11-24T10:00:00Z'))
  if (!booked.ok) throw new Error('not booked')
  code = booked.order.code
  buyerCookie = await market.signIn('binta@example.com')
  ownerCookie = await market.signIn(seller.owner.email)
})
afterEach(() => market.cleanup())

const propose = (cookie: string, start: string) =>
  market.post(`/orders/${code}/reschedule`, { start }, { cookie })
const answer = (cookie: string, value: 'accept' | 'decline') =>
  market.post(`/orders/${code}/reschedule/answer`, { answer: value }, { cookie })

describe('moving a booking to another time', () => {
  it('is proposed by one side and moves when the other accepts, time and all', async () => {
    const choices = await page(
      await market.get(`/orders/${code}/reschedule?day=2026-11-24`, { cookie: buyerCookie }),
    )
    // Its own time is free to move within: 10:00 shows, as do the others.
    const times = [...choices.querySelectorAll('.slot-grid button')].map((b) => b.textContent)
    expect(times).toEqual(['09:00', '10:00', '11:00', '14:00', '15:00', '16:00'])

    expect((await propose(buyerCookie, '2026-11-24T14:00:00.000Z')).status).toBe(303)
    expect(market.db.select().from(bookings).get()).toMatchObject({
      startsAt: new Date('2026-11-24T10:00:00Z'),
      proposedStartsAt: new Date('2026-11-24T14:00:00Z'),
      proposedBy: 'buyer',
    })
    // The proposer cannot accept their own proposal.
    await answer(buyerCookie, 'accept')
    expect(market.db.select().from(bookings).get()?.startsAt).toEqual(
      new Date('2026-11-24T10:00:00Z'),
    )

    const seen = await page(await market.get(`/orders/${code}`, { cookie: ownerCookie }))
    expect(seen.querySelector(`#order-${code}-proposal`)?.textContent).toMatch(
      /The buyer proposed Tuesday 24 November at 14:00 instead/,
    )
    expect((await answer(ownerCookie, 'accept')).status).toBe(303)
    const moved = market.db.select().from(bookings).get()
    expect(moved).toMatchObject({
      startsAt: new Date('2026-11-24T14:00:00Z'),
      endsAt: new Date('2026-11-24T15:00:00Z'),
      cancellableUntil: new Date('2026-11-23T14:00:00Z'),
      proposedStartsAt: null,
    })
    const cells = market.db.select().from(bookingHolds).all()
    expect(cells[0]?.slotStart).toEqual(new Date('2026-11-24T14:00:00Z'))
    expect(cells).toHaveLength(12)
    const actions = market.db.select({ action: orderEvents.action }).from(orderEvents).all()
    expect(actions.map((row) => row.action)).toContain('reschedule_accept')
  })

  it('keeps the old time when the other side declines', async () => {
    await propose(ownerCookie, '2026-11-25T09:00:00.000Z')
    expect((await answer(buyerCookie, 'decline')).status).toBe(303)
    expect(market.db.select().from(bookings).get()).toMatchObject({
      startsAt: new Date('2026-11-24T10:00:00Z'),
      proposedStartsAt: null,
      proposedBy: null,
    })
  })

  it('refuses a proposal of a time taken since, keeping the booking where it was', async () => {
    await propose(buyerCookie, '2026-11-24T15:00:00.000Z')
    const other = seedBookableService(market, seller, { title: 'Beard trim' })
    expect(
      bookTime(market, await createMember(market), other, new Date('2026-11-24T15:00:00Z')).ok,
    ).toBe(true)
    const response = await answer(ownerCookie, 'accept')
    const shown = await page(
      await market.get(`/orders/${code}`, {
        cookie: `${cookiesFrom(response)}; ${ownerCookie}`,
      }),
    )
    expect(shown.body.textContent).toMatch(/Someone else has just booked that time/)
    expect(market.db.select().from(bookings).get()?.startsAt).toEqual(
      new Date('2026-11-24T10:00:00Z'),
    )
    // Its own cells are still its own.
    expect(market.db.select().from(bookingHolds).all()).toHaveLength(24)
  })

  it('refuses a closed time at once, and anyone who is not a party', async () => {
    const closed = await propose(buyerCookie, '2026-11-28T10:00:00.000Z')
    expect(closed.headers.get('Location')).toBe(`/orders/${code}/reschedule?day=2026-11-28`)
    expect(market.db.select().from(bookings).get()?.proposedStartsAt).toBeNull()
    await createMember(market, { email: 'nosy@example.com' })
    const nosy = await market.signIn('nosy@example.com')
    expect((await market.get(`/orders/${code}/reschedule`, { cookie: nosy })).status).toBe(404)
    expect((await propose(nosy, '2026-11-25T09:00:00.000Z')).status).toBe(404)
    expect((await market.get(`/orders/${code}/reschedule`)).status).toBe(303)
  })

  it('cannot move a booking that has begun', async () => {
    market.clock.advance(25 * HOUR + 5 * 60_000)
    const response = await market.get(`/orders/${code}/reschedule`, { cookie: buyerCookie })
    expect(response.headers.get('Location')).toBe(`/orders/${code}`)
  })
})
