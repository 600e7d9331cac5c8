// Browsing the open requests: the list a provider looks through for work, and anyone may read.
//
// A request is on the list while it is open and its time has not run out (statusNow: the job
// that writes "expired" may not have run yet), and only for those who may read it (maySeeRequest,
// the same rule as SQL): everyone's requests for all, category-only ones for the providers who
// sell in that top category, the buyer and operators. A buyer whose account was deleted can hire
// no one, so their requests are left off too.
//
// A provider sees the top categories their store sells in unless they choose otherwise ("All
// categories", or a category of their own choosing). Words go through the request's own index
// (request_search, open requests only), as listing search does: MATCH first, then the filters.
// Distance is measured from the provider's store, as the crow flies (place.ts).
import { asc, eq, inArray } from 'drizzle-orm'
import { images, requestPhotos } from '../../../db/schema'
import type { Db } from '../../db'
import type { Proposal } from './proposal'
import { pageWithin, type PageWindow } from '../../lib/pagination'
import type { Image } from '../image'
import { allWordsQuery } from '../listing/search-text'
import { aroundBindings, distanceKmSql, withinBoxSql } from '../place'
import { statement } from '../prepared'
import type { SessionMember } from '../session'
import { findStoreOfMember } from '../store'
import { storeTopCategories, type ServiceRequest } from './request'

/** `best` (bm25) only means something with words; without any it reads as `newest`. */
export const REQUEST_SORTS = ['best', 'newest', 'budget'] as const
export type RequestSort = (typeof REQUEST_SORTS)[number]

export const REQUESTS_PER_PAGE = 20
/** How much of a description a row shows. */
const SUMMARY_LENGTH = 140

export type BrowseFilters = {
  /** From searchWords(): never FTS syntax. */
  words: string[]
  /** A category chosen: a top category with its subcategories already added. */
  categoryIds: number[]
  /**
   * Only the top categories the viewer's store sells in. Left out: on for a provider (a store
   * selling in some category) who chose no category, off for everyone else.
   */
  mine?: boolean | undefined
  /** Minor units: requests whose budget reaches it, or that name no highest budget. */
  minBudget: number | null
  /** Km from the viewer's store; ignored when the store has no point on the map. */
  withinKm: number | null
  sort: RequestSort
  page: number
  /** Rows a page; REQUESTS_PER_PAGE unless a shorter list is wanted (the home page's few). */
  perPage?: number | undefined
}

/** A request as the list shows it. */
export type RequestRow = Pick<
  ServiceRequest,
  | 'id'
  | 'code'
  | 'title'
  | 'budgetMin'
  | 'budgetMax'
  | 'place'
  | 'area'
  | 'neededBy'
  | 'createdAt'
  | 'expiresAt'
> & {
  /** The start of the description, on one line. */
  summary: string
  categoryName: string
  /** Proposals still standing (active or accepted). */
  proposalCount: number
  /** Where the viewer's own store's proposal on it stands, or null: none sent. */
  ownProposal: Proposal['status'] | null
  /** Its first photo. */
  photo: Image | null
  /** From the viewer's store, when both have a point on the map. */
  distanceKm: number | null
}

/** What the viewer brings to the list: their store's categories and place. */
export type BrowseReach = {
  viewerId: number
  operator: boolean
  /** The top categories the viewer's store sells in; [] without a store. */
  topCategoryIds: number[]
  /** The viewer's store point, if they have a store with one. */
  point: { latitude: number; longitude: number } | null
  hasStore: boolean
}

export type BrowseResults = {
  rows: RequestRow[]
  total: number
  page: PageWindow
  /** Narrowed to the viewer's store's categories. */
  mine: boolean
  /** The distance the list was narrowed to, when it was. */
  withinKm: number | null
  /** Sorted by bm25 (`best` with words) or by date and budget. */
  sort: RequestSort
  reach: BrowseReach
}

