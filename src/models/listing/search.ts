// Search over the listings on sale: words (full text), filters, facets, sorting and pages.
//
// One search is two statements. The first runs the words (MATCH first, then the filters that are
// not facets: stock, price, place) and counts the match set grouped by everything a facet shows —
// category, kind, price band, fulfilment — in one pass; the facets and the total are added up
// from those groups (search-facets.ts). The second statement fetches one page of results with
// every filter, in the order asked for.
//
// Pages stop at MAX_RESULTS: nobody reads past a thousand results, and a deep OFFSET is the one
// part of a search whose cost grows with the page number. The page says so and asks for a word
// or a filter more.
import type { Db } from '../../db'
import type { Clock } from '../../lib/clock'
import { pageWithin, type PageWindow } from '../../lib/pagination'
import type { ListingCard } from '../listing'
import { statement } from '../prepared'
import { aroundBindings, distanceKmSql, withinBoxSql } from '../place'
import { readStoreAvatar, storeAvatarSql } from '../store'
import { cachedAnswer } from './search-cache'
import { marketMeanRating } from '../review'
import { bestMatchScoreSql, weightedRatingSql } from './ranking'
import {
  allWordsQuery,
  anyWordQuery,
  MARK_END,
  MARK_START,
  readMarks,
  type MarkedText,
} from './search-text'
import {
  addUpFacets,
  BAND_LOWERS,
  countChosen,
  fulfilmentMask,
  PRICE_BAND_SQL,
  type FacetGroup,
  type Fulfilment,
  type ListingKind,
  type SearchFacets,
} from './search-facets'
import { correctSpelling } from './spelling'
import { hasOptionsSql, inStockSql } from './units'

export {
  FULFILMENTS,
  type Fulfilment,
  type ListingKind,
  type PriceBand,
  type SearchFacets,
} from './search-facets'
export const SORTS = ['best', 'top-rated', 'newest', 'price-asc', 'price-desc', 'nearest'] as const
export type SearchSort = (typeof SORTS)[number]

export const PAGE_SIZE = 24
export const MAX_RESULTS = 960

export type SearchCriteria = {
  /** From searchWords(): never FTS syntax. */
  words: string[]
  /** Categories chosen, each top category with its subcategories already added. */
  categoryIds: number[]
  kind: ListingKind | null
  /** Minor units, both inclusive. */
  minPrice: number | null
  maxPrice: number | null
  inStock: boolean
  fulfilment: Fulfilment[]
  near: { latitude: number; longitude: number; radiusKm: number } | null
  sort: SearchSort
  page: number
}

export type SearchHit = ListingCard & {
  title: string
  /** The title with the words found marked; plain when browsing. */
  markedTitle: MarkedText
  /** A few words of the description around a match, when the match is there. */
  snippet: MarkedText | null
  distanceKm: number | null
}

export type SearchResults = {
  hits: SearchHit[]
  /** Everything that matched, even past MAX_RESULTS. */
  total: number
  page: PageWindow
  facets: SearchFacets
  /**
   * How the words were used: every word, a corrected spelling of them (`correction`), any one
   * of them (when no listing holds them all), or no words at all.
   */
  matched: 'all-words' | 'corrected' | 'any-word' | 'browse'
  correction: string[] | null
}

/**
 * Searches the listings on sale: the same criteria get the same answer from memory until
 * something on sale changes (search-cache.ts).
 */
export function searchListings(db: Db, clock: Clock, criteria: SearchCriteria): SearchResults {
  return cachedAnswer(db, clock, `search ${JSON.stringify(criteria)}`, () =>
    searchListingsUncached(db, clock, criteria),
  )
}

