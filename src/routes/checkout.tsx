import { Hono } from 'hono'
import type { Context } from 'hono'
import { z } from 'zod'
import { CheckoutPage } from '../../views/checkout/checkout-page'
import { COUPON_REFUSALS } from '../../views/coupons/coupon-refusals'
import type { MarketEnv, MemberEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { list, parseForm, type FormErrors, type FormValues } from '../http/forms'
import { requireMember } from '../http/session'
import { shell } from '../http/shell'
import { formatMoney } from '../lib/money'
import { PHONE_PATTERN } from '../lib/phone'
import { randomToken } from '../lib/tokens'
import {
  cartDifferences,
  checkChoices,
  MAX_ADDRESS_LENGTH,
  MAX_NOTE_LENGTH,
  orderTotals,
  placeOrders,
  planCheckout,
  type CartDifference,
  type CheckoutPlan,
  type ChoiceProblem,
  type OrderChoice,
  type OrderTotals,
} from '../models/checkout'
import { lastContactPhone } from '../models/order'

const whole = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
// A choice that is not one of the offered values reads as no choice: "choose one" beside it.
const fulfilment = z
  .enum(['pickup', 'delivery', 'customer', 'provider', 'online'])
  .optional()
  .catch(undefined)
const paymentMethod = z.enum(['cash', 'mobile_money', 'bank_transfer']).optional().catch(undefined)

/** The idempotency key the form carries: what randomToken() makes. */
const CHECKOUT_KEY = /^[a-z0-9]{16,64}$/

const checkoutSchema = z.object({
  intent: z.enum(['review', 'place']).catch('review'),
  checkoutKey: z.string().regex(CHECKOUT_KEY, 'This form is out of date: open checkout again.'),
  contactPhone: z.string().trim().max(24, 'Use at most 24 characters.').default(''),
  lines: list(z.object({ unitId: whole, quantity: whole, price: whole })),
  orders: list(
    z.object({
      storeId: whole,
      kind: z.enum(['goods', 'service']),
      fulfilment,
      address: z
        .string()
        .max(MAX_ADDRESS_LENGTH, `Use at most ${MAX_ADDRESS_LENGTH} characters.`)
        .default(''),
      note: z
        .string()
        .max(MAX_NOTE_LENGTH, `Use at most ${MAX_NOTE_LENGTH} characters.`)
        .default(''),
      paymentMethod,
      coupon: z.string().trim().max(20, 'Coupon codes are at most 20 characters.').default(''),
    }),
  ),
})

const PROBLEM_MESSAGES: Record<ChoiceProblem, string> = {
  no_common_fulfilment:
    'These listings cannot be received the same way. Order them separately: remove one from your cart for now.',
  fulfilment: 'Choose how you get it.',
  address: 'Say where: the address for the delivery or the visit.',
  payment_method: 'Choose how you pay.',
  coupon_unknown: COUPON_REFUSALS.unknown,
  coupon_retired: COUPON_REFUSALS.retired,
  coupon_expired: COUPON_REFUSALS.expired,
  coupon_used_up: COUPON_REFUSALS.used_up,
  coupon_other_store: COUPON_REFUSALS.other_store,
  coupon_below_minimum: COUPON_REFUSALS.below_minimum,
}

/**
 * GET /checkout — the cart as orders to place. POST /checkout — "Apply" (intent=review) checks
 * the page again; "Place order" (intent=place) places them all or none (models/checkout.ts).
 */
export const checkout = new Hono<MarketEnv>()
  .get('/', requireMember, (c) => {
    const plan = planCheckout(c.var.db, c.var.site, c.var.member.id)
    if (plan.groups.length === 0)
      return flashRedirect(c, '/cart', 'Your cart has nothing that can be ordered now.', 'alert')
    const values: FormValues = { contactPhone: lastContactPhone(c.var.db, c.var.member.id) }
    return render(c, plan, randomToken(), values, {}, [], 200)
  })
  .post('/', requireMember, async (c) => {
    const form = await parseForm(c, checkoutSchema)
    const { db, site, member, clock } = c.var
    // Read only for the pages that show it: placing reads the cart in its own transaction.
    const plan = () => planCheckout(db, site, member.id)
    const key = CHECKOUT_KEY.test(form.values.checkoutKey ?? '')
      ? (form.values.checkoutKey as string)
      : randomToken()
    if (!form.ok) return render(c, plan(), key, form.values, form.errors, [], 422)
    const input = form.data
    if (input.intent === 'review') {
      const reviewed = plan()
      const { problems } = checkChoices(db, reviewed, input.orders, clock.now())
      const couponErrors = Object.fromEntries(
        Object.entries(problems).filter(([field]) => field.endsWith('.coupon')),
      )
      const notices = cartDifferences(input.lines, reviewed).map((d) => differenceMessage(c, d))
      return render(
        c,
        reviewed,
        key,
        form.values,
        messages(couponErrors),
        notices,
        200,
        input.orders,
      )
    }
    if (!PHONE_PATTERN.test(input.contactPhone))
      return render(
        c,
        plan(),
        key,
        form.values,
        { contactPhone: 'Give a phone number the provider can reach you on, like 0712 345 678.' },
        [],
        422,
      )
    const result = await placeOrders(c.var, site, member, {
      checkoutKey: input.checkoutKey,
      contactPhone: input.contactPhone,
      seen: input.lines,
      orders: input.orders,
    })
    if (result.ok) {
      const [first] = result.orders
      if (result.orders.length === 1 && first)
        return flashRedirect(
          c,
          `/orders/${first.code}`,
          'Your order was placed. The provider has been told.',
        )
      return flashRedirect(
        c,
        '/orders',
        `Your ${result.orders.length} orders were placed. Each store has been told.`,
      )
    }
    if (result.reason === 'empty')
      return flashRedirect(c, '/cart', 'Your cart has nothing that can be ordered now.', 'alert')
    const fresh = planCheckout(db, site, member.id)
    if (result.reason === 'cart_changed')
      return render(
        c,
        fresh,
        key,
        form.values,
        {},
        result.differences.map((d) => differenceMessage(c, d)),
        409,
      )
    return render(c, fresh, key, form.values, messages(result.problems), [], 422, input.orders)
  })

function messages(problems: Record<string, ChoiceProblem>): FormErrors {
  return Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [field, PROBLEM_MESSAGES[problem]]),
  )
}

