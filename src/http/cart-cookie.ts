// A visitor's cart, kept in a cookie until they sign in (then merged into their own: see
// mergeVisitorCart). A cookie rather than rows: a visitor has no member to hang rows on, and
// anything we stored for every passer-by would need cleaning up after them.
//
// It holds only unit ids and quantities, "12-2.15-1": never a price, a title or stock, which
// are read again on every page, so a tampered cookie can say no more than the add form can
// (which units, how many) and the cart's rules still apply. It is read line by line and a line
// that is not "id-quantity" within bounds is skipped, so garbage costs a visitor that line, not
// their cart; at most MAX_CART_LINES lines are read. It is set only by the cart's own POSTs,
// never on a GET: a visitor without it still gets pages from the page cache.
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { DAY } from '../lib/clock'
import { MAX_CART_LINES, MAX_LINE_QUANTITY, type VisitorLine } from '../models/cart'
import type { AppEnv } from './env'

/** A visitor coming back within the month finds their cart as they left it. */
const LIFETIME_SECONDS = (30 * DAY) / 1000
const LINE = /^(\d{1,12})-(\d{1,2})$/
/** Longer than 30 of the longest lines could be: whatever is past it is not read. */
const MAX_VALUE_LENGTH = MAX_CART_LINES * 16

/** Like the session cookie: `__Host-` pins it to our exact host over HTTPS. */
function cookieName<E extends AppEnv>(c: Context<E>) {
  return c.get('config').secureCookies ? '__Host-souk_cart' : 'souk_cart'
}

/** The visitor's cart lines; none when there is no cookie, or nothing usable in it. */
export function readCartCookie<E extends AppEnv>(c: Context<E>): VisitorLine[] {
  return parseCartCookie(getCookie(c, cookieName(c)))
}

/** Keeps these lines for the visitor; no lines, no cookie. */
export function writeCartCookie<E extends AppEnv>(c: Context<E>, lines: VisitorLine[]) {
  if (lines.length === 0) return clearCartCookie(c)
  setCookie(c, cookieName(c), formatCartCookie(lines), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('config').secureCookies,
    maxAge: LIFETIME_SECONDS,
  })
}

/** Forgets the visitor's cart (merged at sign-in, or emptied); nothing is sent if there was none. */
export function clearCartCookie<E extends AppEnv>(c: Context<E>) {
  if (getCookie(c, cookieName(c)) === undefined) return
  deleteCookie(c, cookieName(c), { path: '/', secure: c.get('config').secureCookies })
}

/**
 * Reads a cookie's value into lines, skipping any that is not `id-quantity` with a quantity
 * from 1 to MAX_LINE_QUANTITY, or repeats a unit already read.
 * @example parseCartCookie('12-2.x.15-1.12-5') // [{ unitId: 12, quantity: 2 }, { unitId: 15, quantity: 1 }]
 */
export function parseCartCookie(value: string | undefined): VisitorLine[] {
  if (!value) return []
  const lines: VisitorLine[] = []
  for (const part of value.slice(0, MAX_VALUE_LENGTH).split('.')) {
    if (lines.length === MAX_CART_LINES) break
    const match = LINE.exec(part)
    if (!match) continue
    const unitId = Number(match[1])
    const quantity = Number(match[2])
    if (unitId < 1 || quantity < 1 || quantity > MAX_LINE_QUANTITY) continue
    if (lines.some((line) => line.unitId === unitId)) continue
    lines.push({ unitId, quantity })
  }
  return lines
}

export function formatCartCookie(lines: VisitorLine[]): string {
  return lines
    .slice(0, MAX_CART_LINES)
    .map((line) => `${line.unitId}-${line.quantity}`)
    .join('.')
}
