import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import type { FavouriteListing } from '../../src/models/favourite'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { signUpHref } from './account-links'

type SignInPageProps = {
  shell: Shell
  values: FormValues
  errors?: Errors
  returnTo: string
  /** The listing a visitor tapped the heart of: saved as soon as they are signed in. */
  favourite?: FavouriteListing | undefined
}

export function SignInPage(props: SignInPageProps) {
  const { shell, values, errors = {}, returnTo, favourite } = props
  return (
    <SiteLayout shell={shell} title="Sign in" focused>
      <h1>Sign in</h1>
      {favourite ? (
        <p>
          Sign in to save <strong>{favourite.title}</strong> to your favourites.
        </p>
      ) : null}
      <form method="post" action="/sign-in" class="form" novalidate data-hx-boost="false">
        <FormErrors errors={errors} />
        <input type="hidden" name="returnTo" value={returnTo} />
        {favourite ? <input type="hidden" name="favourite" value={String(favourite.id)} /> : null}
        <Field
          label="Email"
          name="email"
          type="email"
          value={values.email}
          error={errors.email}
          required
          maxlength={254}
          autocomplete="username"
          inputmode="email"
        />
        <Field
          label="Password"
          name="password"
          type="password"
          error={errors.password}
          required
          maxlength={200}
          autocomplete="current-password"
        />
        <Button>Sign in</Button>
      </form>
      <p>
        <a href="/password-reset">Forgot your password?</a>
      </p>
      <p>
        New here? <a href={signUpHref(returnTo, favourite?.id)}>Create an account</a>
      </p>
    </SiteLayout>
  )
}
