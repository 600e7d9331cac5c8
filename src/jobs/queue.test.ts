import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jobs } from '../../db/schema'
import { openDatabase } from '../db'
import { HOUR, MINUTE } from '../lib/clock'
import { createTestMarket, type TestMarket } from '../test/app'
import {
  claimNextJob,
  deleteDoneJobs,
  DONE_JOBS_KEPT,
  enqueueJob,
  failJob,
  finishJob,
  JOB_LEASE,
  listTroubledJobs,
  retryDelay,
} from './queue'

let market: TestMarket
beforeEach(() => {
  market = createTestMarket()
})
afterEach(() => market.cleanup())

const allJobs = () => market.db.select().from(jobs).all()

describe('retryDelay', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [7, 1_920_000],
    [8, HOUR],
    [20, HOUR],
  ])('after %i failed attempts waits about %i ms, within ±20 %', (attempts, delay) => {
    expect(retryDelay(attempts, () => 0)).toBe(Math.round(delay * 0.8))
    expect(retryDelay(attempts, () => 0.5)).toBe(delay)
    expect(retryDelay(attempts, () => 0.999999)).toBeLessThanOrEqual(delay * 1.2)
    for (let i = 0; i < 50; i++) {
      const jittered = retryDelay(attempts)
      expect(jittered).toBeGreaterThanOrEqual(delay * 0.8)
      expect(jittered).toBeLessThanOrEqual(delay * 1.2)
    }
  })
})

describe('enqueueJob', () => {
  it('adds a job only when the transaction it is enqueued in commits', () => {
    expect(() =>
      market.db.transaction((tx) => {
        enqueueJob(tx, market.clock, { type: 'order-mail', payload: { orderId: 1 } })
        throw new Error('the order could not be placed')
      }),
    ).toThrow('could not be placed')
    expect(allJobs()).toHaveLength(0)

    market.db.transaction((tx) => {
      enqueueJob(tx, market.clock, { type: 'order-mail', payload: { orderId: 2 } })
    })
    expect(allJobs()).toMatchObject([
      { type: 'order-mail', payload: { orderId: 2 }, state: 'queued', attempts: 0 },
    ])
  })

  it('adds a keyed job once while it is unfinished, and again after it is done', () => {
    const first = enqueueJob(market.db, market.clock, { type: 'housekeeping', key: 'housekeeping' })
    const again = enqueueJob(market.db, market.clock, { type: 'housekeeping', key: 'housekeeping' })
    expect(first).toBeDefined()
    expect(again).toBeUndefined()
    expect(allJobs()).toHaveLength(1)

    const claimed = claimNextJob(market.db, market.clock)!
    expect(
      enqueueJob(market.db, market.clock, { type: 'housekeeping', key: 'housekeeping' }),
    ).toBeUndefined()
    finishJob(market.db, market.clock, claimed)
    expect(
      enqueueJob(market.db, market.clock, { type: 'housekeeping', key: 'housekeeping' }),
    ).toBeDefined()
    expect(allJobs().map((job) => job.state)).toEqual(['done', 'queued'])
  })
})

