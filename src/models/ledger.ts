// The market's books, kept by double entry (issue 8). Money changes hands outside Souk — cash at
// the door, mobile money, a bank transfer — and Souk records who holds what:
//
//   payment   buyer_payments −total → escrow +total          the buyer paid; the market holds it
//   release   escrow −held → store_payable +store share       the order completed: the store is
//                          → platform_commission +the rest    owed its share, the market its cut
//   refund    escrow −held → refunds +held                    cancelled, or a dispute the buyer won
//   payout    store_payable −amount → payouts +amount         the operator handed the store its money
//
// An entry's amount is what flowed into its account (negative: out of it), so every transaction
// sums to zero and the accounts together always sum to zero: what buyers handed over equals what
// went back to them or to stores plus what is still held, owed or the market's. Every posting
// goes through postLedgerTransaction, which refuses (throws) anything else; rows are only added.
//
// The order functions take the caller's transaction (`tx`): the orders model records a payment
// or completes an order and moves the money in one commit, and reads the order afresh inside it,
// so a status the caller changed a moment before counts. A payment recorded after the order was
// already finished (the cash handed over late) settles at once: released if the order completed,
// refunded if it was cancelled or refunded. A disputed order's money stays held until the
// operator decides.
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm'
import { ledgerEntries, ledgerTransactions, orders, site, stores } from '../../db/schema'
import type { Db } from '../db'
import type { LiveEvent } from '../live/events'
import { pageWithin, type PageWindow } from '../lib/pagination'
import { notify } from './notification'
import { settlement } from './order/settlement'
import type { SessionMember } from './session'
import { transactionUnlessRefused, type Tx } from './transaction'

export type LedgerAccount = (typeof ledgerEntries.$inferSelect)['account']
export type LedgerKind = (typeof ledgerTransactions.$inferSelect)['kind']
type Order = typeof orders.$inferSelect

export const LEDGER_ACCOUNTS: readonly LedgerAccount[] = [
  'buyer_payments',
  'escrow',
  'store_payable',
  'platform_commission',
  'refunds',
  'payouts',
]

export type LedgerEntryInput = {
  account: LedgerAccount
  /** Defaults to the transaction's store. */
  storeId?: number | null
  /** Defaults to the transaction's order. */
  orderId?: number | null
  /** Minor units that flowed into the account; negative when out. Never 0. */
  amount: number
}

export type LedgerTransactionInput = {
  kind: LedgerKind
  orderId?: number | null
  storeId?: number | null
  reference?: string
  recordedBy?: number | null
  at: Date
  entries: LedgerEntryInput[]
}

/**
 * Writes one balanced transaction and returns its id. Unbalanced, empty or fractional postings
 * are bugs in the caller, not something a person can fix: they throw, and the caller's
 * transaction rolls back with them.
 */
export function postLedgerTransaction(tx: Tx, input: LedgerTransactionInput): number {
  const { entries } = input
  if (entries.length === 0) throw new Error(`ledger: a ${input.kind} with no entries`)
  for (const entry of entries)
    if (!Number.isSafeInteger(entry.amount) || entry.amount === 0)
      throw new Error(`ledger: ${entry.account} cannot take ${entry.amount} in a ${input.kind}`)
  const sum = entries.reduce((total, entry) => total + entry.amount, 0)
  if (sum !== 0) throw new Error(`ledger: a ${input.kind} whose entries sum to ${sum}, not 0`)

  const { id } = tx
    .insert(ledgerTransactions)
    .values({
      kind: input.kind,
      orderId: input.orderId ?? null,
      storeId: input.storeId ?? null,
      reference: input.reference ?? '',
      recordedBy: input.recordedBy ?? null,
      at: input.at,
    })
    .returning({ id: ledgerTransactions.id })
    .get()
  tx.insert(ledgerEntries)
    .values(
      entries.map((entry) => ({
        transactionId: id,
        account: entry.account,
        storeId: entry.storeId === undefined ? (input.storeId ?? null) : entry.storeId,
        orderId: entry.orderId === undefined ? (input.orderId ?? null) : entry.orderId,
        amount: entry.amount,
      })),
    )
    .run()
  return id
}

