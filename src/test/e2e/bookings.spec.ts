// Booking a time on a phone: the provider sets their hours and offers a bookable service; a buyer
// picks a day and a time on its calendar and requests it; the provider confirms, and the buyer's
// open order says so. Then the same booking with JavaScript off, a time taken by one buyer turning
// "taken" on another's open page, and a booking moved to another time.
//
// Slots depend on the real clock (the server runs on it): every day is open 08:00-20:00, and the
// day booked is three days ahead, so a run at any hour finds it free and inside the 30 days a
// booking may be made ahead. The market's clock is Africa/Banjul, which is UTC all year.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { devices, type Page } from '@playwright/test'
import { DEFAULT_BOOKING_RULES } from '../../models/booking/rules'
import type { WeeklyHours } from '../../models/booking/slots'
import { expect, serviceListing, test, type Credentials, type Seed } from './fixtures'
import {
  accountNav,
  expectAccessible,
  expectSameDocument,
  fillPackage,
  fillSignInForm,
  markDocument,
  nextPost,
  notice,
  signIn,
  statusCard,
} from './steps'

const DAY_MS = 24 * 60 * 60 * 1000
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const OPEN_ALL_WEEK: WeeklyHours = Object.fromEntries(
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => [weekday, [{ start: 8 * 60, end: 20 * 60 }]]),
)

const noon = (date: string) => new Date(`${date}T12:00:00Z`)

/** "2026-11-14", `days` after today on the market's clock (UTC). */
function dayAhead(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10)
}

/** The day `days` after `date` (before, when negative): fixed by the test's day, not the clock. */
function daysAfter(date: string, days: number): string {
  return new Date(noon(date).getTime() + days * DAY_MS).toISOString().slice(0, 10)
}

/** "Saturday 14 November", as the calendar names a day (en-GB). */
const longDay = (date: string) =>
  new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(noon(date))
/** "November 2026", the calendar's month heading. */
const monthName = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    noon(date),
  )

/** The "Book a time" calendar's parts. */
function calendar(page: Page) {
  const root = page.locator('#booking-calendar')
  return {
    root,
    month: root.locator('.booking-calendar__month'),
    day: (date: string) => root.getByRole('link', { name: new RegExp(`^${longDay(date)}: `) }),
    slots: root.getByRole('region', { name: /.+/ }),
    slot: (time: string) =>
      root.locator('.slot-grid').getByRole('link', { name: time, exact: true }),
  }
}

/** Picks `date` on the calendar, moving to the next month first when it is there. */
async function pickDay(page: Page, date: string) {
  const cal = calendar(page)
  await expect(cal.month).toBeVisible()
  if ((await cal.month.textContent()) !== monthName(date)) {
    await cal.root.getByRole('link', { name: 'Later month' }).click()
    await expect(cal.month).toHaveText(monthName(date))
  }
  await cal.day(date).click()
  await expect(cal.slots).toHaveAccessibleName(longDay(date))
  await expect(cal.day(date)).toHaveAttribute('aria-current', 'date')
}

/** Where a run saves screenshots to look at (BOOKING_SHOTS=/tmp/booking-shots); none without it. */
async function screenshot(page: Page, name: string) {
  const dir = process.env.BOOKING_SHOTS
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  // caret: 'initial', since hiding the caret leaves `style=""` on every input, which htmx copies
  // onto the next page's (a CSP violation the page itself never causes).
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true, caret: 'initial' })
}

/** Waits until the page's live updates are connected (htmx's SSE extension has its stream). */
async function waitForLive(page: Page) {
  await page.waitForFunction(() => {
    const element = document.querySelector('[data-hx-sse-connect]') as
      (Element & { _htmx?: { sse?: { status: number | null } } }) | null
    return element?._htmx?.sse?.status === 200
  })
}

/** The order page's status line ("Confirmed · Not paid yet"). */
function orderStatus(page: Page) {
  return page.locator('.order__status')
}

/** The order page's "When" panel. */
function orderWhen(page: Page) {
  return page.getByRole('region', { name: 'When' })
}

