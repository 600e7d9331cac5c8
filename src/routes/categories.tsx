import { Hono } from 'hono'
import { CategoryPage } from '../../views/categories/category-page'
import type { AppEnv } from '../http/env'
import { shell } from '../http/shell'
import { listCategoryTree } from '../models/category'

/** GET /categories/:slug — browse one category of the two-level tree. */
export const categoryPages = new Hono<AppEnv>().get('/:slug', (c) => {
  const slug = c.req.param('slug')
  const tree = listCategoryTree(c.var.db)
  const top = tree.find((category) => category.slug === slug)
  if (top) return c.html(<CategoryPage shell={shell(c)} category={top} />)
  const parent = tree.find((category) => category.children.some((child) => child.slug === slug))
  const child = parent?.children.find((category) => category.slug === slug)
  if (!parent || !child) return c.notFound()
  return c.html(<CategoryPage shell={shell(c)} category={child} parent={parent} />)
})