export type PaymentRecord = { reference: string; recordedBy: number | null; at: Date }
export type RecordPaymentResult =
  | { ok: true; order: Order; money: 'held' | 'released' | 'refunded' | 'nothing_to_hold' }
  | { ok: false; reason: 'already_paid' }

/**
 * Records that the buyer paid an order (the provider or operator says so, with the reference
 * quoted): sets paidAt and paymentReference and puts the total in escrow. Once per order. An
 * order already completed, cancelled or refunded is settled in the same step (see the top).
 * @example const paid = recordOrderPayment(tx, order, { reference: 'MM 8812', recordedBy: member.id, at: clock.now() })
 */
export function recordOrderPayment(
  tx: Tx,
  order: Pick<Order, 'id'>,
  record: PaymentRecord,
): RecordPaymentResult {
  const paid = tx
    .update(orders)
    .set({ paidAt: record.at, paymentReference: record.reference, updatedAt: record.at })
    .where(and(eq(orders.id, order.id), sql`${orders.paidAt} IS NULL`))
    .returning()
    .get()
  if (!paid) {
    readOrder(tx, order.id) // throws for an order that does not exist: only a bug passes one

    return { ok: false, reason: 'already_paid' }
  }
  // A free order (a coupon covered it all) has nothing to hold; paidAt still says it is settled.
  if (paid.total > 0)
    postLedgerTransaction(tx, {
      kind: 'payment',
      orderId: paid.id,
      storeId: paid.storeId,
      reference: record.reference,
      recordedBy: record.recordedBy,
      at: record.at,
      entries: [
        { account: 'buyer_payments', amount: -paid.total },
        { account: 'escrow', amount: paid.total },
      ],
    })
  const settle = { at: record.at, recordedBy: record.recordedBy }
  if (paid.status === 'completed') {
    releaseOrderToStore(tx, paid, settle)
    return { ok: true, order: paid, money: 'released' }
  }
  if (paid.status === 'cancelled' || paid.status === 'refunded') {
    refundOrder(tx, paid, settle)
    return { ok: true, order: paid, money: 'refunded' }
  }
  return { ok: true, order: paid, money: paid.total > 0 ? 'held' : 'nothing_to_hold' }
}

export type Settling = { at: Date; recordedBy?: number | null }
export type Released = { transactionId: number; storeShare: number; commission: number }

/**
 * Releases what escrow holds for a completed order: the store's share to store_payable, the rest
 * to the market (settlement.ts has the rule). Call it when the order completes, in the same
 * transaction. Nothing held (not paid yet, or already released or refunded) → nothing posted and
 * null; a payment recorded later releases by itself.
 */
export function releaseOrderToStore(
  tx: Tx,
  order: Pick<Order, 'id'>,
  settling: Settling,
): Released | null {
  const row = readOrder(tx, order.id)
  if (wasSettled(tx, row.id)) return null
  const held = escrowHeld(tx, row.id)
  // A free order holds nothing and still settles: with a market coupon, the market owes the store.
  if (held === 0 && row.total > 0) return null
  const { storeShare, commission } = settlement(row)
  const entries = (
    [
      { account: 'escrow', amount: -held },
      { account: 'store_payable', amount: storeShare },
      // Negative when a whole-market coupon gave away more than the commission earned: the market
      // promised that discount, so the market, not the store, pays for it.
      { account: 'platform_commission', amount: held - storeShare },
    ] satisfies LedgerEntryInput[]
  ).filter((entry) => entry.amount !== 0)
  if (entries.length === 0) return null
  const transactionId = postLedgerTransaction(tx, {
    kind: 'release',
    orderId: row.id,
    storeId: row.storeId,
    recordedBy: settling.recordedBy ?? null,
    at: settling.at,
    entries,
  })
  return { transactionId, storeShare, commission }
}

