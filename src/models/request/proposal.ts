// Proposals: a store's answer to an open request — a price (fixed, or one of its packages at its
// price then), the day it can come or deliver, and a message. One per store and request: sending
// again revises it in place (a withdrawn one comes back), so the buyer never sees the same store
// twice. Only while the request is open, never on one's own request, and only by a store that
// may read the request (request.ts).
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { listingUnits, listings, proposals, serviceRequests, stores } from '../../../db/schema'
import type { Db } from '../../db'
import { publishEvents, recordEvent, type LiveEvent } from '../../live/events'
import { notify } from '../notification'
import { ratingOf, type RatingSummary } from '../rating'
import type { SessionMember } from '../session'
import { readStoreAvatar, storeAvatarSql, type Store, type StoreAvatar } from '../store'
import type { Tx } from '../transaction'
import type { ProposalInput } from './request-input'
import {
  findRequestFor,
  REQUEST_CHANGED,
  requestSubject,
  type RequestDeps,
  type RequestDetails,
} from './request'

export type Proposal = typeof proposals.$inferSelect

/** A package a store can propose: a service's, on sale, with its listing's title. */
export type ProposablePackage = {
  unitId: number
  listingId: number
  listingTitle: string
  name: string
  price: number
}

/** The store's services' packages on sale, for the proposal form's choice. */
export function proposablePackages(db: Db | Tx, storeId: number): ProposablePackage[] {
  return (db as Db)
    .select({
      unitId: listingUnits.id,
      listingId: listings.id,
      listingTitle: listings.title,
      name: listingUnits.name,
      price: listingUnits.price,
    })
    .from(listingUnits)
    .innerJoin(listings, eq(listings.id, listingUnits.listingId))
    .where(
      and(
        eq(listings.storeId, storeId),
        eq(listings.kind, 'service'),
        eq(listings.status, 'published'),
        eq(listingUnits.kind, 'package'),
        isNull(listingUnits.retiredAt),
      ),
    )
    .orderBy(listings.title, listingUnits.position)
    .all()
}

/** What a package is called on a proposal and its order: "Roof repair · Small patch". */
export function packageLabel(item: Pick<ProposablePackage, 'listingTitle' | 'name'>): string {
  return item.name ? `${item.listingTitle} · ${item.name}` : item.listingTitle
}

export type ProposeRefusal =
  'not_found' | 'own_request' | 'no_store' | 'closed' | 'package' | 'accepted' | 'already_proposed'
export type ProposeResult =
  { ok: true; proposal: Proposal; revised: boolean } | { ok: false; reason: ProposeRefusal }

/**
 * Sends the store's proposal on the request, or revises the one it sent (`input.revise`): see the
 * top of the file.
 * The buyer hears of a new proposal, and of a revision too (freshening the same note).
 * @example propose(c.var, member, store, 'K7QX2M9PTA', form.data)
 */
export function propose(
  deps: RequestDeps,
  member: SessionMember,
  store: Store | undefined,
  code: string,
  input: ProposalInput,
): ProposeResult {
  const at = deps.clock.now()
  let news: LiveEvent[] = []
  const result = deps.db.transaction(
    (tx): ProposeResult => {
      const request = findRequestFor(deps.db, member, code, at)
      if (!request) return { ok: false, reason: 'not_found' }
      if (request.buyerId === member.id) return { ok: false, reason: 'own_request' }
      if (!store) return { ok: false, reason: 'no_store' }
      if (request.statusNow !== 'open') return { ok: false, reason: 'closed' }
      const chosen =
        input.unitId === 0
          ? undefined
          : proposablePackages(tx, store.id).find((item) => item.unitId === input.unitId)
      if (input.unitId !== 0 && !chosen) return { ok: false, reason: 'package' }
      const terms = {
        price: chosen?.price ?? input.price ?? 0,
        listingId: chosen?.listingId ?? null,
        unitId: chosen?.unitId ?? null,
        packageName: chosen ? packageLabel(chosen) : '',
        visitOn: input.visitOn ?? '',
        message: input.message,
        updatedAt: at,
      }
      const earlier = tx
        .select()
        .from(proposals)
        .where(and(eq(proposals.requestId, request.id), eq(proposals.storeId, store.id)))
        .get()
      if (earlier?.status === 'accepted' || earlier?.status === 'declined')
        return { ok: false, reason: 'accepted' }
      // A second send (a double tap, an old tab) changes nothing: only the form that changes a
      // standing proposal may change it.
      if (earlier?.status === 'active' && !input.revise)
        return { ok: false, reason: 'already_proposed' }
      const proposal = earlier
        ? tx
            .update(proposals)
            .set({ ...terms, status: 'active' })
            .where(eq(proposals.id, earlier.id))
            .returning()
            .get()
        : tx
            .insert(proposals)
            .values({ ...terms, requestId: request.id, storeId: store.id, createdAt: at })
            .returning()
            .get()
      news = recordEvent(tx, [request.buyerId], REQUEST_CHANGED, { code: request.code }, at)
      news.push(
        ...notify(
          tx,
          {
            memberId: request.buyerId,
            kind: 'proposal.received',
            subject: requestSubject(request.code),
            data: {
              code: request.code,
              title: request.title,
              store: store.name,
              revised: earlier?.status === 'active',
            },
          },
          at,
        ),
      )
      return { ok: true, proposal, revised: earlier?.status === 'active' }
    },
    { behavior: 'immediate' },
  )
  if (result.ok) publishEvents(deps.bus, news)
  return result
}

