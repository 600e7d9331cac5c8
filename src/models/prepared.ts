// Hot read queries are built and compiled once per database connection, not on every request:
// drizzle's query building and SQLite's prepare cost more than running the query itself on a
// town-sized database. Only for hot reads: pages every visitor opens, and what each message sent
// reads for every open page it is rendered on. Called with a transaction they still work, built
// once per transaction (no gain, no harm); everything else builds its query as usual.
import { sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Statement } from 'better-sqlite3'
import type { Db } from '../db'

const statements = new WeakMap<Db, Map<(db: Db) => unknown, unknown>>()

/**
 * The statement `build` makes for this database, built on first use.
 * @example
 * const newest = (db: Db) => db.select().from(listings).limit(sql.placeholder('limit')).prepare()
 * prepared(db, newest).all({ limit: 12 })
 */
export function prepared<T>(db: Db, build: (db: Db) => T): T {
  let built = statements.get(db)
  if (!built) {
    built = new Map()
    statements.set(db, built)
  }
  let statement = built.get(build) as T | undefined
  if (statement === undefined) {
    statement = build(db)
    built.set(build, statement)
  }
  return statement
}

/**
 * `column IN (…)` for a list bound at run time as one JSON parameter, so a prepared statement
 * takes lists of any length: pass `JSON.stringify(ids)` as the placeholder's value.
 */
export function inJsonList(column: SQLiteColumn, placeholder: string): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder(placeholder)}))`
}

const rawStatements = new WeakMap<Db, Map<string, Statement>>()
/** Past this many distinct texts the oldest statement is dropped (search builds a few dozen). */
const MAX_RAW_STATEMENTS = 256

/**
 * A statement for SQL text assembled at run time (search's filters make a few dozen shapes),
 * compiled once per text and database and reused.
 * @example statement<{ id: number }>(db, 'SELECT id FROM listings WHERE kind = :kind').all({ kind })
 */
export function statement<Row>(db: Db, text: string): Statement<unknown[], Row> {
  let built = rawStatements.get(db)
  if (!built) {
    built = new Map()
    rawStatements.set(db, built)
  }
  let found = built.get(text)
  if (!found) {
    found = db.$client.prepare(text)
    if (built.size >= MAX_RAW_STATEMENTS) built.delete(built.keys().next().value!)
    built.set(text, found)
  }
  return found as Statement<unknown[], Row>
}
