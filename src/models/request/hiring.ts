// Hiring: the buyer accepts one proposal on their request, and it becomes an order of kind
// `service` from that store, in one transaction with everything else it decides — the request
// closes as hired, the proposal is accepted and points at its order, the other proposals are
// declined and their stores told politely. From then on it is an ordinary order: the state
// machine, the ledger, reviews.
//
// The order starts accepted: the store offered these terms and the buyer took them, so there is
// nothing left for the store to accept; its next step is starting the work. The buyer chooses
// here what checkout asks — where (within the request's place), the address for a visit, a phone,
// how to pay. No coupon: a proposal's price is already the store's own answer to this buyer.
//
// Two accepts racing (two tabs, two proposals) both read an open request; the guarded update of
// the request (`WHERE status = 'open'`) lets exactly one through, and the other gets `closed`.
import { and, eq, sql } from 'drizzle-orm'
import {
  orderEvents,
  orderLines,
  orders,
  proposals,
  serviceRequests,
  stores,
} from '../../../db/schema'
import { publishEvents, type LiveEvent } from '../../live/events'
import { dateTimeFormat } from '../../lib/intl'
import { readableCode } from '../../lib/tokens'
import { needsAddress, type Fulfilment } from '../checkout'
import type { Order } from '../order'
import { recordOrderNews } from '../order/news'
import { storePaymentMethods, type PaymentMethod } from '../payment-methods'
import type { SessionMember } from '../session'
import type { Site } from '../site'
import { transactionUnlessRefused } from '../transaction'
import type { RequestPlace } from './request-input'
import { statusNow, tellProposers, type RequestDeps } from './request'

/** A hired order's checkout key names its request, and tells it from an order placed at checkout. */
const hiredCheckoutKey = (code: string) => `request:${code}`

/** Whether the order came from hiring a proposal on a request (and so started accepted). */
export function hiredThroughRequest(order: Pick<Order, 'checkoutKey'>): boolean {
  return order.checkoutKey.startsWith(hiredCheckoutKey(''))
}

/** Where the work may happen, as the request said: one place, or any of the three. */
export function placesOf(place: RequestPlace): Fulfilment[] {
  return place === 'either' ? ['customer', 'provider', 'online'] : [place]
}

export type HireInput = {
  fulfilment: Fulfilment | undefined
  address: string
  contactPhone: string
  paymentMethod: PaymentMethod | undefined
  note: string
}

/** A choice the form must correct, keyed like its fields. */
export type HireProblem = 'fulfilment' | 'address' | 'paymentMethod'

export type HireResult =
  | { ok: true; order: Order; repeated: boolean }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'closed' }
  | { ok: false; reason: 'invalid'; problems: HireProblem[] }

/**
 * Accepts the proposal on the buyer's own request: see the top of the file. Accepting the same
 * proposal again (a double submit) answers with its order.
 * @example acceptProposal(c.var, c.var.site, member, { code, proposalId }, form.data)
 */
