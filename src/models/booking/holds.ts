// The guard against double booking. A booking's time — its slot and the buffer after it — is cut
// into five-minute cells, and every cell it covers is a row of booking_holds, whose primary key is
// (store, cell). Two bookings of one provider's time cannot both hold a cell: the second insert
// conflicts, however the requests race, with no read beforehand to go stale.
//
// A class (a slot with several seats) is the one case where bookings share cells: the same
// service at the same start. Then the conflict becomes a guarded update — seats + n <= capacity,
// and the same service and start — so the last seat goes to exactly one buyer. Anything else
// that meets a held cell is refused: the time is taken.
import { and, eq, gte, lt, sql } from 'drizzle-orm'
import { bookingHolds } from '../../../db/schema'
import type { Db } from '../../db'
import { MINUTE } from '../../lib/clock'
import type { Tx } from '../transaction'

/** The length of a cell; hours, slots and buffers all fall on its marks. */
export const CELL = 5 * MINUTE

export type HeldTime = {
  storeId: number
  listingId: number
  start: Date
  end: Date
  bufferMinutes: number
  seats: number
  capacity: number
}

/** The cells a time covers, its buffer included: [first, last). */
export function cellsOf(time: Pick<HeldTime, 'start' | 'end' | 'bufferMinutes'>): [number, number] {
  const first = Math.floor(time.start.getTime() / CELL)
  const last = Math.ceil((time.end.getTime() + time.bufferMinutes * MINUTE) / CELL)
  return [first, last]
}

/**
 * Holds a time for a booking inside the caller's transaction; false when any of it is taken (the
 * caller refuses, and its transaction keeps nothing).
 */
export function holdTime(tx: Tx | Db, time: HeldTime): boolean {
  const [first, last] = cellsOf(time)
  // One statement for every cell (a five-hour booking covers sixty): each cell is inserted, or
  // — only for another seat of the same class — has its seats raised; a cell that is neither
  // changes nothing, so fewer changes than cells means some of the time is taken.
  const held = (tx as Db).run(sql`
    WITH RECURSIVE cells(cell) AS (
      SELECT ${first} UNION ALL SELECT cell + 1 FROM cells WHERE cell + 1 < ${last}
    )
    INSERT INTO booking_holds (store_id, cell, listing_id, slot_start, seats, capacity)
    SELECT ${time.storeId}, cell, ${time.listingId}, ${time.start.getTime()}, ${time.seats},
      ${time.capacity}
    FROM cells WHERE true
    ON CONFLICT (store_id, cell) DO UPDATE SET seats = seats + excluded.seats
    WHERE listing_id = excluded.listing_id AND slot_start = excluded.slot_start
      AND seats + excluded.seats <= capacity
  `)
  return held.changes === last - first
}

/** Gives a booking's time back (cancelled, expired, or moved): its seats, then empty cells. */
export function releaseTime(tx: Tx | Db, time: Omit<HeldTime, 'capacity'>) {
  const db = tx as Db
  const [first, last] = cellsOf(time)
  const mine = and(
    eq(bookingHolds.storeId, time.storeId),
    gte(bookingHolds.cell, first),
    lt(bookingHolds.cell, last),
    eq(bookingHolds.listingId, time.listingId),
    eq(bookingHolds.slotStart, time.start),
  )
  // Cells this booking alone holds go; shared ones (a class) give its seats back.
  db.delete(bookingHolds)
    .where(and(mine, sql`${bookingHolds.seats} <= ${time.seats}`))
    .run()
  db.update(bookingHolds)
    .set({ seats: sql`${bookingHolds.seats} - ${time.seats}` })
    .where(mine)
    .run()
}
