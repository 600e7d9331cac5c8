import type { FormErrors as Errors } from '../../src/http/forms'
import type { FavouriteListing } from '../../src/models/favourite'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type SignInCodePageProps = {
  shell: Shell
  errors?: Errors
  favourite?: FavouriteListing | undefined
}

/**
 * The second step of signing in with two-factor on: a code from the app, or (behind a
 * disclosure that needs no script) one of the recovery codes. Two forms to the same address.
 */
export function SignInCodePage(props: SignInCodePageProps) {
  const { shell, errors = {}, favourite } = props
  const favouriteField = favourite ? (
    <input type="hidden" name="favourite" value={String(favourite.id)} />
  ) : null
  return (
    <SiteLayout shell={shell} title="Enter your sign-in code" focused>
      <h1>Enter your sign-in code</h1>
      <p>
        Open the authenticator app on your phone and type the 6-digit code it shows for{' '}
        {shell.marketName}.
      </p>
      <form method="post" action="/sign-in/code" class="form" novalidate data-hx-boost="false">
        <FormErrors errors={errors.code ? { code: errors.code } : undefined} />
        {favouriteField}
        <Field
          label="Code from your app"
          name="code"
          error={errors.code}
          required
          maxlength={7}
          inputmode="numeric"
          autocomplete="one-time-code"
          autofocus={!errors.recoveryCode}
        />
        <Button>Sign in</Button>
      </form>
      <details class="panel" open={errors.recoveryCode !== undefined}>
        <summary>Use a recovery code instead</summary>
        <p>Lost your phone? Each of the recovery codes you kept works once.</p>
        <form method="post" action="/sign-in/code" class="form" novalidate data-hx-boost="false">
          <FormErrors
            errors={errors.recoveryCode ? { recoveryCode: errors.recoveryCode } : undefined}
          />
          {favouriteField}
          <Field
            label="Recovery code"
            name="recoveryCode"
            error={errors.recoveryCode}
            required
            maxlength={40}
            autocomplete="off"
          />
          <Button variant="secondary">Sign in with a recovery code</Button>
        </form>
      </details>
      <p>
        <a href="/sign-in">Start again</a>
      </p>
    </SiteLayout>
  )
}
