// Durable jobs: rows in the `jobs` table that the worker in this process (worker.ts) runs one at a
// time. A model enqueues a job inside its own transaction, so the job exists exactly when its
// cause committed. A claim gives the job to one worker for a lease; a worker that dies with it
// (kill -9, power cut) leaves it `running` until the lease lapses, then the next claim takes it
// back to `queued` and it runs again — so handlers must be idempotent. A throw retries it later
// with exponential back-off and jitter; after `maxAttempts` it is `dead`, kept with its last
// error for the operator (listTroubledJobs).
import { and, asc, desc, eq, gt, lte, or, sql } from 'drizzle-orm'
import { jobs } from '../../db/schema'
import type { Db } from '../db'
import { DAY, HOUR, MINUTE, type Clock } from '../lib/clock'
import type { Tx } from '../models/transaction'
import { jobStateBefore } from './job-state'

export type Job = typeof jobs.$inferSelect

/** Ten tries take about three hours of back-off: long enough to outlast a mail server's bad night. */
export const DEFAULT_MAX_ATTEMPTS = 10
/** How long a claim holds; a handler running longer may be run twice (it is idempotent anyway). */
export const JOB_LEASE = 10 * MINUTE
const RETRY_BASE = 30_000
const RETRY_CAP = HOUR
/** ±20 %: jobs that failed together (the mail server went down) do not all retry together. */
const RETRY_JITTER = 0.2
/** Enough of a stack to find the line; the operator reads this, not a log aggregator. */
const ERROR_LENGTH = 2000
/** Done jobs are kept a while to answer "did it run?"; dead ones stay until the operator acts. */
export const DONE_JOBS_KEPT = 7 * DAY

/**
 * How long to wait before the next try after `attempts` failed ones: 30 s, 1 min, 2 min … at
 * most an hour, each ±20 %.
 */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const delay = Math.min(RETRY_BASE * 2 ** Math.max(attempts - 1, 0), RETRY_CAP)
  return Math.round(delay * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()))
}

const enqueued = new Set<() => void>()

/** Calls `listener` whenever this process enqueues a job (the worker polls at once). */
export function onJobEnqueued(listener: () => void): () => void {
  enqueued.add(listener)
  return () => enqueued.delete(listener)
}

/**
 * Adds a job, inside the caller's transaction when given one; with a `key` that an unfinished
 * job already has, adds nothing and returns undefined.
 * @example db.transaction((tx) => { placeOrder(tx, …); enqueueJob(tx, clock, { type: 'order-mail', payload: { orderId } }) })
 */
export function enqueueJob(
  tx: Tx | Db,
  clock: Clock,
  job: { type: string; payload?: unknown; runAt?: Date; key?: string; maxAttempts?: number },
): Job | undefined {
  const added = tx
    .insert(jobs)
    .values({
      type: job.type,
      payload: job.payload ?? {},
      key: job.key,
      runAt: job.runAt ?? clock.now(),
      maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      createdAt: clock.now(),
    })
    .onConflictDoNothing()
    .returning()
    .get()
  // Listeners look on a later turn of the event loop: transactions are synchronous, so by then
  // this one has committed (or rolled back, and the worker finds nothing).
  if (added) for (const listener of enqueued) listener()
  return added
}

/**
 * Gives the next due job to the caller for `lease` ms (state running, one more attempt), or
 * undefined when nothing is due. Takes back lapsed leases first: their worker is gone.
 */
export function claimNextJob(db: Db, clock: Clock, lease = JOB_LEASE): Job | undefined {
  const now = clock.now()
  // Looked at without a lock first: the worker asks every second, and taking the write lock each
  // time would make another connection's read-then-write transaction (the demo seeder, a test's
  // fixtures, an operator's sqlite3) fail with SQLITE_BUSY while nothing is due.
  if (!anythingToClaim(db, now)) return undefined
  return db.transaction(
    (tx) => {
      releaseLapsedLeases(tx, now)
      const due = tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.state, jobStateBefore('claim')), lte(jobs.runAt, now)))
        .orderBy(asc(jobs.runAt), asc(jobs.id))
        .limit(1)
        .get()
      if (!due) return undefined
      return tx
        .update(jobs)
        .set({
          state: 'running',
          attempts: sql`${jobs.attempts} + 1`,
          startedAt: now,
          lockedUntil: new Date(now.getTime() + lease),
        })
        .where(and(eq(jobs.id, due.id), eq(jobs.state, jobStateBefore('claim'))))
        .returning()
        .get()
    },
    // The write lock before the read: two processes never pick the same job.
    { behavior: 'immediate' },
  )
}

