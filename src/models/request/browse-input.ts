// The requests page's address bar, read into filters. As with search (listing/search-input.ts),
// any address is a list someone can share, so nothing in it can fail the page: a value that
// cannot be used is left out and, where the person typed it, said beside its field.
import { z } from 'zod'
import { readMoneyInput, moneyExamples } from '../../lib/money'
import { readPageNumber } from '../../lib/pagination'
import type { CategoryBranch } from '../category'
import { RADIUS_CHOICES } from '../listing/search-input'
import { MAX_QUERY_LENGTH, searchWords } from '../listing/search-text'
import { REQUEST_SORTS, type BrowseFilters, type RequestSort } from './browse'

/** The distances a provider can choose, in km, as listing search offers them. */
export const WITHIN_CHOICES = RADIUS_CHOICES

/** One value even when a name is sent twice (`?q=a&q=b` reads "a"), or nothing. */
const one = z.preprocess(
  (value) => (Array.isArray(value) ? value[0] : value),
  z.string().optional().catch(undefined),
)

/** What the address may hold; each value is checked by readBrowseFilters. */
export const browseParamsSchema = z.object({
  q: one,
  category: one,
  all: one,
  budget: one,
  within: one,
  sort: one,
  page: one,
})
export type BrowseParams = z.infer<typeof browseParamsSchema>

/** What the form shows as chosen, and what links to other pages of the same list keep. */
export type BrowseChoices = {
  q: string
  /** A category's slug, or '' for any. */
  category: string
  /** "All categories": a provider's list not narrowed to what their store sells. */
  all: boolean
  /** The lowest budget, as typed. */
  budget: string
  within: number | null
  /** As asked; '' for the default (best match with words, newest without). */
  sort: RequestSort | ''
}

export type BrowseProblems = Partial<Record<'category' | 'budget' | 'within' | 'sort', string>>

type Market = { categories: CategoryBranch[]; currency: string; locale: string }

/** Filters for browseRequests from the address bar, the choices to show, and what was left out. */
export function readBrowseFilters(
  params: BrowseParams,
  market: Market,
): { filters: BrowseFilters; choices: BrowseChoices; problems: BrowseProblems } {
  const problems: BrowseProblems = {}
  const q = (params.q ?? '').slice(0, MAX_QUERY_LENGTH).trim()
  const words = searchWords(q)

  const category = readCategory(params.category, market.categories)
  if (category.unknown)
    problems.category = 'That category does not exist (any more); showing every category.'

  const all = params.all !== undefined && params.all !== ''

  const budget = readBudget(params.budget, market)
  if (budget.problem) problems.budget = budget.problem

  const withinAsked = params.within?.trim() ?? ''
  const within = (WITHIN_CHOICES as readonly number[]).includes(Number(withinAsked))
    ? Number(withinAsked)
    : null
  if (withinAsked !== '' && within === null)
    problems.within = 'Choose a distance from the list; showing any distance.'

  const sortAsked = params.sort?.trim() ?? ''
  const known = (REQUEST_SORTS as readonly string[]).includes(sortAsked)
  if (sortAsked !== '' && !known) problems.sort = 'Choose an order from the list.'
  const sort: RequestSort = known
    ? (sortAsked as RequestSort)
    : words.length > 0
      ? 'best'
      : 'newest'

  return {
    filters: {
      words,
      categoryIds: category.ids,
      mine: all ? false : undefined,
      minBudget: budget.amount,
      withinKm: within,
      sort,
      page: readPageNumber(params.page),
    },
    choices: {
      q,
      category: category.slug,
      all,
      budget: (params.budget ?? '').trim().slice(0, 20),
      within,
      sort: known ? (sortAsked as RequestSort) : '',
    },
    problems,
  }
}

/** A category's slug to its ids: a top category brings its subcategories. */
function readCategory(text: string | undefined, tree: CategoryBranch[]) {
  const slug = (text ?? '').trim()
  if (slug === '') return { ids: [], slug: '', unknown: false }
  for (const top of tree) {
    if (top.slug === slug)
      return { ids: [top.id, ...top.children.map((child) => child.id)], slug, unknown: false }
    const child = top.children.find((one) => one.slug === slug)
    if (child) return { ids: [child.id], slug, unknown: false }
  }
  return { ids: [], slug: '', unknown: true }
}

function readBudget(text: string | undefined, market: Market) {
  const typed = (text ?? '').trim()
  if (typed === '') return { amount: null, problem: null }
  const money = readMoneyInput(typed, market.currency, market.locale)
  if (money.ok) return { amount: money.amount, problem: null }
  const { thousands, decimal } = moneyExamples(market.currency, market.locale)
  return { amount: null, problem: `Type an amount like ${thousands} or ${decimal}.` }
}
