import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bookings, orders, stores } from '../../../db/schema'
import { DAY, HOUR, MINUTE } from '../../lib/clock'
import type { Member } from '../../models/member'
import { findOrderForMember } from '../../models/order'
import { takeOrderStep } from '../../models/order/steps'
import type { OrderAction } from '../../models/order/transitions'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  page,
  PASSWORD,
  type TestMarket,
} from '../../test/app'
import { bookTime, seedBookableService } from '../../test/bookings'
import { seedStore, type TestStore } from '../../test/listings'

// The test clock starts on Monday 23 November 2026, 09:00 in Banjul (UTC all year).
let market: TestMarket
let shop: TestStore
let cookie: string
let binta: Member
let omar: Member
let service: ReturnType<typeof seedBookableService>
beforeEach(async () => {
  market = await createOpenMarket()
  shop = await seedStore(market, { name: 'Fatou Hair' })
  cookie = await market.signIn(shop.owner.email)
  binta = await createMember(market, { displayName: 'Binta Jallow' })
  omar = await createMember(market, { displayName: 'Omar Ceesay' })
  service = seedBookableService(market, shop, { title: 'Haircut' })
})
afterEach(() => market.cleanup())

const agenda = () => `/stores/${shop.store.slug}/agenda`

function book(buyer: Member, start: string) {
  const booked = bookTime(market, buyer, service, new Date(start))
  if (!booked.ok) throw new Error(`not booked: ${JSON.stringify(booked)}`)
  return booked.order.code
}

function step(member: Member, code: string, action: OrderAction, reason = '') {
  const access = findOrderForMember(market.db, member, code)
  if (!access) throw new Error('not a party to the order')
  const taken = takeOrderStep(market, access, action, reason)
  if (!taken.ok) throw new Error(`${action} refused: ${taken.reason}`)
}

/**
 * Monday: 14:00 done, 15:00 the buyer did not come (it is 16:05 now). Tuesday: 10:00 requested
 * (booked first), 09:00 confirmed, 14:00 cancelled. Wednesday: 11:00 confirmed.
 */
function seedWeek() {
  const monday = [book(binta, '2026-11-23T14:00:00Z'), book(omar, '2026-11-23T15:00:00Z')]
  for (const code of monday) step(shop.owner, code, 'accept')
  market.clock.advance(7 * HOUR + 5 * MINUTE)
  step(shop.owner, monday[0]!, 'complete')
  step(shop.owner, monday[1]!, 'mark_no_show')
  const request = book(binta, '2026-11-24T10:00:00Z')
  const confirmed = book(omar, '2026-11-24T09:00:00Z')
  step(shop.owner, confirmed, 'accept')
  const cancelled = book(omar, '2026-11-24T14:00:00Z')
  step(omar, cancelled, 'cancel')
  const wednesday = book(binta, '2026-11-25T11:00:00Z')
  step(shop.owner, wednesday, 'accept')
  return { monday, request, confirmed, cancelled, wednesday }
}

/** The agenda's bookings as a person reads them: time, then the rest of the line. */
function rows(document: Document, within = '#agenda-body') {
  return [...document.querySelectorAll(`${within} .order-item`)].map((item) => ({
    time: item.querySelector('.order-item__head strong')?.textContent,
    status: item.querySelector('.badge')?.textContent,
    who: item.querySelector('p:nth-of-type(2)')?.textContent,
    order: item.querySelector('a[href^="/orders/"]')?.getAttribute('href'),
  }))
}

