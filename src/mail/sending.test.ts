import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import pino from 'pino'
import { jobs as jobsTable } from '../../db/schema'
import { jobWorker } from '../jobs/worker'
import { createOpenMarket, type TestMarket } from '../test/app'
import { startMailServer } from '../test/mail-server'
import { findMail, queueMail } from './outbox'
import { handleMailJobs } from './sending'

const content = {
  subject: 'Confirm your email',
  text: 'Your code is 123456',
  html: '<p>Your code is 123456</p>',
}

describe('sending mail from the outbox', () => {
  let mailServer: Awaited<ReturnType<typeof startMailServer>>
  let market: TestMarket
  beforeEach(async () => {
    mailServer = await startMailServer()
    market = await createOpenMarket({ smtpUrl: mailServer.url, mailFrom: 'market@tanji.test' })
  })
  afterEach(async () => {
    market.cleanup()
    await mailServer.close()
  })

  const queue = (key = 'verify:1', extra: Partial<Parameters<typeof queueMail>[2]> = {}) =>
    market.db.transaction((tx) =>
      queueMail(tx, market.clock, {
        key,
        kind: 'verify_email',
        to: 'ann@example.com',
        content,
        ...extra,
      }),
    )

  it('sends a queued mail over SMTP in the market name, and marks it sent', async () => {
    const mail = queue()!
    expect(findMail(market.db, mail.id)?.state).toBe('waiting')
    await market.jobs.runJobs()
    expect(mailServer.received).toHaveLength(1)
    const [received] = mailServer.received
    expect(received!.to).toEqual(['ann@example.com'])
    expect(received!.headers.get('from')).toEqual(['Tanji Market <market@tanji.test>'])
    expect(received!.headers.get('subject')).toEqual(['Confirm your email'])
    expect(received!.raw).toContain('Your code is 123456')
    expect(findMail(market.db, mail.id)).toMatchObject({ state: 'sent', attempts: 1 })
  })

  it('writes one mail for one cause, however often it is queued', async () => {
    expect(queue('order-placed:ABC')).toBeDefined()
    expect(queue('order-placed:ABC')).toBeUndefined()
    await market.jobs.runJobs()
    expect(mailServer.received).toHaveLength(1)
  })

  it('gives notification mail a one-click unsubscribe', async () => {
    queue('order:1', { unsubscribeUrl: 'http://localhost:3000/unsubscribe/tok/new_order' })
    await market.jobs.runJobs()
    const { headers } = mailServer.received[0]!
    expect(headers.get('list-unsubscribe')).toEqual([
      '<http://localhost:3000/unsubscribe/tok/new_order>',
    ])
    expect(headers.get('list-unsubscribe-post')).toEqual(['List-Unsubscribe=One-Click'])
  })

  it('adds no header from a subject typed with line breaks', async () => {
    queue('injection', {
      content: { ...content, subject: 'Order from Ann\r\nBcc: everyone@example.com' },
    })
    await market.jobs.runJobs()
    const { headers, to } = mailServer.received[0]!
    expect(headers.has('bcc')).toBe(false)
    expect(to).toEqual(['ann@example.com'])
    expect(headers.get('subject')).toEqual(['Order from Ann Bcc: everyone@example.com'])
  })

  it('keeps a refused mail waiting with the reason, and sends it when the server is back', async () => {
    mailServer.refuse(true)
    const mail = queue()!
    await market.jobs.runJobs()
    expect(findMail(market.db, mail.id)).toMatchObject({ state: 'waiting', attempts: 1 })
    expect(findMail(market.db, mail.id)?.lastError).toMatch(/mailbox unavailable/)

    mailServer.refuse(false)
    market.clock.advance(60 * 60_000)
    await market.jobs.runJobs()
    expect(findMail(market.db, mail.id)).toMatchObject({ state: 'sent', attempts: 2 })
    expect(mailServer.received).toHaveLength(1)
  })

  it('marks a mail failed when its last try fails, and says why', async () => {
    mailServer.refuse(true)
    const mail = market.db.transaction((tx) => {
      const queued = queueMail(tx, market.clock, {
        key: 'k',
        kind: 'k',
        to: 'a@example.com',
        content,
      })
      tx.update(jobsTable).set({ maxAttempts: 1 }).run()
      return queued!
    })
    await market.jobs.runJobs()
    expect(findMail(market.db, mail.id)).toMatchObject({ state: 'failed' })
    expect(market.db.select().from(jobsTable).get()?.state).toBe('dead')
  })

  it('sends a mail whose process died after the commit once a new process starts', async () => {
    // The cause committed (mail and job written), then the process died before any worker ran:
    // a new process with a fresh worker finds the job and sends the mail once.
    const mail = queue()!
    const restarted = jobWorker({
      db: market.db,
      clock: market.clock,
      logger: pino({ level: 'silent' }),
    })
    handleMailJobs({ ...market, jobs: restarted, logger: pino({ level: 'silent' }) })
    await restarted.runDue()
    await market.jobs.runJobs()
    expect(mailServer.received).toHaveLength(1)
    expect(findMail(market.db, mail.id)?.state).toBe('sent')
  })

  it('sends a mail again under the same Message-ID when the process died before marking it sent', async () => {
    const mail = queue()!
    await market.jobs.runJobs()
    // As if the server had accepted it but the process died before the row said so.
    market.db.transaction((tx) => {
      tx.update(jobsTable).set({ state: 'queued' }).run()
    })
    market.db.$client.prepare(`UPDATE mails SET state = 'waiting' WHERE id = ?`).run(mail.id)
    await market.jobs.runJobs()
    const ids = mailServer.received.map((received) => received.headers.get('message-id')?.[0])
    expect(ids).toHaveLength(2)
    expect(ids[0]).toBe(ids[1])
  })
})

describe('without SMTP configured', () => {
  it('holds mail in the outbox for the operator, never dropping it', async () => {
    const market = await createOpenMarket()
    try {
      const mail = market.db.transaction((tx) =>
        queueMail(tx, market.clock, {
          key: 'x',
          kind: 'verify_email',
          to: 'b@example.com',
          content,
        }),
      )!
      await market.jobs.runJobs()
      expect(findMail(market.db, mail.id)).toMatchObject({ state: 'held', text: content.text })
    } finally {
      market.cleanup()
    }
  })
})