export function acceptProposal(
  deps: RequestDeps,
  site: Site,
  buyer: SessionMember,
  which: { code: string; proposalId: number },
  input: HireInput,
): HireResult {
  const at = deps.clock.now()
  let news: LiveEvent[] = []
  const result = transactionUnlessRefused(
    deps.db,
    (tx): HireResult => {
      const found = tx
        .select({ request: serviceRequests, proposal: proposals, store: stores })
        .from(proposals)
        .innerJoin(serviceRequests, eq(serviceRequests.id, proposals.requestId))
        .innerJoin(stores, eq(stores.id, proposals.storeId))
        .where(
          and(
            eq(proposals.id, which.proposalId),
            eq(serviceRequests.code, which.code),
            eq(serviceRequests.buyerId, buyer.id),
          ),
        )
        .get()
      if (!found) return { ok: false, reason: 'not_found' }
      const { request, proposal, store } = found
      if (proposal.status === 'accepted' && proposal.orderId !== null) {
        const order = tx.select().from(orders).where(eq(orders.id, proposal.orderId)).get()
        if (order) return { ok: true, order, repeated: true }
      }
      if (proposal.status !== 'active' || statusNow(request, at) !== 'open')
        return { ok: false, reason: 'closed' }
      const problems = hireProblems(request.place, storePaymentMethods(site, store), input)
      if (problems.length > 0) return { ok: false, reason: 'invalid', problems }

      const hired = tx
        .update(serviceRequests)
        .set({ status: 'hired', hiredProposalId: proposal.id, closedAt: at })
        .where(and(eq(serviceRequests.id, request.id), eq(serviceRequests.status, 'open')))
        .returning({ id: serviceRequests.id })
        .get()
      if (!hired) return { ok: false, reason: 'closed' }
      const order = tx
        .insert(orders)
        .values({
          code: readableCode(),
          checkoutKey: hiredCheckoutKey(request.code),
          buyerId: buyer.id,
          storeId: store.id,
          kind: 'service',
          status: 'accepted',
          fulfilment: input.fulfilment ?? 'customer',
          address: needsAddress(input.fulfilment) ? input.address.trim() : '',
          contactPhone: input.contactPhone.trim(),
          note: input.note.trim(),
          paymentMethod: input.paymentMethod ?? 'cash',
          currency: site.currency,
          subtotal: proposal.price,
          total: proposal.price,
          commissionBps: site.commissionBps,
          placedAt: at,
          updatedAt: at,
        })
        .returning()
        .get()
      tx.insert(orderLines)
        .values({
          orderId: order.id,
          listingId: proposal.listingId,
          unitId: proposal.unitId,
          title: request.title,
          unitName: proposal.packageName,
          unitPrice: proposal.price,
          quantity: 1,
          stocked: false,
        })
        .run()
      tx.update(proposals)
        .set({ status: 'accepted', orderId: order.id, updatedAt: at })
        .where(eq(proposals.id, proposal.id))
        .run()
      tx.insert(orderEvents)
        .values([
          {
            orderId: order.id,
            action: 'place',
            actor: 'buyer',
            actorId: buyer.id,
            fromStatus: null,
            toStatus: 'placed',
            note: order.note,
            at,
          },
          {
            orderId: order.id,
            // The store accepted these terms when it proposed them: the step is theirs.
            action: 'accept',
            actor: 'provider',
            actorId: store.memberId,
            fromStatus: 'placed',
            toStatus: 'accepted',
            note: `Hired through the request “${request.title}”, as proposed: on ${visitDay(proposal.visitOn, site.locale)}.`,
            at,
          },
        ])
        .run()
      news = [
        ...recordOrderNews(tx, order, { action: 'place', actorId: buyer.id }, at),
        ...tellProposers(
          tx,
          request,
          { kind: 'request.closed', status: 'hired', except: proposal.id },
          at,
        ),
      ]
      return { ok: true, order, repeated: false }
    },
    'immediate',
  )
  if (result.ok && !result.repeated) publishEvents(deps.bus, news)
  return result
}

/** The proposal's day as its timeline says it: "Thursday 26 November". */
function visitDay(day: string, locale: string): string {
  return dateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`))
}

function hireProblems(
  place: RequestPlace,
  methods: PaymentMethod[],
  input: HireInput,
): HireProblem[] {
  const problems: HireProblem[] = []
  if (!input.fulfilment || !placesOf(place).includes(input.fulfilment)) problems.push('fulfilment')
  else if (needsAddress(input.fulfilment) && input.address.trim() === '') problems.push('address')
  if (!input.paymentMethod || !methods.includes(input.paymentMethod)) problems.push('paymentMethod')
  return problems
}

/** Whether the buyer has a standing order from this request already (its hired proposal's). */
export function hiredOrderCode(
  deps: Pick<RequestDeps, 'db'>,
  requestId: number,
): string | undefined {
  return deps.db.get<{ code: string } | undefined>(sql`
    SELECT o.code AS code FROM service_requests r
    JOIN proposals p ON p.id = r.hired_proposal_id
    JOIN orders o ON o.id = p.order_id
    WHERE r.id = ${requestId}`)?.code
}
