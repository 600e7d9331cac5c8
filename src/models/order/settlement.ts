// How a completed order's money divides between the store and the market.
//
// The market's commission is a share of the goods or services only: the delivery fee is the
// store's cost of getting them to the buyer and passes to it whole. A discount the store funds
// (its own coupon) lowers what the store sold for, so the commission is taken on the price after
// it. A discount the market funds (a whole-market coupon) does not: the store is paid as if the
// buyer had paid full price, and the market makes up the difference out of its commission.
import type { orders } from '../../../db/schema'

export type SettledOrder = Pick<
  typeof orders.$inferSelect,
  'subtotal' | 'deliveryFee' | 'discount' | 'total' | 'discountByMarket' | 'commissionBps'
>

export type Settlement = {
  /** The market's commission, in minor units; never more than the goods or services it is on. */
  commission: number
  /** What the store is owed once the order completes. */
  storeShare: number
  /**
   * What the market keeps of the buyer's payment: commission less a discount it funds. Negative
   * when a market coupon gave away more than the commission earned — the market paid for it.
   */
  marketShare: number
}

/**
 * The split of a completed order's money.
 * @example settlement({ subtotal: 1000, deliveryFee: 50, discount: 0, total: 1050, discountByMarket: false, commissionBps: 250 }) → { commission: 25, storeShare: 1025, marketShare: 25 }
 */
export function settlement(order: SettledOrder): Settlement {
  const storeFundedDiscount = order.discountByMarket ? 0 : order.discount
  const commission = percentOf(order.subtotal - storeFundedDiscount, order.commissionBps)
  const storeShare = order.total + (order.discountByMarket ? order.discount : 0) - commission
  return { commission, storeShare, marketShare: order.total - storeShare }
}

/**
 * `bps` basis points of `amount`, rounded half up to a whole minor unit. BigInt, because a large
 * order's amount times 10,000 can pass 2^53, where plain numbers start to round.
 */
export function percentOf(amount: number, bps: number): number {
  if (!Number.isSafeInteger(amount) || !Number.isInteger(bps) || amount < 0 || bps < 0)
    throw new Error(`percentOf needs whole, non-negative numbers, not ${amount} and ${bps}`)
  return Number((BigInt(amount) * BigInt(bps) + 5000n) / 10000n)
}
