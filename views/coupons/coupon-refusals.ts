// Why a coupon code does nothing, as a buyer reads it beside the field: at checkout and when
// booking a time.
import type { CouponRefusal } from '../../src/models/coupon'

export const COUPON_REFUSALS: Record<CouponRefusal | 'unknown', string> = {
  unknown: 'There is no coupon with this code. Check the spelling.',
  retired: 'This coupon was withdrawn by whoever gave it.',
  expired: 'This coupon has expired.',
  used_up: 'This coupon has been used as many times as it may be.',
  other_store: 'This coupon is for another store.',
  below_minimum: 'This order is below the coupon’s minimum spend.',
}
