import { Hono } from 'hono'
import { z } from 'zod'
import { SignUpPage } from '../../views/accounts/sign-up-page'
import type { MarketEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { parseForm, withoutSecrets, type FormErrors } from '../http/forms'
import { rateLimit } from '../http/rate-limit'
import { seeOther, safeReturnPath } from '../http/redirects'
import { mailContext } from '../http/mail-context'
import { startSession } from '../http/session'
import { shell } from '../http/shell'
import { HOUR } from '../lib/clock'
import { singleLine } from '../lib/text'
import { PASSWORD_MAX_LENGTH } from '../models/password'
import { signUpAndAskToVerify } from '../models/email-verification'
import { mergeCartAtSignIn } from './cart'
import { favouriteToSave, savePendingFavourite } from './listings/favourite'

/** The fields every new account has; setup reuses them for the operator. */
export const memberFields = {
  displayName: singleLine(60, { required: 'Enter your name.' }),
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address.')
    .max(254, 'This email address is too long.')
    .pipe(z.email('Enter an email address like name@example.com.')),
  // Length and commonness are checked by the model, which knows the rules and the member's name.
  password: z
    .string()
    .min(1, 'Choose a password.')
    .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
}

const signUpSchema = z.object({
  ...memberFields,
  returnTo: z.string().optional(),
  /** A listing a visitor tapped the heart of: saved once the account exists. */
  favourite: z.string().optional(),
})

export const signUp = new Hono<MarketEnv>()
  .get('/', (c) => {
    const returnTo = safeReturnPath(c.req.query('return_to'))
    if (c.var.member) return seeOther(c, returnTo)
    return c.html(
      <SignUpPage
        shell={shell(c, { returnTo })}
        values={{}}
        returnTo={returnTo}
        favourite={favouriteToSave(c, c.req.query('favourite'))}
      />,
    )
  })

  .post('/', rateLimit('sign-up', { limit: 10, windowMs: HOUR }), async (c) => {
    const form = await parseForm(c, signUpSchema)
    const returnTo = safeReturnPath(form.values.returnTo)
    const again = (errors: FormErrors) =>
      c.html(
        <SignUpPage
          shell={shell(c, { returnTo })}
          values={withoutSecrets(form.values)}
          errors={errors}
          returnTo={returnTo}
          favourite={favouriteToSave(c, form.values.favourite)}
        />,
        422,
      )
    if (!form.ok) return again(form.errors)
    const result = await signUpAndAskToVerify(c.var.db, c.var.clock, mailContext(c), form.data)
    if (!result.ok) {
      // Saying "taken" here is the one place an address's membership shows; sign-up throttling
      // keeps it from being used as a lookup service.
      if (result.reason === 'email_taken')
        return again({ email: 'This email already has an account. Sign in instead?' })
      return again({ password: result.message })
    }
    startSession(c, result.member)
    mergeCartAtSignIn(c, result.member.id)
    const saved = savePendingFavourite(c, result.member, form.data.favourite)
    return flashRedirect(
      c,
      returnTo,
      `Welcome to ${c.var.site.marketName}, ${result.member.displayName}! We sent a link and a code to ${result.member.email} to confirm your address.${saved}`,
    )
  })
