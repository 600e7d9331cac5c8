import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bookingHolds, bookings, cartLines, orders } from '../../../db/schema'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  fieldError,
  page,
  type TestMarket,
} from '../../test/app'
import { bookTime, seedBookableService } from '../../test/bookings'
import { seedListing, seedStore, type TestStore } from '../../test/listings'
import { listingPath } from '../../models/listing'
import { createCoupon } from '../../models/coupon'

// The test clock starts on Monday 23 November 2026, 09:00 in Banjul (UTC). The store is open on
// weekdays 09:00–12:00 and 14:00–17:00; a booking needs two hours' notice.
let market: TestMarket
let seller: TestStore
let buyer: { cookie: string; id: number }
beforeEach(async () => {
  market = await createOpenMarket()
  seller = await seedStore(market, { name: 'Fatou Hair' })
  const member = await createMember(market, { email: 'binta@example.com' })
  buyer = { id: member.id, cookie: await market.signIn('binta@example.com') }
})
afterEach(() => market.cleanup())

const TUESDAY_10 = '2026-11-24T10:00:00.000Z'

function bookingForm(service: ReturnType<typeof seedBookableService>, start = TUESDAY_10) {
  return {
    checkoutKey: 'k'.repeat(20),
    start,
    unitId: String(service.packages[0]?.id),
    fulfilment: 'provider',
    note: 'Short at the sides',
    contactPhone: '+220 700 5555',
    paymentMethod: 'cash',
  }
}

describe('the calendar on a bookable service’s page', () => {
  it('shows the first day with free times, its slots as links, and no cart button', async () => {
    const service = seedBookableService(market, seller)
    const document = await page(await market.get(listingPath(service)))
    const section = document.querySelector('#book')
    expect(section?.querySelector('h2')?.textContent).toBe('Book a time')
    expect(section?.textContent).toMatch(/Times are Banjul time/)
    // Today (Monday) still has 11:00 and the afternoon: 09:00 has begun and 10:00 is too soon.
    const chosen = section?.querySelector('[aria-current="date"]')
    expect(chosen?.getAttribute('aria-label')).toBe('Monday 23 November: 4 times free')
    const slots = [...(section?.querySelectorAll('.slot-grid a') ?? [])]
    expect(slots.map((slot) => slot.textContent)).toEqual(['11:00', '14:00', '15:00', '16:00'])
    expect(slots[0]?.getAttribute('href')).toBe(
      `/listings/${service.id}/book?start=2026-11-23T11:00:00.000Z`,
    )
    // Weekends are closed: not links.
    expect(section?.querySelector('a[href$="day=2026-11-28#book"]')).toBeNull()
    expect(document.querySelector('form[action="/cart/lines"]')).toBeNull()
    expect(document.querySelector('.buy-bar a')?.getAttribute('href')).toBe('#book')
  })

  it('shows another day asked for, and takes a booked time off the grid', async () => {
    const service = seedBookableService(market, seller)
    const someone = await createMember(market)
    expect(bookTime(market, someone, service, new Date(TUESDAY_10)).ok).toBe(true)
    const document = await page(await market.get(`${listingPath(service)}?day=2026-11-24`))
    const times = [...document.querySelectorAll('#book .slot-grid a')].map((a) => a.textContent)
    expect(times).toEqual(['09:00', '11:00', '14:00', '15:00', '16:00'])
  })

  it('gives htmx just the calendar, and sends a browser to the page', async () => {
    const service = seedBookableService(market, seller)
    const fragment = await market.get(`/listings/${service.id}/times?day=2026-11-25`, {
      headers: { 'HX-Request': 'true' },
    })
    const html = await fragment.text()
    expect(html.startsWith('<div id="booking-calendar"')).toBe(true)
    expect(html).toMatch(/Wednesday 25 November/)
    const browser = await market.get(`/listings/${service.id}/times?day=2026-11-25`)
    expect(browser.status).toBe(303)
    expect(browser.headers.get('Location')).toBe(`${listingPath(service)}?day=2026-11-25#book`)
  })

  it('moves between months within the booking window only', async () => {
    const service = seedBookableService(market, seller, { rules: { horizonDays: 20 } })
    const november = await page(await market.get(listingPath(service)))
    expect(november.querySelector('a[rel="prev"]')).toBeNull()
    expect(november.querySelector('a[rel="next"]')?.getAttribute('href')).toBe(
      `${listingPath(service)}?month=2026-12#book`,
    )
    const december = await page(await market.get(`${listingPath(service)}?month=2026-12`))
    expect(december.querySelector('.booking-calendar__month')?.textContent).toBe('December 2026')
    // The window ends on 13 December: the 14th is not bookable.
    expect(december.querySelector('a[href$="day=2026-12-11#book"]')).not.toBeNull()
    expect(december.querySelector('a[href$="day=2026-12-14#book"]')).toBeNull()
    expect(december.querySelector('a[rel="next"]')).toBeNull()
  })

  it('keeps a bookable service out of the cart: it is booked at a time', async () => {
    const service = seedBookableService(market, seller)
    const response = await market.post(
      '/cart/lines',
      { unitId: String(service.packages[0]?.id), quantity: '1' },
      { cookie: buyer.cookie },
    )
    expect(response.status).toBe(303)
    const back = await page(
      await market.get(response.headers.get('Location') ?? '', {
        cookie: `${cookiesFrom(response)}; ${buyer.cookie}`,
      }),
    )
    expect(back.body.textContent).toMatch(
      /This service is booked at a time: choose one on its page/,
    )
    expect(market.db.select().from(cartLines).all()).toEqual([])
  })

  it('leaves a service that is not bookable as it was', async () => {
    const plain = seedListing(market.db, market, seller, { title: 'Braiding' })
    const document = await page(await market.get(listingPath(plain)))
    expect(document.querySelector('#book')).toBeNull()
    expect(document.querySelector('form[action="/cart/lines"]')).not.toBeNull()
    expect((await market.get(`/listings/${plain.id}/times`)).status).toBe(404)
    expect(
      (await market.get(`/listings/${plain.id}/book?start=${TUESDAY_10}`, { cookie: buyer.cookie }))
        .status,
    ).toBe(404)
  })
})

