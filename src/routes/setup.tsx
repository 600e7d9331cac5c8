import { Hono } from 'hono'
import { z } from 'zod'
import { SetupPage } from '../../views/setup/setup-page'
import type { AppEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { parseForm, withoutSecrets, type FormErrors } from '../http/forms'
import { rateLimit } from '../http/rate-limit'
import { startSession } from '../http/session'
import { shell } from '../http/shell'
import { MINUTE } from '../lib/clock'
import { singleLine } from '../lib/text'
import { canonicalLocale, isKnownCurrency, isKnownTimeZone } from '../lib/intl'
import { completeSetup, isSetupTokenValid } from '../models/site'
import { memberFields } from './sign-up'

const setupSchema = z.object({
  token: z.string().trim().min(1, 'Enter the setup code from the server log.').max(100),
  marketName: singleLine(60, { required: 'Give your marketplace a name.' }),
  town: singleLine(80, { required: 'Enter the town or area it serves.' }),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isKnownCurrency, 'Enter a three-letter currency code such as EUR or GMD.'),
  locale: z
    .string()
    .trim()
    .refine((tag) => canonicalLocale(tag) !== null, 'Enter a language tag such as en-GB or fr-FR.')
    .transform((tag) => canonicalLocale(tag)!),
  timeZone: z.string().trim().refine(isKnownTimeZone, 'Enter a time zone such as Africa/Banjul.'),
  ...memberFields,
})

const choices = {
  currencies: Intl.supportedValuesOf('currency'),
  timeZones: Intl.supportedValuesOf('timeZone'),
}

/** First-run setup; once the marketplace has a name, /setup no longer exists. */
export const setup = new Hono<AppEnv>()
  .use(async (c, next) => (c.var.site ? c.notFound() : next()))

  .get('/', (c) => {
    const token = c.req.query('token') ?? ''
    const errors: FormErrors =
      token && !isSetupTokenValid(c.var.db, token)
        ? { token: 'This setup code is not valid. Use the newest link from the server log.' }
        : {}
    return c.html(<SetupPage shell={shell(c)} values={{ token }} errors={errors} {...choices} />)
  })

  .post('/', rateLimit('setup', { limit: 20, windowMs: 15 * MINUTE }), async (c) => {
    const form = await parseForm(c, setupSchema)
    const again = (errors: FormErrors) =>
      c.html(
        <SetupPage
          shell={shell(c)}
          values={withoutSecrets(form.values)}
          errors={errors}
          {...choices}
        />,
        422,
      )
    if (!form.ok) return again(form.errors)
    const { token, displayName, email, password, ...settings } = form.data
    const result = await completeSetup(c.var.db, c.var.clock, token, settings, {
      displayName,
      email,
      password,
    })
    if (!result.ok) {
      switch (result.reason) {
        case 'already_set_up':
          return c.notFound()
        case 'wrong_token':
          return again({
            token: 'This setup code is not valid. Use the newest link from the server log.',
          })
        case 'email_taken':
          return again({ email: 'This email already has an account.' })
        case 'weak_password':
          return again({ password: result.message })
      }
    }
    startSession(c, result.operator)
    return flashRedirect(
      c,
      '/',
      `${result.site.marketName} is open. Welcome, ${result.operator.displayName}!`,
    )
  })
