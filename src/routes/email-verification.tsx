import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { VerifyEmailPage, VerifyLinkPage } from '../../views/accounts/verify-email-page'
import type { MarketEnv, MemberEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { parseForm, type FormErrors } from '../http/forms'
import { mailContext } from '../http/mail-context'
import { rateLimit } from '../http/rate-limit'
import { safeReturnPath } from '../http/redirects'
import { requireMember } from '../http/session'
import { shell } from '../http/shell'
import { HOUR } from '../lib/clock'
import { findAccountToken, type TokenRefusal } from '../models/account-token'
import {
  pendingVerification,
  resendVerification,
  verifyEmailByCode,
  verifyEmailByLink,
  type VerifyResult,
} from '../models/email-verification'
import { hasVerifiedEmail } from '../models/member'

const codeSchema = z.object({
  // "123 456" reads as 123456; anything else that is not six digits is told so beside the field.
  code: z
    .string()
    .transform((code) => code.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from the mail.')),
  returnTo: z.string().optional(),
})

const returnSchema = z.object({ returnTo: z.string().optional() })

/** What a refused code or link means to the member, beside the code field or in a flash. */
function refusalMessage(result: Extract<VerifyResult, { ok: false }>): string {
  switch (result.reason) {
    case 'wrong_code':
      return result.spent
        ? 'That is not the code we sent either, and it was the last try: send a new code below.'
        : 'That is not the code we sent. Check the newest mail from us.'
    case 'expired':
      return 'That code is more than 24 hours old. Send a new one below.'
    case 'email_taken':
      return 'Another account started using that address meanwhile. Choose another one on your account page.'
    default:
      return 'That code no longer works. Send a new one below.'
  }
}

/** 410 Gone for a link that was real but is spent or expired; 404 for one we never sent. */
function refusedStatus(reason: TokenRefusal) {
  return reason === 'unknown' ? 404 : 410
}

function codePage<E extends MemberEnv>(c: Context<E>, returnTo: string, errors?: FormErrors) {
  const { db, clock, member } = c.var
  return (
    <VerifyEmailPage
      shell={shell(c)}
      pending={pendingVerification(db, clock, member.id)?.email}
      verified={hasVerifiedEmail(db, member.id)}
      returnTo={returnTo}
      errors={errors}
    />
  )
}

function confirmedMessage(result: Extract<VerifyResult, { ok: true }>) {
  return result.changed
    ? `Your address is now ${result.member.email}.`
    : `Thank you: ${result.member.email} is confirmed.`
}

/**
 * Confirming an address: the mailed link (anyone holding it, signed in or not, on any device)
 * and the code, typed by the signed-in member.
 */
export const emailVerification = new Hono<MarketEnv>()
  .get('/', requireMember, (c) => c.html(codePage(c, safeReturnPath(c.req.query('return_to')))))

  // Five guesses per code and a new code at most once a minute, an hour's worth a few times over.
  .post('/', requireMember, rateLimit('verify-email', { limit: 30, windowMs: HOUR }), async (c) => {
    const form = await parseForm(c, codeSchema)
    const returnTo = safeReturnPath(form.values.returnTo)
    if (!form.ok) return c.html(codePage(c, returnTo, form.errors), 422)
    const result = verifyEmailByCode(
      c.var.db,
      c.var.clock,
      mailContext(c),
      c.var.member.id,
      form.data.code,
    )
    if (!result.ok) return c.html(codePage(c, returnTo, { code: refusalMessage(result) }), 422)
    return flashRedirect(c, returnTo, confirmedMessage(result))
  })

  .post(
    '/resend',
    requireMember,
    rateLimit('verify-email-resend', { limit: 6, windowMs: HOUR }),
    async (c) => {
      const form = await parseForm(c, returnSchema)
      const returnTo = safeReturnPath(form.ok ? form.data.returnTo : undefined)
      const back = `/verify-email?return_to=${encodeURIComponent(returnTo)}`
      const result = resendVerification(c.var.db, c.var.clock, mailContext(c), c.var.member.id)
      if (result.ok)
        return flashRedirect(c, back, `We sent a new link and code to ${result.email}.`)
      // Most often a second tap on the button: the mail is on its way, nothing went wrong.
      if (result.reason === 'too_soon')
        return flashRedirect(
          c,
          back,
          'We sent you a code less than a minute ago: give it a moment, and look in your spam folder.',
        )
      return flashRedirect(c, returnTo, 'Your address is already confirmed.')
    },
  )

  .get('/:token', (c) => {
    const token = c.req.param('token')
    const found = findAccountToken(c.var.db, c.var.clock, 'verify_email', token)
    return c.html(
      <VerifyLinkPage
        shell={shell(c)}
        token={token}
        found={found.ok ? { ok: true, email: found.token.email } : found}
      />,
      found.ok ? 200 : refusedStatus(found.reason),
    )
  })

  .post('/:token', (c) => {
    const result = verifyEmailByLink(c.var.db, c.var.clock, mailContext(c), c.req.param('token'))
    if (!result.ok) {
      if (result.reason === 'wrong_code' || result.reason === 'email_taken')
        return flashRedirect(c, '/account', refusalMessage(result), 'alert')
      return c.html(
        <VerifyLinkPage shell={shell(c)} token="" found={{ ok: false, reason: result.reason }} />,
        refusedStatus(result.reason),
      )
    }
    // The link may be opened on a device that is not signed in: it confirms, it does not sign in.
    const signedInHere = c.var.member?.id === result.member.id
    return flashRedirect(
      c,
      signedInHere ? '/account' : '/sign-in',
      signedInHere ? confirmedMessage(result) : `${confirmedMessage(result)} Sign in to go on.`,
    )
  })
