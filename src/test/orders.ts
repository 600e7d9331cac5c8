// Test support: orders written straight into the database, for tests of what happens to an
// order after checkout (the books, the balance page) without going through a cart.
import { orders } from '../../db/schema'
import type { Db } from '../db'
import { randomToken, readableCode } from '../lib/tokens'

type Order = typeof orders.$inferSelect

export type TestOrderFields = {
  buyerId: number
  storeId: number
  /** Minor units; the total follows from subtotal + delivery fee − discount. */
  subtotal?: number
  deliveryFee?: number
  discount?: number
  discountByMarket?: boolean
  commissionBps?: number
  status?: Order['status']
  kind?: Order['kind']
  currency?: string
  placedAt?: Date
  /** For a completed order: when (placedAt unless given). */
  completedAt?: Date
}

/** An order row as checkout would leave it, with a random public code of the kind routes take. */
export function insertTestOrder(db: Pick<Db, 'insert'>, fields: TestOrderFields): Order {
  const subtotal = fields.subtotal ?? 10_000
  const deliveryFee = fields.deliveryFee ?? 0
  const discount = fields.discount ?? 0
  const kind = fields.kind ?? 'goods'
  const placedAt = fields.placedAt ?? new Date('2026-11-23T09:00:00Z')
  return db
    .insert(orders)
    .values({
      code: readableCode(),
      checkoutKey: randomToken(),
      buyerId: fields.buyerId,
      storeId: fields.storeId,
      kind,
      status: fields.status ?? 'placed',
      fulfilment: kind === 'goods' ? 'pickup' : 'customer',
      paymentMethod: 'cash',
      currency: fields.currency ?? 'GMD',
      subtotal,
      deliveryFee,
      discount,
      total: subtotal + deliveryFee - discount,
      discountByMarket: fields.discountByMarket ?? false,
      commissionBps: fields.commissionBps ?? 0,
      placedAt,
      updatedAt: placedAt,
      completedAt: fields.status === 'completed' ? (fields.completedAt ?? placedAt) : null,
    })
    .returning()
    .get()
}
