import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { AccountDeletionPage } from '../../views/accounts/account-deletion-page'
import { accountDateFormat, AccountPage } from '../../views/accounts/account-page'
import { DevicesSection } from '../../views/accounts/devices-section'
import type { MarketEnv, MemberEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { mailContext } from '../http/mail-context'
import { passwordRefusal } from '../http/password-refusal'
import { list, parseForm, type FormErrors } from '../http/forms'
import { FRAGMENT_VARY, wantsFragment } from '../http/htmx'
import { endSessionCookie, requireMember } from '../http/session'
import { shell } from '../http/shell'
import { NOTIFICATION_MAIL_KINDS } from '../mail/kinds'
import { deleteAccount, deletionBlockers } from '../models/account-deletion'
import { accountDataFileName, collectAccountData } from '../models/account-data'
import { setMailPreferences, mailPreferences } from '../models/mail-preferences'
import {
  pendingVerification,
  requestEmailChange,
  type ChangeEmailResult,
} from '../models/email-verification'
import { changeMemberPassword, hasVerifiedEmail } from '../models/member'
import { PASSWORD_MAX_LENGTH } from '../models/password'
import { deleteMemberSession, deleteOtherSessions, listSessions } from '../models/session'
import { recentSignIns } from '../models/sign-in-history'
import { findStoreOfMember } from '../models/store'
import { hasTwoFactor } from '../models/two-factor'
import { memberFields } from './sign-up'

const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(PASSWORD_MAX_LENGTH),
  newPassword: z
    .string()
    .min(1, 'Choose a new password.')
    .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
})

/** The kinds ticked; the form's hidden empty `mail` is always there, so none ticked is []. */
const mailPreferencesSchema = z.object({
  mail: list(z.union([z.literal(''), z.enum(NOTIFICATION_MAIL_KINDS)])).transform(
    (kinds) => new Set(kinds.filter((kind) => kind !== '')),
  ),
})

const deletionSchema = z.object({
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH),
  understood: z.literal('on', { error: 'Tick the box to say you understand.' }),
})

const emailChangeSchema = z.object({
  newEmail: memberFields.email,
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH),
})

/** What to say, and beside which field, when a change of address is refused. */
function emailChangeRefusal(
  now: Date,
  refusal: Exclude<ChangeEmailResult, { ok: true }>,
): FormErrors {
  switch (refusal.reason) {
    case 'wrong_password':
    case 'password_throttled':
      return { password: passwordRefusal(now, refusal) }
    case 'same_email':
      return { newEmail: 'That is already your address.' }
    case 'email_taken':
      return { newEmail: 'Another account uses that address.' }
    case 'too_soon':
      return { newEmail: 'We sent that address a mail less than a minute ago: look for it there.' }
  }
}

type AccountForms = {
  password?: FormErrors
  email?: { values: { newEmail?: string }; errors: FormErrors }
}

function accountPage<E extends MemberEnv>(c: Context<E>, forms: AccountForms = {}) {
  const { db, clock, member } = c.var
  return (
    <AccountPage
      shell={shell(c)}
      email={{
        verified: hasVerifiedEmail(db, member.id),
        pending: pendingVerification(db, clock, member.id)?.email,
        values: forms.email?.values,
        errors: forms.email?.errors,
      }}
      sessions={listSessions(db, member.id)}
      signIns={recentSignIns(db, member.id)}
      mailPreferences={mailPreferences(db, member.id)}
      store={findStoreOfMember(db, member.id)}
      currentSessionId={c.var.session.id}
      passwordErrors={forms.password}
      timeZone={c.var.site.timeZone}
      twoFactor={hasTwoFactor(db, member.id)}
    />
  )
}

function deletionPage<E extends MemberEnv>(c: Context<E>, errors?: FormErrors) {
  return (
    <AccountDeletionPage
      shell={shell(c)}
      blockers={deletionBlockers(c.var.db, c.var.member)}
      store={findStoreOfMember(c.var.db, c.var.member.id)}
      currency={c.var.site.currency}
      errors={errors}
    />
  )
}

/**
 * The signed-in member's own account: password, email preferences, the devices and sign-ins on
 * it, a download of their data and the deletion of the account.
 */