export type WithdrawProposalResult = { ok: true } | { ok: false; reason: 'not_found' | 'closed' }

/**
 * The store takes back its active proposal on a request (only while it stands); the buyer's open
 * page of the request drops it.
 */
export function withdrawProposal(
  deps: RequestDeps,
  store: Store,
  code: string,
): WithdrawProposalResult {
  const at = deps.clock.now()
  let news: LiveEvent[] = []
  const result = deps.db.transaction(
    (tx): WithdrawProposalResult => {
      const request = tx
        .select({ id: serviceRequests.id, buyerId: serviceRequests.buyerId })
        .from(serviceRequests)
        .where(eq(serviceRequests.code, code))
        .get()
      if (!request) return { ok: false, reason: 'not_found' }
      const withdrawn = tx
        .update(proposals)
        .set({ status: 'withdrawn', updatedAt: at })
        .where(
          and(
            eq(proposals.requestId, request.id),
            eq(proposals.storeId, store.id),
            eq(proposals.status, 'active'),
          ),
        )
        .returning({ id: proposals.id })
        .get()
      if (!withdrawn) return { ok: false, reason: 'closed' }
      news = recordEvent(tx, [request.buyerId], REQUEST_CHANGED, { code }, at)
      return { ok: true }
    },
    { behavior: 'immediate' },
  )
  if (result.ok) publishEvents(deps.bus, news)
  return result
}

/** The store's own proposal on the request, whatever its status. */
export function storeProposal(db: Db, storeId: number, requestId: number): Proposal | undefined {
  return db
    .select()
    .from(proposals)
    .where(and(eq(proposals.requestId, requestId), eq(proposals.storeId, storeId)))
    .get()
}

/** A proposal as the buyer compares it: with what they would weigh about its store. */
export type ComparedProposal = Proposal & {
  store: {
    name: string
    slug: string
    memberId: number
    avatar: StoreAvatar | null
    rating: RatingSummary | undefined
    completedOrders: number
    /** How long the store usually takes to answer a new order (median), or null: no history. */
    answersWithin: number | null
  }
}

/** The standing proposals (active or accepted) on the buyer's request, cheapest first. */
export function proposalsToCompare(db: Db, request: RequestDetails): ComparedProposal[] {
  const rows = db
    .select({
      proposal: proposals,
      name: stores.name,
      slug: stores.slug,
      memberId: stores.memberId,
      ratingCount: stores.ratingCount,
      ratingSum: stores.ratingSum,
      avatar: sql.raw(storeAvatarSql('"stores"')).mapWith(readStoreAvatar),
      completedOrders: sql<number>`(SELECT count(*) FROM orders o
        WHERE o.store_id = "stores"."id" AND o.status = 'completed')`,
    })
    .from(proposals)
    .innerJoin(stores, eq(stores.id, proposals.storeId))
    .where(
      and(eq(proposals.requestId, request.id), inArray(proposals.status, ['active', 'accepted'])),
    )
    .orderBy(proposals.price, proposals.id)
    .all()
  const answers = answerTimes(
    db,
    rows.map((row) => row.proposal.storeId),
  )
  return rows.map(({ proposal, ...store }) => ({
    ...proposal,
    store: {
      name: store.name,
      slug: store.slug,
      memberId: store.memberId,
      avatar: store.avatar,
      rating: ratingOf(store),
      completedOrders: store.completedOrders,
      answersWithin: answers.get(proposal.storeId) ?? null,
    },
  }))
}

/** The orders each store's answer time is measured over: its latest. */
const ANSWERS_MEASURED = 20

/**
 * How long each store took, as a median over its latest orders, from an order being placed to
 * the store's first step on it (accepting, declining, confirming a booking).
 */
export function answerTimes(db: Db, storeIds: number[]): Map<number, number> {
  const times = new Map<number, number>()
  if (storeIds.length === 0) return times
  const rows = db.all<{ storeId: number; took: number }>(sql`
    SELECT store_id AS storeId, took FROM (
      SELECT o.store_id, o.placed_at,
        (SELECT min(e.at) FROM order_events e
          WHERE e.order_id = o.id AND e.actor = 'provider') - o.placed_at AS took,
        row_number() OVER (PARTITION BY o.store_id ORDER BY o.placed_at DESC) AS nth
      FROM orders o
      WHERE o.store_id IN (${sql.join(
        storeIds.map((id) => sql`${id}`),
        sql`, `,
      )})
        AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.actor = 'provider')
    ) WHERE nth <= ${ANSWERS_MEASURED}`)
  const byStore = new Map<number, number[]>()
  for (const row of rows) byStore.set(row.storeId, [...(byStore.get(row.storeId) ?? []), row.took])
  for (const [storeId, took] of byStore) times.set(storeId, median(took))
  return times
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
