import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../db'
import { commitTogether, MAX_BATCH } from './group-commit'

// A database of its own with two small tables, and a second connection to the same file: what
// it reads is what has been committed, as another process would see it.
let dir: string
let db: Db
let other: Db

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'souk-group-commit-'))
  db = openDatabase(join(dir, 'test.sqlite'))
  db.$client.exec(`
    CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE tags (thing_id INTEGER NOT NULL REFERENCES things (id) DEFERRABLE INITIALLY DEFERRED);
  `)
  other = openDatabase(join(dir, 'test.sqlite'))
})

afterEach(() => {
  db.$client.close()
  other.$client.close()
  rmSync(dir, { recursive: true, force: true })
})

const names = (on: Db) =>
  (on.$client.prepare('SELECT name FROM things ORDER BY id').pluck().all() as string[]).join(',')

const add = (name: string) => db.$client.prepare('INSERT INTO things (name) VALUES (?)').run(name)

describe('commitTogether', () => {
  it('runs work that arrives together in one transaction, each seeing what the ones before wrote', async () => {
    const seen: { own: string; committed: string; inTransaction: boolean }[] = []
    const work = (name: string) => () => {
      add(name)
      seen.push({
        own: names(db),
        committed: names(other),
        inTransaction: db.$client.inTransaction,
      })
      return { ok: true }
    }
    await Promise.all([
      commitTogether(db, work('a')),
      commitTogether(db, work('b')),
      commitTogether(db, work('c')),
    ])
    expect(seen).toEqual([
      { own: 'a', committed: '', inTransaction: true },
      { own: 'a,b', committed: '', inTransaction: true },
      { own: 'a,b,c', committed: '', inTransaction: true },
    ])
    expect(names(other)).toBe('a,b,c')
  })

  it('undoes only the work that refused or threw, which gets its own answer', async () => {
    const answers = await Promise.allSettled([
      commitTogether(db, () => (add('kept'), { ok: true })),
      commitTogether(db, () => (add('refused'), { ok: false, reason: 'sold_out' })),
      commitTogether(db, () => {
        add('thrown')
        throw new Error('a bug')
      }),
      commitTogether(db, () => (add('duplicate'), add('duplicate'), { ok: true })),
      commitTogether(db, () => (add('also kept'), { ok: true })),
    ])
    expect(
      answers.map((answer) => (answer.status === 'fulfilled' ? answer.value : 'rejected')),
    ).toEqual([
      { ok: true },
      { ok: false, reason: 'sold_out' },
      'rejected',
      'rejected',
      { ok: true },
    ])
    expect(answers[2]).toMatchObject({ reason: new Error('a bug') })
    expect(answers[3]).toMatchObject({ reason: { code: 'SQLITE_CONSTRAINT_UNIQUE' } })
    expect(names(other)).toBe('kept,also kept')
  })

  it('answers once another connection can read the writes, out of the transaction', async () => {
    const afterwards: { committed: string; inTransaction: boolean }[] = []
    const answered = (result: { ok: boolean }) => {
      afterwards.push({ committed: names(other), inTransaction: db.$client.inTransaction })
      return result
    }
    await Promise.all([
      commitTogether(db, () => (add('a'), { ok: true })).then(answered),
      commitTogether(db, () => (add('b'), { ok: true })).then(answered),
    ])
    expect(afterwards).toEqual([
      { committed: 'a,b', inTransaction: false },
      { committed: 'a,b', inTransaction: false },
    ])
  })

  // What proves nobody is answered before the commit: here the commit fails after every piece
  // of work went well, and still nobody was told it was saved.
  it('rejects everyone in the batch, and keeps nothing, when the commit fails', async () => {
    const tagNothing = () => {
      // Checked only at COMMIT (a deferred foreign key): the commit itself fails.
      db.$client.prepare('INSERT INTO tags (thing_id) VALUES (999)').run()
      return { ok: true }
    }
    const answers = await Promise.allSettled([
      commitTogether(db, () => (add('lost'), { ok: true })),
      commitTogether(db, tagNothing),
    ])
    expect(answers.map((answer) => answer.status)).toEqual(['rejected', 'rejected'])
    expect(answers[0]).toMatchObject({ reason: { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' } })
    expect(db.$client.inTransaction).toBe(false)
    expect(names(db)).toBe('')
    // The database is left fit for the next batch.
    await commitTogether(db, () => (add('next'), { ok: true }))
    expect(names(other)).toBe('next')
  })

  it('starts another transaction once a batch is full', async () => {
    const committedBefore: string[] = []
    const work = (index: number) => () => {
      add(`t${index}`)
      committedBefore.push(names(other))
      return { ok: true }
    }
    await Promise.all(
      Array.from({ length: MAX_BATCH + 1 }, (_, index) => commitTogether(db, work(index))),
    )
    expect(committedBefore.slice(0, MAX_BATCH).every((committed) => committed === '')).toBe(true)
    expect(committedBefore[MAX_BATCH]!.split(',')).toHaveLength(MAX_BATCH)
  })
})
