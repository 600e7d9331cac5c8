// A buyer's cart: which sellable units (listing/units.ts) they mean to buy, and how many.
//
// A member's cart is rows of cart_lines; a visitor's is a short list of unit ids and quantities
// kept in a cookie (src/http/cart-cookie.ts) until they sign in, when it is merged into theirs.
// Both follow the same rules, written once here over either kind of list (LineStore):
//
// - Only a unit on sale can be added: not retired, its listing published. Never from one's own
//   storefront — you cannot buy from yourself.
// - A line's quantity never passes the unit's stock when it is set (adding more is capped, and
//   says so), nor MAX_LINE_QUANTITY, nor may a cart hold more than MAX_CART_LINES lines. Stock
//   is not reserved: it can fall after a line was added, so reading a cart works out what is
//   still available, and checkout takes stock for real (takeStock) in its own transaction.
// - Prices, titles and stock are never kept in a cart, only read: what a cart shows is what the
//   listing says now.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm'
import { cartLines, listings, listingUnits, stores } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { coverPhotos, type ListingPhoto } from './listing-photos'
import type { UnitKind } from './listing/units'
import { inJsonList, prepared } from './prepared'

/** More of one thing than any neighbour buys at once: a typo, or a test of the form. */
export const MAX_LINE_QUANTITY = 99
/** Different things in one cart; also bounds the visitor's cookie. */
export const MAX_CART_LINES = 30

export type CartLine = {
  unitId: number
  listingId: number
  listingSlug: string
  listingKind: 'service' | 'product'
  title: string
  /** The package's or variant's name; empty for goods without variants. */
  unitName: string
  unitKind: UnitKind
  /** Minor units, as the listing says now. */
  price: number
  /** Null when not counted (services). */
  stock: number | null
  /** What the buyer asked for. */
  quantity: number
  /** How many of them can be bought now: 0 when off sale or sold out, at most the stock. */
  available: number
  storeId: number
  storeName: string
  storeSlug: string
  /** The listing is published, not booked by time, and the unit not retired. */
  onSale: boolean
  /** A bookable service: booked at a time on its page, not through the cart. */
  bookedByTime: boolean
  photo?: ListingPhoto
}

export type CartStore = {
  storeId: number
  storeName: string
  storeSlug: string
  lines: CartLine[]
  /** What the lines still available come to (price × available). */
  subtotal: number
}

export type Cart = {
  /** One group per store (checkout makes one order of each), in the order they were added. */
  stores: CartStore[]
  /** Every line's quantity added up, as the header's count says. */
  count: number
  subtotal: number
}

/** A visitor's cart line, as their cookie holds it. */
export type VisitorLine = { unitId: number; quantity: number }

/** What messages and redirects after a change need to name the thing changed. */
export type CartItem = { listingId: number; listingSlug: string; title: string; unitName: string }

export type CartRefusal =
  | 'not_found'
  | 'not_on_sale'
  | 'booked_by_time'
  | 'sold_out'
  | 'own_listing'
  | 'cart_full'
  | 'not_in_cart'

export type CartChange =
  | { ok: true; quantity: number; capped: boolean; item: CartItem }
  | { ok: false; reason: CartRefusal; item?: CartItem }

export type CartRemoval = { ok: true; item: CartItem } | { ok: false; reason: 'not_in_cart' }

/** The quantity a line may hold: what was asked, at most the stock (when counted) and the maximum. */
export function capQuantity(wanted: number, stock: number | null): number {
  return Math.min(wanted, MAX_LINE_QUANTITY, stock ?? MAX_LINE_QUANTITY)
}

/** How many of a line can be bought now. */
export function availableQuantity(line: Pick<CartLine, 'onSale' | 'stock' | 'quantity'>): number {
  if (!line.onSale) return 0
  return line.stock === null ? line.quantity : Math.min(line.quantity, line.stock)
}

/** Lines grouped by store, in the order given, with what the available ones come to. */
export function groupCart(lines: CartLine[]): Cart {
  const byStore = new Map<number, CartStore>()
  for (const line of lines) {
    let store = byStore.get(line.storeId)
    if (!store) {
      const { storeId, storeName, storeSlug } = line
      store = { storeId, storeName, storeSlug, lines: [], subtotal: 0 }
      byStore.set(storeId, store)
    }
    store.lines.push(line)
    store.subtotal += line.price * line.available
  }
  const stores = [...byStore.values()]
  return {
    stores,
    count: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: stores.reduce((sum, store) => sum + store.subtotal, 0),
  }
}

