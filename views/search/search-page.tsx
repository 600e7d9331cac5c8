import type { Child } from 'hono/jsx'
import type { CategoryBranch } from '../../src/models/category'
import type { ListingPhoto } from '../../src/models/listing-photos'
import {
  MAX_RESULTS,
  SORTS,
  type SearchResults,
  type SearchSort,
} from '../../src/models/listing/search'
import type { SearchProblems } from '../../src/models/listing/search-input'
import type { Place } from '../../src/models/place'
import { Pagination } from '../components/pagination'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { SearchBox } from './search-box'
import { HitCard } from './search-hit-card'
import { FilterSelect, SEARCH_FORM_ID, SearchFilters } from './search-filters'
import { searchHref, type SearchPlace } from './search-url'

/** What the search page and a category's page show around the results. */
export type SearchView = {
  place: SearchPlace
  results: SearchResults
  problems: SearchProblems
  /** The tree for the category filter; null on a category's page (it shows subcategory chips). */
  categories: CategoryBranch[] | null
  places: Place[]
  covers: Map<number, ListingPhoto>
  /** Which results the member has saved (none for visitors): their hearts are filled. */
  saved: ReadonlySet<number>
  currency: string
  locale: string
}

/** The element htmx swaps as filters change: the filters and the results, not the search box. */
export const SEARCH_BODY_ID = 'search-body'
const HITS_ID = 'search-hits'
const MORE_ID = 'search-more'

type SearchPageProps = SearchView & {
  shell: Shell
  title: string
  /** What goes above the search box: a heading, a category's breadcrumb and subcategories. */
  header: Child
  /** The search box's label: "Search" or "Search in Plumbing". */
  label: string
  /** The filters and results, rendered (SearchBody): routes may keep them rendered. */
  body: Child
}

/**
 * A search: the box, the filters and the results. Without JavaScript it is a GET form and links;
 * with htmx, typing (after a pause) and every change of a filter fetch only the body, which is
 * morphed in place (focus stays on the control just used) and the address bar follows, so the
 * URL is always the search to share.
 */
export function SearchPage(props: SearchPageProps) {
  const { shell, place } = props
  return (
    <SiteLayout shell={shell} title={props.title} wide>
      {props.header}
      <form
        id={SEARCH_FORM_ID}
        class="search-form"
        role="search"
        method="get"
        action={place.path}
        data-hx-get={place.path}
        data-hx-target={`#${SEARCH_BODY_ID}`}
        data-hx-swap="innerMorph"
        data-hx-push-url="true"
        data-hx-trigger={`submit, input changed delay:400ms from:#search-q, change from:#${SEARCH_BODY_ID}`}
        // The newest search wins: a change made while one is on its way cancels it (by default
        // htmx would queue one and drop the rest, showing results for words no longer typed).
        data-hx-sync="replace"
        // While new results are on their way, the old ones show as skeletons (app.css).
        data-hx-indicator={`#${SEARCH_BODY_ID}`}
      >
        <SearchBox id="search-q" label={props.label} value={place.choices.q} />
      </form>
      <div id={SEARCH_BODY_ID} class="search-body">
        {props.body}
      </div>
    </SiteLayout>
  )
}

/** What the page and its tab are called for the words searched. */
export function searchTitle(q: string): string {
  return q ? `“${q}”` : 'Search'
}

/**
 * The search page's heading; in an htmx answer it comes out of band (with a <title>, which htmx
 * puts in the tab), so the heading and each history entry say what was searched.
 */
export function SearchHeading({ q, outOfBand }: { q: string; outOfBand?: boolean }) {
  return (
    <h1 id="search-heading" data-hx-swap-oob={outOfBand ? 'true' : undefined}>
      {q ? `Results for “${q}”` : 'Search'}
    </h1>
  )
}