/**
 * A page of the open requests `viewer` may read, filtered and sorted.
 * @example browseRequests(db, member, { words: ['roof'], categoryIds: [], minBudget: null, withinKm: 5, sort: 'newest', page: 1 }, clock.now())
 */
export function browseRequests(
  db: Db,
  viewer: SessionMember | null,
  filters: BrowseFilters,
  now: Date,
): BrowseResults {
  const reach = browseReach(db, viewer)
  const mine = filters.mine ?? (reach.topCategoryIds.length > 0 && filters.categoryIds.length === 0)
  const withinKm = reach.point && filters.withinKm !== null ? filters.withinKm : null
  const sort = filters.sort === 'best' && filters.words.length === 0 ? 'newest' : filters.sort
  const query = { words: filters.words.length > 0, mine, withinKm, sort, filters, reach }
  const params = bindings(query, now)
  const total = statement<{ total: number }>(db, countSql(query)).get(params)?.total ?? 0
  const page = pageWithin(filters.page, total, filters.perPage ?? REQUESTS_PER_PAGE)
  const found =
    total === 0
      ? []
      : statement<RowFromSql>(db, rowsSql(query)).all({
          ...params,
          limit: page.size,
          offset: page.offset,
        })
  const photos = firstPhotos(
    db,
    found.map((row) => row.id),
  )
  return {
    rows: found.map((row) => toRow(row, photos.get(row.id) ?? null)),
    total,
    page,
    mine,
    withinKm,
    sort,
    reach,
  }
}

/** Who is looking, as the list needs it: their store's top categories and point. */
export function browseReach(db: Db, viewer: SessionMember | null): BrowseReach {
  const store = viewer ? findStoreOfMember(db, viewer.id) : undefined
  const point =
    store && store.latitude !== null && store.longitude !== null
      ? { latitude: store.latitude, longitude: store.longitude }
      : null
  return {
    viewerId: viewer?.id ?? 0,
    operator: viewer?.role === 'operator',
    topCategoryIds: store ? storeTopCategories(db, store.id) : [],
    point,
    hasStore: store !== undefined,
  }
}

// --- The statements -----------------------------------------------------------------------------

type Query = {
  words: boolean
  mine: boolean
  withinKm: number | null
  sort: RequestSort
  filters: BrowseFilters
  reach: BrowseReach
}

/** bm25 weights in the order of request_search's columns (db/migrations/0023_requests.sql). */
const COLUMN_WEIGHTS = { title: 10, category: 5, description: 1 }
const BM25_SQL = `bm25(request_search, ${Object.values(COLUMN_WEIGHTS).join(', ')})`
const TOP_CATEGORY_SQL = 'coalesce(c.parent_id, c.id)'
const DISTANCE_KM_SQL = distanceKmSql('r')

/** From the match set first (FTS5 runs MATCH, then the joins), or every request. */
function fromSql(query: Query): string {
  const source = query.words
    ? `request_search JOIN service_requests r ON r.id = request_search.rowid`
    : 'service_requests r'
  const conditions = [
    ...(query.words ? ['request_search MATCH :match'] : []),
    "r.status = 'open'",
    'r.expires_at > :now',
    'm.deleted_at IS NULL',
    // maySeeRequest, for a list.
    `(r.visibility = 'everyone' OR r.buyer_id = :viewerId OR :operator = 1
      OR ${TOP_CATEGORY_SQL} IN (SELECT value FROM json_each(:topCategoryIds)))`,
  ]
  if (query.mine)
    conditions.push(`${TOP_CATEGORY_SQL} IN (SELECT value FROM json_each(:topCategoryIds))`)
  if (query.filters.categoryIds.length > 0)
    conditions.push('r.category_id IN (SELECT value FROM json_each(:categoryIds))')
  if (query.filters.minBudget !== null)
    conditions.push('(r.budget_max IS NULL OR r.budget_max >= :minBudget)')
  if (query.withinKm !== null) conditions.push(withinBoxSql('r'), `${DISTANCE_KM_SQL} <= :radiusKm`)
  return `${source}
    JOIN categories c ON c.id = r.category_id
    JOIN members m ON m.id = r.buyer_id
    WHERE ${conditions.join('\n      AND ')}`
}

