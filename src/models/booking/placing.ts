// Booking a time: the checkout of a bookable service. One package at one start becomes an order of
// kind `booking`, its line, and the booking that holds the provider's time — all in one
// transaction, or nothing.
//
// The slot is held whatever the payment method: cash on the day holds it as firmly as a transfer
// (the peers we studied hold only paid bookings, and cash buyers lose their time to them). The
// guard is holdTime's insert into booking_holds (holds.ts), not the read of free slots before
// it: that read only picks the message — past, too soon, out of hours, taken — and two buyers
// racing for the last seat both pass it, then exactly one insert wins.
//
// A service the provider confirms waits as a request (`placed`) until they do, and frees its time
// by itself if they don't in time (lifecycle.ts); an instant-book service is confirmed at once.
// One seat per booking: a buyer who brings a friend books twice. A coupon works as at checkout
// (coupon.ts): the store's own or the market's, its use taken in the same transaction.
import { bookings, orderEvents, orderLines, orders } from '../../../db/schema'
import { storeSlotsTopic } from '../../live/bus'
import { publishEvents, type LiveEvent } from '../../live/events'
import { slotsChanged } from '../../live/slot-news'
import { DAY, MINUTE } from '../../lib/clock'
import { calendarDate } from '../../lib/dates'
import { readableCode } from '../../lib/tokens'
import { needsAddress, type Fulfilment } from '../checkout'
import {
  couponDiscount,
  findCouponByCode,
  useCoupon,
  type Coupon,
  type CouponRefusal,
} from '../coupon'
import { findVisibleListing, listingLocations, type ListingDetails } from '../listing'
import { ordersOfCheckout, type Order } from '../order'
import { recordOrderNews } from '../order/news'
import type { OrderDeps } from '../order/steps'
import { storePaymentMethods, type PaymentMethod } from '../payment-methods'
import type { SessionMember } from '../session'
import type { Site } from '../site'
import { transactionUnlessRefused, type Tx } from '../transaction'
import { serviceCalendar, slotRefusal, type SlotRefusal } from './calendar'
import { holdTime } from './holds'

/** How long a provider has to confirm a request, at most: it lapses sooner if its time comes. */
export const CONFIRM_WITHIN = DAY

export type BookingInput = {
  checkoutKey: string
  listingId: number
  unitId: number
  start: Date
  fulfilment: Fulfilment | undefined
  address: string
  note: string
  contactPhone: string
  paymentMethod: PaymentMethod | undefined
  /** A coupon code, or '' for none. */
  coupon?: string
}

/** A choice the form must correct, keyed like its fields. */
export type BookingProblem = 'unitId' | 'fulfilment' | 'address' | 'paymentMethod'

export type BookingResult =
  | { ok: true; order: Order; repeated: boolean }
  | { ok: false; reason: 'not_bookable' }
  | { ok: false; reason: 'slot'; refusal: SlotRefusal }
  | { ok: false; reason: 'invalid'; problems: BookingProblem[] }
  | { ok: false; reason: 'coupon'; refusal: CouponRefusal | 'unknown' }

/**
 * Books the time as the buyer chose, or nothing: see the top of the file.
 * @example const result = placeBooking(c.var, c.var.site, member, input)
 */