/** A visitor's lines added up, as the header's count says (no query: the cookie is enough). */
export function visitorCartCount(lines: VisitorLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0)
}

/** The member's cart, read afresh: prices, stock and whether each line is still on sale. */
export function readCart(db: Db, memberId: number): Cart {
  return withPhotos(db, prepared(db, memberCartRows).all({ memberId }))
}

/** A visitor's cart from their cookie's lines, in the same shape; unknown unit ids are dropped. */
export function readVisitorCart(db: Db, lines: VisitorLine[]): Cart {
  if (lines.length === 0) return groupCart([])
  const rows = db
    .select(lineColumns)
    .from(listingUnits)
    .innerJoin(listings, eq(listings.id, listingUnits.listingId))
    .innerJoin(stores, eq(stores.id, listings.storeId))
    .where(
      inArray(
        listingUnits.id,
        lines.map((line) => line.unitId),
      ),
    )
    .all()
  const byId = new Map(rows.map((row) => [row.unitId, row]))
  return withPhotos(
    db,
    lines.flatMap((line) => {
      const row = byId.get(line.unitId)
      return row ? [{ ...row, quantity: line.quantity }] : []
    }),
  )
}

/** How many things are in the member's cart: one indexed query, for the header of every page. */
export function cartCount(db: Db, memberId: number): number {
  return prepared(db, quantityInCart).get({ memberId })?.count ?? 0
}

/**
 * Adds `quantity` of a unit to the member's cart, or more of it when it is there already; the
 * line is capped by the stock and MAX_LINE_QUANTITY (`capped` says so). With `listingId`, the
 * listing whose page the form was on: a unit of any other listing is refused as not_found.
 * @example addToCart(db, clock, member.id, unitId, 2) // { ok: true, quantity: 3, capped: false, item }
 */
export function addToCart(
  db: Db,
  clock: Clock,
  memberId: number,
  unitId: number,
  quantity: number,
  listingId?: number,
): CartChange {
  assertQuantity(quantity, 1)
  return db.transaction((tx) =>
    addLine(memberLines(tx, clock.now(), memberId), tx, memberId, unitId, quantity, listingId),
  )
}

/** The same for a visitor's cookie lines; `lines` is what their cookie should hold now. */
export function addToVisitorCart(
  db: Db,
  lines: VisitorLine[],
  unitId: number,
  quantity: number,
  listingId?: number,
): CartChange & { lines: VisitorLine[] } {
  assertQuantity(quantity, 1)
  const store = visitorLines(knownLines(db, lines))
  return { ...addLine(store, db, null, unitId, quantity, listingId), lines: store.lines }
}

/**
 * Sets how many of a unit in the member's cart they want (0 removes it), capped like adding.
 * A unit that is not in their cart is not_in_cart: nobody's cart but their own is ever read.
 */
export function setCartQuantity(
  db: Db,
  memberId: number,
  unitId: number,
  quantity: number,
): CartChange {
  assertQuantity(quantity, 0)
  return db.transaction((tx) => setLine(memberLines(tx, null, memberId), tx, unitId, quantity))
}

export function setVisitorCartQuantity(
  db: Db,
  lines: VisitorLine[],
  unitId: number,
  quantity: number,
): CartChange & { lines: VisitorLine[] } {
  assertQuantity(quantity, 0)
  const store = visitorLines(knownLines(db, lines))
  return { ...setLine(store, db, unitId, quantity), lines: store.lines }
}

/** Takes a unit out of the member's cart; not_in_cart when it was not there (a double submit). */
export function removeFromCart(db: Db, memberId: number, unitId: number): CartRemoval {
  return db.transaction((tx) => removeLine(memberLines(tx, null, memberId), tx, unitId))
}

export function removeFromVisitorCart(
  db: Db,
  lines: VisitorLine[],
  unitId: number,
): CartRemoval & { lines: VisitorLine[] } {
  const store = visitorLines(knownLines(db, lines))
  return { ...removeLine(store, db, unitId), lines: store.lines }
}

/**
 * Takes the units just ordered out of the member's cart, in the caller's transaction: checkout
 * calls it after placing the orders, so a cart is emptied only by orders that exist.
 */
export function removeCartUnits(db: Db, memberId: number, unitIds: number[]) {
  if (unitIds.length === 0) return
  prepared(db, deleteCartUnits).run({ memberId, unitIds: JSON.stringify(unitIds) })
}

const deleteCartUnits = (db: Db) =>
  db
    .delete(cartLines)
    .where(
      and(
        eq(cartLines.memberId, sql.placeholder('memberId')),
        inJsonList(cartLines.unitId, 'unitIds'),
      ),
    )
    .prepare()

