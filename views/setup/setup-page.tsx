import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type SetupPageProps = {
  shell: Shell
  values: FormValues
  errors?: Errors
  currencies: string[]
  timeZones: string[]
}

/** First-run setup: name the marketplace and create the operator's account. */
export function SetupPage({ shell, values, errors = {}, currencies, timeZones }: SetupPageProps) {
  return (
    <SiteLayout shell={shell} title="Set up your marketplace" focused>
      <h1>Set up your marketplace</h1>
      <p>Welcome! Name your marketplace and create the operator account you will run it with.</p>
      <form method="post" action="/setup" class="form" novalidate data-hx-boost="false">
        <FormErrors errors={errors} />
        <Field
          label="Setup code"
          name="token"
          value={values.token}
          error={errors.token}
          hint="From the setup link the server printed when it started."
          required
          autocomplete="off"
          maxlength={100}
        />
        <fieldset>
          <legend>Your marketplace</legend>
          <Field
            label="Market name"
            name="marketName"
            value={values.marketName}
            error={errors.marketName}
            hint="What neighbours will call it, e.g. “Tanji Market”."
            required
            maxlength={60}
          />
          <Field
            label="Town or area"
            name="town"
            value={values.town}
            error={errors.town}
            required
            maxlength={80}
          />
          <Field
            label="Currency"
            name="currency"
            value={values.currency ?? 'EUR'}
            error={errors.currency}
            hint="Three-letter code, e.g. EUR, GMD, KES, MAD, GBP."
            required
            maxlength={3}
            list="currencies"
            autocomplete="off"
          />
          <datalist id="currencies">
            {currencies.map((code) => (
              <option value={code} />
            ))}
          </datalist>
          <Field
            label="Language and region"
            name="locale"
            value={values.locale ?? 'en-GB'}
            error={errors.locale}
            hint="Sets how prices and dates are written, e.g. en-GB, fr-FR, ar-MA."
            required
            maxlength={35}
            autocomplete="off"
          />
          <Field
            label="Time zone"
            name="timeZone"
            value={values.timeZone ?? 'UTC'}
            error={errors.timeZone}
            hint="e.g. Africa/Banjul, Europe/Paris."
            required
            maxlength={60}
            list="time-zones"
            autocomplete="off"
          />
          <datalist id="time-zones">
            {timeZones.map((zone) => (
              <option value={zone} />
            ))}
          </datalist>
        </fieldset>
        <fieldset>
          <legend>Your operator account</legend>
          <Field
            label="Your name"
            name="displayName"
            value={values.displayName}
            error={errors.displayName}
            required
            maxlength={60}
            autocomplete="name"
          />
          <Field
            label="Email"
            name="email"
            type="email"
            value={values.email}
            error={errors.email}
            required
            maxlength={254}
            autocomplete="email"
            inputmode="email"
          />
          <Field
            label="Password"
            name="password"
            type="password"
            error={errors.password}
            hint="At least 10 characters. A short sentence is easy to remember and hard to guess."
            required
            minlength={10}
            maxlength={200}
            autocomplete="new-password"
          />
        </fieldset>
        <Button>Open the marketplace</Button>
      </form>
    </SiteLayout>
  )
}