function countSql(query: Query): string {
  return `SELECT count(*) AS total FROM ${fromSql(query)}`
}

function rowsSql(query: Query): string {
  const order = {
    best: `${BM25_SQL} ASC, r.created_at DESC`,
    newest: 'r.created_at DESC',
    // Highest first; a budget left open says nothing of how high, so those come last.
    budget: 'r.budget_max IS NULL, r.budget_max DESC, r.created_at DESC',
  }[query.sort]
  return `SELECT r.id AS id, r.code AS code, r.title AS title,
      substr(r.description, 1, ${SUMMARY_LENGTH * 2}) AS description, c.name AS categoryName,
      r.budget_min AS budgetMin, r.budget_max AS budgetMax, r.place AS place, r.area AS area,
      r.needed_by AS neededBy, r.created_at AS createdAt, r.expires_at AS expiresAt,
      (SELECT count(*) FROM proposals p
        WHERE p.request_id = r.id AND p.status IN ('active', 'accepted')) AS proposalCount,
      (SELECT p.status FROM proposals p JOIN stores s ON s.id = p.store_id
        WHERE p.request_id = r.id AND s.member_id = :viewerId) AS ownProposal,
      ${query.reach.point ? DISTANCE_KM_SQL : 'NULL'} AS distanceKm
    FROM ${fromSql(query)}
    ORDER BY ${order}, r.id DESC
    LIMIT :limit OFFSET :offset`
}

function bindings(query: Query, now: Date) {
  const { filters, reach } = query
  const params: Record<string, number | string> = {
    now: now.getTime(),
    viewerId: reach.viewerId,
    operator: reach.operator ? 1 : 0,
    topCategoryIds: JSON.stringify(reach.topCategoryIds),
  }
  if (query.words) params.match = allWordsQuery(filters.words)
  if (filters.categoryIds.length > 0) params.categoryIds = JSON.stringify(filters.categoryIds)
  if (filters.minBudget !== null) params.minBudget = filters.minBudget
  if (reach.point)
    Object.assign(params, aroundBindings({ ...reach.point, radiusKm: query.withinKm ?? 0 }))
  return params
}

// --- Rows ---------------------------------------------------------------------------------------

type RowFromSql = Omit<RequestRow, 'summary' | 'photo' | 'createdAt' | 'expiresAt'> & {
  description: string
  createdAt: number
  expiresAt: number
}

function toRow(row: RowFromSql, photo: Image | null): RequestRow {
  const { description, ...rest } = row
  return {
    ...rest,
    summary: summaryOf(description),
    createdAt: new Date(row.createdAt),
    expiresAt: new Date(row.expiresAt),
    photo,
  }
}

/** The description on one line, cut at a word near SUMMARY_LENGTH characters. */
function summaryOf(description: string): string {
  const line = description.replace(/\s+/g, ' ').trim()
  const characters = [...line]
  if (characters.length <= SUMMARY_LENGTH) return line
  const cut = characters.slice(0, SUMMARY_LENGTH).join('')
  const space = cut.lastIndexOf(' ')
  return `${(space > SUMMARY_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** The first photo of each request, for its row. */
function firstPhotos(db: Db, requestIds: number[]): Map<number, Image> {
  const first = new Map<number, Image>()
  if (requestIds.length === 0) return first
  const rows = db
    .select({ requestId: requestPhotos.requestId, image: images })
    .from(requestPhotos)
    .innerJoin(images, eq(images.id, requestPhotos.imageId))
    .where(inArray(requestPhotos.requestId, requestIds))
    .orderBy(asc(requestPhotos.position))
    .all()
  for (const row of rows) if (!first.has(row.requestId)) first.set(row.requestId, row.image)
  return first
}
