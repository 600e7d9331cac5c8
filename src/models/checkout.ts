// Checkout: a member's cart becomes orders, all of them or none.
//
// One order per store and kind: goods and services move through different steps (order/
// transitions.ts), so a store's goods and its services in one cart become two orders. Each order
// is received one way that every listing in it offers (goods: pickup or delivery; services: at
// the customer's, at the provider's or online), is paid by a method the market enabled and the
// store can take (payment-methods.ts), and may carry one coupon (coupon.ts).
//
// What the buyer saw is what they buy. The form carries, for every line, the unit, quantity and
// price the page showed; if the cart no longer says the same (a price changed, stock ran short,
// a listing was paused, another tab added something), nothing is placed and the page comes back
// with what changed. Prices are never read from the form: they only detect a change.
//
// Stock is taken inside the transaction that creates the orders, by guarded updates (takeStock):
// if two buyers race for the last one, one order is placed and the other buyer is told it sold
// out, with nothing half-written. A coupon's use is taken the same way. Checkouts that arrive
// together share that transaction and its one commit, each in a savepoint of its own
// (group-commit.ts): a refused one keeps nothing, and nobody is answered before the commit.
//
// Idempotent: the form carries a random checkout key, and the orders of a checkout remember it.
// A double click, a refresh, a resubmit from the back button or a second tab posting the same
// form finds the orders already placed with that key and shows them instead of placing more.
import { inArray, sql } from 'drizzle-orm'
import { listings, orderEvents, orderLines, orders, stores } from '../../db/schema'
import type { Db } from '../db'
import { readableCode } from '../lib/tokens'
import { readCart, removeCartUnits, type CartLine } from './cart'
import { couponDiscount, findCouponByCode, useCoupon, type Coupon } from './coupon'
import { commitTogether } from './group-commit'
import { listingLocations } from './listing'
import { takeStock } from './listing/units'
import { ordersOfCheckout, type Order } from './order'
import { inJsonList, prepared } from './prepared'
import type { OrderDeps } from './order/steps'
import { recordOrderNews } from './order/news'
import { publishEvents, type LiveEvent } from '../live/events'
import { storePaymentMethods, type PaymentMethod } from './payment-methods'
import type { SessionMember } from './session'
import type { Site } from './site'
import { transactionUnlessRefused } from './transaction'

export type OrderKind = Order['kind']
export type Fulfilment = Order['fulfilment']

export const MAX_ADDRESS_LENGTH = 300
export const MAX_NOTE_LENGTH = 1000

/** One order to be: a store's lines of one kind, and the choices it allows. */
export type CheckoutGroup = {
  storeId: number
  storeName: string
  storeSlug: string
  kind: OrderKind
  lines: CartLine[]
  /** Ways every listing in it can be received; empty when they have none in common. */
  fulfilments: Fulfilment[]
  /** The fee if delivered: the highest of its listings' fees (one trip brings everything). */
  deliveryFee: number
  paymentMethods: PaymentMethod[]
  subtotal: number
}

export type CheckoutPlan = {
  groups: CheckoutGroup[]
  /** Lines in the cart that cannot be bought now (sold out, paused): left out, and said so. */
  unavailable: CartLine[]
}

/** What the buyer chose for one order. */
export type OrderChoice = {
  storeId: number
  kind: OrderKind
  fulfilment?: Fulfilment | undefined
  address: string
  note: string
  paymentMethod?: PaymentMethod | undefined
  coupon: string
}

/** A line as the checkout page showed it. */
export type SeenLine = { unitId: number; quantity: number; price: number }

export type CheckoutInput = {
  checkoutKey: string
  contactPhone: string
  seen: SeenLine[]
  orders: OrderChoice[]
}

/** What changed between the page the buyer saw and the cart now. */
export type CartDifference =
  | { kind: 'price'; title: string; was: number; now: number }
  | { kind: 'quantity'; title: string; was: number; now: number }
  | { kind: 'unavailable'; title: string }
  | { kind: 'added'; title: string }

/** Why one order's choices cannot be placed; keyed by field, like form errors. */
export type ChoiceProblem =
  | 'no_common_fulfilment'
  | 'fulfilment'
  | 'address'
  | 'payment_method'
  | 'coupon_unknown'
  | 'coupon_retired'
  | 'coupon_expired'
  | 'coupon_used_up'
  | 'coupon_other_store'
  | 'coupon_below_minimum'

/** An order's amounts as they would be placed. */
export type OrderTotals = { subtotal: number; deliveryFee: number; discount: number; total: number }

export type CheckoutResult =
  | {
      ok: true
      orders: Order[]
      repeated: boolean
      /** What the buyer's and the stores' pages are told, once committed. */
      news: LiveEvent[]
    }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'cart_changed'; differences: CartDifference[] }
  | { ok: false; reason: 'invalid'; problems: Record<string, ChoiceProblem> }

