// How a bookable service is booked, set on its listing form: its slots (length from the
// listing's duration, a buffer after each), how soon and how far ahead it may be booked, seats per
// slot, the buyer's cancellation window, and whether a booking is confirmed at once or waits for
// the provider. A service without rules is sold as before, without a time.
import { eq } from 'drizzle-orm'
import { bookingRules } from '../../../db/schema'
import type { Db } from '../../db'
import type { Tx } from '../transaction'

export type BookingRules = Omit<typeof bookingRules.$inferSelect, 'listingId'>

/** What the form asks; the slot length is the listing's duration. */
export type BookingRulesInput = Omit<BookingRules, 'slotMinutes'>

/** What a new bookable service starts with: the form shows these until the provider changes them. */
export const DEFAULT_BOOKING_RULES: BookingRulesInput = {
  bufferMinutes: 0,
  noticeMinutes: 120,
  horizonDays: 30,
  capacity: 1,
  cancellationHours: 24,
  instantBook: false,
}

export function bookingRulesOf(db: Db | Tx, listingId: number): BookingRules | undefined {
  const row = (db as Db)
    .select()
    .from(bookingRules)
    .where(eq(bookingRules.listingId, listingId))
    .get()
  if (!row) return undefined
  const { listingId: _listing, ...rules } = row
  return rules
}

/** Makes a listing bookable with these rules, or (null) no longer bookable, in the caller's transaction. */
export function saveBookingRules(
  tx: Tx | Db,
  listingId: number,
  rules: BookingRulesInput | null,
  slotMinutes: number | null,
) {
  const db = tx as Db
  if (!rules || slotMinutes === null) {
    db.delete(bookingRules).where(eq(bookingRules.listingId, listingId)).run()
    return
  }
  const values = { ...rules, slotMinutes }
  db.insert(bookingRules)
    .values({ listingId, ...values })
    .onConflictDoUpdate({ target: bookingRules.listingId, set: values })
    .run()
}
