// The job that sends one mail from the outbox. Idempotent: a mail already sent or held is left
// alone. A refusal or a server that is down throws, so the job retries with back-off; the row
// keeps the error for the operator, and on the last try the mail is marked failed.
import { z } from 'zod'
import type { AppDeps } from '../http/env'
import { findSite } from '../models/site'
import { findMail, markMail, oneLine, SEND_MAIL_JOB } from './outbox'
import { smtpTransport, type MailTransport } from './transport'

const payloadSchema = z.object({ mailId: z.number().int() })

export function handleMailJobs(
  { jobs, db, clock, config, logger }: Pick<AppDeps, 'jobs' | 'db' | 'clock' | 'config' | 'logger'>,
  transport: MailTransport | null = smtpTransport(config),
) {
  jobs.handle(SEND_MAIL_JOB, async (payload, job) => {
    const { mailId } = payloadSchema.parse(payload)
    const mail = findMail(db, mailId)
    if (!mail || mail.state === 'sent' || mail.state === 'held') return
    if (!transport) {
      markMail(db, clock, mail.id, { state: 'held' })
      logger.info({ mail: mail.id, kind: mail.kind }, 'no SMTP_URL: mail held in the outbox')
      return
    }
    const name = oneLine(findSite(db)?.marketName ?? 'Souk')
    try {
      await transport.send(mail, { name, address: config.mailFrom })
    } catch (error) {
      const last = job.attempts >= job.maxAttempts
      markMail(db, clock, mail.id, { state: last ? 'failed' : 'waiting', error: String(error) })
      throw error
    }
    markMail(db, clock, mail.id, { state: 'sent' })
  })
}
