// Requests: a buyer's need, posted for the town's providers to answer with proposals
// (proposal.ts), one of which the buyer may hire (hiring.ts).
//
// A request is open until it is hired, withdrawn, or its time runs out. Its time running out is
// a fact of the clock, not of a job: an open request past `expiresAt` reads as expired everywhere
// (statusNow), and the recurring job (expireRequests) only writes down what is already true, so
// nothing can be proposed on or hired from a request whose time is up, job or no job.
//
// Who may read one: everyone, or — when the buyer chose so — only providers who sell in its
// category (a published listing in the same top category), besides the buyer and operators. To
// anyone else it does not exist (404), as with a draft listing.
import { and, asc, eq, isNull, lte, ne, sql } from 'drizzle-orm'
import {
  categories,
  images,
  listings,
  members,
  requestPhotos,
  serviceRequests,
  stores,
} from '../../../db/schema'
import type { Db } from '../../db'
import type { Clock } from '../../lib/clock'
import { DAY } from '../../lib/clock'
import { readableCode } from '../../lib/tokens'
import type { Bus } from '../../live/bus'
import { publishEvents, type LiveEvent } from '../../live/events'
import type { Image } from '../image'
import { notify } from '../notification'
import { listPlaces } from '../place'
import type { SessionMember } from '../session'
import type { Tx } from '../transaction'
import type { RequestInput } from './request-input'

export type ServiceRequest = typeof serviceRequests.$inferSelect
export type RequestStatus = ServiceRequest['status']

export type RequestDeps = { db: Db; clock: Clock; bus: Bus }

/** A request as its page shows it. */
export type RequestDetails = ServiceRequest & {
  /** The status as of now (statusNow). */
  statusNow: RequestStatus
  category: { id: number; name: string; slug: string; topId: number; topName: string }
  buyerName: string
  photos: Image[]
  /** Proposals still standing (active or accepted). */
  proposalCount: number
}

/** The event the buyer's open request page hears when a proposal on it comes, changes or goes. */
export const REQUEST_CHANGED = 'request.changed'

/**
 * SQL: how many proposals stand (active or accepted) on the request row in the query. Spelled
 * with the table's name: in a query without joins drizzle writes a bare "id", which inside the
 * subquery would be the proposal's own.
 */
const STANDING_PROPOSALS = sql<number>`(SELECT count(*) FROM proposals p
  WHERE p.request_id = "service_requests"."id" AND p.status IN ('active', 'accepted'))`

/** Its subject in notifications and conversations, and the path of its page. */
export const requestSubject = (code: string) => `request:${code}`
export const requestPath = (request: Pick<ServiceRequest, 'code'>) => `/requests/${request.code}`

/** An open request whose time is up is expired, whether or not the job has written it yet. */
export function statusNow(
  request: Pick<ServiceRequest, 'status' | 'expiresAt'>,
  now: Date,
): RequestStatus {
  return request.status === 'open' && request.expiresAt <= now ? 'expired' : request.status
}

/** The top category of `categoryId` (itself when it is one). */
export function topCategoryOf(db: Db | Tx, categoryId: number): number | undefined {
  const row = (db as Db)
    .select({ id: categories.id, parentId: categories.parentId })
    .from(categories)
    .where(eq(categories.id, categoryId))
    .get()
  return row ? (row.parentId ?? row.id) : undefined
}

/** The top categories a store sells in: those of its published listings. */
export function storeTopCategories(db: Db | Tx, storeId: number): number[] {
  return (db as Db)
    .selectDistinct({ id: sql<number>`coalesce(${categories.parentId}, ${categories.id})` })
    .from(listings)
    .innerJoin(categories, eq(categories.id, listings.categoryId))
    .where(and(eq(listings.storeId, storeId), eq(listings.status, 'published')))
    .all()
    .map((row) => row.id)
}

/**
 * Whether `viewer` may read the request: see the top of the file.
 * @param viewerTopCategories the top categories the viewer's store sells in ([] without one)
 */
export function maySeeRequest(
  request: Pick<ServiceRequest, 'visibility' | 'buyerId'> & { category: { topId: number } },
  viewer: Pick<SessionMember, 'id' | 'role'> | null,
  viewerTopCategories: readonly number[],
): boolean {
  if (request.visibility === 'everyone') return true
  if (!viewer) return false
  if (viewer.id === request.buyerId || viewer.role === 'operator') return true
  return viewerTopCategories.includes(request.category.topId)
}

export type PostRequestResult =
  { ok: true; request: ServiceRequest } | { ok: false; reason: 'category' | 'too_many' }

/**
 * A member posts at most this many requests in a day: each one tells up to MAX_TOLD providers,
 * so a flood would be theirs to bear. Counted from the table, so a restart forgets nothing.
 */
export const MAX_REQUESTS_PER_DAY = 5

/**
 * Posts the buyer's request with its photos (already saved), and tells the providers who sell in
 * its category, all in one transaction.
 * @example postRequest(c.var, member, form.data, images.map((image) => image.id))
 */
