import type { CategoryBranch } from '../../src/models/category'
import type { Fulfilment, SearchFacets } from '../../src/models/listing/search'
import {
  RADIUS_CHOICES,
  type SearchChoices,
  type SearchProblems,
} from '../../src/models/listing/search-input'
import type { Place } from '../../src/models/place'
import { formatMoney, minorUnitsPerMajor, moneyInputValue } from '../../src/lib/money'
import { searchHref, type SearchPlace } from './search-url'

/** The form every filter belongs to (they sit outside it, beside the results; see search-page). */
export const SEARCH_FORM_ID = 'search-form'

export const FULFILMENT_LABELS: Record<Fulfilment, string> = {
  'in-person': 'At your place',
  'at-provider': "At the provider's",
  online: 'Online',
  pickup: 'Pick up',
  delivery: 'Delivery',
}

const KIND_CHOICES: { value: SearchChoices['kind']; label: string }[] = [
  { value: '', label: 'Everything' },
  { value: 'service', label: 'Services' },
  { value: 'product', label: 'Goods' },
]

type SearchFiltersProps = {
  place: SearchPlace
  facets: SearchFacets
  problems: SearchProblems
  /** The tree to choose from; none on a category's own page, which shows its subcategories. */
  categories: CategoryBranch[] | null
  places: Place[]
  currency: string
  locale: string
}

/**
 * The filters beside the results, each with how many listings it would show. Every control
 * belongs to the search form by its `form` attribute, so one submit (or, with htmx, one change)
 * sends them all.
 */
export function SearchFilters(props: SearchFiltersProps) {
  const { place, facets, problems } = props
  const choices = place.choices
  const chosenCount =
    choices.categories.length +
    (choices.kind ? 1 : 0) +
    (choices.min || choices.max ? 1 : 0) +
    (choices.stock ? 1 : 0) +
    choices.fulfilment.length +
    (choices.near ? 1 : 0)
  const anyProblem = Object.keys(problems).some((field) => field !== 'sort')
  return (
    // Open on wide screens by CSS; on a phone a tap away, open when something is chosen.
    <details class="search-filters" open={chosenCount > 0 || anyProblem}>
      <summary>Filters{chosenCount > 0 ? ` (${chosenCount} chosen)` : ''}</summary>
      {problems.category ? <p class="field__error">{problems.category}</p> : null}
      {props.categories ? (
        <CategoryFilter categories={props.categories} facets={facets} choices={choices} />
      ) : null}
      <fieldset class="filter">
        <legend>What</legend>
        {KIND_CHOICES.map(({ value, label }) => (
          <Choice
            type="radio"
            name="kind"
            value={value}
            checked={choices.kind === value}
            label={label}
            count={value ? (facets.kinds.get(value) ?? 0) : undefined}
          />
        ))}
      </fieldset>
      <PriceFilter {...props} />
      <fieldset class="filter">
        <legend>How you get it</legend>
        {(Object.keys(FULFILMENT_LABELS) as Fulfilment[]).map((value) => (
          <Choice
            type="checkbox"
            name="fulfilment"
            value={value}
            checked={choices.fulfilment.includes(value)}
            label={FULFILMENT_LABELS[value]}
            count={facets.fulfilment.get(value) ?? 0}
          />
        ))}
        <Choice
          type="checkbox"
          name="stock"
          value="1"
          checked={choices.stock}
          label="In stock only"
        />
      </fieldset>
      <NearFilter {...props} />
      <button
        type="submit"
        form={SEARCH_FORM_ID}
        class="button button--secondary search-filters__apply"
      >
        Show results
      </button>
    </details>
  )
}

function CategoryFilter({
  categories,
  facets,
  choices,
}: {
  categories: CategoryBranch[]
  facets: SearchFacets
  choices: SearchChoices
}) {
  const countOf = (branch: CategoryBranch) =>
    (facets.categories.get(branch.id) ?? 0) +
    branch.children.reduce((sum, child) => sum + (facets.categories.get(child.id) ?? 0), 0)
  // Categories with nothing to show are left out, unless chosen (so they can be unchosen).
  const shown = categories.filter(
    (branch) =>
      countOf(branch) > 0 ||
      choices.categories.includes(branch.slug) ||
      branch.children.some((child) => choices.categories.includes(child.slug)),
  )
  if (shown.length === 0) return null
  return (
    <fieldset class="filter">
      <legend>Category</legend>
      {shown.map((branch) => {
        const open =
          choices.categories.includes(branch.slug) ||
          branch.children.some((child) => choices.categories.includes(child.slug))
        return (
          <>
            <Choice
              type="checkbox"
              name="category"
              value={branch.slug}
              checked={choices.categories.includes(branch.slug)}
              label={branch.name}
              count={countOf(branch)}
            />
            {open ? (
              <div class="filter__children">
                {branch.children
                  .filter(
                    (child) =>
                      (facets.categories.get(child.id) ?? 0) > 0 ||
                      choices.categories.includes(child.slug),
                  )
                  .map((child) => (
                    <Choice
                      type="checkbox"
                      name="category"
                      value={child.slug}
                      checked={choices.categories.includes(child.slug)}
                      label={child.name}
                      count={facets.categories.get(child.id) ?? 0}
                    />
                  ))}
              </div>
            ) : null}
          </>
        )
      })}
    </fieldset>
  )
}

