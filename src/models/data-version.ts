import type { Db } from '../db'

const statements = new WeakMap<Db, { get: () => unknown }>()

/**
 * Changes whenever anything in the database may have changed: a write on this connection
 * (SQLite's total_changes()) or a commit by another one (data_version: a second process, the
 * sqlite3 shell). What is kept in memory from the database stays valid while it is the same.
 * A rolled-back write changes it too, which only costs a fresh read.
 */
export function databaseVersion(db: Db): string {
  let statement = statements.get(db)
  if (!statement) {
    statement = db.$client
      .prepare("select total_changes() || '.' || data_version from pragma_data_version")
      .pluck()
    statements.set(db, statement)
  }
  return statement.get() as string
}
