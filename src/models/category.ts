import { asc, isNull } from 'drizzle-orm'
import { categories } from '../../db/schema'
import type { Db } from '../db'
import { prepared } from './prepared'

export type Category = typeof categories.$inferSelect
export type CategoryBranch = Category & { children: Category[] }

/** The whole two-level tree in display order (it is small: a few dozen rows). */
export function listCategoryTree(db: Db): CategoryBranch[] {
  const all = prepared(db, allCategories).all()
  return all
    .filter((category) => category.parentId === null)
    .map((top) => ({ ...top, children: all.filter((category) => category.parentId === top.id) }))
}

export function listTopCategories(db: Db): Category[] {
  return db
    .select()
    .from(categories)
    .where(isNull(categories.parentId))
    .orderBy(asc(categories.position))
    .all()
}

const allCategories = (db: Db) =>
  db.select().from(categories).orderBy(asc(categories.position), asc(categories.id)).prepare()