/** The member's cart as orders to be, with the choices each allows. */
export function planCheckout(db: Db, site: Site, memberId: number): CheckoutPlan {
  const cart = readCart(db, memberId)
  const lines = cart.stores.flatMap((store) => store.lines)
  const available = lines.filter((line) => line.available > 0)
  const listingRows = available.length
    ? prepared(db, listingsById).all({ ids: JSON.stringify(available.map((l) => l.listingId)) })
    : []
  const storeRows = available.length
    ? prepared(db, storesById).all({ ids: JSON.stringify(available.map((l) => l.storeId)) })
    : []
  const groups = new Map<string, CheckoutGroup>()
  for (const line of available) {
    const kind: OrderKind = line.listingKind === 'product' ? 'goods' : 'service'
    const key = `${line.storeId}:${kind}`
    let group = groups.get(key)
    if (!group) {
      const store = storeRows.find((row) => row.id === line.storeId)
      if (!store) continue
      group = {
        storeId: line.storeId,
        storeName: line.storeName,
        storeSlug: line.storeSlug,
        kind,
        lines: [],
        fulfilments: [],
        deliveryFee: 0,
        paymentMethods: storePaymentMethods(site, store),
        subtotal: 0,
      }
      groups.set(key, group)
    }
    group.lines.push({ ...line, quantity: line.available })
    group.subtotal += line.price * line.available
  }
  for (const group of groups.values()) {
    const own = group.lines.map((line) => listingRows.find((row) => row.id === line.listingId)!)
    group.fulfilments = commonFulfilments(group.kind, own)
    group.deliveryFee = Math.max(0, ...own.map((listing) => listing.deliveryFee ?? 0))
  }
  return {
    groups: [...groups.values()],
    unavailable: lines.filter((line) => line.available === 0),
  }
}

// Read on every checkout page and every placing: built once per connection.
const listingsById = (db: Db) =>
  db.select().from(listings).where(inJsonList(listings.id, 'ids')).prepare()
const storesById = (db: Db) =>
  db.select().from(stores).where(inJsonList(stores.id, 'ids')).prepare()

type FulfilmentSource = Pick<
  typeof listings.$inferSelect,
  'pickup' | 'delivery' | 'serviceLocations'
>

/** The ways of receiving that every listing of an order offers. */
export function commonFulfilments(kind: OrderKind, own: FulfilmentSource[]): Fulfilment[] {
  if (kind === 'goods')
    return (['pickup', 'delivery'] as const).filter((way) => own.every((listing) => listing[way]))
  return (['customer', 'provider', 'online'] as const).filter((place) =>
    own.every((listing) => listingLocations(listing).includes(place)),
  )
}

/** Whether the buyer must say where: delivered goods, or a service at their place. */
export function needsAddress(fulfilment: Fulfilment | undefined): boolean {
  return fulfilment === 'delivery' || fulfilment === 'customer'
}

/** An order's amounts for these choices: the fee only if delivered, the discount off the subtotal. */
export function orderTotals(
  group: Pick<CheckoutGroup, 'subtotal' | 'deliveryFee'>,
  fulfilment: Fulfilment | undefined,
  discount: number,
): OrderTotals {
  const deliveryFee = fulfilment === 'delivery' ? group.deliveryFee : 0
  return {
    subtotal: group.subtotal,
    deliveryFee,
    discount,
    total: group.subtotal + deliveryFee - discount,
  }
}

/** The lines that differ between what the page showed and the plan now. */
export function cartDifferences(seen: SeenLine[], plan: CheckoutPlan): CartDifference[] {
  const now = plan.groups.flatMap((group) => group.lines)
  const differences: CartDifference[] = []
  for (const line of seen) {
    const current = now.find((candidate) => candidate.unitId === line.unitId)
    if (!current) {
      const gone = plan.unavailable.find((candidate) => candidate.unitId === line.unitId)
      differences.push({ kind: 'unavailable', title: gone ? lineTitle(gone) : 'An item' })
      continue
    }
    if (current.price !== line.price)
      differences.push({
        kind: 'price',
        title: lineTitle(current),
        was: line.price,
        now: current.price,
      })
    if (current.quantity !== line.quantity)
      differences.push({
        kind: 'quantity',
        title: lineTitle(current),
        was: line.quantity,
        now: current.quantity,
      })
  }
  for (const line of now)
    if (!seen.some((candidate) => candidate.unitId === line.unitId))
      differences.push({ kind: 'added', title: lineTitle(line) })
  return differences
}