/**
 * Gives back to the buyer what escrow holds for a cancelled order, or one whose dispute the
 * buyer won. Nothing held → nothing posted and null.
 */
export function refundOrder(
  tx: Tx,
  order: Pick<Order, 'id'>,
  settling: Settling,
): { transactionId: number; refunded: number } | null {
  const row = readOrder(tx, order.id)
  const held = escrowHeld(tx, row.id)
  if (held <= 0) return null
  const transactionId = postLedgerTransaction(tx, {
    kind: 'refund',
    orderId: row.id,
    storeId: row.storeId,
    recordedBy: settling.recordedBy ?? null,
    at: settling.at,
    entries: [
      { account: 'escrow', amount: -held },
      { account: 'refunds', amount: held },
    ],
  })
  return { transactionId, refunded: held }
}

export type PayoutResult =
  /** `news`: the store owner's note of it, to publish once committed. */
  | { ok: true; transactionId: number; owed: number; news: LiveEvent[] }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_positive' }
  | { ok: false; reason: 'more_than_owed'; owed: number }
  | { ok: false; reason: 'balance_changed'; owed: number }

/**
 * Records money the operator handed to a store ("Cash, receipt 12", a mobile money id). The
 * owed balance is read and lowered in one transaction, so two payouts can never both pass on
 * the same money. With `owedWas` (what the form showed), a payout is refused once the balance
 * has moved since — which is how a second submit of the same form is refused.
 * @example recordPayout(db, operator, store.id, 50_000, 'Cash, receipt 12', clock.now(), { owedWas: 80_000 })
 */
export function recordPayout(
  db: Db,
  operator: SessionMember,
  storeId: number,
  amount: number,
  reference: string,
  at: Date,
  options: { owedWas?: number } = {},
): PayoutResult {
  if (operator.role !== 'operator') return { ok: false, reason: 'not_found' }
  if (amount <= 0) return { ok: false, reason: 'not_positive' }
  // better-sqlite3 runs the transaction start to end with nothing in between: no other payout
  // can read the balance between this read and the write below.
  return transactionUnlessRefused(db, (tx): PayoutResult => {
    const owed = accountBalance(tx, 'store_payable', storeId)
    if (options.owedWas !== undefined && owed !== options.owedWas)
      return { ok: false, reason: 'balance_changed', owed }
    if (amount > owed) return { ok: false, reason: 'more_than_owed', owed }
    const transactionId = postLedgerTransaction(tx, {
      kind: 'payout',
      storeId,
      reference,
      recordedBy: operator.id,
      at,
      entries: [
        { account: 'store_payable', amount: -amount },
        { account: 'payouts', amount },
      ],
    })
    const store = tx
      .select({ memberId: stores.memberId, slug: stores.slug, currency: site.currency })
      .from(stores)
      .innerJoin(site, sql`true`)
      .where(eq(stores.id, storeId))
      .get()
    const news = store
      ? notify(
          tx,
          {
            memberId: store.memberId,
            kind: 'payout.recorded',
            subject: `balance:${store.slug}`,
            data: { amount, currency: store.currency, reference },
          },
          at,
        )
      : []
    return { ok: true, transactionId, owed: owed - amount, news }
  })
}

/** One line of a store's history: a transaction and how it moved the store's money. */
export type StoreHistoryLine = {
  transactionId: number
  kind: LedgerKind
  orderCode: string | null
  reference: string
  at: Date
  /** Change in what the market holds for the store's orders. */
  held: number
  /** Change in what the store is owed. */
  owed: number
  /** What went to the market in a release: its commission, less a market coupon it paid for. */
  toMarket: number
}

export type StoreBalance = {
  /** What the store is owed and has not been paid out yet. */
  owed: number
  paidOut: number
  /** Paid by buyers, held until the orders complete. */
  held: number
  history: StoreHistoryLine[]
  /** How many history lines there are in all. */
  total: number
  page: PageWindow
}

