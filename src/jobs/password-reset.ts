// The job that answers "Forgot your password?" (models/password-reset.ts): the request that asked
// only enqueued it, so whether the address has an account never shows in the request's timing.
import { z } from 'zod'
import { passwordResetMail } from '../../views/mail/password-reset-mail'
import type { AppDeps } from '../http/env'
import { marketUrl } from '../mail/links'
import { lifetimeInWords } from '../models/account-token'
import { PASSWORD_RESET_JOB, requestPasswordReset } from '../models/password-reset'
import { findSite } from '../models/site'

const payloadSchema = z.object({ email: z.string() })

export function handlePasswordResetRequests({
  jobs,
  db,
  clock,
  config,
  logger,
}: Pick<AppDeps, 'jobs' | 'db' | 'clock' | 'config' | 'logger'>) {
  jobs.handle(PASSWORD_RESET_JOB, (payload, job) => {
    const { email } = payloadSchema.parse(payload)
    const marketName = findSite(db)?.marketName ?? 'Souk'
    const outcome = requestPasswordReset(db, clock, email, (to, token) =>
      passwordResetMail({
        marketName,
        to,
        url: marketUrl(config, `/password-reset/${token}`),
        lifetime: lifetimeInWords('reset_password'),
      }),
    )
    // Never the address: the log says what happened, not to whom.
    logger.info({ job: job.id, outcome }, 'password reset asked for')
  })
}
