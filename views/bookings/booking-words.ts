// How bookings are put in words: a time that cannot be booked, wherever it was picked, and a
// booking's time in full.
import { dateTimeFormat } from '../../src/lib/intl'
import type { SlotRefusal } from '../../src/models/booking/calendar'

export const SLOT_REFUSALS: Record<SlotRefusal, string> = {
  past: 'That time has passed.',
  too_soon: 'That time is too soon to book now.',
  too_far: 'That time is too far ahead to book yet.',
  out_of_hours: 'The provider does not take bookings at that time any more.',
  taken: 'Someone else has just booked that time.',
}

/** How a booking's time is said in full: "Tuesday 24 November at 10:00", on the town's clock. */
export function bookingTime(locale: string, timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  })
}
