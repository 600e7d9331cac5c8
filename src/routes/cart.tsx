import { Hono, type Context } from 'hono'
import { AddToCartStatus } from '../../views/cart/add-to-cart'
import { CartLink } from '../../views/cart/cart-link'
import { CartPage } from '../../views/cart/cart-page'
import { clearCartCookie, readCartCookie, writeCartCookie } from '../http/cart-cookie'
import type { AppEnv, MarketEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { parseForm, type FormErrors, type FormValues } from '../http/forms'
import { FRAGMENT_VARY, wantsFragment } from '../http/htmx'
import { safeReturnPath, seeOther } from '../http/redirects'
import { shell } from '../http/shell'
import {
  addToCart,
  addToVisitorCart,
  cartCount,
  mergeVisitorCart,
  readCart,
  readVisitorCart,
  removeFromCart,
  removeFromVisitorCart,
  setCartQuantity,
  setVisitorCartQuantity,
  visitorCartCount,
  MAX_CART_LINES,
  type CartChange,
  type CartItem,
  type CartRefusal,
} from '../models/cart'
import { addToCartSchema, cartQuantitySchema } from '../models/cart/cart-input'
import { listingPath } from '../models/listing'

/**
 * The cart: GET /cart shows it; POST /cart/lines adds from a listing's page; POST
 * /cart/lines/:unitId sets a line's quantity, or removes it (`_method=DELETE`, as plain forms say
 * it). There is no cart id anywhere: the cart is always the member's own (their rows) or the
 * visitor's (their cookie), so a unit id names a line of that cart and no other.
 */
export const cart = new Hono<MarketEnv>()
  .get('/', (c) => renderCart(c))

  .post('/lines', async (c) => {
    const form = await parseForm(c, addToCartSchema)
    c.header('Vary', FRAGMENT_VARY, { append: true })
    if (!form.ok) {
      const [message] = Object.values(form.errors)
      return refuseAdd(c, message!, safeReturnPath(form.values.returnTo, '/cart'))
    }
    const { unitId, quantity, listingId, returnTo } = form.data
    const member = c.var.member
    let result: CartChange
    let count: () => number
    if (member) {
      result = addToCart(c.var.db, c.var.clock, member.id, unitId, quantity, listingId)
      count = () => cartCount(c.var.db, member.id)
    } else {
      const visitor = addToVisitorCart(c.var.db, readCartCookie(c), unitId, quantity, listingId)
      if (visitor.ok) writeCartCookie(c, visitor.lines)
      result = visitor
      count = () => visitorCartCount(visitor.lines)
    }
    const back = safeReturnPath(returnTo, result.item ? pathOf(result.item) : '/cart')
    if (!result.ok) return refuseAdd(c, refusalMessage(result.reason), back)
    if (wantsFragment(c))
      return c.html(
        <>
          <AddToCartStatus message={addedStatus(result.quantity, result.capped)} />
          <CartLink count={count()} outOfBand />
        </>,
      )
    return flashRedirect(c, back, addedMessage(result.item, result.quantity, result.capped))
  })

  .post('/lines/:unitId{[0-9]+}', async (c) => {
    const unitId = readId(c.req.param('unitId'))
    if (unitId === undefined) return c.notFound()
    const form = await parseForm(c, cartQuantitySchema)
    if (form.values._method?.toUpperCase() === 'DELETE') return removeLine(c, unitId)
    if (!form.ok) return renderCart(c, { unitId, errors: form.errors, values: form.values }, 422)
    const member = c.var.member
    let result: CartChange
    if (member) result = setCartQuantity(c.var.db, member.id, unitId, form.data.quantity)
    else {
      const visitor = setVisitorCartQuantity(
        c.var.db,
        readCartCookie(c),
        unitId,
        form.data.quantity,
      )
      if (visitor.ok) writeCartCookie(c, visitor.lines)
      result = visitor
    }
    if (!result.ok) {
      if (!result.item || result.reason === 'not_in_cart') return c.notFound()
      // The cart page shows the line as it is now, saying why; the message says what happened.
      const why = result.reason === 'sold_out' ? 'is sold out' : 'is not on sale just now'
      return flashRedirect(c, '/cart', `Sorry, ${itemName(result.item)} ${why}.`, 'alert')
    }
    return flashRedirect(c, '/cart', quantityMessage(result.item, result.quantity, result.capped))
  })

/**
 * Right after signing in or up: the cart the visitor filled joins the member's, and the cookie
 * goes. Lines that cannot be added now are dropped (the cart page would only show them as such).
 */
export function mergeCartAtSignIn<E extends AppEnv>(c: Context<E>, memberId: number) {
  const lines = readCartCookie(c)
  if (lines.length > 0) mergeVisitorCart(c.get('db'), c.get('clock'), memberId, lines)
  clearCartCookie(c)
}

type Refused = { unitId: number; errors: FormErrors; values: FormValues }

function renderCart(c: Context<MarketEnv>, refused?: Refused, status: 200 | 422 = 200) {
  const member = c.var.member
  const current = member
    ? readCart(c.var.db, member.id)
    : readVisitorCart(c.var.db, readCartCookie(c))
  return c.html(
    <CartPage
      shell={shell(c, { cartCount: current.count })}
      cart={current}
      currency={c.var.site.currency}
      refused={refused}
    />,
    status,
  )
}

/** Removing what is not (or no longer) in the cart is harmless: a double submit, another tab. */
function removeLine(c: Context<MarketEnv>, unitId: number) {
  const member = c.var.member
  let removed: { ok: true; item: CartItem } | { ok: false }
  if (member) removed = removeFromCart(c.var.db, member.id, unitId)
  else {
    const visitor = removeFromVisitorCart(c.var.db, readCartCookie(c), unitId)
    writeCartCookie(c, visitor.lines)
    removed = visitor
  }
  if (!removed.ok) return seeOther(c, '/cart')
  return flashRedirect(c, '/cart', `Removed ${itemName(removed.item)} from your cart.`)
}

/** A listing page's add form was refused: back there with why, or why in its status line. */
function refuseAdd(c: Context<MarketEnv>, message: string, back: string) {
  if (wantsFragment(c)) return c.html(<AddToCartStatus message={message} refused />, 422)
  return flashRedirect(c, back, message, 'alert')
}

function refusalMessage(reason: CartRefusal): string {
  switch (reason) {
    case 'not_in_cart':
      return 'That is not in your cart any more.'
    case 'not_found':
      return 'That is not one of this listing’s options any more. Reload the page and choose again.'
    case 'not_on_sale':
      return 'Sorry, this is not on sale just now.'
    case 'booked_by_time':
      return 'This service is booked at a time: choose one on its page.'
    case 'sold_out':
      return 'Sorry, that is sold out.'
    case 'own_listing':
      return 'This is your own listing: you cannot buy from yourself.'
    case 'cart_full':
      return `Your cart holds ${MAX_CART_LINES} different things already. Check out or remove something first.`
  }
}

/** "Mango jam (Small jar)", or the title alone for goods without variants. */
function itemName(item: CartItem): string {
  return item.unitName ? `${item.title} (${item.unitName})` : item.title
}

function addedMessage(item: CartItem, quantity: number, capped: boolean): string {
  if (capped) return `${itemName(item)}: only ${quantity} available, so your cart has ${quantity}.`
  return `Added ${itemName(item)} to your cart (${quantity} in your cart).`
}

/** The status line beside the button, which already says what was added. */
function addedStatus(quantity: number, capped: boolean): string {
  return capped
    ? `Only ${quantity} available — ${quantity} in your cart.`
    : `Added — ${quantity} in your cart.`
}

function quantityMessage(item: CartItem, quantity: number, capped: boolean): string {
  if (quantity === 0) return `Removed ${itemName(item)} from your cart.`
  if (capped) return `${itemName(item)}: only ${quantity} available, so your cart has ${quantity}.`
  return `${itemName(item)}: ${quantity} in your cart.`
}

function pathOf(item: CartItem): string {
  return listingPath({ id: item.listingId, slug: item.listingSlug })
}

/** A unit id from the path: digits that make a safe integer, else undefined. */
function readId(value: string): number | undefined {
  return /^\d{1,15}$/.test(value) ? Number(value) : undefined
}