export function postRequest(
  deps: RequestDeps,
  buyer: SessionMember,
  input: RequestInput,
  imageIds: readonly number[],
): PostRequestResult {
  const at = deps.clock.now()
  const place = input.area
    ? listPlaces(deps.db, deps.clock).find(
        (known) => known.name.toLocaleLowerCase() === input.area.toLocaleLowerCase(),
      )
    : undefined
  let news: LiveEvent[] = []
  const result = deps.db.transaction(
    (tx): PostRequestResult => {
      const topId = topCategoryOf(tx, input.categoryId)
      if (topId === undefined) return { ok: false, reason: 'category' }
      const today = tx
        .select({ count: sql<number>`count(*)` })
        .from(serviceRequests)
        .where(
          and(
            eq(serviceRequests.buyerId, buyer.id),
            sql`${serviceRequests.createdAt} > ${at.getTime() - DAY}`,
          ),
        )
        .get()
      if ((today?.count ?? 0) >= MAX_REQUESTS_PER_DAY) return { ok: false, reason: 'too_many' }
      const request = tx
        .insert(serviceRequests)
        .values({
          code: readableCode(),
          buyerId: buyer.id,
          title: input.title,
          description: input.description,
          categoryId: input.categoryId,
          budgetMin: input.budgetMin,
          budgetMax: input.budgetMax,
          place: input.place,
          area: place?.name ?? input.area,
          latitude: place?.latitude ?? null,
          longitude: place?.longitude ?? null,
          neededBy: input.neededBy,
          visibility: input.visibility,
          expiresAt: new Date(at.getTime() + input.openForDays * DAY),
          createdAt: at,
        })
        .returning()
        .get()
      imageIds.forEach((imageId, position) =>
        tx.insert(requestPhotos).values({ requestId: request.id, imageId, position }).run(),
      )
      news = tellProviders(tx, request, topId, buyer, at)
      return { ok: true, request }
    },
    { behavior: 'immediate' },
  )
  if (result.ok) publishEvents(deps.bus, news)
  return result
}

/**
 * At most this many providers hear of one request at once: the most recently active first. A
 * town has far fewer in a category; the cap keeps one post from writing thousands of rows.
 */
const MAX_TOLD = 200

function tellProviders(
  tx: Tx,
  request: ServiceRequest,
  topId: number,
  buyer: SessionMember,
  at: Date,
): LiveEvent[] {
  const owners = tx
    .selectDistinct({ memberId: stores.memberId, updatedAt: stores.updatedAt })
    .from(stores)
    .innerJoin(listings, eq(listings.storeId, stores.id))
    .innerJoin(categories, eq(categories.id, listings.categoryId))
    .innerJoin(members, eq(members.id, stores.memberId))
    .where(
      and(
        eq(listings.status, 'published'),
        sql`coalesce(${categories.parentId}, ${categories.id}) = ${topId}`,
        ne(stores.memberId, buyer.id),
        isNull(members.deletedAt),
      ),
    )
    .orderBy(sql`${stores.updatedAt} desc`)
    .limit(MAX_TOLD)
    .all()
  return owners.flatMap(({ memberId }) =>
    notify(
      tx,
      {
        memberId,
        kind: 'request.posted',
        subject: requestSubject(request.code),
        data: { code: request.code, title: request.title, by: buyer.displayName },
      },
      at,
    ),
  )
}

/** The request with what its page shows, if `viewer` may read it. */
export function findRequestFor(
  db: Db,
  viewer: SessionMember | null,
  code: string,
  now: Date,
): RequestDetails | undefined {
  const row = db
    .select({
      request: serviceRequests,
      category: {
        id: categories.id,
        name: categories.name,
        slug: categories.slug,
        topId: sql<number>`coalesce(${categories.parentId}, ${categories.id})`,
        topName: sql<string>`coalesce((SELECT t.name FROM categories t
          WHERE t.id = ${categories.parentId}), ${categories.name})`,
      },
      buyerName: members.displayName,
      proposalCount: STANDING_PROPOSALS,
    })
    .from(serviceRequests)
    .innerJoin(categories, eq(categories.id, serviceRequests.categoryId))
    .innerJoin(members, eq(members.id, serviceRequests.buyerId))
    .where(eq(serviceRequests.code, code))
    .get()
  if (!row) return undefined
  const viewerStore = viewer ? storeIdOf(db, viewer.id) : undefined
  const tops = viewerStore === undefined ? [] : storeTopCategories(db, viewerStore)
  const details = { ...row.request, category: row.category }
  if (!maySeeRequest(details, viewer, tops)) return undefined
  return {
    ...details,
    statusNow: statusNow(row.request, now),
    buyerName: row.buyerName,
    proposalCount: row.proposalCount,
    photos: requestPhotosOf(db, row.request.id),
  }
}

function storeIdOf(db: Db, memberId: number): number | undefined {
  return db.select({ id: stores.id }).from(stores).where(eq(stores.memberId, memberId)).get()?.id
}

