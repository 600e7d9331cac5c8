import { Hono, type Context } from 'hono'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { documentTitle } from '../../views/layouts/site-layout'
import {
  SearchBody,
  SearchHeading,
  SearchPage,
  searchTitle,
  type SearchView,
} from '../../views/search/search-page'
import { HEADER_SEARCH_ID, suggestionsId } from '../../views/search/search-box'
import { searchHref } from '../../views/search/search-url'
import { Suggestions } from '../../views/search/suggestions'
import type { MarketEnv } from '../http/env'
import { parseQuery } from '../http/forms'
import { FRAGMENT_VARY, wantsFragment } from '../http/htmx'
import { markSearch } from '../http/search-log'
import { shell } from '../http/shell'
import { listCategoryTree, type CategoryBranch } from '../models/category'
import { savedListingIds } from '../models/favourite'
import { coverPhotos } from '../models/listing-photos'
import { searchListings } from '../models/listing/search'
import { cachedAnswer } from '../models/listing/search-cache'
import {
  readSearchCriteria,
  searchParamsSchema,
  type SearchChoices,
} from '../models/listing/search-input'
import { suggestSearches } from '../models/listing/suggestions'
import { listPlaces } from '../models/place'

/**
 * GET /search — full-text search with filters, facets and sorting; every choice is in the URL.
 * GET /search/suggestions?q= — what the header's search box offers while one types.
 */
export const search = new Hono<MarketEnv>()
  .get('/', (c) => {
    const view = searchView(c, '/search', listCategoryTree(c.var.db))
    const q = view.place.choices.q
    c.header('Vary', FRAGMENT_VARY, { append: true })
    if (wantsFragment(c))
      return searchFragment(
        c,
        view,
        <>
          <title>{documentTitle(searchTitle(q), c.var.site.marketName)}</title>
          <SearchHeading q={q} outOfBand />
        </>,
      )
    return c.html(
      <SearchPage
        {...view}
        shell={shell(c, { searchPage: true })}
        title={searchTitle(q)}
        label={`Search ${c.var.site.marketName}`}
        header={<SearchHeading q={q} />}
        body={searchBody(c, view, { fragment: false })}
      />,
    )
  })
  .get('/suggestions', (c) => {
    const suggestions = suggestSearches(
      c.var.db,
      c.var.clock,
      listCategoryTree(c.var.db),
      c.req.query('q') ?? '',
    )
    return c.html(
      <Suggestions listId={suggestionsId(HEADER_SEARCH_ID)} suggestions={suggestions} />,
    )
  })

/**
 * Reads the address bar and runs the search, at `path`: /search, or a category's page with its
 * categories given (the category and its subcategories).
 */
export function searchView(
  c: Context<MarketEnv>,
  path: string,
  categories: CategoryBranch[],
  scope?: { categoryIds: number[] },
): SearchView {
  const { db, site } = c.var
  const query = parseQuery(c, searchParamsSchema)
  const places = listPlaces(db, c.var.clock)
  const market = { categories, places, currency: site.currency, locale: site.locale }
  const { criteria, choices, problems } = readSearchCriteria(
    query.ok ? query.data : searchParamsSchema.parse({}),
    market,
  )
  const scoped =
    scope && criteria.categoryIds.length === 0
      ? { ...criteria, categoryIds: scope.categoryIds }
      : criteria
  const results = searchListings(db, c.var.clock, scoped)
  // The first page of each search is one search for the operator's log; scrolling on is not.
  if (criteria.words.length > 0 && criteria.page === 1)
    markSearch(c, {
      query: criteria.words.join(' '),
      filters: loggedFilters(path, choices),
      results: results.total,
    })
  const ids = results.hits.map((hit) => hit.id)
  const member = c.var.member
  return {
    place: { path, choices },
    results,
    problems,
    categories: scope ? null : categories,
    places,
    covers: coverPhotos(db, ids),
    saved: member ? savedListingIds(db, member, ids) : new Set(),
    currency: site.currency,
    locale: site.locale,
  }
}

/**
 * The filters and results alone, for htmx. The form sends every field, empty ones too; the
 * address bar gets the search's own short URL instead (the "More results" link, always past
 * page 1, leaves the address alone).
 */
export function searchFragment(c: Context<MarketEnv>, view: SearchView, around?: Child) {
  if (view.results.page.number === 1 && c.req.query('page') === undefined)
    c.header('HX-Push-Url', searchHref(view.place))
  return c.html(
    <>
      {searchBody(c, view, { fragment: true })}
      {around}
    </>,
  )
}

/** A search's filters as the log keeps them: the short URL's, less words, page and sort. */
function loggedFilters(path: string, choices: SearchChoices): string {
  const params = new URL(
    searchHref({ path, choices: { ...choices, q: '', sort: 'best' } }),
    'http://x',
  ).searchParams
  if (path.startsWith('/categories/')) params.set('in', path.slice('/categories/'.length))
  params.sort()
  return params.toString()
}

/**
 * The filters and results as HTML, rendered once per answer and kept with it (search-cache.ts):
 * rendering two dozen cards and the filters is most of a search's time once the answer itself
 * is kept. Kept per member's hearts among the results, the site's money format and the kind of
 * answer; a new photo shows within the cache's minute.
 */
export function searchBody(
  c: Context<MarketEnv>,
  view: SearchView,
  { fragment }: { fragment: boolean },
) {
  const saved = view.results.hits.filter((hit) => view.saved.has(hit.id)).map((hit) => hit.id)
  const key = JSON.stringify([
    'search body',
    view.place,
    view.results.page.number,
    view.problems,
    view.categories === null,
    saved,
    view.currency,
    view.locale,
    fragment,
  ])
  // raw() only takes back what <SearchBody> rendered a moment ago (JSX escaped every value in it),
  // so nothing typed reaches the page unescaped.
  return raw(
    cachedAnswer(c.var.db, c.var.clock, key, () =>
      String(<SearchBody {...view} fragment={fragment} />),
    ),
  )
}
