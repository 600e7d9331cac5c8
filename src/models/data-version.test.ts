import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase, type Db } from '../db'
import { databaseVersion } from './data-version'

let dir: string
let opened: Db[] = []
afterEach(() => {
  for (const db of opened) db.$client.close()
  opened = []
  rmSync(dir, { recursive: true, force: true })
})

function open(path: string) {
  const db = openDatabase(path)
  opened.push(db)
  return db
}

describe('databaseVersion', () => {
  it('stays the same while nothing is written, and changes with a write here or a commit elsewhere', () => {
    dir = mkdtempSync(join(tmpdir(), 'souk-version-'))
    const path = join(dir, 'souk.sqlite')
    const db = open(path)
    migrateDatabase(db)
    const other = open(path)

    const start = databaseVersion(db)
    db.$client.prepare('select count(*) from members').get()
    expect(databaseVersion(db)).toBe(start)

    db.$client.exec(
      "insert into sign_in_failures (email, address, failed_at) values ('a@b.c', 'x', 0)",
    )
    const afterOwnWrite = databaseVersion(db)
    expect(afterOwnWrite).not.toBe(start)

    other.$client.exec('delete from sign_in_failures')
    expect(databaseVersion(db)).not.toBe(afterOwnWrite)
  })
})
