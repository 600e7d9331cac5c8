import { Hono } from 'hono'
import { z } from 'zod'
import type { MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm } from '../../http/forms'
import { requireMember } from '../../http/session'
import { findOrderForMember } from '../../models/order'
import { MAX_REASON_LENGTH, takeOrderStep } from '../../models/order/steps'
import { ORDER_ACTIONS, type OrderAction } from '../../models/order/transitions'
import { actionButton, statusLabel } from '../../../views/orders/order-words'
import { renderOrderPage } from '../orders'

const stepSchema = z.object({
  action: z.enum(ORDER_ACTIONS as [OrderAction, ...OrderAction[]]),
  /** The status the page showed when the button was pressed. */
  status: z.string().default(''),
  reason: z
    .string()
    .trim()
    .max(MAX_REASON_LENGTH, `Use at most ${MAX_REASON_LENGTH} characters.`)
    .default(''),
  /** Where the button was: the sales inbox goes back there. */
  return: z.enum(['sales', 'order']).catch('order'),
})

/**
 * POST /orders/:code/steps — one step of the order's life (accept, decline, mark delivered…), by
 * whoever the order lets take it (models/order/transitions.ts). Not a party to the order: 404.
 */
export const orderSteps = new Hono<MarketEnv>().post('/', requireMember, async (c) => {
  const access = findOrderForMember(c.var.db, c.var.member, c.req.param('code') ?? '')
  if (!access) return c.notFound()
  const { order } = access
  const back = `/orders/${order.code}`
  const form = await parseForm(c, stepSchema)
  if (!form.ok) {
    const action = ORDER_ACTIONS.find((known) => known === form.values.action)
    if (!action) return flashRedirect(c, back, 'That is not a step an order can take.', 'alert')
    return renderOrderPage(c, access, { form: action, values: form.values, errors: form.errors })
  }
  const { action, status, reason } = form.data
  const returnTo = form.data.return === 'sales' ? '/sales' : back
  if (status !== '' && status !== order.status)
    return flashRedirect(c, back, changedMeanwhile(order), 'alert')
  const result = takeOrderStep(c.var, access, action, reason)
  if (result.ok)
    return flashRedirect(
      c,
      returnTo,
      `${actionButton(order.kind, action)}: done. The other side has been told.`,
    )
  switch (result.reason) {
    case 'reason_required':
      return renderOrderPage(c, access, {
        form: action,
        values: form.values,
        errors: { reason: 'Say why: the other side sees it on the order.' },
      })
    case 'changed_meanwhile':
      return flashRedirect(c, back, changedMeanwhile(null), 'alert')
    case 'not_allowed':
      return flashRedirect(
        c,
        back,
        `“${actionButton(order.kind, action)}” is not possible for you on this order now (it is ${statusLabel(order).toLowerCase()}).`,
        'alert',
      )
  }
})

function changedMeanwhile(order: Parameters<typeof statusLabel>[0] | null): string {
  return order
    ? `This order changed while you had it open: it is now ${statusLabel(order).toLowerCase()}. Nothing else was changed.`
    : 'This order changed while you had it open. Nothing else was changed; here it is now.'
}