export const account = new Hono<MarketEnv>()
  .use(requireMember)
  .get('/', (c) => c.html(accountPage(c)))

  .post('/password', async (c) => {
    const form = await parseForm(c, passwordChangeSchema)
    if (!form.ok) return c.html(accountPage(c, { password: form.errors }), 422)
    const result = await changeMemberPassword(c.var.db, c.var.clock, c.var.member, {
      current: form.data.currentPassword,
      next: form.data.newPassword,
      address: c.var.address,
    })
    if (!result.ok) {
      const errors: FormErrors =
        result.reason === 'weak_password'
          ? { newPassword: result.message }
          : {
              currentPassword: passwordRefusal(
                c.var.clock.now(),
                result,
                'That is not your current password.',
              ),
            }
      return c.html(accountPage(c, { password: errors }), 422)
    }
    // Whoever knew the old password may hold a session; a new password ends all the others.
    deleteOtherSessions(c.var.db, c.var.member.id, c.var.session.id)
    return flashRedirect(c, '/account', 'Password changed. Other devices have been signed out.')
  })

  .post('/email', async (c) => {
    const form = await parseForm(c, emailChangeSchema)
    const again = (errors: FormErrors) =>
      c.html(accountPage(c, { email: { values: { newEmail: form.values.newEmail }, errors } }), 422)
    if (!form.ok) return again(form.errors)
    const result = await requestEmailChange(
      c.var.db,
      c.var.clock,
      mailContext(c),
      c.var.member.id,
      { ...form.data, address: c.var.address },
    )
    if (!result.ok) return again(emailChangeRefusal(c.var.clock.now(), result))
    return flashRedirect(
      c,
      '/verify-email?return_to=%2Faccount',
      `We sent a link and a code to ${result.email}. Your address stays ${c.var.member.email} until you confirm it.`,
    )
  })

  .post('/sessions/revocation', (c) => {
    const count = deleteOtherSessions(c.var.db, c.var.member.id, c.var.session.id)
    return flashRedirect(
      c,
      '/account',
      `Signed out of ${count} other ${count === 1 ? 'device' : 'devices'}.`,
    )
  })

  // One other device: only the member's own sessions (anyone else's id is a 404, nothing ends).
  .post('/sessions/:sessionId/revocation', (c) => {
    const { db, member, session } = c.var
    const sessionId = c.req.param('sessionId')
    c.header('Vary', FRAGMENT_VARY, { append: true })
    // Signing out this device is what "Sign out" in the header is for.
    if (sessionId === session.id || !deleteMemberSession(db, member.id, sessionId))
      return c.notFound()
    const message = 'Signed out of that device.'
    if (wantsFragment(c))
      return c.html(
        <DevicesSection
          sessions={listSessions(db, member.id)}
          currentSessionId={session.id}
          when={accountDateFormat(c.var.site.locale, c.var.site.timeZone)}
          notice={message}
        />,
      )
    return flashRedirect(c, '/account', message)
  })

  .post('/mail-preferences', async (c) => {
    const form = await parseForm(c, mailPreferencesSchema)
    // Only a forged form names a kind that does not exist: nothing to show beside a box.
    if (!form.ok)
      return flashRedirect(c, '/account', 'Those email preferences were not saved.', 'alert')
    const wanted = Object.fromEntries(
      NOTIFICATION_MAIL_KINDS.map((kind) => [kind, form.data.mail.has(kind)]),
    ) as Record<(typeof NOTIFICATION_MAIL_KINDS)[number], boolean>
    setMailPreferences(c.var.db, c.var.clock, c.var.member.id, wanted)
    return flashRedirect(c, '/account', 'Email preferences saved.')
  })

  .get('/data', (c) => {
    const data = collectAccountData(c.var.db, c.var.clock, c.var.member.id)
    const name = accountDataFileName(c.var.clock.now(), c.var.site.timeZone)
    c.header('Content-Disposition', `attachment; filename="${name}"`)
    c.header('Content-Type', 'application/json; charset=utf-8')
    c.header('X-Content-Type-Options', 'nosniff')
    // Personal data: never kept by a cache, the browser's included.
    c.header('Cache-Control', 'no-store')
    return c.body(JSON.stringify(data, null, 2))
  })

  .get('/deletion', (c) => c.html(deletionPage(c)))

  .post('/deletion', async (c) => {
    const form = await parseForm(c, deletionSchema)
    if (!form.ok) return c.html(deletionPage(c, form.errors), 422)
    const result = await deleteAccount(c.var.db, c.var.clock, c.var.member, {
      password: form.data.password,
      address: c.var.address,
    })
    if (!result.ok) {
      // Unfinished business is shown by the page itself, in place of the form.
      const errors: FormErrors =
        result.reason === 'unfinished'
          ? {}
          : { password: passwordRefusal(c.var.clock.now(), result) }
      return c.html(deletionPage(c, errors), 422)
    }
    endSessionCookie(c)
    return flashRedirect(c, '/', 'Your account is deleted.')
  })