/** The search itself, every time: what the benchmark measures cold. */
export function searchListingsUncached(
  db: Db,
  clock: Clock,
  criteria: SearchCriteria,
): SearchResults {
  const now = clock.now().getTime()
  if (criteria.words.length === 0) return run(db, now, criteria, null, 'browse', null)
  const exact = run(db, now, criteria, allWordsQuery(criteria.words), 'all-words', null)
  if (exact.total > 0) return exact
  const corrected = correctSpelling(db, criteria.words)
  if (corrected) {
    const found = run(db, now, criteria, allWordsQuery(corrected), 'corrected', corrected)
    if (found.total > 0) return found
  }
  if (criteria.words.length > 1) {
    const some = run(db, now, criteria, anyWordQuery(criteria.words), 'any-word', null)
    if (some.total > 0) return some
  }
  return exact
}

function run(
  db: Db,
  now: number,
  criteria: SearchCriteria,
  match: string | null,
  matched: SearchResults['matched'],
  correction: string[] | null,
): SearchResults {
  const params = bindings(criteria, match, now)
  const groups = statement<FacetGroup>(db, facetSql(criteria, match !== null)).all(params)
  const facets = addUpFacets(groups, criteria)
  const total = countChosen(groups, criteria)
  const page = pageWithin(criteria.page, Math.min(total, MAX_RESULTS), PAGE_SIZE)
  const results = resultsSql(criteria, match !== null)
  const rows =
    total === 0
      ? []
      : statement<HitRow>(db, results).all({
          ...params,
          ...chosenFacetBindings(criteria),
          // Read once per search, only when the order uses ratings (browsing by newest does not).
          ...(results.includes(':marketMean') ? { marketMean: marketMeanRating(db) } : {}),
          limit: page.size,
          offset: page.offset,
        })
  return { hits: rows.map(toHit), total, page, facets, matched, correction }
}

// --- The statements -----------------------------------------------------------------------------

const FULFILMENT_MASK_SQL = `(
  (instr(l.service_locations, 'customer') > 0)
  | ((instr(l.service_locations, 'provider') > 0) << 1)
  | ((instr(l.service_locations, 'online') > 0) << 2)
  | (l.pickup << 3) | (l.delivery << 4))`
/** Services are always available; goods when one of their units on sale has stock. */
const IN_STOCK_SQL = inStockSql('l')
const HAS_OPTIONS_SQL = hasOptionsSql('l')
const STORE_AVATAR_SQL = storeAvatarSql('s')

/** highlight() and snippet() put these around matches: MARK_START and MARK_END, as SQL. */
const MARKERS = `char(${MARK_START.codePointAt(0)}), char(${MARK_END.codePointAt(0)})`

const DISTANCE_KM_SQL = distanceKmSql('s')

/** From: the match set first (FTS5 runs MATCH, then the join), or every listing on sale. */
function source(words: boolean, withStore: boolean): string {
  const store = withStore ? ' JOIN stores s ON s.id = l.store_id' : ''
  return words
    ? `listing_search JOIN listings l ON l.id = listing_search.rowid${store}
       WHERE listing_search MATCH :match AND l.status = 'published'`
    : `listings l${store} WHERE l.status = 'published'`
}

/** The filters that are not facets, so that facets count within them. */
function fixedFilters(criteria: SearchCriteria): string {
  const filters: string[] = []
  if (criteria.minPrice !== null) filters.push('l.from_price >= :minPrice')
  if (criteria.maxPrice !== null) filters.push('l.from_price <= :maxPrice')
  if (criteria.inStock) filters.push(IN_STOCK_SQL)
  if (criteria.near) filters.push(withinBoxSql('s'), `${DISTANCE_KM_SQL} <= :radiusKm`)
  return filters.map((filter) => ` AND ${filter}`).join('')
}

function facetSql(criteria: SearchCriteria, words: boolean): string {
  return `SELECT l.category_id AS categoryId, l.kind AS kind, ${PRICE_BAND_SQL} AS band,
      ${FULFILMENT_MASK_SQL} AS fulfilment, count(*) AS count,
      sum(l.from_price IN (${BAND_LOWERS.join(', ')})) AS onBandLower
    FROM ${source(words, criteria.near !== null)}${fixedFilters(criteria)}
    GROUP BY 1, 2, 3, 4`
}

