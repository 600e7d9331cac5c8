// Orders as the people in them see them: the buyer, the store's provider and the operator.
//
// An order is found through the member's reach (STYLE.md §8): findOrderForMember answers only
// when the member is its buyer, the provider of its store, or an operator, with the roles they
// hold on it; anyone else gets undefined, and the route a 404 that says nothing of whether the
// code exists. Codes are random (lib/tokens readableCode), so one order's address says nothing
// of another's. The steps that move an order on live in order/steps.ts; placing one in
// checkout.ts.
import { and, asc, count, desc, eq, inArray, notInArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { bookings, members, orderEvents, orderLines, orders, stores } from '../../db/schema'
import type { Booking } from './booking/booked-time'
import type { Db } from '../db'
import { pageWithin, type PageWindow } from '../lib/pagination'
import { prepared } from './prepared'
import type { OrderActor, OrderStatus } from './order/transitions'
import type { SessionMember } from './session'

export type Order = typeof orders.$inferSelect
export type OrderLine = typeof orderLines.$inferSelect
export type OrderEvent = typeof orderEvents.$inferSelect & { actorName: string | null }

/**
 * An order and who the member looking at it is to it: buyer, provider, operator (or several) —
 * with the time it holds when it is a booking.
 */
export type OrderAccess = {
  order: Order
  roles: OrderActor[]
  memberId: number
  booking: Booking | null
}

type Reader = Pick<Db, 'select'>

/**
 * The order with this code if `member` takes part in it (or runs the market); otherwise undefined.
 * @example const access = findOrderForMember(db, member, c.req.param('code')); if (!access) return c.notFound()
 */
export function findOrderForMember(
  db: Reader,
  member: SessionMember,
  code: string,
): OrderAccess | undefined {
  const row = db
    .select({ order: orders, providerId: stores.memberId, booking: bookings })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .leftJoin(bookings, eq(bookings.orderId, orders.id))
    .where(eq(orders.code, code))
    .get()
  if (!row) return undefined
  const roles: OrderActor[] = []
  if (row.order.buyerId === member.id) roles.push('buyer')
  if (row.providerId === member.id) roles.push('provider')
  // An operator who is a party to the order sees it as that party only: nobody decides their
  // own dispute (another operator does).
  if (member.role === 'operator' && roles.length === 0) roles.push('operator')
  return roles.length > 0
    ? { order: row.order, roles, memberId: member.id, booking: row.booking }
    : undefined
}

/** The other party's ways to reach them, and the store's details for paying it. */
export type OrderParties = {
  store: Pick<
    typeof stores.$inferSelect,
    'id' | 'name' | 'slug' | 'phone' | 'whatsapp' | 'mobileMoney' | 'bankDetails' | 'memberId'
  >
  buyerName: string
}

export type OrderDetails = OrderParties & { lines: OrderLine[]; timeline: OrderEvent[] }

/** Everything the order page shows: lines, parties and the timeline, oldest step first. */
export function orderDetails(db: Reader, order: Order): OrderDetails {
  const store = db
    .select({
      id: stores.id,
      name: stores.name,
      slug: stores.slug,
      phone: stores.phone,
      whatsapp: stores.whatsapp,
      mobileMoney: stores.mobileMoney,
      bankDetails: stores.bankDetails,
      memberId: stores.memberId,
    })
    .from(stores)
    .where(eq(stores.id, order.storeId))
    .get()
  const buyer = db
    .select({ name: members.displayName })
    .from(members)
    .where(eq(members.id, order.buyerId))
    .get()
  if (!store || !buyer) throw new Error(`order ${order.code} lost its store or buyer`)
  return {
    store,
    buyerName: buyer.name,
    lines: orderLinesOf(db, [order.id]).get(order.id) ?? [],
    timeline: db
      .select({ event: orderEvents, actorName: members.displayName })
      .from(orderEvents)
      .leftJoin(members, eq(members.id, orderEvents.actorId))
      .where(eq(orderEvents.orderId, order.id))
      .orderBy(asc(orderEvents.id))
      .all()
      .map((row) => ({ ...row.event, actorName: row.actorName })),
  }
}

/** Lines of several orders at once, by order id, in the order they were bought. */
export function orderLinesOf(db: Reader, orderIds: number[]): Map<number, OrderLine[]> {
  const byOrder = new Map<number, OrderLine[]>()
  if (orderIds.length === 0) return byOrder
  const lines = db
    .select()
    .from(orderLines)
    .where(inArray(orderLines.orderId, orderIds))
    .orderBy(asc(orderLines.id))
    .all()
  for (const line of lines) byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), line])
  return byOrder
}

/** An order in a list: what it is, from or for whom, its lines, and a booking's time. */
export type OrderSummary = Order & {
  storeName: string
  buyerName: string
  lines: OrderLine[]
  bookedFor: Date | null
}

const BUYER_PAGE_SIZE = 20
const buyers = alias(members, 'buyers')

function summaries(
  db: Reader,
  rows: { order: Order; storeName: string; buyerName: string; bookedFor: Date | null }[],
) {
  const lines = orderLinesOf(
    db,
    rows.map((row) => row.order.id),
  )
  return rows.map((row) => ({
    ...row.order,
    storeName: row.storeName,
    buyerName: row.buyerName,
    bookedFor: row.bookedFor,
    lines: lines.get(row.order.id) ?? [],
  }))
}

const summaryColumns = {
  order: orders,
  storeName: stores.name,
  buyerName: buyers.displayName,
  bookedFor: bookings.startsAt,
}

