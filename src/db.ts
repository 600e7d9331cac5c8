import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import * as schema from '../db/schema'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

export const migrationsFolder = resolve('db/migrations')

/**
 * Opens the marketplace database with the pragmas ARCHITECTURE.md asks for.
 * synchronous=FULL: money and messages must survive a power cut; at a town's write rate the
 * extra fsync per commit costs nothing anyone notices.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const client = new Database(path)
  client.pragma('journal_mode = WAL')
  client.pragma('synchronous = FULL')
  client.pragma('foreign_keys = ON')
  client.pragma('busy_timeout = 5000')
  client.pragma('temp_store = MEMORY')
  // Table statistics for the query planner (without them a storefront's listings were found by
  // walking every listing on sale); cheap at open, and repeated hourly by housekeeping.
  client.pragma('analysis_limit = 400')
  client.pragma('optimize = 0x10002')
  return drizzle({ client, schema }) as Db
}

/**
 * Applies the migrations not yet applied. Foreign keys are off while they run: changing a table's
 * constraints in SQLite means rebuilding it (create, copy, drop, rename), and dropping a parent
 * table with them on would cascade-delete its children — an order's lines and timeline. drizzle's
 * `PRAGMA foreign_keys=OFF` inside a migration is a no-op there (it runs in a transaction), so it
 * is done here, around the transaction, and every key is checked before they come back on.
 */
export function migrateDatabase(db: Db) {
  db.$client.pragma('foreign_keys = OFF')
  try {
    migrate(db, { migrationsFolder })
    const broken = db.$client.pragma('foreign_key_check') as unknown[]
    if (broken.length > 0)
      throw new Error(
        `after migrating, ${broken.length} rows break a foreign key: ${JSON.stringify(broken.slice(0, 3))}`,
      )
  } finally {
    db.$client.pragma('foreign_keys = ON')
  }
}

/** True when every migration shipped with this build has been applied (for /readyz). */
export function migrationsAreApplied(db: Db): boolean {
  const journal = JSON.parse(readFileSync(resolve(migrationsFolder, 'meta/_journal.json'), 'utf8'))
  const shipped: number = journal.entries.length
  const applied = db.$client
    .prepare('select count(*) as count from __drizzle_migrations')
    .get() as { count: number }
  return applied.count >= shipped
}