/** A store's money at a glance, with one page of its history, newest first. */
export function storeBalance(
  db: Db,
  storeId: number,
  requested: { number: number; size: number },
): StoreBalance {
  const totals = db
    .select({ account: ledgerEntries.account, balance: sumOf(ledgerEntries.amount) })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.storeId, storeId),
        inArray(ledgerEntries.account, ['store_payable', 'payouts', 'escrow']),
      ),
    )
    .groupBy(ledgerEntries.account)
    .all()
  const balanceOf = (account: LedgerAccount) =>
    totals.find((row) => row.account === account)?.balance ?? 0
  const total =
    db
      .select({ total: count() })
      .from(ledgerTransactions)
      .where(eq(ledgerTransactions.storeId, storeId))
      .get()?.total ?? 0
  const page = pageWithin(requested.number, total, requested.size)
  const movedIn = (account: LedgerAccount) =>
    sql<number>`coalesce(sum(case when ${ledgerEntries.account} = ${account} then ${ledgerEntries.amount} end), 0)`.mapWith(
      Number,
    )
  const history = db
    .select({
      transactionId: ledgerTransactions.id,
      kind: ledgerTransactions.kind,
      orderCode: orders.code,
      reference: ledgerTransactions.reference,
      at: ledgerTransactions.at,
      held: movedIn('escrow'),
      owed: movedIn('store_payable'),
      toMarket: movedIn('platform_commission'),
    })
    .from(ledgerTransactions)
    .innerJoin(ledgerEntries, eq(ledgerEntries.transactionId, ledgerTransactions.id))
    .leftJoin(orders, eq(orders.id, ledgerTransactions.orderId))
    .where(eq(ledgerTransactions.storeId, storeId))
    .groupBy(ledgerTransactions.id)
    .orderBy(desc(ledgerTransactions.at), desc(ledgerTransactions.id))
    .limit(page.size)
    .offset(page.offset)
    .all()
  return {
    owed: balanceOf('store_payable'),
    paidOut: balanceOf('payouts'),
    held: balanceOf('escrow'),
    history,
    total,
    page,
  }
}

/** Every account's balance across the market: the operator's view of the books. */
export function ledgerBalances(db: Pick<Db, 'select'>): Record<LedgerAccount, number> {
  const balances = Object.fromEntries(LEDGER_ACCOUNTS.map((account) => [account, 0])) as Record<
    LedgerAccount,
    number
  >
  const rows = db
    .select({ account: ledgerEntries.account, balance: sumOf(ledgerEntries.amount) })
    .from(ledgerEntries)
    .groupBy(ledgerEntries.account)
    .all()
  for (const row of rows) balances[row.account] = row.balance
  return balances
}

/** What escrow holds for one order now: its total once paid, 0 before and after settling. */
export function escrowHeld(db: Pick<Db, 'select'>, orderId: number): number {
  return (
    db
      .select({ held: sumOf(ledgerEntries.amount) })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.orderId, orderId), eq(ledgerEntries.account, 'escrow')))
      .get()?.held ?? 0
  )
}

function accountBalance(db: Pick<Db, 'select'>, account: LedgerAccount, storeId: number): number {
  return (
    db
      .select({ balance: sumOf(ledgerEntries.amount) })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.account, account), eq(ledgerEntries.storeId, storeId)))
      .get()?.balance ?? 0
  )
}

function wasSettled(db: Pick<Db, 'select'>, orderId: number): boolean {
  return (
    db
      .select({ id: ledgerTransactions.id })
      .from(ledgerTransactions)
      .where(
        and(
          eq(ledgerTransactions.orderId, orderId),
          inArray(ledgerTransactions.kind, ['release', 'refund']),
        ),
      )
      .get() !== undefined
  )
}

/** The order as it is now, inside the caller's transaction; a missing one is a bug. */
function readOrder(db: Pick<Db, 'select'>, orderId: number): Order {
  const row = db.select().from(orders).where(eq(orders.id, orderId)).get()
  if (!row) throw new Error(`ledger: no order ${orderId}`)
  return row
}

function sumOf(column: typeof ledgerEntries.amount) {
  return sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number)
}