function differenceMessage(c: Context<MemberEnv>, difference: CartDifference): string {
  const money = (amount: number) =>
    formatMoney({ amount, currency: c.var.site.currency }, c.var.site.locale)
  switch (difference.kind) {
    case 'price':
      return `${difference.title} now costs ${money(difference.now)} (was ${money(difference.was)}).`
    case 'quantity':
      return difference.now < difference.was
        ? `Only ${difference.now} of ${difference.title} left: your quantity is now ${difference.now} (was ${difference.was}).`
        : `${difference.title}: your cart now has ${difference.now} (the page showed ${difference.was}).`
    case 'unavailable':
      return `${difference.title} sold out or is no longer on sale: it was left out.`
    case 'added':
      return `${difference.title} was added to your cart meanwhile.`
  }
}

function render(
  c: Context<MemberEnv>,
  plan: CheckoutPlan,
  checkoutKey: string,
  values: FormValues,
  errors: FormErrors,
  notices: string[],
  status: 200 | 409 | 422,
  /** The choices made, when they could be read: the totals then include coupons that apply. */
  choices?: OrderChoice[],
) {
  // Nothing left to order (the last thing sold out meanwhile): the cart says what is left.
  if (plan.groups.length === 0)
    return flashRedirect(
      c,
      '/cart',
      notices.join(' ') || 'Your cart has nothing that can be ordered now.',
      'alert',
    )
  const totals: OrderTotals[] = choices
    ? checkChoices(c.var.db, plan, choices, c.var.clock.now()).checked.map((order) => order.totals)
    : plan.groups.map((group, index) => {
        const chosen = values[`orders.${index}.fulfilment`]
        const fulfilment =
          group.fulfilments.find((way) => way === chosen) ??
          (group.fulfilments.length === 1 ? group.fulfilments[0] : undefined)
        return orderTotals(group, fulfilment, 0)
      })
  return c.html(
    <CheckoutPage
      shell={shell(c)}
      plan={plan}
      totals={totals}
      checkoutKey={checkoutKey}
      values={values}
      errors={errors}
      notices={notices}
      currency={c.var.site.currency}
    />,
    status,
  )
}