/**
 * At sign-in, a visitor's cookie cart joins the member's: quantities add, capped like adding;
 * lines that could not be added now (off sale, sold out, their own listing, a full cart) are
 * left out. Returns how many lines were merged.
 */
export function mergeVisitorCart(
  db: Db,
  clock: Clock,
  memberId: number,
  lines: VisitorLine[],
): number {
  for (const line of lines) assertQuantity(line.quantity, 1)
  return db.transaction((tx) => {
    const store = memberLines(tx, clock.now(), memberId)
    let merged = 0
    for (const line of lines)
      if (addLine(store, tx, memberId, line.unitId, line.quantity).ok) merged++
    return merged
  })
}

type Reader = Pick<Db, 'select'>

/** A cart's lines wherever they are kept: the member's rows, or a visitor's cookie. */
type LineStore = {
  quantityOf(unitId: number): number | undefined
  size(): number
  put(unitId: number, quantity: number): void
  remove(unitId: number): boolean
}

function memberLines(
  tx: Pick<Db, 'select' | 'insert' | 'update' | 'delete'>,
  now: Date | null,
  memberId: number,
): LineStore {
  const line = (unitId: number) =>
    and(eq(cartLines.memberId, memberId), eq(cartLines.unitId, unitId))
  return {
    quantityOf: (unitId) =>
      tx.select({ quantity: cartLines.quantity }).from(cartLines).where(line(unitId)).get()
        ?.quantity,
    size: () =>
      tx.select({ lines: count() }).from(cartLines).where(eq(cartLines.memberId, memberId)).get()
        ?.lines ?? 0,
    put: (unitId, quantity) => {
      // Only adding makes a line, and adding knows the time; setting a quantity updates one.
      if (now === null) tx.update(cartLines).set({ quantity }).where(line(unitId)).run()
      else
        tx.insert(cartLines)
          .values({ memberId, unitId, quantity, addedAt: now })
          .onConflictDoUpdate({ target: [cartLines.memberId, cartLines.unitId], set: { quantity } })
          .run()
    },
    remove: (unitId) => tx.delete(cartLines).where(line(unitId)).run().changes > 0,
  }
}

function visitorLines(initial: VisitorLine[]): LineStore & { lines: VisitorLine[] } {
  const store = {
    lines: initial,
    quantityOf: (unitId: number) => store.lines.find((line) => line.unitId === unitId)?.quantity,
    size: () => store.lines.length,
    put: (unitId: number, quantity: number) => {
      const known = store.lines.some((line) => line.unitId === unitId)
      store.lines = known
        ? store.lines.map((line) => (line.unitId === unitId ? { unitId, quantity } : line))
        : [...store.lines, { unitId, quantity }]
    },
    remove: (unitId: number) => {
      const before = store.lines.length
      store.lines = store.lines.filter((line) => line.unitId !== unitId)
      return store.lines.length < before
    },
  }
  return store
}

function addLine(
  lines: LineStore,
  db: Reader,
  buyerId: number | null,
  unitId: number,
  quantity: number,
  listingId?: number,
): CartChange {
  const unit = findSellable(db, unitId)
  if (!unit || (listingId !== undefined && unit.listingId !== listingId))
    return { ok: false, reason: 'not_found' }
  const item = itemOf(unit)
  const refused = refusal(unit, buyerId)
  if (refused) return { ok: false, reason: refused, item }
  const had = lines.quantityOf(unitId)
  if (had === undefined && lines.size() >= MAX_CART_LINES)
    return { ok: false, reason: 'cart_full', item }
  const wanted = (had ?? 0) + quantity
  const now = capQuantity(wanted, unit.stock)
  lines.put(unitId, now)
  return { ok: true, quantity: now, capped: now < wanted, item }
}

function setLine(lines: LineStore, db: Reader, unitId: number, quantity: number): CartChange {
  if (lines.quantityOf(unitId) === undefined) return { ok: false, reason: 'not_in_cart' }
  const unit = findSellable(db, unitId)
  if (!unit) return { ok: false, reason: 'not_found' }
  const item = itemOf(unit)
  if (quantity === 0) {
    lines.remove(unitId)
    return { ok: true, quantity: 0, capped: false, item }
  }
  const refused = refusal(unit, null)
  if (refused) return { ok: false, reason: refused, item }
  const now = capQuantity(quantity, unit.stock)
  lines.put(unitId, now)
  return { ok: true, quantity: now, capped: now < quantity, item }
}

