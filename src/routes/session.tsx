import { Hono } from 'hono'
import { z } from 'zod'
import { SignInPage } from '../../views/accounts/sign-in-page'
import type { MarketEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { parseForm, withoutSecrets, type FormErrors } from '../http/forms'
import { seeOther, safeReturnPath } from '../http/redirects'
import { endSessionCookie, startSession } from '../http/session'
import { shell } from '../http/shell'
import { signInMember } from '../models/member'
import { mergeCartAtSignIn } from './cart'
import { favouriteToSave, savePendingFavourite } from './listings/favourite'
import { PASSWORD_MAX_LENGTH } from '../models/password'
import { deleteSession } from '../models/session'

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address.')
    .max(254, 'This email address is too long.'),
  password: z
    .string()
    .min(1, 'Enter your password.')
    .max(PASSWORD_MAX_LENGTH, 'That password is too long.'),
  returnTo: z.string().optional(),
  /** A listing a visitor tapped the heart of: saved once they are signed in. */
  favourite: z.string().optional(),
})

/** Signing in creates a session; signing out deletes it. */
export const signIn = new Hono<MarketEnv>()
  .get('/', (c) => {
    const returnTo = safeReturnPath(c.req.query('return_to'))
    // Already signed in: back to the page, saving nothing (a GET never saves).
    if (c.var.member) return seeOther(c, returnTo)
    return c.html(
      <SignInPage
        shell={shell(c, { returnTo })}
        values={{}}
        returnTo={returnTo}
        favourite={favouriteToSave(c, c.req.query('favourite'))}
      />,
    )
  })

  .post('/', async (c) => {
    const form = await parseForm(c, signInSchema)
    const returnTo = safeReturnPath(form.values.returnTo)
    const again = (errors: FormErrors) =>
      c.html(
        <SignInPage
          shell={shell(c, { returnTo })}
          values={withoutSecrets(form.values)}
          errors={errors}
          returnTo={returnTo}
          favourite={favouriteToSave(c, form.values.favourite)}
        />,
        422,
      )
    if (!form.ok) return again(form.errors)
    const result = await signInMember(c.var.db, c.var.clock, {
      ...form.data,
      address: c.var.address,
    })
    if (!result.ok) {
      if (result.reason === 'throttled')
        return again({ password: throttledMessage(c.var.clock.now(), result.retryAt) })
      return again({ password: 'That email and password do not match an account.' })
    }
    // A fresh session at every sign-in: a session id planted before sign-in is worth nothing.
    const previous = c.var.session
    if (previous) deleteSession(c.var.db, previous.id)
    startSession(c, result.member)
    mergeCartAtSignIn(c, result.member.id)
    const saved = savePendingFavourite(c, result.member, form.data.favourite)
    return flashRedirect(c, returnTo, `Signed in as ${result.member.displayName}.${saved}`)
  })

export const signOut = new Hono<MarketEnv>().post('/', (c) => {
  if (c.var.session) deleteSession(c.var.db, c.var.session.id)
  endSessionCookie(c)
  return flashRedirect(c, '/', 'You are signed out.')
})

/** "Too many attempts. Try again in 12 minutes." — rounded up, never "0 minutes". */
export function throttledMessage(now: Date, retryAt: Date): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000))
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`
}
