import { Hono, type Context } from 'hono'
import { CouponsForStoresPage } from '../../views/coupons/coupons-for-stores-page'
import { CouponsPage } from '../../views/coupons/coupons-page'
import type { MemberEnv, MarketEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { parseForm, type FormErrors, type FormValues } from '../http/forms'
import { seeOther } from '../http/redirects'
import { requireMember } from '../http/session'
import { shell } from '../http/shell'
import { createCoupon, listCoupons, type CreateCouponResult } from '../models/coupon'
import { COUPON_MESSAGES, couponSchema } from '../models/coupon-input'
import { findStoreOfMember } from '../models/store'

type Refusal = Extract<CreateCouponResult, { ok: false }>['reason']

/** Where each refusal shows: beside the field that caused it. */
const REFUSALS: Record<Refusal, { field: string; message: string }> = {
  code_taken: { field: 'code', message: COUPON_MESSAGES.codeTaken },
  already_expired: { field: 'expiresOn', message: COUPON_MESSAGES.alreadyExpired },
  not_operator: { field: 'scope', message: COUPON_MESSAGES.marketOnly },
  no_store: { field: 'scope', message: COUPON_MESSAGES.noStore },
}

/**
 * GET and POST /coupons — a store owner's discount codes (and the market's, for operators) and
 * the form for a new one. Members without a storefront are told where coupons come from.
 */
export const couponPages = new Hono<MarketEnv>()
  .get('/', requireMember, (c) => {
    const page = renderCoupons(c)
    return page ? c.html(page) : c.html(<CouponsForStoresPage shell={shell(c)} />)
  })

  .post('/', requireMember, async (c) => {
    const { currency, locale, timeZone } = c.var.site
    const form = await parseForm(c, couponSchema({ currency, locale, timeZone }))
    const refuse = (values: FormValues, errors: FormErrors) => {
      const page = renderCoupons(c, { values, errors })
      return page ? c.html(page, 422) : seeOther(c, '/coupons')
    }
    if (!form.ok) return refuse(form.values, form.errors)
    const result = createCoupon(c.var.db, c.var.clock, c.var.member, form.data)
    if (!result.ok) {
      const { field, message } = REFUSALS[result.reason]
      return refuse(form.values, { [field]: message })
    }
    return flashRedirect(c, '/coupons', `${result.coupon.code} is ready for buyers to use.`)
  })

/** The coupons page for a member who may have coupons; undefined for anyone else. */
function renderCoupons(
  c: Context<MemberEnv>,
  form: { values?: FormValues; errors?: FormErrors } = {},
) {
  const { db, member, site } = c.var
  const store = findStoreOfMember(db, member.id)
  const isOperator = member.role === 'operator'
  if (!store && !isOperator) return undefined
  return (
    <CouponsPage
      shell={shell(c)}
      coupons={listCoupons(db, member)}
      now={c.var.clock.now()}
      currency={site.currency}
      timeZone={site.timeZone}
      store={store}
      isOperator={isOperator}
      {...form}
    />
  )
}
