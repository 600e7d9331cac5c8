import { Hono } from 'hono'
import { CategoryHeader } from '../../views/categories/category-header'
import { SearchPage } from '../../views/search/search-page'
import type { MarketEnv } from '../http/env'
import { FRAGMENT_VARY, wantsFragment } from '../http/htmx'
import { shell } from '../http/shell'
import { listCategoryTree } from '../models/category'
import { searchBody, searchFragment, searchView } from './search'

/**
 * GET /categories/:slug — the search page scoped to one category of the two-level tree (a top
 * category with all its subcategories): the same words, filters, facets and sorting, with
 * subcategories as chips.
 */
export const categoryPages = new Hono<MarketEnv>().get('/:slug', (c) => {
  const slug = c.req.param('slug')
  const tree = listCategoryTree(c.var.db)
  const top = tree.find((category) => category.slug === slug)
  const parent = top
    ? undefined
    : tree.find((category) => category.children.some((child) => child.slug === slug))
  const child = parent?.children.find((category) => category.slug === slug)
  const branch = top ?? (child && { ...child, children: [] })
  if (!branch) return c.notFound()
  const path = `/categories/${branch.slug}`
  const ids = [branch.id, ...branch.children.map((category) => category.id)]
  // Only this branch's slugs can be chosen here: ?category= narrows to a subcategory.
  const view = searchView(c, path, [branch], { categoryIds: ids })
  c.header('Vary', FRAGMENT_VARY, { append: true })
  if (wantsFragment(c)) return searchFragment(c, view)
  return c.html(
    <SearchPage
      {...view}
      shell={shell(c, { searchPage: true })}
      title={branch.name}
      label={`Search in ${branch.name}`}
      header={
        <CategoryHeader
          category={top ?? branch}
          parent={parent}
          counts={view.results.facets.categories}
        />
      }
      body={searchBody(c, view, { fragment: false })}
    />,
  )
})