/** A buyer's orders, newest first, a page at a time. */
export function listBuyerOrders(
  db: Reader,
  buyerId: number,
  requestedPage: number,
): { orders: OrderSummary[]; page: PageWindow } {
  const total = db.select({ n: count() }).from(orders).where(eq(orders.buyerId, buyerId)).get()
  const page = pageWithin(requestedPage, total?.n ?? 0, BUYER_PAGE_SIZE)
  const rows = db
    .select(summaryColumns)
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .innerJoin(buyers, eq(buyers.id, orders.buyerId))
    .leftJoin(bookings, eq(bookings.orderId, orders.id))
    .where(eq(orders.buyerId, buyerId))
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(page.size)
    .offset(page.offset)
    .all()
  return { orders: summaries(db, rows), page }
}

/**
 * How a provider's inbox groups orders: what needs them first. Finished orders are the last
 * group and only the latest of them are listed (the buyer's receipt and the books keep the rest).
 */
export const INBOX_GROUPS = [
  { name: 'new', label: 'New — accept or decline', statuses: ['placed'] },
  {
    name: 'under_way',
    label: 'Under way',
    statuses: ['accepted', 'in_progress', 'ready_for_pickup', 'out_for_delivery'],
  },
  { name: 'delivered', label: 'Delivered — waiting for the buyer', statuses: ['delivered'] },
  { name: 'disputed', label: 'Disputed — the operator decides', statuses: ['disputed'] },
  {
    name: 'finished',
    label: 'Finished',
    statuses: ['completed', 'cancelled', 'refunded', 'no_show'],
  },
] as const satisfies readonly { name: string; label: string; statuses: OrderStatus[] }[]

export type InboxGroup = (typeof INBOX_GROUPS)[number] & { orders: OrderSummary[] }

const FINISHED_SHOWN = 20

/** A store's orders grouped as INBOX_GROUPS says, oldest first where they wait for the provider. */
export function listStoreOrders(db: Reader, storeId: number): InboxGroup[] {
  const open = db
    .select(summaryColumns)
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .innerJoin(buyers, eq(buyers.id, orders.buyerId))
    .leftJoin(bookings, eq(bookings.orderId, orders.id))
    .where(and(eq(orders.storeId, storeId), notInArray(orders.status, FINISHED)))
    .orderBy(asc(orders.placedAt), asc(orders.id))
    .all()
  const finished = db
    .select(summaryColumns)
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .innerJoin(buyers, eq(buyers.id, orders.buyerId))
    .leftJoin(bookings, eq(bookings.orderId, orders.id))
    .where(and(eq(orders.storeId, storeId), inArray(orders.status, FINISHED)))
    .orderBy(desc(orders.updatedAt), desc(orders.id))
    .limit(FINISHED_SHOWN)
    .all()
  const all = summaries(db, [...open, ...finished])
  return INBOX_GROUPS.map((group) => ({
    ...group,
    orders: all.filter((order) => (group.statuses as readonly string[]).includes(order.status)),
  }))
}

const FINISHED: OrderStatus[] = ['completed', 'cancelled', 'refunded', 'no_show']

/** Disputed orders across the market, oldest first: what the operator has to decide. */
export function listDisputedOrders(db: Reader): OrderSummary[] {
  const rows = db
    .select(summaryColumns)
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .innerJoin(buyers, eq(buyers.id, orders.buyerId))
    .leftJoin(bookings, eq(bookings.orderId, orders.id))
    .where(eq(orders.status, 'disputed'))
    .orderBy(asc(orders.updatedAt), asc(orders.id))
    .all()
  return summaries(db, rows)
}

/** The member's own store as the header shows it: where it is and its new orders ("Sales (2)"). */
export type OwnStore = { slug: string; newOrders: number }

/**
 * The member's store with how many new orders wait for it to accept or decline them, in one
 * indexed query run on every page a member opens; null when they have no store.
 */
export function ownStoreAtAGlance(db: Db, memberId: number): OwnStore | null {
  return prepared(db, storeWithNewOrders).get({ memberId }) ?? null
}

const storeWithNewOrders = (db: Db) =>
  db
    .select({
      slug: stores.slug,
      // Spelled out: in a one-table select drizzle would leave "id" unqualified, read as orders.id.
      newOrders: sql<number>`(SELECT count(*) FROM orders o
        WHERE o.store_id = "stores"."id" AND o.status = 'placed')`,
    })
    .from(stores)
    .where(eq(stores.memberId, sql.placeholder('memberId')))
    .prepare()

/** The orders one checkout placed: a resubmitted checkout finds them (checkout.ts). */
export function ordersOfCheckout(db: Db, buyerId: number, checkoutKey: string): Order[] {
  return prepared(db, ordersByCheckoutKey).all({ buyerId, checkoutKey })
}

const ordersByCheckoutKey = (db: Db) =>
  db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.buyerId, sql.placeholder('buyerId')),
        eq(orders.checkoutKey, sql.placeholder('checkoutKey')),
      ),
    )
    .orderBy(asc(orders.id))
    .prepare()

/** The phone number a buyer gave on their last order: checkout offers it again. */
export function lastContactPhone(db: Reader, buyerId: number): string {
  const row = db
    .select({ phone: orders.contactPhone })
    .from(orders)
    .where(and(eq(orders.buyerId, buyerId), sql`${orders.contactPhone} <> ''`))
    .orderBy(desc(orders.id))
    .limit(1)
    .get()
  return row?.phone ?? ''
}
