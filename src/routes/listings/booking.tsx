import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { BookPage } from '../../../views/bookings/book-page'
import { SLOT_REFUSALS } from '../../../views/bookings/booking-words'
import { COUPON_REFUSALS } from '../../../views/coupons/coupon-refusals'
import {
  BOOK_ID,
  BookingCalendar,
  type BookingSectionProps,
} from '../../../views/bookings/booking-calendar'
import type { AppEnv, MarketEnv, MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm, type FormErrors, type FormValues } from '../../http/forms'
import { FRAGMENT_VARY, wantsFragment } from '../../http/htmx'
import { requireMember } from '../../http/session'
import { shell } from '../../http/shell'
import { MINUTE } from '../../lib/clock'
import { calendarDate, readInstant } from '../../lib/dates'
import { PHONE_PATTERN } from '../../lib/phone'
import { randomToken } from '../../lib/tokens'
import { serviceCalendar, slotRefusal, type SlotRefusal } from '../../models/booking/calendar'
import { monthView, type MonthAsked } from '../../models/booking/month-view'
import { placeBooking, type BookingProblem } from '../../models/booking/placing'
import { MAX_ADDRESS_LENGTH, MAX_NOTE_LENGTH } from '../../models/checkout'
import { findVisibleListing, listingPath, type ListingDetails } from '../../models/listing'
import { lastContactPhone } from '../../models/order'
import { storePaymentMethods } from '../../models/payment-methods'

type Bookable = ListingDetails & { booking: NonNullable<ListingDetails['booking']> }

/** The listing if it is a bookable service this viewer may see. */
function findBookable<E extends AppEnv>(c: Context<E>): Bookable | undefined {
  const id = Number.parseInt(c.req.param('id') ?? '', 10)
  const listing = findVisibleListing(c.var.db, c.var.member, id)
  return listing?.booking ? (listing as Bookable) : undefined
}

/** What the month and day in the address ask for. */
function askedOf<E extends AppEnv>(c: Context<E>): MonthAsked {
  return { month: c.req.query('month'), day: c.req.query('day') }
}

/** The "Book a time" section of a bookable listing's page, as this viewer sees it now. */
export function bookingSectionOf<E extends AppEnv>(
  c: Context<E>,
  listing: ListingDetails,
  isOwner: boolean,
): BookingSectionProps | null {
  if (!listing.booking) return null
  const rules = listing.booking
  const { site, clock, db } = c.var
  const view = monthView(
    db,
    { id: listing.id, storeId: listing.storeId, rules },
    askedOf(c),
    site.timeZone,
    clock.now(),
  )
  const store = listing.store
  return {
    listingId: listing.id,
    view,
    pagePath: listingPath(listing),
    fragmentPath: `/listings/${listing.id}/times`,
    bookPath: isOwner || listing.status !== 'published' ? null : `/listings/${listing.id}/book`,
    capacity: rules.capacity,
    locale: site.locale,
    slotMinutes: rules.slotMinutes,
    instantBook: rules.instantBook,
    cancellationHours: rules.cancellationHours,
    timeZone: site.timeZone,
    ownerHoursPath: isOwner ? `/stores/${store.slug}/hours` : null,
  }
}

/** Back to the calendar on the day asked for, fresh, saying why the time cannot be had. */
function refuseSlot<E extends AppEnv>(
  c: Context<E>,
  listing: Bookable,
  start: Date,
  refusal: SlotRefusal,
) {
  const day = calendarDate(start, c.var.site.timeZone)
  return flashRedirect(
    c,
    `${listingPath(listing)}?day=${day}#${BOOK_ID}`,
    `${SLOT_REFUSALS[refusal]} Nothing was booked; here are the times free now.`,
    'alert',
  )
}

const fulfilment = z.enum(['customer', 'provider', 'online']).optional().catch(undefined)
const paymentMethod = z.enum(['cash', 'mobile_money', 'bank_transfer']).optional().catch(undefined)
const bookingSchema = z.object({
  checkoutKey: z
    .string()
    .regex(/^[a-z0-9]{16,64}$/, 'This form is out of date: choose the time again.'),
  start: z.string().default(''),
  unitId: z.coerce.number().int().min(0).catch(0),
  fulfilment,
  address: z
    .string()
    .max(MAX_ADDRESS_LENGTH, `Use at most ${MAX_ADDRESS_LENGTH} characters.`)
    .default(''),
  note: z.string().max(MAX_NOTE_LENGTH, `Use at most ${MAX_NOTE_LENGTH} characters.`).default(''),
  contactPhone: z
    .string()
    .trim()
    .regex(PHONE_PATTERN, 'Give a phone number the provider can reach you on, like 0712 345 678.'),
  paymentMethod,
  coupon: z.string().trim().max(20, 'Coupon codes are at most 20 characters.').default(''),
})

const PROBLEMS: Record<BookingProblem, string> = {
  unitId: 'Choose a package.',
  fulfilment: 'Choose where it happens.',
  address: 'Say where: the address for the visit.',
  paymentMethod: 'Choose how you pay.',
}

