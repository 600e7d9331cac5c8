import type { BrowseChoices } from '../../src/models/request/browse-input'

export const REQUESTS_PATH = '/requests'

/**
 * The address of the requests list with some choices changed: only the parameters that say
 * something, in a fixed order, so the same list is one URL (and one entry in the page cache).
 * @example requestsHref(choices, { all: true }, 2) // "/requests?q=roof&all=1&page=2"
 */
export function requestsHref(
  choices: BrowseChoices,
  change: Partial<BrowseChoices> = {},
  page = 1,
): string {
  const chosen = { ...choices, ...change }
  const params = new URLSearchParams()
  if (chosen.q) params.set('q', chosen.q)
  if (chosen.category) params.set('category', chosen.category)
  if (chosen.all) params.set('all', '1')
  if (chosen.budget) params.set('budget', chosen.budget)
  if (chosen.within !== null) params.set('within', String(chosen.within))
  if (chosen.sort) params.set('sort', chosen.sort)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `${REQUESTS_PATH}?${query}` : REQUESTS_PATH
}

/** Choices for the list as it first opens: nothing asked. */
export const NO_CHOICES: BrowseChoices = {
  q: '',
  category: '',
  all: false,
  budget: '',
  within: null,
  sort: '',
}
