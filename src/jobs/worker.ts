// The worker in the server process: runs due jobs from the table (queue.ts) one at a time — the
// machine is small and SQLite has one writer — polling every second, and at once when this
// process enqueues one. It is also the `jobs` seam in AppDeps: `every` makes recurring work a
// durable job that enqueues its next run when it finishes, under a key, so it exists once across
// restarts and however many processes start.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Logger } from 'pino'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import type { Tx } from '../models/transaction'
import {
  claimNextJob,
  enqueueJob,
  failJob,
  finishJob,
  JOB_LEASE,
  onJobEnqueued,
  type Job,
} from './queue'
import type { Scheduler, Task } from './scheduler'

/**
 * Does one job's work. It must be idempotent: a job runs at least once, and again when its
 * process died before marking it done or it outlived its lease. Throwing retries it later.
 */
export type JobHandler = (payload: unknown, job: Job) => void | Promise<void>

export type JobWorker = Scheduler & {
  /** Registers the handler for jobs of `type` (enqueued with enqueueJob). */
  handle(type: string, handler: JobHandler): void
  /** Starts polling; without it (tests) jobs run only through runDue. */
  start(): void
  /** Runs every due job now, one after another; resolves with how many ran. */
  runDue(): Promise<number>
}

type Options = {
  pollInterval?: number
  /** How long stop() waits for a running job before leaving it to its lease. */
  stopTimeout?: number
  lease?: number
}

export function jobWorker(
  { db, clock, logger }: { db: Db; clock: Clock; logger: Logger },
  { pollInterval = 1000, stopTimeout = 8000, lease = JOB_LEASE }: Options = {},
): JobWorker {
  const handlers = new Map<string, { run: JobHandler; every?: number }>()
  const timers = new Set<NodeJS.Timeout>()
  let stopped = false
  let running: Promise<number> | undefined
  let unsubscribe = () => {}

  const scheduleNext = (tx: Tx | Db, type: string, interval: number) =>
    enqueueJob(tx, clock, {
      type,
      key: type,
      runAt: new Date(clock.now().getTime() + interval),
    })

  async function runJob(job: Job) {
    const handler = handlers.get(job.type)
    try {
      if (!handler) throw new Error(`no handler for jobs of type ${job.type}`)
      await handler.run(job.payload, job)
    } catch (error) {
      logger.error({ err: error, job: job.id, type: job.type, attempt: job.attempts }, 'job failed')
      db.transaction((tx) => {
        // A recurring job that died still runs at its next time.
        const state = failJob(tx, clock, job, error)
        if (state === 'dead' && handler?.every) scheduleNext(tx, job.type, handler.every)
      })
      return
    }
    db.transaction((tx) => {
      if (finishJob(tx, clock, job) && handler.every) scheduleNext(tx, job.type, handler.every)
    })
  }

  async function drain() {
    let ran = 0
    for (let job = claimNextJob(db, clock, lease); job; job = claimNextJob(db, clock, lease)) {
      await runJob(job)
      ran += 1
      if (stopped) break
      // Lets requests in between jobs that do their work synchronously.
      await nextTurn()
    }
    return ran
  }

  async function runDue() {
    while (running) await running
    if (stopped) return 0
    running = drain()
    try {
      return await running
    } finally {
      running = undefined
    }
  }

  function poll() {
    if (running || stopped) return
    runDue().catch((error) => logger.error({ err: error }, 'jobs could not be claimed'))
  }

  return {
    handle(type, handler) {
      handlers.set(type, { run: handler })
    },
    every(name: string, intervalMs: number, task: Task, { durable = true } = {}) {
      if (!durable) {
        const timer = setInterval(() => {
          Promise.resolve()
            .then(task)
            .catch((error) => logger.error({ err: error, task: name }, 'scheduled task failed'))
        }, intervalMs)
        timer.unref()
        timers.add(timer)
        return
      }
      handlers.set(name, { run: () => task(), every: intervalMs })
      // Does nothing when the job is already queued (an earlier start, another process).
      scheduleNext(db, name, intervalMs)
    },
    start() {
      const timer = setInterval(poll, pollInterval)
      timer.unref()
      timers.add(timer)
      unsubscribe = onJobEnqueued(() => setImmediate(poll))
      poll()
    },
    runDue,
    async stop() {
      stopped = true
      for (const timer of timers) clearInterval(timer)
      timers.clear()
      unsubscribe()
      if (!running) return
      let timeout: NodeJS.Timeout | undefined
      const waited = new Promise<void>((resolve) => {
        timeout = setTimeout(() => {
          logger.warn('a job is still running at shutdown; it is left to its lease')
          resolve()
        }, stopTimeout)
      })
      await Promise.race([
        running.then(
          () => {},
          () => {},
        ),
        waited,
      ])
      clearTimeout(timeout)
    },
  }
}