function removeLine(lines: LineStore, db: Reader, unitId: number): CartRemoval {
  if (!lines.remove(unitId)) return { ok: false, reason: 'not_in_cart' }
  const unit = findSellable(db, unitId)
  return unit ? { ok: true, item: itemOf(unit) } : { ok: false, reason: 'not_in_cart' }
}

/**
 * A visitor's lines without the unit ids that name no unit (a tampered cookie), so the cookie
 * written back after a change holds only what its cart page shows, and the header counts that.
 */
function knownLines(db: Reader, lines: VisitorLine[]): VisitorLine[] {
  if (lines.length === 0) return lines
  const known = new Set(
    db
      .select({ id: listingUnits.id })
      .from(listingUnits)
      .where(
        inArray(
          listingUnits.id,
          lines.map((line) => line.unitId),
        ),
      )
      .all()
      .map((unit) => unit.id),
  )
  return lines.filter((line) => known.has(line.unitId))
}

/** Why this buyer (null: a visitor) cannot have this unit in their cart now, if they cannot. */
function refusal(unit: Sellable, buyerId: number | null): CartRefusal | undefined {
  if (unit.bookedByTime) return 'booked_by_time'
  if (!unit.onSale) return 'not_on_sale'
  if (buyerId !== null && unit.ownerId === buyerId) return 'own_listing'
  if (unit.stock === 0) return 'sold_out'
  return undefined
}

function assertQuantity(quantity: number, least: number) {
  if (!Number.isSafeInteger(quantity) || quantity < least)
    throw new RangeError(`a cart quantity is a whole number from ${least}, not ${quantity}`)
}

/** What a line shows of its unit, listing and store: everything but the quantity. */
const lineColumns = {
  unitId: listingUnits.id,
  listingId: listings.id,
  listingSlug: listings.slug,
  listingKind: listings.kind,
  title: listings.title,
  unitName: listingUnits.name,
  unitKind: listingUnits.kind,
  price: listingUnits.price,
  stock: listingUnits.stock,
  storeId: stores.id,
  storeName: stores.name,
  storeSlug: stores.slug,
  // A bookable service is booked at a time on its page (booking/placing.ts), never bought
  // through the cart: a line for one (added before it became bookable) cannot be checked out.
  onSale:
    sql<boolean>`(${listings.status} = 'published' AND ${listingUnits.retiredAt} IS NULL AND NOT ${listings.bookable})`
      .mapWith(Boolean)
      .as('on_sale'),
  bookedByTime: listings.bookable,
}

type LineRow = Omit<CartLine, 'available' | 'photo'>
type Sellable = Omit<LineRow, 'quantity'> & { ownerId: number }

function findSellable(db: Reader, unitId: number): Sellable | undefined {
  return db
    .select({ ...lineColumns, ownerId: stores.memberId })
    .from(listingUnits)
    .innerJoin(listings, eq(listings.id, listingUnits.listingId))
    .innerJoin(stores, eq(stores.id, listings.storeId))
    .where(eq(listingUnits.id, unitId))
    .get()
}

function itemOf(unit: Sellable): CartItem {
  const { listingId, listingSlug, title, unitName } = unit
  return { listingId, listingSlug, title, unitName }
}

function withPhotos(db: Db, rows: LineRow[]): Cart {
  const covers = coverPhotos(db, [...new Set(rows.map((row) => row.listingId))])
  return groupCart(
    rows.map((row) => {
      const photo = covers.get(row.listingId)
      return { ...row, available: availableQuantity(row), ...(photo ? { photo } : {}) }
    }),
  )
}

// On every signed-in page, in the header: the primary key (member_id, unit_id) finds the rows.
// Read by every cart page, checkout page and placing of orders: built once per connection.
const memberCartRows = (db: Db) =>
  db
    .select({ ...lineColumns, quantity: cartLines.quantity })
    .from(cartLines)
    .innerJoin(listingUnits, eq(listingUnits.id, cartLines.unitId))
    .innerJoin(listings, eq(listings.id, listingUnits.listingId))
    .innerJoin(stores, eq(stores.id, listings.storeId))
    .where(eq(cartLines.memberId, sql.placeholder('memberId')))
    .orderBy(asc(cartLines.addedAt), asc(cartLines.unitId))
    .prepare()

const quantityInCart = (db: Db) =>
  db
    .select({ count: sql<number>`coalesce(sum(${cartLines.quantity}), 0)` })
    .from(cartLines)
    .where(eq(cartLines.memberId, sql.placeholder('memberId')))
    .prepare()
