import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import type { FavouriteListing } from '../../src/models/favourite'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { signInHref } from './account-links'

type SignUpPageProps = {
  shell: Shell
  values: FormValues
  errors?: Errors
  returnTo: string
  /** The listing a visitor tapped the heart of: saved as soon as they are signed in. */
  favourite?: FavouriteListing | undefined
}

export function SignUpPage(props: SignUpPageProps) {
  const { shell, values, errors = {}, returnTo, favourite } = props
  return (
    <SiteLayout shell={shell} title="Sign up" focused>
      <h1>Join {shell.marketName}</h1>
      {favourite ? (
        <p>
          Create an account to save <strong>{favourite.title}</strong> to your favourites.
        </p>
      ) : null}
      <p>One account to buy from neighbours and, when you are ready, to sell your own work.</p>
      <form method="post" action="/sign-up" class="form" novalidate data-hx-boost="false">
        <FormErrors errors={errors} />
        <input type="hidden" name="returnTo" value={returnTo} />
        {favourite ? <input type="hidden" name="favourite" value={String(favourite.id)} /> : null}
        <Field
          label="Your name"
          name="displayName"
          value={values.displayName}
          error={errors.displayName}
          hint="Shown to people you trade with."
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
        <Button>Create my account</Button>
      </form>
      <p>
        Already have an account? <a href={signInHref(returnTo, favourite?.id)}>Sign in</a>
      </p>
    </SiteLayout>
  )
}