describe('booking a time', () => {
  it('sends a visitor to sign in and back, and the owner away', async () => {
    const service = seedBookableService(market, seller)
    const path = `/listings/${service.id}/book?start=${TUESDAY_10}`
    const visitor = await market.get(path)
    expect(visitor.headers.get('Location')).toBe(`/sign-in?return_to=${encodeURIComponent(path)}`)
    const ownerCookie = await market.signIn(seller.owner.email)
    const owner = await market.get(path, { cookie: ownerCookie })
    expect(owner.status).toBe(303)
    expect(await market.db.select().from(orders).all()).toEqual([])
  })

  it('books a free time through its form, holding it, and shows it on the order', async () => {
    const service = seedBookableService(market, seller)
    const form = await page(
      await market.get(`/listings/${service.id}/book?start=${TUESDAY_10}`, {
        cookie: buyer.cookie,
      }),
    )
    expect(form.querySelector('.booking__when strong')?.textContent).toBe(
      'Tuesday 24 November at 10:00',
    )
    expect(form.querySelector('main form button')?.textContent).toBe('Request this time')
    const response = await market.post(`/listings/${service.id}/book`, bookingForm(service), {
      cookie: buyer.cookie,
    })
    expect(response.status).toBe(303)
    const order = market.db.select().from(orders).get()
    expect(order).toMatchObject({ kind: 'booking', status: 'placed', buyerId: buyer.id })
    expect(response.headers.get('Location')).toBe(`/orders/${order?.code}`)
    const shown = await page(
      await market.get(`/orders/${order?.code}`, {
        cookie: `${cookiesFrom(response)}; ${buyer.cookie}`,
      }),
    )
    expect(shown.querySelector('#order-when + p strong')?.textContent).toBe(
      'Tuesday 24 November at 10:00–11:00',
    )
    expect(shown.querySelector('.badge')?.textContent).toBe('Requested — not yet confirmed')
  })

  it('keeps what was typed and says what to correct, booking nothing', async () => {
    const service = seedBookableService(market, seller)
    const response = await market.post(
      `/listings/${service.id}/book`,
      { ...bookingForm(service), contactPhone: 'call me', paymentMethod: '' },
      { cookie: buyer.cookie },
    )
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(fieldError(document, 'contactPhone')).toMatch(/phone number/)
    expect(document.querySelector<HTMLTextAreaElement>('textarea[name="note"]')?.textContent).toBe(
      'Short at the sides',
    )
    expect(market.db.select().from(bookings).all()).toEqual([])
  })

  it('takes a coupon, and says beside the field why one does nothing', async () => {
    const service = seedBookableService(market, seller)
    const made = createCoupon(market.db, market.clock, seller.owner, {
      code: 'HAIR10',
      kind: 'percent',
      value: 10,
      minSpend: 0,
      maxDiscount: null,
      expiresAt: null,
      usageLimit: 1,
      scope: 'store',
    })
    expect(made.ok).toBe(true)
    const wrong = await market.post(
      `/listings/${service.id}/book`,
      { ...bookingForm(service), coupon: 'HAIR99' },
      { cookie: buyer.cookie },
    )
    expect(wrong.status).toBe(422)
    expect(fieldError(await page(wrong), 'coupon')).toMatch(/no coupon with this code/)
    const booked = await market.post(
      `/listings/${service.id}/book`,
      { ...bookingForm(service), coupon: 'hair10' },
      { cookie: buyer.cookie },
    )
    expect(booked.status).toBe(303)
    expect(market.db.select().from(orders).get()).toMatchObject({
      subtotal: 30_000,
      discount: 3_000,
      total: 27_000,
      couponCode: 'HAIR10',
    })
    // Its one use is taken: another booking with it is refused, and books nothing.
    const again = await market.post(
      `/listings/${service.id}/book`,
      {
        ...bookingForm(service, '2026-11-24T11:00:00.000Z'),
        checkoutKey: 'q'.repeat(20),
        coupon: 'HAIR10',
      },
      { cookie: buyer.cookie },
    )
    expect(fieldError(await page(again), 'coupon')).toMatch(/used as many times/)
    expect(market.db.select().from(bookingHolds).all()).toHaveLength(12)
  })

  it('sends the buyer back to fresh times when the time was taken meanwhile', async () => {
    const service = seedBookableService(market, seller)
    const someone = await createMember(market)
    expect(bookTime(market, someone, service, new Date(TUESDAY_10)).ok).toBe(true)
    const response = await market.post(`/listings/${service.id}/book`, bookingForm(service), {
      cookie: buyer.cookie,
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`${listingPath(service)}?day=2026-11-24#book`)
    const back = await page(
      await market.get(`${listingPath(service)}?day=2026-11-24`, {
        cookie: `${cookiesFrom(response)}; ${buyer.cookie}`,
      }),
    )
    expect(back.body.textContent).toMatch(/Someone else has just booked that time/)
    expect(market.db.select().from(orders).all()).toHaveLength(1)
  })

  it('refuses a past, too soon or out-of-hours time with a reason', async () => {
    const service = seedBookableService(market, seller)
    const cases: [string, RegExp][] = [
      ['2026-11-23T08:00:00.000Z', /has passed/],
      ['2026-11-23T10:00:00.000Z', /too soon/],
      ['2026-11-24T12:30:00.000Z', /does not take bookings at that time/],
    ]
    for (const [start, message] of cases) {
      const response = await market.get(`/listings/${service.id}/book?start=${start}`, {
        cookie: buyer.cookie,
      })
      expect(response.status, start).toBe(303)
      const back = await page(
        await market.get(response.headers.get('Location') ?? '', {
          cookie: `${cookiesFrom(response)}; ${buyer.cookie}`,
        }),
      )
      expect(back.body.textContent, start).toMatch(message)
    }
  })

  it('gives the last seat to exactly one of two buyers who send at once', async () => {
    const service = seedBookableService(market, seller, { rules: { capacity: 2 } })
    const first = await createMember(market)
    expect(bookTime(market, first, service, new Date(TUESDAY_10)).ok).toBe(true)
    await createMember(market, { email: 'musa@example.com' })
    const other = await market.signIn('musa@example.com')
    const [one, two] = await Promise.all([
      market.post(`/listings/${service.id}/book`, bookingForm(service), { cookie: buyer.cookie }),
      market.post(
        `/listings/${service.id}/book`,
        { ...bookingForm(service), checkoutKey: 'm'.repeat(20) },
        { cookie: other },
      ),
    ])
    const placed = [one, two].filter((r) => r.headers.get('Location')?.startsWith('/orders/'))
    expect(placed).toHaveLength(1)
    expect(market.db.select().from(orders).all()).toHaveLength(2)
    expect(market.db.select().from(bookingHolds).get()?.seats).toBe(2)
  })

  it('lets the provider confirm a request from the order page', async () => {
    const service = seedBookableService(market, seller)
    const booked = bookTime(market, await createMember(market), service, new Date(TUESDAY_10))
    if (!booked.ok) throw new Error('not booked')
    const ownerCookie = await market.signIn(seller.owner.email)
    const before = await page(
      await market.get(`/orders/${booked.order.code}`, { cookie: ownerCookie }),
    )
    // A store's order is one of its sales: the header says where the provider is.
    expect(before.querySelector('.site-nav [aria-current="page"]')?.textContent).toMatch(/^Sales/)
    const confirm = [...before.querySelectorAll('.order__next button')].map((b) => b.textContent)
    expect(confirm).toContain('Confirm booking')
    const sales = await page(await market.get('/sales', { cookie: ownerCookie }))
    const item = sales.querySelector('#sales-new + ul .order-item')
    expect(item?.textContent).toMatch(/Booked for Tue 24 Nov, 10:00/)
    expect(item?.querySelector('button')?.textContent).toBe('Confirm booking')
    const response = await market.post(
      `/orders/${booked.order.code}/steps`,
      { action: 'accept', status: 'placed' },
      { cookie: ownerCookie },
    )
    expect(response.status).toBe(303)
    expect(market.db.select().from(orders).get()?.status).toBe('accepted')
    expect(market.db.select().from(bookings).get()?.holding).toBe(true)
  })
})