/** "Saturday 14 November at 10:00", as the order page and the booking form write a time. */
function whenText(date: string, time: string) {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(`${date}T${time}:00Z`))
}

/** Fills the booking form's phone number and asks for the time; lands on the new order. */
async function requestTime(page: Page, listingId: number) {
  await page.getByLabel('Your phone number').fill('0712 345 678')
  const posted = nextPost(page, `/listings/${listingId}/book`)
  await page.getByRole('button', { name: 'Request this time' }).click()
  expect((await posted).status()).toBe(303)
  await expect(
    notice(page, 'Your request was sent. The time is held for you until the provider confirms.'),
  ).toBeVisible()
  await expect(page).toHaveURL(/\/orders\/[A-Z0-9]+$/)
  await expect(orderStatus(page)).toContainText('Requested — not yet confirmed')
  return new URL(page.url()).pathname
}

/** A published bookable service, open every day, in a fresh storefront. */
async function seedBookable(seed: Seed) {
  await seed.site()
  const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
  const store = seed.store(amadou, { name: "Amadou's Plumbing" })
  seed.hours(store, OPEN_ALL_WEEK)
  const listing = seed.listing(
    amadou,
    serviceListing({
      packages: [{ name: 'Call-out', included: '', price: 15000, turnaroundDays: null }],
      serviceLocations: ['provider'],
      durationMinutes: 60,
      booking: { ...DEFAULT_BOOKING_RULES },
    }),
  )
  return { amadou, store, listing, path: `/listings/${listing.id}-${listing.slug}` }
}

