import type { AppDeps } from '../http/env'
import { MINUTE } from '../lib/clock'
import { completePastBookings, expireBookingRequests } from '../models/booking/lifecycle'

/**
 * How often bookings are checked: a request lapses, and its slot is offered again, at most this
 * late past its time — short, because a lapsed request holds a slot someone else could book.
 */
export const BOOKING_LAPSES_INTERVAL = 5 * MINUTE

/**
 * Requests the provider did not confirm in time expire and free their slot; confirmed bookings
 * nobody marked complete themselves a day after they ended. A recurring durable job; safe to run
 * any number of times (each booking moves once, by a guarded step).
 */
export function scheduleBookingLapses(deps: AppDeps) {
  deps.jobs.every('booking-lapses', BOOKING_LAPSES_INTERVAL, () => {
    expireBookingRequests(deps)
    completePastBookings(deps)
  })
}