/** The filters and the results: what htmx asks for when the search changes. */
export function SearchBody(props: SearchView & { fragment?: boolean }) {
  const { place, results, problems, covers, fragment } = props
  const { hits, page, total } = results
  const more = page.number < page.totalPages
  const pagination = (
    <Pagination
      page={page.number}
      totalPages={page.totalPages}
      href={(n) => searchHref(place, {}, n)}
    />
  )
  return (
    <>
      <SearchFilters
        place={place}
        facets={results.facets}
        problems={problems}
        categories={props.categories}
        places={props.places}
        currency={props.currency}
        locale={props.locale}
      />
      <section class="search-results" aria-label="Results">
        <div class="search-results__bar">
          {/* Read out as the results change: how many, for what. */}
          <p id="search-status" class="search-results__count" role="status">
            {countText(results, place.choices.q)}
          </p>
          <SortChoice
            sort={place.choices.sort}
            problem={problems.sort}
            near={place.choices.near !== ''}
          />
        </div>
        <Notice results={results} place={place} />
        {hits.length > 0 ? (
          <ol id={HITS_ID} class="listing-grid">
            {hits.map((hit) => (
              <HitCard
                hit={hit}
                photo={covers.get(hit.id)}
                saved={props.saved.has(hit.id)}
                returnTo={searchHref(place, {}, page.number)}
                currency={props.currency}
                locale={props.locale}
              />
            ))}
          </ol>
        ) : (
          <EmptyResults place={place} />
        )}
        <div id={MORE_ID}>
          {more ? (
            // With htmx the next page's cards are added under these; without, it is page 2.
            <a
              class="button button--secondary search-results__more"
              href={searchHref(place, {}, page.number + 1)}
              data-hx-get={searchHref(place, {}, page.number + 1)}
              data-hx-select={`#${HITS_ID} > li`}
              data-hx-select-oob={`#${MORE_ID}`}
              data-hx-target={`#${HITS_ID}`}
              data-hx-swap="beforeend"
              data-hx-push-url="false"
              // In the form's queue: a new search cancels it (its cards would join the new
              // results), and a tap while a search is on its way is ignored (this link is
              // about to be replaced by the new results' own).
              data-hx-sync={`#${SEARCH_FORM_ID}:drop`}
            >
              More results
            </a>
          ) : null}
          {fragment ? (
            // In an htmx answer "More results" is the way on; numbered pages would say "Page 2"
            // under two pages' worth of cards.
            <noscript>{pagination}</noscript>
          ) : (
            pagination
          )}
          {total > MAX_RESULTS && page.number === page.totalPages ? (
            <p class="search-results__capped">
              That is the first {MAX_RESULTS.toLocaleString(props.locale)} of{' '}
              {total.toLocaleString(props.locale)}. Add a word or a filter to see the rest.
            </p>
          ) : null}
        </div>
      </section>
    </>
  )
}

function countText(results: SearchResults, q: string): string {
  const count = `${results.total.toLocaleString('en')} ${results.total === 1 ? 'result' : 'results'}`
  if (results.matched === 'corrected' && results.correction)
    return `${count} for “${results.correction.join(' ')}”`
  return q ? `${count} for “${q}”` : count
}

/** Why these results: a corrected spelling, or only some of the words found. */
function Notice({ results, place }: { results: SearchResults; place: SearchPlace }) {
  if (results.matched === 'corrected' && results.correction) {
    const corrected = results.correction.join(' ')
    return (
      <p class="search-results__notice">
        Nothing matched “{place.choices.q}”. Did you mean{' '}
        <a href={searchHref(place, { q: corrected })}>{corrected}</a>? Showing those results.
      </p>
    )
  }
  if (results.matched === 'any-word')
    return (
      <p class="search-results__notice">
        No listing has all of “{place.choices.q}”; these have some of the words.
      </p>
    )
  return null
}

function EmptyResults({ place }: { place: SearchPlace }) {
  const { choices } = place
  const filtered =
    choices.categories.length > 0 ||
    choices.kind !== '' ||
    choices.min !== '' ||
    choices.max !== '' ||
    choices.stock ||
    choices.fulfilment.length > 0 ||
    choices.near !== ''
  return (
    <div class="empty">
      <p>
        {choices.q ? `Nothing on sale matches “${choices.q}”` : 'Nothing on sale here'}
        {filtered ? ' with these filters.' : choices.q ? '.' : ' yet.'}
      </p>
      {filtered ? (
        <p>
          <a
            href={searchHref({
              path: place.path,
              choices: {
                ...choices,
                categories: [],
                kind: '',
                min: '',
                max: '',
                stock: false,
                fulfilment: [],
                near: '',
              },
            })}
          >
            Clear the filters
          </a>
        </p>
      ) : (
        <p>Try another word, or a wider one: “repair” rather than “tap washer”.</p>
      )}
    </div>
  )
}

const SORT_LABELS: Record<SearchSort, string> = {
  best: 'Best match',
  'top-rated': 'Top rated',
  newest: 'Newest',
  'price-asc': 'Price, low to high',
  'price-desc': 'Price, high to low',
  nearest: 'Nearest',
}

function SortChoice(props: { sort: SearchSort; problem: string | undefined; near: boolean }) {
  const { sort, near } = props
  return (
    <FilterSelect
      name="sort"
      label="Sort by"
      class="search-results__sort"
      error={props.problem}
      options={SORTS.filter((value) => value !== 'nearest' || near || sort === 'nearest').map(
        (value) => ({ value, label: SORT_LABELS[value], selected: value === sort }),
      )}
    />
  )
}
