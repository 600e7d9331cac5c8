// What an open slot grid hears: a store's time was taken, on this day (slot-fragments.tsx shows it).
import { calendarDate } from '../lib/dates'
import type { BusEvent } from './bus'

/** A time of a store was taken or given back: the grids of its services on that day change. */
export const SLOTS_CHANGED = 'booking.slots_changed'

/** The event to publish on storeSlotsTopic once a booking of `start` committed. */
export function slotsChanged(storeId: number, start: Date, timeZone: string): BusEvent {
  return { type: SLOTS_CHANGED, data: { storeId, date: calendarDate(start, timeZone) } }
}