/** Whether a job is due or a lease has lapsed: one indexed read, no lock held. */
function anythingToClaim(db: Db, now: Date): boolean {
  const found = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      or(
        and(eq(jobs.state, jobStateBefore('claim')), lte(jobs.runAt, now)),
        and(eq(jobs.state, 'running'), lte(jobs.lockedUntil, now)),
      ),
    )
    .limit(1)
    .get()
  return found !== undefined
}

/**
 * A lapsed lease counts as a failed attempt (the claim counted it), so a job that kills its
 * process every time ends dead instead of taking the market down in a loop.
 */
function releaseLapsedLeases(tx: Tx, now: Date) {
  const spent = sql`${jobs.attempts} >= ${jobs.maxAttempts}`
  tx.update(jobs)
    .set({
      state: sql`CASE WHEN ${spent} THEN 'dead' ELSE 'queued' END`,
      finishedAt: sql`CASE WHEN ${spent} THEN ${now.getTime()} ELSE NULL END`,
      lastError: 'its lease lapsed: the process running it stopped, or it ran past its lease',
      lockedUntil: null,
    })
    .where(and(eq(jobs.state, 'running'), lte(jobs.lockedUntil, now)))
    .run()
}

/**
 * The claimed job as its worker holds it: a worker whose lease lapsed and whose job was claimed
 * again (a later attempt) changes nothing.
 */
function heldBy(job: Job) {
  return and(eq(jobs.id, job.id), eq(jobs.state, 'running'), eq(jobs.attempts, job.attempts))
}

/** Marks a claimed job done; false when its claim was lost (see heldBy). */
export function finishJob(tx: Tx | Db, clock: Clock, job: Job): boolean {
  const now = clock.now()
  const changed = tx
    .update(jobs)
    .set({ state: 'done', finishedAt: now, lockedUntil: null })
    .where(heldBy(job))
    .run()
  return changed.changes === 1
}

/**
 * Records a claimed job's failure: back to queued after a back-off, or dead once its attempts are
 * used up. Returns the new state, or null when the claim was lost.
 */
export function failJob(
  tx: Tx | Db,
  clock: Clock,
  job: Job,
  error: unknown,
  random: () => number = Math.random,
): 'queued' | 'dead' | null {
  const now = clock.now()
  const lastError = describeError(error)
  const state = job.attempts >= job.maxAttempts ? 'dead' : 'queued'
  const changed = tx
    .update(jobs)
    .set(
      state === 'dead'
        ? { state, lastError, finishedAt: now, lockedUntil: null }
        : {
            state,
            lastError,
            lockedUntil: null,
            runAt: new Date(now.getTime() + retryDelay(job.attempts, random)),
          },
    )
    .where(heldBy(job))
    .run()
  return changed.changes === 1 ? state : null
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
  return text.slice(0, ERROR_LENGTH)
}

/** Jobs the operator should hear about: dead ones and those waiting to retry, newest first. */
export function listTroubledJobs(db: Db, limit = 100) {
  return db
    .select({
      id: jobs.id,
      type: jobs.type,
      state: jobs.state,
      attempts: jobs.attempts,
      maxAttempts: jobs.maxAttempts,
      lastError: jobs.lastError,
      runAt: jobs.runAt,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .where(or(eq(jobs.state, 'dead'), and(eq(jobs.state, 'queued'), gt(jobs.attempts, 0))))
    .orderBy(desc(jobs.id))
    .limit(limit)
    .all()
}

/** Forgets jobs done longer ago than DONE_JOBS_KEPT (housekeeping); dead ones are kept. */
export function deleteDoneJobs(db: Db, clock: Clock) {
  const before = new Date(clock.now().getTime() - DONE_JOBS_KEPT)
  db.delete(jobs)
    .where(and(eq(jobs.state, 'done'), lte(jobs.finishedAt, before)))
    .run()
}
