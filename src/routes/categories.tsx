import { Hono } from 'hono'
import { CategoryPage } from '../../views/categories/category-page'
import type { MarketEnv } from '../http/env'
import { shell } from '../http/shell'
import { readPageNumber } from '../lib/pagination'
import { listCategoryTree } from '../models/category'
import { listCategoryListings } from '../models/listing'
import { coverPhotos } from '../models/listing-photos'

const PAGE_SIZE = 24

/** GET /categories/:slug?page=N — browse one category of the two-level tree and what is on sale in it. */
export const categoryPages = new Hono<MarketEnv>().get('/:slug', (c) => {
  const slug = c.req.param('slug')
  const tree = listCategoryTree(c.var.db)
  const top = tree.find((category) => category.slug === slug)
  const parent = top
    ? undefined
    : tree.find((category) => category.children.some((child) => child.slug === slug))
  const category = top ?? parent?.children.find((child) => child.slug === slug)
  if (!category) return c.notFound()
  // A top category shows what is listed under it directly and in all its subcategories.
  const ids = top ? [top.id, ...top.children.map((child) => child.id)] : [category.id]
  const { listings, page } = listCategoryListings(c.var.db, ids, {
    number: readPageNumber(c.req.query('page')),
    size: PAGE_SIZE,
  })
  return c.html(
    <CategoryPage
      shell={shell(c)}
      category={top ?? category}
      parent={parent}
      listings={listings}
      covers={coverPhotos(
        c.var.db,
        listings.map((listing) => listing.id),
      )}
      page={page.number}
      totalPages={page.totalPages}
      currency={c.var.site.currency}
    />,
  )
})
