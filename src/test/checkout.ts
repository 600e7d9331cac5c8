// Test support: buying as a browser does — add to the cart, open checkout, submit its form with
// the choices a buyer would make — so order tests start from orders placed the real way.
import { expect } from 'vitest'
import { page, type TestMarket } from './app'
import { formFields } from './form-fields'

type Fields = Record<string, string | string[]>

/** Puts `quantity` of a unit in the member's cart, through the cart's own form post. */
export async function addToCart(market: TestMarket, cookie: string, unitId: number, quantity = 1) {
  const response = await market.post(
    '/cart/lines',
    { unitId: String(unitId), quantity: String(quantity) },
    { cookie },
  )
  expect(response.status, 'adding to the cart').toBe(303)
}

/** Opens checkout and returns its form's fields, as the page would submit them untouched. */
export async function openCheckout(market: TestMarket, cookie: string): Promise<Fields> {
  const response = await market.get('/checkout', { cookie })
  expect(response.status, 'opening checkout').toBe(200)
  const form = (await page(response)).querySelector('form.checkout')
  if (!form) throw new Error('checkout has no form')
  return formFields(form)
}

/** Submits checkout with the page's fields plus `choices`; intent "place" unless said otherwise. */
export function submitCheckout(
  market: TestMarket,
  cookie: string,
  fields: Fields,
  choices: Fields = {},
) {
  return market.post(
    '/checkout',
    { intent: 'place', ...fields, contactPhone: fields.contactPhone || '0712 345 678', ...choices },
    { cookie },
  )
}

/**
 * Buys one unit from a cart of just that, with the first way of receiving and paying that
 * checkout offers (and an address, in case it needs one). Returns the new order's code.
 */
export async function buy(
  market: TestMarket,
  cookie: string,
  unitId: number,
  quantity = 1,
  choices: Fields = {},
): Promise<string> {
  await addToCart(market, cookie, unitId, quantity)
  const fields = await openCheckout(market, cookie)
  const response = await submitCheckout(market, cookie, fields, {
    'orders.0.address': 'Behind the mosque, blue gate',
    ...choices,
  })
  expect(response.status, 'placing the order').toBe(303)
  const location = response.headers.get('Location') ?? ''
  const code = /^\/orders\/([A-Z0-9]+)$/.exec(location)?.[1]
  if (!code) throw new Error(`checkout went to ${location}`)
  return code
}
