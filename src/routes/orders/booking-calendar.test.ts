import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Member } from '../../models/member'
import { findOrderForMember } from '../../models/order'
import { takeOrderStep } from '../../models/order/steps'
import { createMember, createOpenMarket, type TestMarket } from '../../test/app'
import { bookTime, seedBookableService } from '../../test/bookings'
import { seedStore, type TestStore } from '../../test/listings'
import { insertTestOrder } from '../../test/orders'

// The test clock starts on Monday 23 November 2026, 09:00 in Banjul (UTC all year).
let market: TestMarket
let shop: TestStore
let binta: Member
let service: ReturnType<typeof seedBookableService>
beforeEach(async () => {
  market = await createOpenMarket()
  shop = await seedStore(market, { name: 'Fatou Hair' })
  binta = await createMember(market, { displayName: 'Binta Jallow' })
  service = seedBookableService(market, shop, {
    title: 'Braids, long',
    durationMinutes: 90,
    serviceLocations: ['customer', 'provider'],
  })
})
afterEach(() => market.cleanup())

/** Binta's request for Tuesday 09:00 (slots are 90 minutes from 09:00), braided at her home. */
function bookAtHome() {
  const booked = bookTime(market, binta, service, new Date('2026-11-24T09:00:00Z'), {
    fulfilment: 'customer',
    address: 'Compound 12, behind the mosque; blue gate',
  })
  if (!booked.ok) throw new Error(`not booked: ${JSON.stringify(booked)}`)
  return booked.order.code
}

/** The file's content lines, unfolded as a calendar app reads them. */
function contentLines(text: string) {
  return text.replace(/\r\n /g, '').split('\r\n')
}

describe('GET /orders/:code/booking.ics', () => {
  it('gives the buyer the booking as a calendar event named by the store', async () => {
    const code = bookAtHome()
    const cookie = await market.signIn(binta.email)
    const response = await market.get(`/orders/${code}/booking.ics`, { cookie })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe(
      `attachment; filename="booking-${code}.ics"`,
    )
    const text = await response.text()
    // Every line ends in CRLF, none is longer than 75 octets.
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const encoder = new TextEncoder()
    expect(text.split('\r\n').every((line) => encoder.encode(line).length <= 75)).toBe(true)
    const lines = contentLines(text)
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1)
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        `UID:booking-${code}@souk.test`,
        'DTSTAMP:20261123T090000Z',
        'DTSTART:20261124T090000Z',
        'DTEND:20261124T103000Z',
        'SUMMARY:Braids\\, long (Standard) — Fatou Hair',
        'LOCATION:Compound 12\\, behind the mosque\\; blue gate',
        'STATUS:TENTATIVE',
        'END:VCALENDAR',
      ]),
    )
    const description = lines.find((line) => line.startsWith('DESCRIPTION:'))
    expect(description).toContain(`http://souk.test/orders/${code}`)
  })

  it('gives the provider the same appointment named by the buyer, confirmed once confirmed', async () => {
    const code = bookAtHome()
    const access = findOrderForMember(market.db, shop.owner, code)!
    expect(takeOrderStep(market, access, 'accept', '').ok).toBe(true)
    const cookie = await market.signIn(shop.owner.email)
    const lines = contentLines(
      await (await market.get(`/orders/${code}/booking.ics`, { cookie })).text(),
    )
    expect(lines).toEqual(
      expect.arrayContaining([
        `UID:booking-${code}@souk.test`,
        'SUMMARY:Braids\\, long (Standard) — Binta Jallow',
        'STATUS:CONFIRMED',
      ]),
    )
  })

  it('says a cancelled booking is cancelled, and leaves out a place nobody gave', async () => {
    const booked = bookTime(market, binta, service, new Date('2026-11-26T14:00:00Z'))
    if (!booked.ok) throw new Error('not booked')
    const code = booked.order.code
    const access = findOrderForMember(market.db, binta, code)!
    expect(takeOrderStep(market, access, 'cancel', '').ok).toBe(true)
    const cookie = await market.signIn(binta.email)
    const lines = contentLines(
      await (await market.get(`/orders/${code}/booking.ics`, { cookie })).text(),
    )
    expect(lines).toContain('STATUS:CANCELLED')
    expect(lines).toContain('DTSTART:20261126T140000Z')
    expect(lines.some((line) => line.startsWith('LOCATION'))).toBe(false)
  })

  it('is for the two sides alone: others, the operator too, get 404; a visitor signs in', async () => {
    const code = bookAtHome()
    const path = `/orders/${code}/booking.ics`
    const other = await market.signIn((await createMember(market)).email)
    expect((await market.get(path, { cookie: other })).status).toBe(404)
    const operator = await market.signIn('awa@example.com')
    expect((await market.get(path, { cookie: operator })).status).toBe(404)
    const visitor = await market.get(path)
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('Location')).toMatch(/^\/sign-in/)
  })

  it('answers 404 for an order that is not a booking', async () => {
    const order = insertTestOrder(market.db, { buyerId: binta.id, storeId: shop.store.id })
    const cookie = await market.signIn(binta.email)
    expect((await market.get(`/orders/${order.code}/booking.ics`, { cookie })).status).toBe(404)
  })
})
