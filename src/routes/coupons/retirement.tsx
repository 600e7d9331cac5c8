import { Hono } from 'hono'
import { CouponRow, couponScope } from '../../../views/coupons/coupon-row'
import type { MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { FRAGMENT_VARY, wantsFragment } from '../../http/htmx'
import { requireMember } from '../../http/session'
import { retireCoupon } from '../../models/coupon'
import { findStoreOfMember } from '../../models/store'

/**
 * POST /coupons/:id/retirement — stops a coupon working. htmx swaps its row in place; without
 * JavaScript the coupons page reloads with a message. Someone else's coupon is a 404.
 */
export const couponRetirement = new Hono<MarketEnv>().post('/', requireMember, (c) => {
  c.header('Vary', FRAGMENT_VARY, { append: true })
  const result = retireCoupon(c.var.db, c.var.clock, c.var.member, Number(c.req.param('id')))
  if (!result.ok) return c.notFound()
  const { coupon } = result
  if (!wantsFragment(c))
    return flashRedirect(c, '/coupons', `${coupon.code} is retired; buyers can no longer use it.`)
  const { currency, locale, timeZone } = c.var.site
  const store = findStoreOfMember(c.var.db, c.var.member.id)
  return c.html(
    <CouponRow
      coupon={coupon}
      now={c.var.clock.now()}
      currency={currency}
      locale={locale}
      timeZone={timeZone}
      scope={couponScope(coupon, store, c.var.member.role === 'operator')}
      retired
    />,
  )
})