describe('claiming and finishing', () => {
  it('takes no lock while nothing is due, so other connections write undisturbed', () => {
    enqueueJob(market.db, market.clock, { type: 'later', runAt: new Date(Date.UTC(2030, 0)) })
    const other = openDatabase(market.config.databasePath)
    try {
      other.$client.exec('BEGIN IMMEDIATE')
      // Without waiting: a claim that asked for the write lock would fail at once.
      market.db.$client.pragma('busy_timeout = 0')
      expect(claimNextJob(market.db, market.clock)).toBeUndefined()
      market.clock.advance(10 * 365 * 24 * HOUR)
      expect(() => claimNextJob(market.db, market.clock)).toThrow(/locked|busy/i)
    } finally {
      other.$client.exec('ROLLBACK')
      other.$client.close()
    }
  })

  it('claims due jobs in run-at order, each once, with a lease', () => {
    enqueueJob(market.db, market.clock, {
      type: 'later',
      runAt: new Date(market.clock.now().getTime() + MINUTE),
    })
    enqueueJob(market.db, market.clock, { type: 'now' })

    const claimed = claimNextJob(market.db, market.clock)!
    expect(claimed).toMatchObject({ type: 'now', state: 'running', attempts: 1 })
    expect(claimed.lockedUntil!.getTime()).toBe(market.clock.now().getTime() + JOB_LEASE)
    expect(claimNextJob(market.db, market.clock)).toBeUndefined()

    market.clock.advance(MINUTE)
    expect(claimNextJob(market.db, market.clock)).toMatchObject({ type: 'later' })
    expect(finishJob(market.db, market.clock, claimed)).toBe(true)
    expect(market.db.select().from(jobs).where(eq(jobs.id, claimed.id)).get()).toMatchObject({
      state: 'done',
      finishedAt: market.clock.now(),
    })
  })

  it('retries a failed job after its back-off, then keeps it dead with its error', () => {
    enqueueJob(market.db, market.clock, { type: 'order-mail', maxAttempts: 2 })
    const first = claimNextJob(market.db, market.clock)!
    expect(failJob(market.db, market.clock, first, new Error('SMTP refused'), () => 0.5)).toBe(
      'queued',
    )
    expect(claimNextJob(market.db, market.clock)).toBeUndefined()
    expect(listTroubledJobs(market.db)).toMatchObject([
      {
        type: 'order-mail',
        state: 'queued',
        attempts: 1,
        lastError: expect.stringMatching(/SMTP refused/),
      },
    ])

    market.clock.advance(30_000)
    const second = claimNextJob(market.db, market.clock)!
    expect(second.attempts).toBe(2)
    expect(failJob(market.db, market.clock, second, new Error('SMTP still refused'))).toBe('dead')
    market.clock.advance(HOUR)
    expect(claimNextJob(market.db, market.clock)).toBeUndefined()
    expect(listTroubledJobs(market.db)).toMatchObject([
      {
        state: 'dead',
        attempts: 2,
        maxAttempts: 2,
        lastError: expect.stringMatching(/SMTP still refused/),
      },
    ])
  })

  it('takes back a job whose lease lapsed, and the old claim can no longer finish it', () => {
    enqueueJob(market.db, market.clock, { type: 'order-mail' })
    const lost = claimNextJob(market.db, market.clock)!
    market.clock.advance(JOB_LEASE - 1)
    expect(claimNextJob(market.db, market.clock)).toBeUndefined()
    market.clock.advance(1)
    const again = claimNextJob(market.db, market.clock)!
    expect(again).toMatchObject({
      id: lost.id,
      attempts: 2,
      lastError: expect.stringMatching(/lease lapsed/),
    })
    expect(finishJob(market.db, market.clock, lost)).toBe(false)
    expect(failJob(market.db, market.clock, lost, new Error('late'))).toBeNull()
    expect(finishJob(market.db, market.clock, again)).toBe(true)
  })

  it('buries a job whose lease lapsed on its last attempt', () => {
    enqueueJob(market.db, market.clock, { type: 'crashes-the-process', maxAttempts: 1 })
    claimNextJob(market.db, market.clock)
    market.clock.advance(JOB_LEASE)
    expect(claimNextJob(market.db, market.clock)).toBeUndefined()
    expect(listTroubledJobs(market.db)).toMatchObject([
      {
        type: 'crashes-the-process',
        state: 'dead',
        lastError: expect.stringMatching(/lease lapsed/),
      },
    ])
  })

  it('lists neither queued first tries nor finished jobs as troubled', () => {
    enqueueJob(market.db, market.clock, { type: 'a' })
    enqueueJob(market.db, market.clock, { type: 'b' })
    finishJob(market.db, market.clock, claimNextJob(market.db, market.clock)!)
    expect(listTroubledJobs(market.db)).toEqual([])
  })

  it('forgets done jobs after a week, and keeps dead ones', () => {
    enqueueJob(market.db, market.clock, { type: 'done' })
    enqueueJob(market.db, market.clock, { type: 'dead', maxAttempts: 1 })
    finishJob(market.db, market.clock, claimNextJob(market.db, market.clock)!)
    failJob(market.db, market.clock, claimNextJob(market.db, market.clock)!, 'refused')
    market.clock.advance(DONE_JOBS_KEPT - 1)
    deleteDoneJobs(market.db, market.clock)
    expect(allJobs()).toHaveLength(2)
    market.clock.advance(1)
    deleteDoneJobs(market.db, market.clock)
    expect(allJobs()).toMatchObject([{ type: 'dead', state: 'dead', lastError: 'refused' }])
  })
})