function PriceFilter({ place, facets, problems, currency, locale }: SearchFiltersProps) {
  const choices = place.choices
  const money = (amount: number) => formatMoney({ amount, currency }, locale)
  return (
    <fieldset class="filter">
      <legend>Price ({currency})</legend>
      {facets.prices.length > 1 && !choices.min && !choices.max ? (
        <ul class="filter__bands">
          {facets.prices.map((band) => (
            <li>
              <a
                href={searchHref(place, {
                  min: bandBound(band.min, currency),
                  max: bandBound(band.max, currency),
                })}
              >
                {band.min === null
                  ? `Up to ${money(band.max ?? 0)}`
                  : band.max === null
                    ? `${money(band.min)} and more`
                    : `${money(band.min)} to ${money(band.max)}`}{' '}
                <span class="filter__count">({band.count})</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="filter__range">
        <PriceInput name="min" label="Lowest" value={choices.min} error={problems.min} />
        <PriceInput name="max" label="Highest" value={choices.max} error={problems.max} />
      </div>
      {choices.min || choices.max ? (
        <a href={searchHref(place, { min: '', max: '' })}>Any price</a>
      ) : null}
    </fieldset>
  )
}

/** A band's end as the price box reads it: "200", not "200.00"; empty for no end. */
function bandBound(amount: number | null, currency: string): string {
  if (amount === null) return ''
  const perMajor = minorUnitsPerMajor(currency)
  return amount % perMajor === 0 ? String(amount / perMajor) : moneyInputValue(amount, currency)
}

function PriceInput(props: {
  name: 'min' | 'max'
  label: string
  value: string
  error?: string | undefined
}) {
  const id = `filter-${props.name}`
  return (
    <div class={props.error ? 'field field--invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        form={SEARCH_FORM_ID}
        inputmode="decimal"
        value={props.value}
        size={8}
        maxlength={20}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      />
      {props.error ? (
        <p class="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  )
}

function NearFilter({ place, places, problems }: SearchFiltersProps) {
  const choices = place.choices
  const near = choices.near.toLowerCase()
  const known = places.some((one) => one.name.toLowerCase() === near)
  if (places.length === 0 && !choices.near) return null
  return (
    <fieldset class="filter">
      <legend>Where</legend>
      <FilterSelect
        name="near"
        label="Near"
        error={problems.near}
        options={[
          { value: '', label: 'Anywhere', selected: false },
          // A point on the map (from a shared link) that is none of the town's places.
          ...(choices.near && !known
            ? [{ value: choices.near, label: 'Your location', selected: true }]
            : []),
          ...places.map((one) => ({
            value: one.name,
            label: one.name,
            selected: one.name.toLowerCase() === near,
          })),
        ]}
      />
      <FilterSelect
        name="radius"
        label="Within"
        error={problems.radius}
        options={RADIUS_CHOICES.map((km) => ({
          value: String(km),
          label: `${km} km`,
          selected: km === choices.radius,
        }))}
      />
    </fieldset>
  )
}

type FilterSelectProps = {
  name: string
  label: string
  options: { value: string; label: string; selected: boolean }[]
  error: string | undefined
  class?: string
}

/** A labelled select that belongs to the search form, with its problem beside it. */
export function FilterSelect({ name, label, options, error, class: extra }: FilterSelectProps) {
  const id = `filter-${name}`
  const classes = [error ? 'field field--invalid' : 'field', extra].filter(Boolean).join(' ')
  return (
    <div class={classes}>
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        form={SEARCH_FORM_ID}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map((option) => (
          <option value={option.value} selected={option.selected}>
            {option.label}
          </option>
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

type ChoiceProps = {
  type: 'checkbox' | 'radio'
  name: string
  value: string
  checked: boolean
  label: string
  count?: number
}

/** One box or radio of a filter, with how many listings it leads to. */
function Choice({ type, name, value, checked, label, count }: ChoiceProps) {
  const id = `filter-${name}-${value || 'any'}`
  return (
    <div class="checkbox">
      <input
        type={type}
        id={id}
        name={name}
        value={value}
        checked={checked}
        form={SEARCH_FORM_ID}
      />
      <label for={id}>
        {label}
        {count === undefined ? null : <span class="filter__count"> ({count})</span>}
      </label>
    </div>
  )
}
