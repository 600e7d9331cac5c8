// Migrations 0010–0012 on a marketplace that already has listings: packages, variants and the
// price and stock of goods become sellable units, and search keeps finding them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterEach, expect, it } from 'vitest'
import { migrateDatabase, migrationsFolder, openDatabase, type Db } from '../src/db'

const dirs: string[] = []
const databases: Db[] = []
afterEach(() => {
  for (const db of databases.splice(0)) db.$client.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A database migrated up to, not including, the migration tagged `before`. */
function databaseBefore(before: string): Db {
  const dir = mkdtempSync(join(tmpdir(), 'souk-migration-'))
  dirs.push(dir)
  const folder = join(dir, 'migrations')
  cpSync(migrationsFolder, folder, { recursive: true })
  const journalPath = join(folder, 'meta/_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'))
  const cut = journal.entries.findIndex((entry: { tag: string }) => entry.tag === before)
  journal.entries = journal.entries.slice(0, cut)
  writeFileSync(journalPath, JSON.stringify(journal))
  const db = openDatabase(join(dir, 'souk.sqlite'))
  databases.push(db)
  migrate(db, { migrationsFolder: folder })
  return db
}

it('gives every package, variant and simple good a unit, and drops the old tables and columns', () => {
  const db = databaseBefore('0010_listing-units')
  db.$client.exec(`
    INSERT INTO members (id, email, display_name, password_hash) VALUES (1, 'a@example.com', 'A', 'x');
    INSERT INTO stores (id, member_id, slug, name, updated_at) VALUES (1, 1, 'sowe', 'Sowe', 0);
    INSERT INTO listings (id, store_id, kind, status, title, slug, category_id, from_price, price, stock, updated_at)
    VALUES
      (1, 1, 'service', 'published', 'Tap repair', 'tap-repair', 101, 35000, NULL, NULL, 0),
      (2, 1, 'product', 'published', 'Mango jam', 'mango-jam', 127, 7500, NULL, NULL, 0),
      (3, 1, 'product', 'published', 'Bicycle pump', 'bicycle-pump', 11, 35000, 35000, 2, 0),
      (4, 1, 'product', 'draft', 'Odd old row', 'odd-old-row', 11, 100, 100, -3, 0);
    INSERT INTO listing_packages (listing_id, position, name, included, price, turnaround_days)
    VALUES (1, 1, 'Half day', 'Four hours', 120000, NULL), (1, 0, 'Call-out', '', 35000, 0);
    INSERT INTO listing_variants (listing_id, position, name, price, stock)
    VALUES (2, 0, 'Small jar', 7500, 12), (2, 1, 'Large jar', 14000, 0);
  `)

  migrateDatabase(db)

  const units = db.$client
    .prepare(
      `SELECT listing_id, kind, position, name, included, price, stock, turnaround_days, retired_at
       FROM listing_units ORDER BY id`,
    )
    .raw()
    .all()
  expect(units).toEqual([
    [1, 'package', 0, 'Call-out', '', 35000, null, 0, null],
    [1, 'package', 1, 'Half day', 'Four hours', 120000, null, null, null],
    [2, 'variant', 0, 'Small jar', '', 7500, 12, null, null],
    [2, 'variant', 1, 'Large jar', '', 14000, 0, null, null],
    [3, 'default', 0, '', '', 35000, 2, null, null],
    // Nothing stopped a negative stock before: it becomes 0 rather than fail the CHECK.
    [4, 'default', 0, '', '', 100, 0, null, null],
  ])
  const tables = db.$client
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'listing_%'`)
    .pluck()
    .all()
  expect(tables).not.toContain('listing_packages')
  expect(tables).not.toContain('listing_variants')
  const columns = db.$client.prepare(`SELECT name FROM pragma_table_info('listings')`).pluck().all()
  expect(columns).not.toContain('price')
  expect(columns).not.toContain('stock')

  // Search finds listings by their units' names, through the new view and triggers.
  const found = (word: string) =>
    db.$client
      .prepare(`SELECT rowid FROM listing_search WHERE listing_search MATCH ? ORDER BY rowid`)
      .pluck()
      .all(`"${word}"`)
  expect(found('jar')).toEqual([2])
  expect(found('call')).toEqual([1])
  db.$client.exec(`UPDATE listing_units SET retired_at = 1 WHERE name = 'Large jar'`)
  db.$client.exec(`UPDATE listing_units SET retired_at = 1 WHERE name = 'Small jar'`)
  expect(found('jar')).toEqual([])
  const version = () =>
    db.$client.prepare(`SELECT version FROM search_version WHERE id = 1`).pluck().get() as number
  const before = version()
  db.$client.exec(`UPDATE listing_units SET stock = stock - 1 WHERE listing_id = 3`)
  expect(version()).toBe(before + 1)
  expect(db.$client.pragma('foreign_key_check')).toEqual([])
})