function resultsSql(criteria: SearchCriteria, words: boolean): string {
  const distance = criteria.near ? DISTANCE_KM_SQL : null
  const chosen: string[] = []
  if (criteria.categoryIds.length > 0)
    chosen.push('l.category_id IN (SELECT value FROM json_each(:categoryIds))')
  if (criteria.kind) chosen.push('l.kind = :kind')
  if (criteria.fulfilment.length > 0) chosen.push(`(${FULFILMENT_MASK_SQL} & :fulfilmentMask) != 0`)
  const score = bestMatchScoreSql({ words, distanceKmSql: distance })
  const order = {
    // Browsing without words or a place, best is newest (an index walk, not a sort).
    best: words || distance ? `${score} DESC` : 'l.published_at DESC',
    'top-rated': `${weightedRatingSql} DESC, l.rating_count DESC, l.published_at DESC`,
    newest: 'l.published_at DESC',
    'price-asc': 'l.from_price ASC',
    'price-desc': 'l.from_price DESC',
    nearest: distance ? `${distance} ASC, ${score} DESC` : `${score} DESC`,
  }[criteria.sort]
  return `SELECT l.id AS id, l.slug AS slug, l.title AS title, l.kind AS kind,
      l.from_price AS fromPrice, l.rating_count AS ratingCount, l.rating_sum AS ratingSum,
      ${HAS_OPTIONS_SQL} AS hasOptions, s.name AS storeName, s.slug AS storeSlug,
      s.area AS storeArea, ${STORE_AVATAR_SQL} AS storeAvatar,
      ${words ? `highlight(listing_search, 0, ${MARKERS})` : 'NULL'} AS markedTitle,
      ${words ? `snippet(listing_search, 5, ${MARKERS}, '…', 14)` : 'NULL'} AS snippet,
      ${distance ?? 'NULL'} AS distanceKm, NOT ${IN_STOCK_SQL} AS soldOut
    FROM ${source(words, true)}${fixedFilters(criteria)}${chosen.map((filter) => ` AND ${filter}`).join('')}
    ORDER BY ${order}, l.id DESC
    LIMIT :limit OFFSET :offset`
}

function bindings(criteria: SearchCriteria, match: string | null, now: number) {
  const params: Record<string, number | string> = {}
  if (match !== null) params.match = match
  if (criteria.minPrice !== null) params.minPrice = criteria.minPrice
  if (criteria.maxPrice !== null) params.maxPrice = criteria.maxPrice
  if (criteria.near) Object.assign(params, aroundBindings(criteria.near))
  return { ...params, now }
}

function chosenFacetBindings(criteria: SearchCriteria) {
  const params: Record<string, number | string> = {}
  if (criteria.categoryIds.length > 0) params.categoryIds = JSON.stringify(criteria.categoryIds)
  if (criteria.kind) params.kind = criteria.kind
  if (criteria.fulfilment.length > 0) params.fulfilmentMask = fulfilmentMask(criteria.fulfilment)
  return params
}

// --- Rows to hits -------------------------------------------------------------------------------

type HitRow = {
  id: number
  slug: string
  title: string
  kind: ListingKind
  fromPrice: number
  ratingCount: number
  ratingSum: number
  hasOptions: number
  storeName: string
  storeSlug: string
  storeArea: string
  storeAvatar: string | null
  markedTitle: string | null
  snippet: string | null
  distanceKm: number | null
  soldOut: number
}

function toHit(row: HitRow): SearchHit {
  const snippet = row.snippet ? readMarks(row.snippet) : null
  const marked = row.markedTitle ? readMarks(row.markedTitle) : null
  // The index holds titles without Arabic vowel marks: such a title is shown as written, unmarked.
  const sameTitle = marked?.map((part) => part.text).join('') === row.title
  return {
    ...row,
    markedTitle: marked && sameTitle ? marked : [{ text: row.title, marked: false }],
    snippet: snippet?.some((part) => part.marked) ? snippet : null,
    hasOptions: row.hasOptions === 1,
    soldOut: row.soldOut === 1,
    storeAvatar: readStoreAvatar(row.storeAvatar),
  }
}
