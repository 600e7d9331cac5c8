import { eq } from 'drizzle-orm'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { jobs, sessions } from '../../db/schema'
import { openDatabase, type Db } from '../db'
import { DAY, HOUR } from '../lib/clock'
import { createOpenMarket, createTestMarket, type TestMarket } from '../test/app'
import { scheduleHousekeeping } from './housekeeping'
import { claimNextJob, enqueueJob, failJob, JOB_LEASE, listTroubledJobs } from './queue'
import { jobWorker } from './worker'

const logger = pino({ level: 'silent' })
let market: TestMarket
const closing: (() => unknown)[] = []
afterEach(async () => {
  for (const close of closing.splice(0)) await close()
  market.cleanup()
})

function workerOn(db: Db, options: Parameters<typeof jobWorker>[1] = {}) {
  const worker = jobWorker({ db, clock: market.clock, logger }, options)
  closing.push(() => worker.stop())
  return worker
}

const jobsOf = (db: Db, type: string) => db.select().from(jobs).where(eq(jobs.type, type)).all()

describe('recurring jobs', () => {
  it('keep one housekeeping job however many processes start, and run it every hour', async () => {
    market = await createOpenMarket()
    const deps = { db: market.db, clock: market.clock, config: market.config }
    const worker = workerOn(market.db)
    scheduleHousekeeping({ ...deps, jobs: worker })
    // Another process on the same database file, starting at the same time.
    const other = openDatabase(market.config.databasePath)
    closing.push(() => other.$client.close())
    scheduleHousekeeping({ ...deps, db: other, jobs: workerOn(other) })
    expect(jobsOf(market.db, 'housekeeping')).toMatchObject([
      {
        key: 'housekeeping',
        state: 'queued',
        runAt: new Date(market.clock.now().getTime() + HOUR),
      },
    ])

    await market.signIn('awa@example.com')
    market.clock.advance(31 * DAY)
    expect(await worker.runDue()).toBe(1)
    expect(market.db.select().from(sessions).all()).toHaveLength(0)
    expect(jobsOf(market.db, 'housekeeping')).toMatchObject([
      { state: 'done' },
      { state: 'queued', runAt: new Date(market.clock.now().getTime() + HOUR) },
    ])
    expect(await worker.runDue()).toBe(0)
  })
})

describe('the worker', () => {
  it('retries a handler that throws, keeping its error, and runs jobs of unknown types to dead', async () => {
    market = createTestMarket()
    const worker = workerOn(market.db)
    let calls = 0
    worker.handle('order-mail', () => {
      calls += 1
      if (calls === 1) throw new Error('SMTP refused')
    })
    enqueueJob(market.db, market.clock, { type: 'order-mail' })
    enqueueJob(market.db, market.clock, { type: 'from-a-newer-version', maxAttempts: 1 })

    expect(await worker.runDue()).toBe(2)
    expect(listTroubledJobs(market.db)).toMatchObject([
      {
        type: 'from-a-newer-version',
        state: 'dead',
        lastError: expect.stringMatching(/no handler/),
      },
      { type: 'order-mail', state: 'queued', lastError: expect.stringMatching(/SMTP refused/) },
    ])
    market.clock.advance(HOUR)
    expect(await worker.runDue()).toBe(1)
    expect(calls).toBe(2)
    expect(jobsOf(market.db, 'order-mail')).toMatchObject([{ state: 'done', attempts: 2 }])
  })

  it('runs a job as soon as this process enqueues it once started', async () => {
    market = createTestMarket()
    const worker = workerOn(market.db, { pollInterval: HOUR })
    const ran = new Promise((resolve) => worker.handle('order-mail', resolve))
    worker.start()
    market.db.transaction((tx) => {
      enqueueJob(tx, market.clock, { type: 'order-mail', payload: { orderId: 7 } })
    })
    expect(await ran).toEqual({ orderId: 7 })
  })

  it('runs, after a restart, the job a killed process held and the one waiting to retry, each once at its time', async () => {
    market = createTestMarket()
    // The first process: one job claimed when it was killed, one failed and waiting to retry.
    enqueueJob(market.db, market.clock, { type: 'order-mail', payload: { orderId: 1 } })
    enqueueJob(market.db, market.clock, { type: 'order-mail', payload: { orderId: 2 } })
    claimNextJob(market.db, market.clock)
    const failed = claimNextJob(market.db, market.clock)!
    failJob(market.db, market.clock, failed, new Error('SMTP down'), () => 0.5)

    // The next process opens the same file; the first never closed it.
    const db = openDatabase(market.config.databasePath)
    closing.push(() => db.$client.close())
    const worker = workerOn(db)
    const sent: unknown[] = []
    worker.handle('order-mail', (payload) => void sent.push(payload))

    expect(await worker.runDue()).toBe(0)
    market.clock.advance(30_000)
    expect(await worker.runDue()).toBe(1)
    expect(sent).toEqual([{ orderId: 2 }])
    market.clock.advance(JOB_LEASE - 30_000)
    expect(await worker.runDue()).toBe(1)
    expect(sent).toEqual([{ orderId: 2 }, { orderId: 1 }])
    market.clock.advance(DAY)
    expect(await worker.runDue()).toBe(0)
    expect(jobsOf(db, 'order-mail').map((job) => job.state)).toEqual(['done', 'done'])
  })
})

describe('stopping the worker', () => {
  it('waits for the running job and claims nothing after', async () => {
    market = createTestMarket()
    const worker = workerOn(market.db)
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    let finish!: () => void
    const finishing = new Promise<void>((resolve) => (finish = resolve))
    worker.handle('slow', async () => {
      started()
      await finishing
    })
    enqueueJob(market.db, market.clock, { type: 'slow' })
    enqueueJob(market.db, market.clock, { type: 'slow' })

    const draining = worker.runDue()
    await running
    let stopped = false
    const stopping = Promise.resolve(worker.stop()).then(() => (stopped = true))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(stopped).toBe(false)
    finish()
    await stopping
    expect(await draining).toBe(1)
    expect(jobsOf(market.db, 'slow').map((job) => job.state)).toEqual(['done', 'queued'])
    expect(await worker.runDue()).toBe(0)
  })

  it('leaves a job still running past its timeout to its lease', async () => {
    market = createTestMarket()
    const worker = workerOn(market.db, { stopTimeout: 20 })
    let started!: () => void
    const running = new Promise<void>((resolve) => (started = resolve))
    worker.handle('stuck', () => {
      started()
      return new Promise<void>(() => {})
    })
    enqueueJob(market.db, market.clock, { type: 'stuck' })
    void worker.runDue()
    await running
    await worker.stop()
    expect(jobsOf(market.db, 'stuck')).toMatchObject([{ state: 'running', attempts: 1 }])
  })
})
