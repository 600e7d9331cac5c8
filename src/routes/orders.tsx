import { Hono } from 'hono'
import type { Context } from 'hono'
import { OrderPage, type OfferedStep } from '../../views/orders/order-page'
import { OrdersPage } from '../../views/orders/orders-page'
import { ReceiptPage } from '../../views/orders/receipt-page'
import type { FormErrors, FormValues } from '../http/forms'
import type { MarketEnv, MemberEnv } from '../http/env'
import { requireMember } from '../http/session'
import { liveFrom, shell } from '../http/shell'
import type { Db } from '../db'
import { markSubjectRead } from '../models/notification'
import type { Site } from '../models/site'
import { formatMoney } from '../lib/money'
import { readPageNumber } from '../lib/pagination'
import {
  findOrderForMember,
  listBuyerOrders,
  orderDetails,
  type OrderAccess,
} from '../models/order'
import { orderState } from '../models/order/steps'
import { isFinal, nextOrderStatus, ORDER_ACTIONS } from '../models/order/transitions'
import { paymentInstructions } from '../models/payment-methods'
import { orderReviews } from '../models/review/order-reviews'
import { sideThatAnswers, sideThatMayMove } from '../models/booking/reschedule'

/** An order's address: its public code (lib/tokens readableCode). */
export const ORDER = '/:code{[A-Z0-9]{6,16}}'

/**
 * GET /orders — the buyer's orders. GET /orders/:code — one order, for its buyer, its provider
 * or the operator (anyone else: 404). GET /orders/:code/receipt — printable.
 */
export const orderPages = new Hono<MarketEnv>()
  .get('/', requireMember, (c) => {
    const { orders, page } = listBuyerOrders(
      c.var.db,
      c.var.member.id,
      readPageNumber(c.req.query('page')),
    )
    return c.html(
      <OrdersPage
        shell={shell(c, { live: liveFrom(c, page.number === 1 ? 'orders' : '') })}
        orders={orders}
        page={page}
        timeZone={c.var.site.timeZone}
      />,
    )
  })
  .get(ORDER, requireMember, (c) => {
    const access = findOrderForMember(c.var.db, c.var.member, c.req.param('code'))
    if (!access) return c.notFound()
    return renderOrderPage(c, access)
  })
  .get(`${ORDER}/receipt`, requireMember, (c) => {
    const access = findOrderForMember(c.var.db, c.var.member, c.req.param('code'))
    if (!access) return c.notFound()
    const { order } = access
    return c.html(
      <ReceiptPage
        shell={shell(c)}
        order={order}
        details={orderDetails(c.var.db, order)}
        timeZone={c.var.site.timeZone}
      />,
    )
  })

/** The order page as the member of `access` sees it, with a refused form shown where it was. */
export function renderOrderPage(
  c: Context<MemberEnv>,
  access: OrderAccess,
  refused?: { form: OfferedStep['action'] | 'payment'; values: FormValues; errors: FormErrors },
) {
  markSubjectRead(c.var.db, c.var.member.id, `order:${access.order.code}`, c.var.clock.now())
  return c.html(
    <OrderPage
      shell={shell(c, {
        live: liveFrom(c, `order:${access.order.code}`),
        // A store's order is one of its sales; a purchase is one of the member's orders.
        section: access.roles.includes('buyer')
          ? '/orders'
          : access.roles.includes('provider')
            ? '/sales'
            : undefined,
      })}
      {...orderView(c.var.db, c.var.site, access, c.var.clock.now())}
      refused={refused}
    />,
    refused ? 422 : 200,
  )
}

/** What the order page shows the member of `access` now: the page's and a live update's. */
export function orderView(db: Db, site: Site, access: OrderAccess, now: Date) {
  const { order, roles } = access
  const details = orderDetails(db, order)
  const steps: OfferedStep[] = []
  const state = orderState(order, { booking: access.booking, now })
  for (const action of ORDER_ACTIONS) {
    const transition = roles
      .map((role) => nextOrderStatus(state, action, role))
      .find((found) => found !== null)
    if (transition) steps.push({ action, needsReason: transition.needsReason })
  }
  const canRecordPayment =
    !order.paidAt &&
    order.total > 0 &&
    (roles.includes('provider') || roles.includes('operator')) &&
    order.status !== 'refunded'
  const toPay = !order.paidAt && order.total > 0 && !isFinal(order.status)
  const total = formatMoney({ amount: order.total, currency: order.currency }, site.locale)
  return {
    order,
    details,
    roles,
    steps,
    canRecordPayment,
    paymentInstructions: toPay
      ? paymentInstructions(order.paymentMethod, details.store, { code: order.code, total })
      : null,
    timeZone: site.timeZone,
    reviews: orderReviews(db, access, now),
    now,
    booking: access.booking,
    bookingMoves: {
      canPropose: sideThatMayMove(access, now) !== undefined,
      canAnswer: sideThatAnswers(access, now) !== undefined,
    },
  }
}
