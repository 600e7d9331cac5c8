import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { RecoveryCodesPage } from '../../../views/accounts/recovery-codes-page'
import { TwoFactorPage } from '../../../views/accounts/two-factor-page'
import type { MarketEnv, MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm, type FormErrors } from '../../http/forms'
import { seeOther } from '../../http/redirects'
import { requireMember } from '../../http/session'
import { mailContext } from '../../http/mail-context'
import { passwordRefusal } from '../../http/password-refusal'
import { shell } from '../../http/shell'
import { throttledMessage } from '../../http/throttled-message'
import { requirementMessage } from '../../http/two-factor-requirement'
import { PASSWORD_MAX_LENGTH } from '../../models/password'
import {
  confirmTwoFactor,
  disableTwoFactor,
  formatKeyForTyping,
  regenerateRecoveryCodes,
  startTwoFactorEnrolment,
  totpKeyUri,
  twoFactorStatus,
  unmetTwoFactorRequirement,
  type CodeCheck,
} from '../../models/two-factor'

/** Six digits as the app shows them; a space in the middle ("123 456") is forgiven. */
const appCode = z
  .string()
  .transform((code) => code.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'))

const codeSchema = z.object({ code: appCode })

const removalSchema = z.object({
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH),
  removalCode: z
    .string()
    .trim()
    .min(1, 'Enter a code from your app, or one of your recovery codes.')
    .max(40, 'That is not a code from your app or a recovery code.')
    // Six digits as the app groups them ("123 456") are still a code from the app.
    .transform((code) => code.replace(/^(\d{3})\s+(\d{3})$/, '$1$2')),
})

type PageErrors = NonNullable<Parameters<typeof TwoFactorPage>[0]['errors']>

function twoFactorPage(c: Context<MemberEnv>, errors?: PageErrors) {
  const member = c.var.member
  const status = twoFactorStatus(c.var.db, member.id)
  const requirement = unmetTwoFactorRequirement(c.var.db, c.var.site, member)
  const required = requirement && requirementMessage(c.var.site.marketName, requirement)
  return (
    <TwoFactorPage
      shell={shell(c)}
      status={status}
      setup={
        !status.enabled && status.pendingKey
          ? {
              uri: totpKeyUri(status.pendingKey, c.var.site.marketName, member.email),
              secret: formatKeyForTyping(status.pendingKey),
            }
          : undefined
      }
      // Said once: not again below the same words in the flash that brought them here.
      required={required && required !== c.var.flash?.message ? required : undefined}
      errors={errors}
      timeZone={c.var.site.timeZone}
    />
  )
}

/**
 * /account/two-factor — the member's own second factor: set up (a new key, confirmed by a code),
 * new recovery codes, and turning it off. Everything is scoped to the signed-in member.
 */
export const accountTwoFactor = new Hono<MarketEnv>()
  .use(requireMember)
  .get('/', (c) => c.html(twoFactorPage(c)))

  .post('/enrolment', (c) => {
    if (!startTwoFactorEnrolment(c.var.db, c.var.member.id))
      return flashRedirect(c, '/account/two-factor', 'Two-factor sign-in is already on.')
    return seeOther(c, '/account/two-factor')
  })

  .post('/confirmation', async (c) => {
    const form = await parseForm(c, codeSchema)
    if (!form.ok) return c.html(twoFactorPage(c, { confirmation: form.errors }), 422)
    const result = confirmTwoFactor(
      c.var.db,
      c.var.clock,
      c.var.member.id,
      form.data.code,
      mailContext(c),
    )
    if (!result.ok) {
      if (result.reason === 'not_started') return seeOther(c, '/account/two-factor')
      const errors = { code: 'That code is not right. Check the key in your app and try again.' }
      return c.html(twoFactorPage(c, { confirmation: errors }), 422)
    }
    // Shown in answer to this POST, not after a redirect: the codes exist nowhere else.
    return c.html(
      <RecoveryCodesPage shell={shell(c)} codes={result.recoveryCodes} fresh="enabled" />,
    )
  })

  .post('/recovery-codes', async (c) => {
    const form = await parseForm(c, codeSchema)
    if (!form.ok) return c.html(twoFactorPage(c, { recoveryCodes: form.errors }), 422)
    const result = regenerateRecoveryCodes(c.var.db, c.var.clock, c.var.member.id, form.data.code)
    if (!result.ok) {
      const errors = { code: codeMessage(c, result) }
      return c.html(twoFactorPage(c, { recoveryCodes: errors }), 422)
    }
    return c.html(
      <RecoveryCodesPage shell={shell(c)} codes={result.recoveryCodes} fresh="renewed" />,
    )
  })

  .post('/removal', async (c) => {
    const form = await parseForm(c, removalSchema)
    if (!form.ok) return c.html(twoFactorPage(c, { removal: form.errors }), 422)
    const result = await disableTwoFactor(
      c.var.db,
      c.var.clock,
      c.var.member.id,
      { password: form.data.password, code: form.data.removalCode, address: c.var.address },
      mailContext(c),
    )
    if (!result.ok) {
      const errors: FormErrors =
        result.reason === 'wrong_password' || result.reason === 'password_throttled'
          ? { password: passwordRefusal(c.var.clock.now(), result) }
          : { removalCode: codeMessage(c, result) }
      return c.html(twoFactorPage(c, { removal: errors }), 422)
    }
    return flashRedirect(c, '/account/two-factor', 'Two-factor sign-in is off.')
  })

function codeMessage<E extends MarketEnv>(
  c: Context<E>,
  check: Exclude<CodeCheck, { ok: true }>,
): string {
  if (check.reason === 'throttled') return throttledMessage(c.var.clock.now(), check.retryAt)
  if (check.reason === 'used_code')
    return 'That code has already been used. Wait for the next one in your app.'
  return 'That code is not right.'
}
