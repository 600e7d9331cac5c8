// The operator's "Record a payout" form as a zod schema: the amount handed over, typed the way
// the market writes money, and what proves it (a receipt number, a mobile money transaction id).
import { z } from 'zod'
import { singleLine } from '../lib/text'
import { requiredPriceField, type MoneyFormat } from './listing/listing-input'

export const PAYOUT_AMOUNT_REQUIRED = 'Enter the amount handed to the store.'
export const PAYOUT_NOT_POSITIVE = 'Enter an amount above zero.'

/**
 * `owedWas` is the balance the form was made from: a second submit of the same form (a double
 * click, a refresh) no longer matches it and is refused (ledger.ts recordPayout).
 */
export function payoutSchema(money: MoneyFormat) {
  return z.object({
    amount: requiredPriceField(money, PAYOUT_AMOUNT_REQUIRED).refine(
      (amount) => amount > 0,
      PAYOUT_NOT_POSITIVE,
    ),
    reference: singleLine(120, {
      required: 'Say how it was paid, e.g. “Cash, receipt 12” or the mobile money transaction id.',
    }),
    // Only ever what this page wrote: anything else is ignored rather than shown as an error.
    owedWas: z
      .string()
      .optional()
      .transform((text) => (text && /^-?\d{1,15}$/.test(text) ? Number(text) : undefined)),
  })
}
