// Facets: how many listings each choice beside the results leads to. The search counts its match
// set once, grouped by everything a facet shows (category, kind, price band, the ways to receive
// it — search.ts, facetSql); this file adds those few hundred groups up, each facet with the
// *other* facets' choices applied, so choosing "Plumbing" still shows how many electricians
// there are, and cuts the price bands.
import type { SearchCriteria } from './search'

export const FULFILMENTS = ['in-person', 'at-provider', 'online', 'pickup', 'delivery'] as const
export type Fulfilment = (typeof FULFILMENTS)[number]

export type ListingKind = 'service' | 'product'

export type PriceBand = { min: number | null; max: number | null; count: number }
export type SearchFacets = {
  /** By the listing's own category (top or sub); the view adds subcategories up. */
  categories: Map<number, number>
  kinds: Map<ListingKind, number>
  fulfilment: Map<Fulfilment, number>
  prices: PriceBand[]
}

/** Each way to receive a listing as a bit: services by where they happen, goods by how. */
const FULFILMENT_BITS: Record<Fulfilment, number> = {
  'in-person': 1,
  'at-provider': 2,
  online: 4,
  pickup: 8,
  delivery: 16,
}

/**
 * Price band boundaries in minor units, 1-2-5 steps (1, 2, 5, 10, 20, 50 …): right for any
 * currency, whether prices run in cents or in thousands of shillings. Bands with listings are
 * then merged down to a few (see priceBands).
 */
export const BAND_LOWERS = Array.from({ length: 13 }, (_, decade) =>
  [1, 2, 5].map((step) => step * 10 ** decade),
).flat()
export const PRICE_BAND_SQL = `CASE ${BAND_LOWERS.map((lower, band) => `WHEN l.from_price < ${lower} THEN ${band}`).join(' ')} ELSE ${BAND_LOWERS.length} END`
/** Band `b` holds prices from BAND_LOWERS[b - 1] (0 for band 0) up to, not including, BAND_LOWERS[b]. */
const bandLower = (band: number) => (band === 0 ? 0 : BAND_LOWERS[band - 1]!)
const bandUpper = (band: number) => BAND_LOWERS[band] ?? null

export type FacetGroup = {
  categoryId: number
  kind: ListingKind
  band: number
  fulfilment: number
  count: number
  /** Listings priced exactly at the band's lower boundary: they belong to the band below too. */
  onBandLower: number
}

type Facet = 'category' | 'kind' | 'fulfilment'

export function fulfilmentMask(chosen: Fulfilment[]): number {
  return chosen.reduce((mask, value) => mask | FULFILMENT_BITS[value], 0)
}

/** Whether a group passes every chosen facet except `except` (facets count that way). */
function passes(group: FacetGroup, criteria: SearchCriteria, except?: Facet): boolean {
  if (except !== 'category' && criteria.categoryIds.length > 0)
    if (!criteria.categoryIds.includes(group.categoryId)) return false
  if (except !== 'kind' && criteria.kind && group.kind !== criteria.kind) return false
  if (except !== 'fulfilment' && criteria.fulfilment.length > 0)
    if ((group.fulfilment & fulfilmentMask(criteria.fulfilment)) === 0) return false
  return true
}

export function countChosen(groups: FacetGroup[], criteria: SearchCriteria): number {
  return groups.reduce((sum, group) => sum + (passes(group, criteria) ? group.count : 0), 0)
}

export function addUpFacets(groups: FacetGroup[], criteria: SearchCriteria): SearchFacets {
  const categories = new Map<number, number>()
  const kinds = new Map<ListingKind, number>()
  const fulfilment = new Map<Fulfilment, number>()
  const add = <K>(map: Map<K, number>, key: K, count: number) =>
    map.set(key, (map.get(key) ?? 0) + count)
  for (const group of groups) {
    if (passes(group, criteria, 'category')) add(categories, group.categoryId, group.count)
    if (passes(group, criteria, 'kind')) add(kinds, group.kind, group.count)
    if (passes(group, criteria, 'fulfilment'))
      for (const value of FULFILMENTS)
        if (group.fulfilment & FULFILMENT_BITS[value]) add(fulfilment, value, group.count)
  }
  return {
    categories,
    kinds,
    fulfilment,
    prices: priceBands(groups.filter((group) => passes(group, criteria))),
  }
}

/** At most this many price bands are offered. */
const MAX_PRICE_BANDS = 5

/**
 * The price bands worth offering for what matched: the 1-2-5 bands that hold listings, merged
 * (smallest neighbours first) down to MAX_PRICE_BANDS. A band includes both its ends, as the
 * min and max it sets do, so its count is exactly what choosing it shows.
 */
export function priceBands(
  groups: Pick<FacetGroup, 'band' | 'count' | 'onBandLower'>[],
): PriceBand[] {
  const counts = new Map<number, { count: number; onLower: number }>()
  for (const group of groups) {
    const band = counts.get(group.band) ?? { count: 0, onLower: 0 }
    band.count += group.count
    band.onLower += group.onBandLower
    counts.set(group.band, band)
  }
  let spans = [...counts.keys()]
    .sort((a, b) => a - b)
    .filter((band) => counts.get(band)!.count > 0)
    .map((band) => ({ first: band, last: band, count: counts.get(band)!.count }))
  while (spans.length > MAX_PRICE_BANDS) {
    let smallest = 0
    for (let index = 1; index < spans.length - 1; index += 1)
      if (
        spans[index]!.count + spans[index + 1]!.count <
        spans[smallest]!.count + spans[smallest + 1]!.count
      )
        smallest = index
    const [left, right] = [spans[smallest]!, spans[smallest + 1]!]
    spans = [
      ...spans.slice(0, smallest),
      { first: left.first, last: right.last, count: left.count + right.count },
      ...spans.slice(smallest + 2),
    ]
  }
  return spans.map((span, index) => {
    const open = index === spans.length - 1
    const max = open ? null : bandUpper(span.last)
    // A price exactly at the upper end sits in the next band up, and is shown here too.
    const onUpper = open ? 0 : (counts.get(span.last + 1)?.onLower ?? 0)
    return {
      min: index === 0 && span.first === 0 ? null : bandLower(span.first),
      max,
      count: span.count + onUpper,
    }
  })
}