describe('GET /stores/:slug/agenda', () => {
  it("shows today's bookings by default, in time order, on the town's clock", async () => {
    const { monday } = seedWeek()
    const document = await page(await market.get(agenda(), { cookie }))
    expect(document.querySelector('h2')?.textContent).toBe('Monday, 23 November 2026')
    expect(document.querySelector('#agenda-body > p.muted')?.textContent).toContain(
      'Times are Banjul time (Africa/Banjul).',
    )
    expect(rows(document)).toEqual([
      {
        time: '14:00–15:00',
        status: 'Completed',
        who: 'Haircut (Standard) · Binta Jallow',
        order: `/orders/${monday[0]}`,
      },
      {
        time: '15:00–16:00',
        status: 'Buyer did not come',
        who: 'Haircut (Standard) · Omar Ceesay',
        order: `/orders/${monday[1]}`,
      },
    ])
    expect(document.querySelector('a[aria-current="date"]')?.textContent).toBe('Today')
  })

  it('shows a day asked for, the request waiting for the provider standing out with its deadline', async () => {
    const { request, confirmed } = seedWeek()
    const document = await page(await market.get(`${agenda()}?day=2026-11-24`, { cookie }))
    expect(document.querySelector('h2')?.textContent).toBe('Tuesday, 24 November 2026')
    // Booked second, first in the day; the cancelled 14:00 gave its time back and is not here.
    expect(rows(document)).toEqual([
      {
        time: '09:00–10:00',
        status: 'Confirmed',
        who: 'Haircut (Standard) · Omar Ceesay',
        order: `/orders/${confirmed}`,
      },
      {
        time: '10:00–11:00',
        status: 'Requested — not yet confirmed',
        who: 'Haircut (Standard) · Binta Jallow',
        order: `/orders/${request}`,
      },
    ])
    const waiting = document.querySelectorAll('.agenda__waiting')
    expect(waiting).toHaveLength(1)
    expect(waiting[0]?.textContent).toContain('Waiting for you to confirm by')
    const order = market.db.select().from(orders).where(eq(orders.code, request)).get()!
    const booking = market.db.select().from(bookings).where(eq(bookings.orderId, order.id)).get()!
    expect(waiting[0]?.querySelector('.agenda__deadline time')?.getAttribute('datetime')).toBe(
      booking.expiresAt?.toISOString(),
    )
    expect(document.querySelector('#agenda-body > p.muted')?.textContent).toContain(
      '1 request waits for you to confirm.',
    )
    const links = [...document.querySelectorAll('nav[aria-label="Agenda dates"] a')].map((link) => [
      link.textContent,
      link.getAttribute('href'),
    ])
    expect(links).toEqual([
      ['← Previous day', `${agenda()}?day=2026-11-23`],
      ['Today', agenda()],
      ['Next day →', `${agenda()}?day=2026-11-25`],
      ['Whole week', `${agenda()}?view=week&day=2026-11-24`],
    ])
  })

  it('shows the week, Monday to Sunday, day by day', async () => {
    const { monday, request, confirmed, wednesday } = seedWeek()
    const document = await page(
      await market.get(`${agenda()}?view=week&day=2026-11-26`, { cookie }),
    )
    expect(document.querySelector('h2')?.textContent).toBe('Week of 23 November 2026')
    const days = [...document.querySelectorAll('#agenda-body section')]
    expect(days.map((day) => day.querySelector('h3')?.textContent)).toEqual([
      'Monday 23 November (today)',
      'Tuesday 24 November',
      'Wednesday 25 November',
      'Thursday 26 November',
      'Friday 27 November',
      'Saturday 28 November',
      'Sunday 29 November',
    ])
    const codes = days.map((day) =>
      [...day.querySelectorAll('.order-item a[href^="/orders/"]')].map((link) =>
        link.getAttribute('href')?.slice('/orders/'.length),
      ),
    )
    expect(codes).toEqual([monday, [confirmed, request], [wednesday], [], [], [], []])
    expect(days[3]?.textContent).toContain('Nothing booked.')
    const previous = document.querySelector('nav[aria-label="Agenda dates"] a')
    expect(previous?.getAttribute('href')).toBe(`${agenda()}?view=week&day=2026-11-19`)
    expect(previous?.textContent).toBe('← Previous week')
  })

  it('says so kindly on a day with nothing booked, and reads a day it cannot as today', async () => {
    seedWeek()
    const empty = await page(await market.get(`${agenda()}?day=2026-11-28`, { cookie }))
    expect(empty.querySelector('.empty__title')?.textContent).toBe('Nothing booked')
    expect(empty.querySelector('.empty a')?.getAttribute('href')).toBe(
      `/stores/${shop.store.slug}/hours`,
    )
    const nonsense = await page(await market.get(`${agenda()}?day=2026-02-30`, { cookie }))
    expect(nonsense.querySelector('h2')?.textContent).toBe('Monday, 23 November 2026')
  })

  it('answers an htmx link with the agenda body alone', async () => {
    seedWeek()
    const response = await market.get(`${agenda()}?day=2026-11-24`, {
      cookie,
      headers: { 'HX-Request': 'true' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Vary')).toContain('HX-Request')
    const html = await response.text()
    expect(html).not.toContain('<html')
    expect(html).toMatch(/^<div id="agenda-body"/)
    expect(html).toContain('<title>Agenda · Fatou Hair · Tanji Market</title>')
    const link = (await page(new Response(html))).querySelector('a[href$="day=2026-11-25"]')
    expect(link?.getAttribute('data-hx-target')).toBe('#agenda-body')
    expect(link?.getAttribute('data-hx-swap')).toBe('outerHTML')
    expect(link?.getAttribute('data-hx-push-url')).toBe('true')
  })

  it("is the owner's alone: another member gets 404 and a visitor is asked to sign in", async () => {
    seedWeek()
    const other = await market.signIn(binta.email, PASSWORD)
    expect((await market.get(agenda(), { cookie: other })).status).toBe(404)
    expect((await market.get('/stores/nobody/agenda', { cookie })).status).toBe(404)
    const visitor = await market.get(agenda())
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('Location')).toMatch(/^\/sign-in/)
  })
})

describe('POST /stores/:slug/agenda/feed', () => {
  const feed = () => `${agenda()}/feed`
  const token = () =>
    market.db.select().from(stores).where(eq(stores.id, shop.store.id)).get()?.calendarToken

  it('makes a private address for calendar apps and shows it on the agenda', async () => {
    const before = await page(await market.get(agenda(), { cookie }))
    expect(before.querySelector('#calendar-feed button')?.textContent).toContain(
      'Make a calendar address',
    )
    const made = await market.post(feed(), {}, { cookie })
    expect(made.status).toBe(303)
    expect(made.headers.get('Location')).toBe(`${agenda()}#calendar-feed`)
    expect(token()).toMatch(/^[a-z0-9]{32}$/)
    const after = await page(
      await market.get(agenda(), { cookie: `${cookie}; ${cookiesFrom(made)}` }),
    )
    expect(after.querySelector('.flash')?.textContent).toContain('Calendar address made')
    const field = after.querySelector('#calendar-feed-url')
    expect(field?.getAttribute('value')).toBe(`http://souk.test/calendar/${token()}.ics`)
    expect(after.querySelector('label[for="calendar-feed-url"]')?.textContent).toBe(
      'Your private calendar address',
    )
  })

  it('replaces the address, and stops it: the old address answers 404', async () => {
    await market.post(feed(), {}, { cookie })
    const first = token()!
    expect((await market.get(`/calendar/${first}.ics`)).status).toBe(200)

    const renewed = await market.post(feed(), {}, { cookie })
    expect(renewed.status).toBe(303)
    const second = token()!
    expect(second).not.toBe(first)
    expect((await market.get(`/calendar/${first}.ics`)).status).toBe(404)
    expect((await market.get(`/calendar/${second}.ics`)).status).toBe(200)

    const stopped = await market.post(feed(), { _method: 'DELETE' }, { cookie })
    expect(stopped.status).toBe(303)
    expect(token()).toBeNull()
    expect((await market.get(`/calendar/${second}.ics`)).status).toBe(404)
    const shown = await page(await market.get(agenda(), { cookie }))
    expect(shown.querySelector('#calendar-feed-url')).toBeNull()
  })

  it("is the owner's alone: another member gets 404, a visitor is asked to sign in", async () => {
    const other = await market.signIn(omar.email)
    expect((await market.post(feed(), {}, { cookie: other })).status).toBe(404)
    const visitor = await market.post(feed(), {})
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('Location')).toMatch(/^\/sign-in/)
    expect(token()).toBeNull()
  })
})

describe('GET /calendar/:token.ics', () => {
  it("lists the store's bookings from a month back for calendar apps, without a session", async () => {
    const { monday, request, confirmed, cancelled, wednesday } = seedWeek()
    await market.post(`${agenda()}/feed`, {}, { cookie })
    const path = `/calendar/${market.db.select().from(stores).where(eq(stores.id, shop.store.id)).get()?.calendarToken}.ics`
    const response = await market.get(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toBe('private, max-age=300')
    const text = await response.text()
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    const unfolded = text.replace(/\r\n /g, '')
    expect(unfolded).toContain('X-WR-CALNAME:Fatou Hair bookings')
    const uids = [...unfolded.matchAll(/^UID:booking-([A-Z0-9]+)@souk\.test$/gm)].map(
      (match) => match[1],
    )
    expect(uids).toEqual([...monday, confirmed, request, wednesday])
    expect(uids).not.toContain(cancelled)
    expect(unfolded).toContain('SUMMARY:Haircut (Standard) — Binta Jallow')
    expect(unfolded).toContain('DTSTART:20261124T100000Z\r\nDTEND:20261124T110000Z')
    expect(unfolded).toMatch(/STATUS:TENTATIVE/)

    // A month and a day on, Monday's have left the feed; Wednesday's is still there.
    market.clock.advance(31 * DAY)
    const later = (await (await market.get(path)).text()).replace(/\r\n /g, '')
    expect([...later.matchAll(/^UID:booking-([A-Z0-9]+)@/gm)].map((match) => match[1])).toEqual([
      wednesday,
    ])
  })

  it('answers 404 to an address that was never made', async () => {
    expect((await market.get('/calendar/abcdefghijklmnopqrstuvwxyz234567.ics')).status).toBe(404)
    expect((await market.get('/calendar/.ics')).status).toBe(404)
  })
})