function lineTitle(line: Pick<CartLine, 'title' | 'unitName'>): string {
  return line.unitName ? `${line.title} (${line.unitName})` : line.title
}

type CheckedChoice = { group: CheckoutGroup; choice: OrderChoice; coupon: Coupon | undefined }

/**
 * Checks each order's choices against what its group allows, and works out its coupon's discount.
 * Problems are keyed like the form's fields (`orders.1.coupon`).
 */
export function checkChoices(
  db: Db,
  plan: CheckoutPlan,
  choices: OrderChoice[],
  now: Date,
): {
  checked: (CheckedChoice & { totals: OrderTotals })[]
  problems: Record<string, ChoiceProblem>
} {
  const problems: Record<string, ChoiceProblem> = {}
  const checked = plan.groups.map((group, index) => {
    const field = `orders.${index}`
    const choice = choices.find(
      (candidate) => candidate.storeId === group.storeId && candidate.kind === group.kind,
    ) ?? {
      storeId: group.storeId,
      kind: group.kind,
      fulfilment: undefined,
      address: '',
      note: '',
      paymentMethod: undefined,
      coupon: '',
    }
    if (group.fulfilments.length === 0) problems[`${field}.fulfilment`] = 'no_common_fulfilment'
    else if (!choice.fulfilment || !group.fulfilments.includes(choice.fulfilment))
      problems[`${field}.fulfilment`] = 'fulfilment'
    else if (needsAddress(choice.fulfilment) && choice.address.trim() === '')
      problems[`${field}.address`] = 'address'
    if (!choice.paymentMethod || !group.paymentMethods.includes(choice.paymentMethod))
      problems[`${field}.paymentMethod`] = 'payment_method'
    let discount = 0
    let coupon: Coupon | undefined
    if (choice.coupon.trim() !== '') {
      coupon = findCouponByCode(db, choice.coupon)
      const applied = coupon
        ? couponDiscount(coupon, { storeId: group.storeId, subtotal: group.subtotal, now })
        : ({ ok: false, reason: 'unknown' } as const)
      if (applied.ok) discount = applied.discount
      else problems[`${field}.coupon`] = `coupon_${applied.reason}`
    }
    return { group, choice, coupon, totals: orderTotals(group, choice.fulfilment, discount) }
  })
  return { checked, problems }
}

/**
 * Places the orders of the member's cart as they chose, or nothing: see the top of the file.
 * Shares its transaction with the checkouts that arrive with it (group-commit.ts) and settles
 * once they are committed: a placed order is on disk before anyone hears of it.
 * @example const result = await placeOrders(deps, site, member, form.data)
 */
export async function placeOrders(
  deps: OrderDeps,
  site: Site,
  buyer: SessionMember,
  input: CheckoutInput,
): Promise<CheckoutResult> {
  const at = deps.clock.now()
  const result = await commitTogether(deps.db, () => writeOrders(deps, site, buyer, input, at))
  announcePlaced(deps, result)
  return result
}

/**
 * The same in a transaction of its own, at once: for work that already runs inside its own
 * transaction (the demo town replays its checkouts in one), where this becomes a savepoint.
 */
export function placeOrdersAlone(
  deps: OrderDeps,
  site: Site,
  buyer: SessionMember,
  input: CheckoutInput,
): CheckoutResult {
  const at = deps.clock.now()
  const result = transactionUnlessRefused(
    deps.db,
    () => writeOrders(deps, site, buyer, input, at),
    'immediate',
  )
  announcePlaced(deps, result)
  return result
}

