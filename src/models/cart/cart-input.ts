// The cart's forms as zod schemas. Quantities are whole numbers within bounds; anything else
// (zero where it makes no sense, negative, fractional, huge, a field sent twice) is refused with
// a message for the field, before any model sees it.
import { z } from 'zod'
import { MAX_LINE_QUANTITY } from '../cart'
import { wholeNumberField } from '../listing/listing-input'

/** A unit or listing id from a form: digits that make a safe integer, else refused. */
function idField(message: string) {
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,15}$/, message)
    .transform(Number)
}

/** POST /cart/lines, from a listing's page: which unit, how many (1 when the form has no field). */
export const addToCartSchema = z.object({
  unitId: idField('Choose one of the options.'),
  quantity: wholeNumberField(
    1,
    MAX_LINE_QUANTITY,
    `Enter a quantity from 1 to ${MAX_LINE_QUANTITY}.`,
  ).transform((quantity) => quantity ?? 1),
  /** The listing whose page the form is on: a unit of any other listing is refused. */
  listingId: idField('This form is out of date. Reload the page.').optional(),
  returnTo: z.string().optional(),
})

/** POST /cart/lines/:unitId, from the cart: the quantity wanted now, 0 to remove the line. */
export const cartQuantitySchema = z.object({
  quantity: wholeNumberField(
    0,
    MAX_LINE_QUANTITY,
    `Enter a quantity from 0 to ${MAX_LINE_QUANTITY} (0 removes it).`,
  ).pipe(z.number({ error: 'Enter a quantity, or 0 to remove it.' })),
})