export function placeBooking(
  deps: OrderDeps,
  site: Site,
  buyer: SessionMember,
  input: BookingInput,
): BookingResult {
  const at = deps.clock.now()
  let news: LiveEvent[] = []
  const result = transactionUnlessRefused(
    deps.db,
    (tx): BookingResult => {
      const earlier = ordersOfCheckout(deps.db, buyer.id, input.checkoutKey)[0]
      if (earlier) return { ok: true, order: earlier, repeated: true }
      const listing = findVisibleListing(deps.db, buyer, input.listingId)
      if (
        !listing ||
        !listing.booking ||
        listing.status !== 'published' ||
        listing.store.memberId === buyer.id
      )
        return { ok: false, reason: 'not_bookable' }
      const rules = listing.booking
      const problems = choiceProblems(listing, site, input)
      if (problems.length > 0) return { ok: false, reason: 'invalid', problems }
      const unit = listing.packages.find((item) => item.id === input.unitId)
      if (!unit) return { ok: false, reason: 'invalid', problems: ['unitId'] }

      const date = calendarDate(input.start, site.timeZone)
      const calendar = serviceCalendar(
        tx,
        { id: listing.id, storeId: listing.storeId, rules },
        { first: date, last: date },
        site.timeZone,
        at,
      )
      const refusal = slotRefusal(calendar, input.start)
      if (refusal) return { ok: false, reason: 'slot', refusal }
      const end = new Date(input.start.getTime() + rules.slotMinutes * MINUTE)
      const coupon = applyCoupon(deps, input.coupon ?? '', {
        storeId: listing.storeId,
        subtotal: unit.price,
        now: at,
      })
      if (!coupon.ok) return coupon
      const held = holdTime(tx, {
        storeId: listing.storeId,
        listingId: listing.id,
        start: input.start,
        end,
        bufferMinutes: rules.bufferMinutes,
        seats: 1,
        capacity: rules.capacity,
      })
      if (!held) return { ok: false, reason: 'slot', refusal: 'taken' }

      const order = tx
        .insert(orders)
        .values({
          code: readableCode(),
          checkoutKey: input.checkoutKey,
          buyerId: buyer.id,
          storeId: listing.storeId,
          kind: 'booking',
          status: rules.instantBook ? 'accepted' : 'placed',
          fulfilment: input.fulfilment ?? 'provider',
          address: needsAddress(input.fulfilment) ? input.address.trim() : '',
          contactPhone: input.contactPhone.trim(),
          note: input.note.trim(),
          paymentMethod: input.paymentMethod ?? 'cash',
          currency: site.currency,
          subtotal: unit.price,
          discount: coupon.discount,
          total: unit.price - coupon.discount,
          couponId: coupon.used?.id ?? null,
          couponCode: coupon.used?.code ?? '',
          discountByMarket: coupon.used !== undefined && coupon.used.storeId === null,
          commissionBps: site.commissionBps,
          placedAt: at,
          updatedAt: at,
        })
        .returning()
        .get()
      tx.insert(orderLines)
        .values({
          orderId: order.id,
          listingId: listing.id,
          unitId: unit.id,
          title: listing.title,
          unitName: unit.name,
          unitPrice: unit.price,
          quantity: 1,
          stocked: false,
        })
        .run()
      tx.insert(bookings)
        .values({
          orderId: order.id,
          listingId: listing.id,
          storeId: listing.storeId,
          startsAt: input.start,
          endsAt: end,
          bufferMinutes: rules.bufferMinutes,
          seats: 1,
          cancellableUntil: new Date(input.start.getTime() - rules.cancellationHours * 60 * MINUTE),
          expiresAt: rules.instantBook
            ? null
            : new Date(Math.min(at.getTime() + CONFIRM_WITHIN, input.start.getTime())),
        })
        .run()
      recordPlaced(tx, order, buyer.id, rules.instantBook, at)
      news = recordOrderNews(tx, order, { action: 'place', actorId: buyer.id }, at)
      return { ok: true, order, repeated: false }
    },
    'immediate',
  )
  if (result.ok && !result.repeated) {
    publishEvents(deps.bus, news)
    const store = result.order.storeId
    deps.bus.publish(storeSlotsTopic(store), slotsChanged(store, input.start, site.timeZone))
  }
  return result
}

type AppliedCoupon =
  | { ok: true; discount: number; used: Coupon | undefined }
  | { ok: false; reason: 'coupon'; refusal: CouponRefusal | 'unknown' }

/** The coupon's discount on the booking, its use taken (in the placing transaction). */
function applyCoupon(
  deps: OrderDeps,
  code: string,
  order: { storeId: number; subtotal: number; now: Date },
): AppliedCoupon {
  if (code.trim() === '') return { ok: true, discount: 0, used: undefined }
  const coupon = findCouponByCode(deps.db, code)
  if (!coupon) return { ok: false, reason: 'coupon', refusal: 'unknown' }
  const applied = couponDiscount(coupon, order)
  if (!applied.ok) return { ok: false, reason: 'coupon', refusal: applied.reason }
  if (applied.discount === 0) return { ok: true, discount: 0, used: undefined }
  if (!useCoupon(deps.db, coupon.id)) return { ok: false, reason: 'coupon', refusal: 'used_up' }
  return { ok: true, discount: applied.discount, used: coupon }
}

function choiceProblems(
  listing: ListingDetails,
  site: Site,
  input: BookingInput,
): BookingProblem[] {
  const problems: BookingProblem[] = []
  if (!listing.packages.some((item) => item.id === input.unitId)) problems.push('unitId')
  if (!input.fulfilment || !(listingLocations(listing) as string[]).includes(input.fulfilment))
    problems.push('fulfilment')
  else if (needsAddress(input.fulfilment) && input.address.trim() === '') problems.push('address')
  if (
    !input.paymentMethod ||
    !storePaymentMethods(site, listing.store).includes(input.paymentMethod)
  )
    problems.push('paymentMethod')
  return problems
}

/** The timeline's first rows: asked for, and with instant-book confirmed in the same breath. */
function recordPlaced(tx: Tx, order: Order, buyerId: number, instant: boolean, at: Date) {
  tx.insert(orderEvents)
    .values({
      orderId: order.id,
      action: 'place',
      actor: 'buyer',
      actorId: buyerId,
      fromStatus: null,
      toStatus: 'placed',
      note: order.note,
      at,
    })
    .run()
  if (instant)
    tx.insert(orderEvents)
      .values({
        orderId: order.id,
        action: 'accept',
        actor: 'system',
        actorId: null,
        fromStatus: 'placed',
        toStatus: 'accepted',
        note: 'Confirmed at once: this service is booked instantly.',
        at,
      })
      .run()
}
