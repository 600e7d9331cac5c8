// How a time that cannot be booked is explained, wherever a buyer or provider picked it.
import type { SlotRefusal } from '../../src/models/booking/calendar'

export const SLOT_REFUSALS: Record<SlotRefusal, string> = {
  past: 'That time has passed.',
  too_soon: 'That time is too soon to book now.',
  too_far: 'That time is too far ahead to book yet.',
  out_of_hours: 'The provider does not take bookings at that time any more.',
  taken: 'Someone else has just booked that time.',
}
