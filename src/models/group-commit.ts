// Group commit: writes that arrive together share one commit, and so one fsync.
//
// With synchronous=FULL (db.ts) every commit waits for the disk, and on a busy evening that wait
// is a third of what placing an order costs. So checkouts are not committed one by one: those
// that arrive in the same turn of the event loop are run one after another in ONE immediate
// transaction, each inside its own SAVEPOINT, and committed once.
//
// - Each caller gets its own answer. A piece of work that refuses (`ok: false`) or throws rolls
//   back to its savepoint: its own writes are undone, the others' are kept.
// - Nobody hears "done" before it is durable: every caller's promise settles only after the
//   COMMIT returned (after its fsync). Publishing on the bus waits for that promise too.
// - All or nothing for the batch's durability: if BEGIN or COMMIT fails, or SQLite ends the
//   transaction itself (disk full, I/O error), everything is rolled back and every caller's
//   promise is rejected, even the ones whose work went well: none of it was saved.
// - The work is synchronous and the whole batch runs in one synchronous call, so no other
//   request's code can run on this connection while the transaction is open, or read what it has
//   not yet committed. Each piece reads what the ones before it in the batch wrote: of two buyers
//   of the last loaf the second finds no stock left, and a checkout posted twice finds the
//   orders its first post placed.
// - Batching adds no wait: the batch runs on setImmediate, right after Node has read every
//   request that arrived in this turn, so a lone checkout is committed at once. Under load, the
//   requests that arrive while one batch is committing make up the next.
import type { Db } from '../db'
import { statement } from './prepared'

/**
 * The most pieces of work in one transaction: it holds the write lock (and the event loop) for
 * about a millisecond per piece, and nobody in it hears back before all are done.
 */
export const MAX_BATCH = 64

type Outcome<Result> = { result: Result } | { error: unknown }

type Job = {
  work: () => { ok: boolean }
  resolve: (result: { ok: boolean }) => void
  reject: (error: unknown) => void
}

/** The batch still taking work, per database: the next setImmediate runs it. */
const gathering = new WeakMap<Db, Job[]>()

/**
 * Runs `work` in the next shared transaction on this database, in a savepoint of its own that is
 * rolled back when it refuses or throws. Settles after the commit, never before.
 * @example const result = await commitTogether(db, () => (takeStock(db, id, 1) ? { ok: true } : { ok: false, reason: 'sold_out' }))
 */
export function commitTogether<Result extends { ok: boolean }>(
  db: Db,
  work: () => Result,
): Promise<Result> {
  return new Promise<Result>((resolve, reject) => {
    let batch = gathering.get(db)
    if (!batch) {
      const started: Job[] = []
      batch = started
      gathering.set(db, started)
      setImmediate(() => {
        if (gathering.get(db) === started) gathering.delete(db)
        runBatch(db, started)
      })
    }
    batch.push({ work, resolve: resolve as Job['resolve'], reject })
    // A full batch takes no more: the next piece of work starts the next one.
    if (batch.length >= MAX_BATCH) gathering.delete(db)
  })
}

function runBatch(db: Db, batch: Job[]) {
  const outcomes: Outcome<{ ok: boolean }>[] = []
  try {
    run(db, 'BEGIN IMMEDIATE')
    for (const job of batch) {
      const outcome = inSavepoint(db, job.work)
      outcomes.push(outcome)
      // Some errors (disk full, I/O) make SQLite roll back the whole transaction: what the
      // batch wrote before is gone too, so nobody in it may be told it was saved.
      if (!db.$client.inTransaction)
        throw 'error' in outcome ? outcome.error : new Error('the batch transaction ended early')
    }
    run(db, 'COMMIT')
  } catch (error) {
    // A COMMIT that fails (a deferred constraint) leaves the transaction open: end it.
    if (db.$client.inTransaction) run(db, 'ROLLBACK')
    for (const job of batch) job.reject(error)
    return
  }
  batch.forEach((job, index) => {
    const outcome = outcomes[index]!
    if ('result' in outcome) job.resolve(outcome.result)
    else job.reject(outcome.error)
  })
}

/** One piece of work, undone alone when it refuses or throws. */
function inSavepoint(db: Db, work: Job['work']): Outcome<{ ok: boolean }> {
  run(db, 'SAVEPOINT batched')
  let outcome: Outcome<{ ok: boolean }>
  try {
    outcome = { result: work() }
    if (!outcome.result.ok) run(db, 'ROLLBACK TO batched')
  } catch (error) {
    outcome = { error }
    if (!db.$client.inTransaction) return outcome
    run(db, 'ROLLBACK TO batched')
  }
  run(db, 'RELEASE batched')
  return outcome
}

function run(db: Db, command: string) {
  statement(db, command).run()
}