/** Checks the cart against what the buyer saw and writes the orders; the caller commits. */
function writeOrders(
  deps: OrderDeps,
  site: Site,
  buyer: SessionMember,
  input: CheckoutInput,
  at: Date,
): CheckoutResult {
  // Inside the transaction, which holds the write lock: nothing changes between these reads and
  // the writes but what checkouts before this one in the same batch wrote, which they see.
  // Reads and writes go through deps.db, the connection the transaction is open on.
  const earlier = ordersOfCheckout(deps.db, buyer.id, input.checkoutKey)
  if (earlier.length > 0) return { ok: true, orders: earlier, repeated: true, news: [] }
  const plan = planCheckout(deps.db, site, buyer.id)
  if (plan.groups.length === 0 && input.seen.length === 0) return { ok: false, reason: 'empty' }
  const differences = cartDifferences(input.seen, plan)
  if (differences.length > 0) return { ok: false, reason: 'cart_changed', differences }
  if (plan.groups.length === 0) return { ok: false, reason: 'empty' }
  const { checked, problems } = checkChoices(deps.db, plan, input.orders, at)
  if (Object.keys(problems).length > 0) return { ok: false, reason: 'invalid', problems }

  const placed: Order[] = []
  const news: LiveEvent[] = []
  for (const [index, { group, choice, coupon, totals }] of checked.entries()) {
    if (coupon && totals.discount > 0 && !useCoupon(deps.db, coupon.id))
      return {
        ok: false,
        reason: 'invalid',
        problems: { [`orders.${index}.coupon`]: 'coupon_used_up' },
      }
    const order = prepared(deps.db, insertOrder).get({
      code: readableCode(),
      checkoutKey: input.checkoutKey,
      buyerId: buyer.id,
      storeId: group.storeId,
      kind: group.kind,
      fulfilment: choice.fulfilment,
      address: needsAddress(choice.fulfilment) ? choice.address.trim() : '',
      contactPhone: input.contactPhone.trim(),
      note: choice.note.trim(),
      paymentMethod: choice.paymentMethod,
      currency: site.currency,
      ...totals,
      couponId: totals.discount > 0 ? (coupon?.id ?? null) : null,
      couponCode: totals.discount > 0 ? (coupon?.code ?? '') : '',
      discountByMarket: totals.discount > 0 && coupon?.storeId === null,
      commissionBps: site.commissionBps,
      at,
    })
    if (!order) throw new Error('an order insert returned nothing')
    for (const line of group.lines) {
      const stocked = line.stock !== null
      if (stocked && !takeStock(deps.db, line.unitId, line.quantity))
        return {
          ok: false,
          reason: 'cart_changed',
          differences: [{ kind: 'unavailable', title: lineTitle(line) }],
        }
      prepared(deps.db, insertOrderLine).run({
        orderId: order.id,
        listingId: line.listingId,
        unitId: line.unitId,
        title: line.title,
        unitName: line.unitName,
        unitPrice: line.price,
        quantity: line.quantity,
        stocked,
      })
    }
    prepared(deps.db, insertPlacedEvent).run({
      orderId: order.id,
      actorId: buyer.id,
      note: order.note,
      at,
    })
    news.push(...recordOrderNews(deps.db, order, { action: 'place', actorId: buyer.id }, at))
    placed.push(order)
  }
  removeCartUnits(
    deps.db,
    buyer.id,
    checked.flatMap(({ group }) => group.lines.map((line) => line.unitId)),
  )
  return { ok: true, orders: placed, repeated: false, news }
}

/** Tells each store and the buyer, after the commit (a repeated checkout placed nothing new). */
function announcePlaced(deps: OrderDeps, result: CheckoutResult) {
  if (result.ok) publishEvents(deps.bus, result.news)
}

// Placing runs the same few writes for every order: built and compiled once per connection
// (prepared.ts), as the hot reads are. They run on the connection inside the batch's transaction.
const insertOrder = (db: Db) =>
  db
    .insert(orders)
    .values({
      code: sql.placeholder('code'),
      checkoutKey: sql.placeholder('checkoutKey'),
      buyerId: sql.placeholder('buyerId'),
      storeId: sql.placeholder('storeId'),
      kind: sql.placeholder('kind'),
      status: 'placed',
      fulfilment: sql.placeholder('fulfilment'),
      address: sql.placeholder('address'),
      contactPhone: sql.placeholder('contactPhone'),
      note: sql.placeholder('note'),
      paymentMethod: sql.placeholder('paymentMethod'),
      currency: sql.placeholder('currency'),
      subtotal: sql.placeholder('subtotal'),
      deliveryFee: sql.placeholder('deliveryFee'),
      discount: sql.placeholder('discount'),
      total: sql.placeholder('total'),
      couponId: sql.placeholder('couponId'),
      couponCode: sql.placeholder('couponCode'),
      discountByMarket: sql.placeholder('discountByMarket'),
      commissionBps: sql.placeholder('commissionBps'),
      placedAt: sql.placeholder('at'),
      updatedAt: sql.placeholder('at'),
    })
    .returning()
    .prepare()

const insertOrderLine = (db: Db) =>
  db
    .insert(orderLines)
    .values({
      orderId: sql.placeholder('orderId'),
      listingId: sql.placeholder('listingId'),
      unitId: sql.placeholder('unitId'),
      title: sql.placeholder('title'),
      unitName: sql.placeholder('unitName'),
      unitPrice: sql.placeholder('unitPrice'),
      quantity: sql.placeholder('quantity'),
      stocked: sql.placeholder('stocked'),
    })
    .prepare()

const insertPlacedEvent = (db: Db) =>
  db
    .insert(orderEvents)
    .values({
      orderId: sql.placeholder('orderId'),
      action: 'place',
      actor: 'buyer',
      actorId: sql.placeholder('actorId'),
      fromStatus: null,
      toStatus: 'placed',
      note: sql.placeholder('note'),
      at: sql.placeholder('at'),
    })
    .prepare()
