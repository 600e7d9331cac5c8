import { Hono } from 'hono'
import { z } from 'zod'
import type { MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm } from '../../http/forms'
import { requireMember } from '../../http/session'
import { findOrderForMember } from '../../models/order'
import { MAX_REASON_LENGTH, recordPayment } from '../../models/order/steps'
import { renderOrderPage } from '../orders'

const paymentSchema = z.object({
  reference: z
    .string()
    .trim()
    .min(1, 'Write the reference the buyer quoted, or “cash” and a receipt number.')
    .max(MAX_REASON_LENGTH, `Use at most ${MAX_REASON_LENGTH} characters.`),
})

/**
 * POST /orders/:code/payment — the provider (or the operator) records that the buyer paid: the
 * money is then held for the order until it completes (models/ledger.ts). Once per order.
 */
export const orderPayment = new Hono<MarketEnv>().post('/', requireMember, async (c) => {
  const access = findOrderForMember(c.var.db, c.var.member, c.req.param('code') ?? '')
  if (!access) return c.notFound()
  const back = `/orders/${access.order.code}`
  const form = await parseForm(c, paymentSchema)
  if (!form.ok) return renderOrderPage(c, access, { form: 'payment', ...form })
  const result = recordPayment(c.var, access, form.data.reference)
  if (result.ok) return flashRedirect(c, back, 'Payment recorded. The buyer has been told.')
  if (result.reason === 'already_paid')
    return flashRedirect(c, back, 'This order’s payment was already recorded.', 'alert')
  return flashRedirect(
    c,
    back,
    'Only the store or the market’s operator records payments.',
    'alert',
  )
})
