import type { SearchChoices } from '../../src/models/listing/search-input'
import { DEFAULT_RADIUS_KM } from '../../src/models/listing/search-input'

/** A search's address: where it runs (/search, or a category's page) and what is chosen. */
export type SearchPlace = { path: string; choices: SearchChoices }

/**
 * The address of the same search with some choices changed, and only the parameters that say
 * something, in a fixed order — so a shared link reads cleanly and the same search is one URL
 * (and one entry in the page cache).
 * @example searchHref({ path: '/search', choices }, { kind: 'service' }, 2) // "/search?q=tap&kind=service&page=2"
 */
export function searchHref(
  { path, choices }: SearchPlace,
  change: Partial<SearchChoices> = {},
  page = 1,
): string {
  const chosen = { ...choices, ...change }
  const params = new URLSearchParams()
  if (chosen.q) params.set('q', chosen.q)
  for (const slug of chosen.categories) params.append('category', slug)
  if (chosen.kind) params.set('kind', chosen.kind)
  if (chosen.min) params.set('min', chosen.min)
  if (chosen.max) params.set('max', chosen.max)
  if (chosen.stock) params.set('stock', '1')
  for (const value of chosen.fulfilment) params.append('fulfilment', value)
  if (chosen.near) {
    params.set('near', chosen.near)
    if (chosen.radius !== DEFAULT_RADIUS_KM) params.set('radius', String(chosen.radius))
  }
  if (chosen.sort !== 'best') params.set('sort', chosen.sort)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `${path}?${query}` : path
}

/** The list with `value` added, or taken out when it is there. */
export function toggled<T>(values: T[], value: T): T[] {
  return values.includes(value) ? values.filter((one) => one !== value) : [...values, value]
}