function renderBookPage(
  c: Context<MemberEnv>,
  listing: Bookable,
  start: Date,
  form: { key: string; values: FormValues; errors: FormErrors },
  status: 200 | 422,
) {
  const rules = listing.booking
  const cancellableUntil = new Date(start.getTime() - rules.cancellationHours * 60 * MINUTE)
  const day = calendarDate(start, c.var.site.timeZone)
  return c.html(
    <BookPage
      shell={shell(c)}
      listing={listing}
      start={start}
      cancellableUntil={cancellableUntil > c.var.clock.now() ? cancellableUntil : null}
      paymentMethods={storePaymentMethods(c.var.site, listing.store)}
      checkoutKey={form.key}
      values={form.values}
      errors={form.errors}
      timeZone={c.var.site.timeZone}
      currency={c.var.site.currency}
      calendarPath={`${listingPath(listing)}?day=${day}#${BOOK_ID}`}
    />,
    status,
  )
}

/** Whether `start` can be booked on the listing now, by the same check placing makes. */
function refusalNow(c: Context<MemberEnv>, listing: Bookable, start: Date) {
  const { site, clock, db } = c.var
  const date = calendarDate(start, site.timeZone)
  const calendar = serviceCalendar(
    db,
    { id: listing.id, storeId: listing.storeId, rules: listing.booking },
    { first: date, last: date },
    site.timeZone,
    clock.now(),
  )
  return slotRefusal(calendar, start)
}

/**
 * GET /listings/:id/times — a bookable service's calendar (?month=, ?day=) as a fragment, for htmx;
 * a browser that asks for it outright is sent to the listing's page, which shows the same.
 * GET /listings/:id/book?start= — the booking form for a free time; POST books it.
 */
export const listingBooking = new Hono<MarketEnv>()
  .get('/:id{[0-9]+}/times', (c) => {
    const listing = findBookable(c)
    if (!listing) return c.notFound()
    c.header('Vary', FRAGMENT_VARY, { append: true })
    const isOwner = c.var.member?.id === listing.store.memberId
    const section = bookingSectionOf(c, listing, isOwner)
    if (!section) return c.notFound()
    if (!wantsFragment(c)) {
      const query = new URL(c.req.url).search
      return c.redirect(`${listingPath(listing)}${query}#${BOOK_ID}`, 303)
    }
    return c.html(<BookingCalendar {...section} />)
  })
  .get('/:id{[0-9]+}/book', requireMember, (c) => {
    const listing = findBookable(c)
    if (!listing || listing.status !== 'published') return c.notFound()
    if (listing.store.memberId === c.var.member.id)
      return flashRedirect(c, listingPath(listing), 'This is your own service.', 'alert')
    const start = readInstant(c.req.query('start'))
    if (!start) return c.redirect(`${listingPath(listing)}#${BOOK_ID}`, 303)
    const refusal = refusalNow(c, listing, start)
    if (refusal) return refuseSlot(c, listing, start, refusal)
    const only = <T,>(items: readonly T[]) => (items.length === 1 ? items[0] : undefined)
    const values: FormValues = {
      contactPhone: lastContactPhone(c.var.db, c.var.member.id),
      unitId: String(only(listing.packages)?.id ?? ''),
    }
    return renderBookPage(c, listing, start, { key: randomToken(), values, errors: {} }, 200)
  })
  .post('/:id{[0-9]+}/book', requireMember, async (c) => {
    const listing = findBookable(c)
    if (!listing || listing.status !== 'published') return c.notFound()
    const form = await parseForm(c, bookingSchema)
    const start = readInstant(form.values.start)
    if (!start) return c.redirect(`${listingPath(listing)}#${BOOK_ID}`, 303)
    const key = /^[a-z0-9]{16,64}$/.test(form.values.checkoutKey ?? '')
      ? (form.values.checkoutKey as string)
      : randomToken()
    if (!form.ok)
      return renderBookPage(
        c,
        listing,
        start,
        { key, values: form.values, errors: form.errors },
        422,
      )
    const result = placeBooking(c.var, c.var.site, c.var.member, {
      ...form.data,
      fulfilment: form.data.fulfilment,
      paymentMethod: form.data.paymentMethod,
      listingId: listing.id,
      start,
    })
    if (result.ok)
      return flashRedirect(
        c,
        `/orders/${result.order.code}`,
        result.order.status === 'accepted'
          ? 'Booked and confirmed. The provider has been told.'
          : 'Your request was sent. The time is held for you until the provider confirms.',
      )
    if (result.reason === 'not_bookable') return c.notFound()
    if (result.reason === 'slot') return refuseSlot(c, listing, start, result.refusal)
    if (result.reason === 'coupon') {
      const errors = { coupon: COUPON_REFUSALS[result.refusal] }
      return renderBookPage(c, listing, start, { key, values: form.values, errors }, 422)
    }
    const errors = Object.fromEntries(result.problems.map((field) => [field, PROBLEMS[field]]))
    return renderBookPage(c, listing, start, { key, values: form.values, errors }, 422)
  })