function requestPhotosOf(db: Db, requestId: number): Image[] {
  return db
    .select({ image: images })
    .from(requestPhotos)
    .innerJoin(images, eq(images.id, requestPhotos.imageId))
    .where(eq(requestPhotos.requestId, requestId))
    .orderBy(asc(requestPhotos.position))
    .all()
    .map((row) => row.image)
}

/** A buyer's own requests, newest first, with how many proposals stand on each. */
export type OwnRequest = ServiceRequest & { statusNow: RequestStatus; proposalCount: number }

export function listOwnRequests(db: Db, buyerId: number, now: Date): OwnRequest[] {
  return db
    .select({
      request: serviceRequests,
      proposalCount: STANDING_PROPOSALS,
    })
    .from(serviceRequests)
    .where(eq(serviceRequests.buyerId, buyerId))
    .orderBy(sql`${serviceRequests.createdAt} desc, ${serviceRequests.id} desc`)
    .all()
    .map((row) => ({
      ...row.request,
      statusNow: statusNow(row.request, now),
      proposalCount: row.proposalCount,
    }))
}

export type WithdrawResult = { ok: true } | { ok: false; reason: 'not_found' | 'closed' }

/**
 * The buyer takes their open request back; the providers who proposed hear of it. Only the
 * buyer's own, only while open (a guarded update: hiring in between wins).
 */
export function withdrawRequest(
  deps: RequestDeps,
  buyer: SessionMember,
  code: string,
): WithdrawResult {
  const at = deps.clock.now()
  let news: LiveEvent[] = []
  const result = deps.db.transaction(
    (tx): WithdrawResult => {
      const request = tx
        .select()
        .from(serviceRequests)
        .where(and(eq(serviceRequests.code, code), eq(serviceRequests.buyerId, buyer.id)))
        .get()
      if (!request) return { ok: false, reason: 'not_found' }
      const closed = tx
        .update(serviceRequests)
        .set({ status: 'withdrawn', closedAt: at })
        .where(
          and(
            eq(serviceRequests.id, request.id),
            eq(serviceRequests.status, 'open'),
            sql`${serviceRequests.expiresAt} > ${at.getTime()}`,
          ),
        )
        .returning({ id: serviceRequests.id })
        .get()
      if (!closed) return { ok: false, reason: 'closed' }
      news = tellProposers(tx, request, { kind: 'request.closed', status: 'withdrawn' }, at)
      return { ok: true }
    },
    { behavior: 'immediate' },
  )
  if (result.ok) publishEvents(deps.bus, news)
  return result
}

/**
 * Tells the stores with a standing proposal that the request closed (`except` the one hired),
 * and marks their proposals declined when the buyer hired someone else.
 */
export function tellProposers(
  tx: Tx,
  request: ServiceRequest,
  closing: { kind: 'request.closed'; status: 'withdrawn' | 'hired' | 'expired'; except?: number },
  at: Date,
): LiveEvent[] {
  const standing = tx.all<{ id: number; memberId: number }>(sql`
    SELECT p.id AS id, s.member_id AS memberId FROM proposals p
    JOIN stores s ON s.id = p.store_id
    WHERE p.request_id = ${request.id} AND p.status = 'active'
      AND p.id != ${closing.except ?? 0}`)
  if (closing.status === 'hired' && standing.length > 0)
    tx.run(sql`UPDATE proposals SET status = 'declined', updated_at = ${at.getTime()}
      WHERE id IN (${sql.join(
        standing.map((row) => sql`${row.id}`),
        sql`, `,
      )})`)
  return standing.flatMap(({ memberId }) =>
    notify(
      tx,
      {
        memberId,
        kind: closing.kind,
        subject: requestSubject(request.code),
        data: { code: request.code, title: request.title, status: closing.status },
      },
      at,
    ),
  )
}

/**
 * Writes down the requests whose time ran out (status already reads expired: statusNow) and
 * tells their proposers. Run by the recurring job (src/jobs/request-expiry.ts).
 * @returns how many requests it closed
 */
export function expireRequests(deps: RequestDeps): number {
  const at = deps.clock.now()
  let news: LiveEvent[] = []
  const closed = deps.db.transaction((tx) => {
    const due = tx
      .update(serviceRequests)
      .set({ status: 'expired', closedAt: sql`${serviceRequests.expiresAt}` })
      .where(and(eq(serviceRequests.status, 'open'), lte(serviceRequests.expiresAt, at)))
      .returning()
      .all()
    news = due.flatMap((request) =>
      tellProposers(tx, request, { kind: 'request.closed', status: 'expired' }, at),
    )
    return due.length
  })
  publishEvents(deps.bus, news)
  return closed
}

/** Whether a request has this code, whoever may read it (never its contents). */
export function requestCodeExists(db: Db, code: string): boolean {
  return (
    db
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(eq(serviceRequests.code, code))
      .get() !== undefined
  )
}
