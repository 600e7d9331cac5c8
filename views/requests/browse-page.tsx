import type { CategoryBranch } from '../../src/models/category'
import type { BrowseResults, RequestSort } from '../../src/models/request/browse'
import {
  WITHIN_CHOICES,
  type BrowseChoices,
  type BrowseProblems,
} from '../../src/models/request/browse-input'
import { EmptyState } from '../components/empty-state'
import { Pagination } from '../components/pagination'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { RequestCard } from './request-card'
import { NO_CHOICES, REQUESTS_PATH, requestsHref } from './requests-url'

/** What the requests page shows: the list as asked for, and what to choose from. */
export type RequestBrowseView = {
  choices: BrowseChoices
  results: BrowseResults
  problems: BrowseProblems
  categories: CategoryBranch[]
  currency: string
  locale: string
  now: Date
}

/** The form every filter belongs to (they sit beside the results, outside it). */
export const REQUESTS_FORM_ID = 'requests-form'
/** The element htmx swaps as filters change: the filters and the results, not the words box. */
export const REQUESTS_BODY_ID = 'requests-body'
const QUERY_ID = 'requests-q'

/**
 * The open requests. Without JavaScript it is a GET form and links; with htmx, typing (after a
 * pause) and every change of a filter fetch only the body, morphed in place so focus stays on
 * the control just used, and the address bar follows — as the search page does.
 */
export function RequestBrowsePage(props: RequestBrowseView & { shell: Shell }) {
  const { shell, choices } = props
  return (
    <SiteLayout shell={shell} title="Requests" wide>
      <section class="intro" aria-labelledby="requests-heading">
        <h1 id="requests-heading">Requests</h1>
        <p>What neighbours need done: providers answer with a proposal, and the buyer hires one.</p>
        <p class="request-intro__actions">
          <a class="button button--primary" href="/requests/new">
            Post a request
          </a>
          {shell.member ? <a href="/requests/mine">My requests</a> : null}
        </p>
      </section>
      <form
        id={REQUESTS_FORM_ID}
        class="search-form"
        role="search"
        method="get"
        action={REQUESTS_PATH}
        data-hx-get={REQUESTS_PATH}
        data-hx-target={`#${REQUESTS_BODY_ID}`}
        data-hx-swap="innerMorph"
        data-hx-push-url="true"
        data-hx-trigger={`submit, input changed delay:400ms from:#${QUERY_ID}, change from:#${REQUESTS_BODY_ID}`}
        // The newest choice wins: one made while a list is on its way cancels it.
        data-hx-sync="replace"
        data-hx-indicator={`#${REQUESTS_BODY_ID}`}
      >
        <div class="search-box">
          <label class="visually-hidden" for={QUERY_ID}>
            Search requests
          </label>
          <input
            id={QUERY_ID}
            type="search"
            enterkeyhint="search"
            name="q"
            value={choices.q}
            placeholder="Roof, tap, maths…"
            maxlength={200}
            autocomplete="off"
          />
          <button type="submit" class="button button--secondary">
            Search
          </button>
        </div>
      </form>
      <div id={REQUESTS_BODY_ID} class="search-body">
        <RequestBrowseBody {...props} />
      </div>
    </SiteLayout>
  )
}

/** The filters and the list: what htmx asks for when a choice changes. */
export function RequestBrowseBody(props: RequestBrowseView) {
  const { choices, results, currency, locale, now } = props
  const { page } = results
  return (
    <>
      <BrowseFilters {...props} />
      <section class="search-results" aria-label="Open requests">
        <div class="search-results__bar">
          {/* Read out as the list changes: how many, for what. */}
          <p id="requests-status" class="search-results__count" role="status">
            {countText(results, choices.q)}
          </p>
          <FilterSelect
            name="sort"
            label="Sort by"
            class="search-results__sort"
            error={props.problems.sort}
            options={sortOptions(choices, results.sort)}
          />
        </div>
        {results.rows.length > 0 ? (
          <ol class="request-list">
            {results.rows.map((request) => (
              <RequestCard request={request} currency={currency} locale={locale} now={now} />
            ))}
          </ol>
        ) : (
          <EmptyRequests choices={choices} results={results} />
        )}
        <Pagination
          page={page.number}
          totalPages={page.totalPages}
          href={(n) => requestsHref(choices, {}, n)}
        />
      </section>
    </>
  )
}

function countText(results: BrowseResults, q: string): string {
  const count = `${results.total.toLocaleString('en')} open ${results.total === 1 ? 'request' : 'requests'}`
  const mine = results.mine ? ' in what you sell' : ''
  return q ? `${count}${mine} for “${q}”` : `${count}${mine}`
}

const SORT_LABELS: Record<RequestSort, string> = {
  best: 'Best match',
  newest: 'Newest',
  budget: 'Highest budget',
}

/**
 * Best match only means something with words. The default order is sent as no order at all
 * (''), so typing words into a list shown newest first still brings the best matches first.
 */
