import { Hono, type Context } from 'hono'
import { z } from 'zod'
import {
  PasswordResetPage,
  PasswordResetRefusedPage,
} from '../../views/accounts/password-reset-page'
import {
  PasswordResetRequestPage,
  PasswordResetSentPage,
} from '../../views/accounts/password-reset-request-page'
import { passwordChangedMail } from '../../views/mail/password-reset-mail'
import type { MarketEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { parseForm } from '../http/forms'
import { rateLimit } from '../http/rate-limit'
import { seeOther } from '../http/redirects'
import { endSessionCookie } from '../http/session'
import { shell } from '../http/shell'
import { HOUR } from '../lib/clock'
import { dateTimeFormat } from '../lib/intl'
import { marketUrl } from '../mail/links'
import { lifetimeInWords, type TokenRefusal } from '../models/account-token'
import { PASSWORD_MAX_LENGTH } from '../models/password'
import {
  askForPasswordReset,
  checkPasswordResetLink,
  resetPassword,
} from '../models/password-reset'
import { memberFields } from './sign-up'

const requestSchema = z.object({ email: memberFields.email })

// Length and commonness are checked by the model, which knows the rules and the member's name.
const newPasswordSchema = z.object({
  password: z
    .string()
    .min(1, 'Choose a new password.')
    .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
})

/**
 * "Forgot your password?": ask for a link by mail, then choose a new password with it. These
 * pages' header links return to the home page, never here: a reset link's path is its secret.
 */
export const passwordReset = new Hono<MarketEnv>()
  .get('/', (c) =>
    c.html(<PasswordResetRequestPage shell={shell(c, { returnTo: '/' })} values={{}} />),
  )

  // Per network address; a member's own mailbox is spared by the model (a link a minute at most).
  .post('/', rateLimit('password-reset', { limit: 10, windowMs: HOUR }), async (c) => {
    const form = await parseForm(c, requestSchema)
    if (!form.ok)
      return c.html(
        <PasswordResetRequestPage
          shell={shell(c, { returnTo: '/' })}
          values={form.values}
          errors={form.errors}
        />,
        422,
      )
    // The same work and the same answer for every address (see models/password-reset.ts).
    askForPasswordReset(c.var.db, c.var.clock, form.data.email)
    return seeOther(c, '/password-reset/sent')
  })

  .get('/sent', (c) =>
    c.html(
      <PasswordResetSentPage
        shell={shell(c, { returnTo: '/' })}
        lifetime={lifetimeInWords('reset_password')}
      />,
    ),
  )

  // Only looks: mail scanners open links before people do, and must not use them up.
  .get('/:token', (c) => {
    const link = checkPasswordResetLink(c.var.db, c.var.clock, c.req.param('token'))
    if (!link.ok) return refused(c, link.reason)
    c.header('Cache-Control', 'no-store')
    return c.html(
      <PasswordResetPage
        shell={shell(c, { returnTo: '/' })}
        action={c.req.path}
        email={link.member.email}
      />,
    )
  })

  .post('/:token', rateLimit('password-reset-link', { limit: 20, windowMs: HOUR }), async (c) => {
    const form = await parseForm(c, newPasswordSchema)
    const token = c.req.param('token')
    const again = (email: string, message: string) => {
      c.header('Cache-Control', 'no-store')
      return c.html(
        <PasswordResetPage
          shell={shell(c, { returnTo: '/' })}
          action={c.req.path}
          email={email}
          errors={{ password: message }}
        />,
        422,
      )
    }
    if (!form.ok) {
      const link = checkPasswordResetLink(c.var.db, c.var.clock, token)
      if (!link.ok) return refused(c, link.reason)
      return again(link.member.email, form.errors.password ?? 'Choose a new password.')
    }
    const site = c.var.site
    const result = await resetPassword(
      c.var.db,
      c.var.clock,
      {
        token,
        password: form.data.password,
        address: c.var.address,
        userAgent: c.req.header('User-Agent') ?? '',
      },
      (to, at) =>
        passwordChangedMail({
          marketName: site.marketName,
          to,
          when: dateTimeFormat(site.locale, {
            dateStyle: 'long',
            timeStyle: 'short',
            timeZone: site.timeZone,
          }).format(at),
          resetUrl: marketUrl(c.var.config, '/password-reset'),
        }),
    )
    if (!result.ok) {
      if (result.reason === 'weak_password') return again(result.member.email, result.message)
      return refused(c, result.reason)
    }
    // Every session of the member is gone, this browser's too if it had one.
    if (c.var.session) endSessionCookie(c)
    return flashRedirect(c, '/sign-in', 'Your password is changed. Sign in with it.')
  })

/**
 * A link that cannot be used. 410 Gone when it was real but is spent or expired (asking again is
 * the way on, and it will not come back); 404 when it was never one of ours.
 */
function refused(c: Context<MarketEnv>, reason: TokenRefusal) {
  c.header('Cache-Control', 'no-store')
  return c.html(
    <PasswordResetRefusedPage shell={shell(c, { returnTo: '/' })} reason={reason} />,
    reason === 'unknown' ? 404 : 410,
  )
}
