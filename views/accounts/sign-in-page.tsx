import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { signUpHref } from './account-links'

type SignInPageProps = { shell: Shell; values: FormValues; errors?: Errors; returnTo: string }

export function SignInPage({ shell, values, errors = {}, returnTo }: SignInPageProps) {
  return (
    <SiteLayout shell={shell} title="Sign in" focused>
      <h1>Sign in</h1>
      <form method="post" action="/sign-in" class="form" novalidate>
        <FormErrors errors={errors} />
        <input type="hidden" name="returnTo" value={returnTo} />
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
        New here? <a href={signUpHref(returnTo)}>Create an account</a>
      </p>
    </SiteLayout>
  )
}
