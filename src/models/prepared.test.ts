import { asc, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { categories } from '../../db/schema'
import type { Db } from '../db'
import { createTestMarket, type TestMarket } from '../test/app'
import { inJsonList, prepared } from './prepared'

let markets: TestMarket[] = []
afterEach(() => {
  for (const market of markets) market.cleanup()
  markets = []
})

function open() {
  const market = createTestMarket()
  markets.push(market)
  return market
}

const categoriesIn = (db: Db) =>
  db
    .select({ id: categories.id })
    .from(categories)
    .where(inJsonList(categories.id, 'ids'))
    .orderBy(asc(categories.id))
    .prepare()

describe('prepared', () => {
  it('builds a statement once per database, and never shares it between databases', () => {
    const first = open()
    const second = open()
    let builds = 0
    const counted = (db: Db) => {
      builds += 1
      return db
        .select({ one: sql<number>`1` })
        .from(categories)
        .limit(1)
        .prepare()
    }
    const statement = prepared(first.db, counted)
    expect(prepared(first.db, counted)).toBe(statement)
    expect(prepared(second.db, counted)).not.toBe(statement)
    expect(builds).toBe(2)
  })
})

describe('inJsonList', () => {
  it('matches a list of any length bound as one parameter', () => {
    const { db } = open()
    const some = db.select({ id: categories.id }).from(categories).limit(3).all()
    const ids = some.map((row) => row.id)
    expect(prepared(db, categoriesIn).all({ ids: JSON.stringify(ids) })).toEqual(some)
    expect(prepared(db, categoriesIn).all({ ids: '[]' })).toEqual([])
  })
})