test.describe('Bookings on a phone', () => {
  test('Amadou sets his hours and offers a bookable repair; Awa books a time and he confirms it', async ({
    page,
    seed,
    openDevice,
  }) => {
    await seed.site()
    const awa = await seed.member({ displayName: 'Awa Touray' })
    const amadou: Credentials = await seed.member({ displayName: 'Amadou Ceesay' })
    const store = seed.store(amadou, { name: "Amadou's Plumbing", area: 'Tanji' })
    const target = dayAhead(3)

    const shop = await openDevice('Pixel 7')
    await signIn(shop, amadou)

    await test.step('he opens his hours from his account and works every day, 08:00 to 20:00', async () => {
      await accountNav(shop).getByRole('link', { name: 'Amadou Ceesay' }).click()
      await shop.getByRole('link', { name: 'Hours for bookings' }).click()
      await expect(shop).toHaveURL(`/stores/${store.slug}/hours`)
      await expect(
        shop.getByRole('heading', { level: 1, name: 'Hours for bookings' }),
      ).toBeVisible()
      for (const day of WEEKDAY_NAMES) await shop.getByLabel(day).fill('08:00-20:00')
      await shop.getByRole('button', { name: 'Save hours' }).click()
      await expect(notice(shop, 'Hours saved.')).toBeVisible()
      await expect(shop.getByLabel('Sunday')).toHaveValue('08:00-20:00')
    })

    let listingId = 0
    await test.step('he offers a one-hour repair that buyers book a time for, and publishes it', async () => {
      await shop.goto('/listings/new?kind=service')
      await shop.getByLabel('Title').fill('Leaking tap repair')
      await shop.getByLabel('Category').selectOption({ label: 'Plumbing' })
      await shop
        .getByLabel('Description')
        .fill('Dripping taps and leaking pipes, fixed the same day.')
      await fillPackage(shop, 1, { name: 'Call-out', included: 'Look and small fix', price: '150' })
      await shop.getByLabel("At the customer's place").check()
      await shop.getByLabel('Usual duration (minutes, optional)').fill('60')
      await shop.getByLabel('Buyers book a time for this service').check()
      await shop.getByRole('button', { name: 'Save draft' }).click()
      await expect(notice(shop, 'Draft saved. Publish it when it is ready.')).toBeVisible()
      await expect(shop).toHaveURL(/\/listings\/\d+\/edit$/)
      listingId = Number(/\/listings\/(\d+)\/edit$/.exec(shop.url())![1])
      await expect(shop.getByLabel('Buyers book a time for this service')).toBeChecked()
      await statusCard(shop).getByRole('button', { name: 'Publish' }).click()
      await expect(notice(shop, 'Published: buyers can find it now.')).toBeVisible()
      await expect(statusCard(shop)).toContainText('On sale')
    })

    await test.step('Awa finds it on the home page and goes to "Book a time"', async () => {
      await signIn(page, awa)
      // A full load: a page that signed in through htmx keeps a visitor's htmx, without the
      // event stream, until the next one.
      await page.goto('/')
      await page
        .getByRole('region', { name: 'Newest on the market' })
        .getByRole('link', { name: /Leaking tap repair/ })
        .click()
      await expect(page).toHaveURL(new RegExp(`/listings/${listingId}-leaking-tap-repair$`))
      await page.locator('.buy-bar').getByRole('link', { name: 'Book a time' }).click()
      await expect(page).toHaveURL(/#book$/)
      const book = page.getByRole('region', { name: 'Book a time' })
      await expect(book).toContainText('60 minutes')
      await expect(book).toContainText('Times are Banjul time')
      await expect(calendar(page).root.locator('.slot-grid a.slot').first()).toBeVisible()
      await screenshot(page, '1-listing-calendar')
    })

    await test.step('she picks a day three days ahead: only the calendar is swapped', async () => {
      await markDocument(page)
      await pickDay(page, target)
      await expect(page).toHaveURL(new RegExp(`\\?day=${target}$`))
      // A whole working day of one-hour times.
      await expect(calendar(page).root.locator('.slot-grid a.slot')).toHaveText(
        Array.from({ length: 12 }, (_, index) => `${String(8 + index).padStart(2, '0')}:00`),
      )
      await expectSameDocument(page)
      await screenshot(page, '2-listing-calendar-day')
      await expectAccessible(page, 'a bookable service’s calendar')
    })

    let orderPath = ''
    await test.step('she picks 10:00, fills the booking form and requests the time', async () => {
      await calendar(page).slot('10:00').click()
      await expect(page).toHaveURL(`/listings/${listingId}/book?start=${target}T10:00:00.000Z`)
      await expect(
        page.getByRole('heading', { level: 1, name: 'Book Leaking tap repair' }),
      ).toBeVisible()
      await expect(page.getByRole('region', { name: 'When' })).toContainText(
        whenText(target, '10:00'),
      )
      // One package and one place: both come chosen.
      await expect(page.getByLabel(/^Call-out/)).toBeChecked()
      await expect(page.getByLabel('At your place')).toBeChecked()
      await page.getByLabel('Address', { exact: true }).fill('Behind the mosque, blue gate')
      await page.getByLabel('What the provider should know').fill('The kitchen tap drips.')
      await page.getByLabel('Cash').check()
      await page.getByLabel('Your phone number').fill('0712 345 678')
      await screenshot(page, '3-booking-form')
      await expectAccessible(page, 'the booking form')
      await page.getByRole('button', { name: 'Request this time' }).click()
      await expect(
        notice(
          page,
          'Your request was sent. The time is held for you until the provider confirms.',
        ),
      ).toBeVisible()
      await expect(page).toHaveURL(/\/orders\/[A-Z0-9]+$/)
      orderPath = new URL(page.url()).pathname
      await expect(orderStatus(page)).toContainText('Requested — not yet confirmed')
      await expect(orderWhen(page)).toContainText(`${whenText(target, '10:00')}–11:00`)
      await expect(
        orderWhen(page).getByRole('link', { name: 'Add to your calendar' }),
      ).toBeVisible()
      await screenshot(page, '4-order-requested')
      await expectAccessible(page, 'a requested booking')
    })

    await test.step('Amadou confirms it from his Sales; Awa’s open order turns "Confirmed"', async () => {
      await waitForLive(page)
      await markDocument(page)
      await accountNav(shop).getByRole('link', { name: 'Sales (1 new)' }).click()
      await shop
        .getByRole('listitem')
        .filter({ has: shop.getByRole('link', { name: 'Awa Touray' }) })
        .getByRole('link', { name: /^Open order/ })
        .click()
      await expect(shop).toHaveURL(orderPath)
      await expect(orderWhen(shop)).toContainText(`${whenText(target, '10:00')}–11:00`)
      await shop.getByRole('button', { name: 'Confirm booking', exact: true }).click()
      await expect(
        notice(shop, 'Confirm booking: done. The other side has been told.'),
      ).toBeVisible()
      await expect(orderStatus(shop)).toContainText('Confirmed')
      await expect(orderWhen(shop)).toContainText('The buyer can cancel for free until')

      await expect(orderStatus(page)).toContainText('Confirmed')
      // 24 hours before, the usual rule.
      await expect(orderWhen(page)).toContainText(
        `You can cancel for free until ${whenText(daysAfter(target, -1), '10:00')}`,
      )
      await expectSameDocument(page)
      await screenshot(page, '5-order-confirmed')
    })

    await test.step('his agenda for that day lists the booking', async () => {
      await shop.goto(`/stores/${store.slug}/agenda?day=${target}`)
      await expect(shop.getByText('Awa Touray').first()).toBeVisible()
    })

    await test.step('Awa proposes 11:00 the next day; Amadou accepts and her order moves', async () => {
      const next = daysAfter(target, 1)
      await orderWhen(page).getByRole('link', { name: 'Propose another time' }).click()
      await expect(
        page.getByRole('heading', { level: 1, name: 'Another time for Leaking tap repair' }),
      ).toBeVisible()
      await pickDay(page, next)
      await screenshot(page, '6-reschedule')
      await expectAccessible(page, 'proposing another time')
      await calendar(page).root.getByRole('button', { name: '11:00' }).click()
      await expect(
        notice(page, 'New time proposed. The booking moves if they accept.'),
      ).toBeVisible()
      await expect(page).toHaveURL(orderPath)
      await expect(orderWhen(page)).toContainText(
        `You proposed ${whenText(next, '11:00')} instead.`,
      )
      await waitForLive(page)
      await markDocument(page)

      await shop.goto(orderPath)
      await expect(orderWhen(shop)).toContainText(
        `The buyer proposed ${whenText(next, '11:00')} instead.`,
      )
      await screenshot(shop, '7-order-proposal')
      await orderWhen(shop).getByRole('button', { name: 'Accept the new time' }).click()
      await expect(
        notice(shop, 'The booking moved to the new time. They have been told.'),
      ).toBeVisible()
      await expect(orderWhen(shop)).toContainText(`${whenText(next, '11:00')}–12:00`)

      await expect(orderWhen(page)).toContainText(`${whenText(next, '11:00')}–12:00`)
      await expect(orderWhen(page)).not.toContainText('proposed')
      await expectSameDocument(page)
    })
  })

  test('an open day turns a time another buyer takes into "taken", without a reload', async ({
    page,
    seed,
    openDevice,
  }) => {
    const { path, listing } = await seedBookable(seed)
    const awa = await seed.member({ displayName: 'Awa Touray' })
    const binta = await seed.member({ displayName: 'Binta Sowe' })
    const target = dayAhead(3)
    const start = new Date(`${target}T10:00:00Z`)
    const slotId = `#slot-${listing.id}-${start.getTime()}`

    const other = await openDevice('Pixel 7')
    await signIn(other, binta)
    await other.goto(`${path}?day=${target}#book`)
    await expect(calendar(other).slots).toHaveAccessibleName(longDay(target))
    await expect(other.locator(`${slotId} a.slot`)).toHaveText('10:00')
    await waitForLive(other)
    await markDocument(other)

    await test.step('Awa books 10:00 on the same day', async () => {
      await signIn(page, awa)
      await page.goto(`${path}?day=${target}#book`)
      await calendar(page).slot('10:00').click()
      await requestTime(page, listing.id)
    })

    await test.step('on Binta’s open page 10:00 is taken; 11:00 is still free', async () => {
      await expect(other.locator(`${slotId} .slot--taken`)).toHaveText('10:00 taken')
      await expect(other.locator(`${slotId} a`)).toHaveCount(0)
      await expect(calendar(other).slot('11:00')).toBeVisible()
      await expectSameDocument(other)
      await screenshot(other, '8-slot-taken')
    })
  })
})

test.describe('Booking with plain links and forms (JavaScript off)', () => {
  test.use({ javaScriptEnabled: false })

  test('a visitor picks a day and a time, signs in on the way, and requests it', async ({
    page,
    seed,
    browser,
    baseURL,
    problems,
  }) => {
    const { path, listing, amadou } = await seedBookable(seed)
    const awa = await seed.member({ displayName: 'Awa Touray' })
    const target = dayAhead(3)

    await test.step('the day’s link reloads the page on that day', async () => {
      await page.goto(path)
      const cal = calendar(page)
      if ((await cal.month.textContent()) !== monthName(target)) {
        await cal.root.getByRole('link', { name: 'Later month' }).click()
        await expect(page).toHaveURL(/\?month=\d{4}-\d{2}#book$/)
        await expect(cal.month).toHaveText(monthName(target))
      }
      await cal.day(target).click()
      await expect(page).toHaveURL(`${path}?day=${target}#book`)
      await expect(cal.slots).toHaveAccessibleName(longDay(target))
    })

    await test.step('10:00 asks her to sign in first, then shows the booking form', async () => {
      await calendar(page).slot('10:00').click()
      await expect(page).toHaveURL(/\/sign-in\?return_to=/)
      await fillSignInForm(page, awa)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(page).toHaveURL(`/listings/${listing.id}/book?start=${target}T10:00:00.000Z`)
      await expect(page.getByRole('region', { name: 'When' })).toContainText(
        whenText(target, '10:00'),
      )
    })

    let orderPath = ''
    await test.step('the form posts, and she lands on her order', async () => {
      const posted = nextPost(page, `/listings/${listing.id}/book`)
      await page.getByLabel('Your phone number').fill('0712 345 678')
      await page.getByRole('button', { name: 'Request this time' }).click()
      const response = await posted
      expect(response.request().isNavigationRequest(), 'the browser itself sent the form').toBe(
        true,
      )
      expect(response.status()).toBe(303)
      await expect(notice(page, /^Your request was sent/)).toBeVisible()
      await expect(page).toHaveURL(/\/orders\/[A-Z0-9]+$/)
      orderPath = new URL(page.url()).pathname
      await expect(orderStatus(page)).toContainText('Requested — not yet confirmed')
      await expect(orderWhen(page)).toContainText(`${whenText(target, '10:00')}–11:00`)
    })

    await test.step('the time is gone from the calendar for the next buyer', async () => {
      const context = await browser.newContext({
        ...devices['Pixel 7'],
        javaScriptEnabled: false,
        baseURL,
      })
      await problems.watch(context)
      const visitor = await context.newPage()
      await visitor.goto(`${path}?day=${target}#book`)
      await expect(calendar(visitor).slot('11:00')).toBeVisible()
      await expect(calendar(visitor).slot('10:00')).toHaveCount(0)
      await context.close()
    })

    await test.step('Amadou, also without JavaScript, confirms it', async () => {
      const context = await browser.newContext({
        ...devices['Pixel 7'],
        javaScriptEnabled: false,
        baseURL,
      })
      await problems.watch(context)
      const shop = await context.newPage()
      await signIn(shop, amadou)
      await shop.goto(orderPath)
      await shop.getByRole('button', { name: 'Confirm booking', exact: true }).click()
      await expect(
        notice(shop, 'Confirm booking: done. The other side has been told.'),
      ).toBeVisible()
      await context.close()
      await page.reload()
      await expect(orderStatus(page)).toContainText('Confirmed')
    })
  })
})
