// The search page's address bar, read into criteria. Any address is a search someone can share,
// so nothing in it can fail the page: what cannot be used is left out and, where the person typed
// it (a price, a place), said beside its field; the rest of the search still runs.
import { z } from 'zod'
import { readPageNumber } from '../../lib/pagination'
import { readMoneyInput, moneyExamples } from '../../lib/money'
import type { CategoryBranch } from '../category'
import type { Place } from '../place'
import { FULFILMENTS, SORTS, type Fulfilment, type SearchCriteria, type SearchSort } from './search'
import { MAX_QUERY_LENGTH, searchWords } from './search-text'

/** The distances a buyer can choose, in km; the first place search uses the default. */
export const RADIUS_CHOICES = [1, 2, 5, 10, 25] as const
export const DEFAULT_RADIUS_KM = 5

/** One value even when a name is sent twice (`?q=a&q=b` searches "a"), or nothing. */
const one = z.preprocess(
  (value) => (Array.isArray(value) ? value[0] : value),
  z.string().optional().catch(undefined),
)
const many = z
  .preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.string().catch('')),
  )
  .catch([])

/** What the address may hold; each value is checked by readSearchCriteria. */
export const searchParamsSchema = z.object({
  q: one,
  category: many,
  kind: one,
  min: one,
  max: one,
  stock: one,
  fulfilment: many,
  near: one,
  radius: one,
  sort: one,
  page: one,
})
export type SearchParams = z.infer<typeof searchParamsSchema>

/** What the form shows as chosen, and what links to other pages of the same search keep. */
export type SearchChoices = {
  q: string
  categories: string[]
  kind: 'service' | 'product' | ''
  min: string
  max: string
  stock: boolean
  fulfilment: Fulfilment[]
  near: string
  radius: number
  sort: SearchSort
}

export type SearchProblems = Partial<
  Record<'category' | 'min' | 'max' | 'near' | 'radius' | 'sort', string>
>

type Market = {
  categories: CategoryBranch[]
  places: Place[]
  currency: string
  locale: string
}

/**
 * Criteria for searchListings from the address bar, the choices to show in the form, and a
 * message for each value that was left out.
 */
export function readSearchCriteria(
  params: SearchParams,
  market: Market,
): { criteria: SearchCriteria; choices: SearchChoices; problems: SearchProblems } {
  const problems: SearchProblems = {}
  const q = (params.q ?? '').slice(0, MAX_QUERY_LENGTH).trim()

  const chosenCategories = readCategories(params.category, market.categories)
  if (chosenCategories.unknown)
    problems.category = 'That category does not exist (any more); showing every category.'

  const kind = params.kind === 'service' || params.kind === 'product' ? params.kind : ''

  const prices = readPrices(params.min, params.max, market)
  Object.assign(problems, prices.problems)

  const fulfilment = FULFILMENTS.filter((value) => params.fulfilment.includes(value))

  const place = readPlace(params.near, market.places)
  if (place.problem) problems.near = place.problem
  const radiusAsked =
    params.radius === undefined || params.radius === '' ? DEFAULT_RADIUS_KM : Number(params.radius)
  const radius = (RADIUS_CHOICES as readonly number[]).includes(radiusAsked)
    ? radiusAsked
    : DEFAULT_RADIUS_KM
  if (radius !== radiusAsked)
    problems.radius = `Choose a distance from the list; showing ${DEFAULT_RADIUS_KM} km.`

  const sortAsked = (SORTS as readonly string[]).includes(params.sort ?? '')
    ? (params.sort as SearchSort)
    : 'best'
  const sort = sortAsked === 'nearest' && !place.found ? 'best' : sortAsked
  if (sortAsked !== sort) problems.sort = 'Choose a place to sort by distance.'

  return {
    criteria: {
      words: searchWords(q),
      categoryIds: chosenCategories.ids,
      kind: kind || null,
      minPrice: prices.min,
      maxPrice: prices.max,
      inStock: params.stock !== undefined && params.stock !== '',
      fulfilment,
      near: place.found ? { ...place.found, radiusKm: radius } : null,
      sort,
      page: readPageNumber(params.page),
    },
    choices: {
      q,
      categories: chosenCategories.slugs,
      kind,
      min: params.min?.trim() ?? '',
      max: params.max?.trim() ?? '',
      stock: params.stock !== undefined && params.stock !== '',
      fulfilment,
      near: place.found ? (params.near ?? '').trim() : '',
      radius,
      sort: sortAsked,
    },
    problems,
  }
}

/**
 * Chosen category slugs to ids: a top category brings its subcategories, unless some of those
 * are chosen too — then it narrows to them (ticking "Plumbing" under "Home repairs" narrows).
 */
function readCategories(slugs: string[], tree: CategoryBranch[]) {
  const chosen = new Set(slugs.slice(0, 50))
  const ids = new Set<number>()
  const known: string[] = []
  for (const top of tree) {
    const children = top.children.filter((child) => chosen.has(child.slug))
    if (chosen.has(top.slug)) known.push(top.slug)
    known.push(...children.map((child) => child.slug))
    const narrowed =
      children.length > 0 ? children : chosen.has(top.slug) ? [top, ...top.children] : []
    for (const category of narrowed) ids.add(category.id)
  }
  const unknown = [...chosen].some((slug) => slug !== '' && !known.includes(slug))
  return { ids: [...ids], slugs: known, unknown }
}

function readPrices(minText: string | undefined, maxText: string | undefined, market: Market) {
  const problems: SearchProblems = {}
  const read = (text: string | undefined, field: 'min' | 'max') => {
    if (text === undefined || text.trim() === '') return null
    const money = readMoneyInput(text, market.currency, market.locale)
    if (money.ok) return money.amount
    const { thousands, decimal } = moneyExamples(market.currency, market.locale)
    problems[field] = `Type an amount like ${thousands} or ${decimal}.`
    return null
  }
  const min = read(minText, 'min')
  const max = read(maxText, 'max')
  if (min !== null && max !== null && min > max) {
    problems.max = 'The highest price is below the lowest; showing every price.'
    return { min: null, max: null, problems }
  }
  return { min, max, problems }
}

const COORDINATES = /^\s*(-?\d{1,3}(?:\.\d{1,8})?)\s*,\s*(-?\d{1,3}(?:\.\d{1,8})?)\s*$/

/** A place by its name (as stores give their area) or as "latitude,longitude". */
function readPlace(text: string | undefined, places: Place[]) {
  const typed = (text ?? '').trim()
  if (typed === '') return { found: null, problem: null }
  const named = places.find((place) => place.name.toLocaleLowerCase() === typed.toLocaleLowerCase())
  if (named)
    return { found: { latitude: named.latitude, longitude: named.longitude }, problem: null }
  const coordinates = COORDINATES.exec(typed)
  const latitude = Number(coordinates?.[1])
  const longitude = Number(coordinates?.[2])
  if (coordinates && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)
    return { found: { latitude, longitude }, problem: null }
  return { found: null, problem: 'We do not know that place; choose one from the list.' }
}
