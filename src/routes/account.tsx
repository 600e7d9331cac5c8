import { Hono } from 'hono'
import { z } from 'zod'
import { AccountPage } from '../../views/accounts/account-page'
import type { MarketEnv, MemberEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { parseForm, type FormErrors } from '../http/forms'
import { requireMember } from '../http/session'
import { shell } from '../http/shell'
import type { Context } from 'hono'
import { changeMemberPassword } from '../models/member'
import { PASSWORD_MAX_LENGTH } from '../models/password'
import { deleteOtherSessions, listSessions } from '../models/session'
import { findStoreOfMember } from '../models/store'
import { hasTwoFactor } from '../models/two-factor'

const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(PASSWORD_MAX_LENGTH),
  newPassword: z
    .string()
    .min(1, 'Choose a new password.')
    .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
})

function accountPage<E extends MemberEnv>(c: Context<E>, passwordErrors?: FormErrors) {
  return (
    <AccountPage
      shell={shell(c)}
      sessions={listSessions(c.var.db, c.var.member.id)}
      store={findStoreOfMember(c.var.db, c.var.member.id)}
      currentSessionId={c.var.session.id}
      passwordErrors={passwordErrors}
      timeZone={c.var.site?.timeZone ?? 'UTC'}
      twoFactor={hasTwoFactor(c.var.db, c.var.member.id)}
    />
  )
}

/** The signed-in member's own account: password, and the sessions signed in as them. */
export const account = new Hono<MarketEnv>()
  .use(requireMember)
  .get('/', (c) => c.html(accountPage(c)))

  .post('/password', async (c) => {
    const form = await parseForm(c, passwordChangeSchema)
    if (!form.ok) return c.html(accountPage(c, form.errors), 422)
    const result = await changeMemberPassword(c.var.db, c.var.member, {
      current: form.data.currentPassword,
      next: form.data.newPassword,
    })
    if (!result.ok) {
      const errors: FormErrors =
        result.reason === 'wrong_current_password'
          ? { currentPassword: 'That is not your current password.' }
          : { newPassword: result.message }
      return c.html(accountPage(c, errors), 422)
    }
    // Whoever knew the old password may hold a session; a new password ends all the others.
    deleteOtherSessions(c.var.db, c.var.member.id, c.var.session.id)
    return flashRedirect(c, '/account', 'Password changed. Other devices have been signed out.')
  })

  .post('/sessions/revocation', (c) => {
    const count = deleteOtherSessions(c.var.db, c.var.member.id, c.var.session.id)
    return flashRedirect(
      c,
      '/account',
      `Signed out of ${count} other ${count === 1 ? 'device' : 'devices'}.`,
    )
  })