function sortOptions(choices: BrowseChoices, sort: RequestSort) {
  const fallback: RequestSort = choices.q ? 'best' : 'newest'
  const sorts: RequestSort[] = choices.q ? ['best', 'newest', 'budget'] : ['newest', 'budget']
  return sorts.map((value) => ({
    value: value === fallback ? '' : value,
    label: SORT_LABELS[value],
    selected: value === sort,
  }))
}

function BrowseFilters(props: RequestBrowseView) {
  const { choices, problems, results, categories } = props
  const { reach } = results
  const chosenCount =
    (choices.category ? 1 : 0) +
    (choices.all ? 1 : 0) +
    (choices.budget ? 1 : 0) +
    (choices.within !== null ? 1 : 0)
  const anyProblem = Object.keys(problems).some((field) => field !== 'sort')
  return (
    // Open on wide screens by CSS; on a phone a tap away, open when something is chosen.
    <details class="search-filters" open={chosenCount > 0 || anyProblem}>
      <summary>Filters{chosenCount > 0 ? ` (${chosenCount} chosen)` : ''}</summary>
      <fieldset class="filter">
        <legend>What</legend>
        {reach.topCategoryIds.length > 0 ? (
          <div class="checkbox">
            <input
              type="checkbox"
              id="filter-all"
              name="all"
              value="1"
              checked={choices.all}
              form={REQUESTS_FORM_ID}
            />
            <label for="filter-all">All categories, not only what my store sells</label>
          </div>
        ) : null}
        <FilterSelect
          name="category"
          label="Category"
          error={problems.category}
          options={[{ value: '', label: 'Any category', selected: choices.category === '' }]}
          groups={categories.map((top) => ({
            label: top.name,
            options: [top, ...top.children].map((category) => ({
              value: category.slug,
              label: category === top ? `All of ${top.name}` : category.name,
              selected: category.slug === choices.category,
            })),
          }))}
        />
      </fieldset>
      <fieldset class="filter">
        <legend>Budget ({props.currency})</legend>
        <div class={problems.budget ? 'field field--invalid' : 'field'}>
          <label for="filter-budget">At least</label>
          <input
            id="filter-budget"
            name="budget"
            form={REQUESTS_FORM_ID}
            inputmode="decimal"
            value={choices.budget}
            size={8}
            maxlength={20}
            aria-invalid={problems.budget ? 'true' : undefined}
            aria-describedby={problems.budget ? 'filter-budget-error' : undefined}
          />
          {problems.budget ? (
            <p class="field__error" id="filter-budget-error">
              {problems.budget}
            </p>
          ) : null}
        </div>
      </fieldset>
      {reach.point ? (
        <fieldset class="filter">
          <legend>Where</legend>
          <FilterSelect
            name="within"
            label="Within, of my store"
            error={problems.within}
            options={[
              { value: '', label: 'Any distance', selected: choices.within === null },
              ...WITHIN_CHOICES.map((km) => ({
                value: String(km),
                label: `${km} km`,
                selected: km === choices.within,
              })),
            ]}
          />
        </fieldset>
      ) : null}
      <button
        type="submit"
        form={REQUESTS_FORM_ID}
        class="button button--secondary search-filters__apply"
      >
        Show requests
      </button>
    </details>
  )
}

type Option = { value: string; label: string; selected: boolean }

type FilterSelectProps = {
  name: string
  label: string
  options: Option[]
  groups?: { label: string; options: Option[] }[]
  error: string | undefined
  class?: string
}

/** A labelled select that belongs to the requests form, with its problem beside it. */
function FilterSelect({ name, label, options, groups, error, class: extra }: FilterSelectProps) {
  const id = `filter-${name}`
  const classes = [error ? 'field field--invalid' : 'field', extra].filter(Boolean).join(' ')
  const option = (one: Option) => (
    <option value={one.value} selected={one.selected}>
      {one.label}
    </option>
  )
  return (
    <div class={classes}>
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        form={REQUESTS_FORM_ID}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map(option)}
        {groups?.map((group) => (
          <optgroup label={group.label}>{group.options.map(option)}</optgroup>
        ))}
      </select>
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** Nothing to show: why, and the one thing to do about it. */
function EmptyRequests({ choices, results }: { choices: BrowseChoices; results: BrowseResults }) {
  const filtered =
    choices.q !== '' || choices.category !== '' || choices.budget !== '' || choices.within !== null
  if (filtered)
    return (
      <EmptyState title="No open request matches these choices">
        <p>Fewer words or filters show more.</p>
        <a href={requestsHref({ ...NO_CHOICES, all: choices.all })}>Clear the search and filters</a>
      </EmptyState>
    )
  if (results.mine)
    return (
      <EmptyState title="No open requests in what you sell">
        <p>Neighbours’ requests in your categories show here as they are posted.</p>
        <a href={requestsHref(NO_CHOICES, { all: true })}>See requests in every category</a>
      </EmptyState>
    )
  return (
    <EmptyState title="No open requests yet">
      <p>Need something done? Say what, by when and for how much, and providers will propose.</p>
      <a class="button button--primary" href="/requests/new">
        Post a request
      </a>
    </EmptyState>
  )
}
