import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type PasswordResetRequestPageProps = { shell: Shell; values: FormValues; errors?: Errors }

/** "Forgot your password?": the address to mail a link to. */
export function PasswordResetRequestPage(props: PasswordResetRequestPageProps) {
  const { shell, values, errors = {} } = props
  return (
    <SiteLayout shell={shell} title="Forgot your password?" focused>
      <h1>Forgot your password?</h1>
      <p>
        Type the email address of your account. We will mail it a link to choose a new password.
      </p>
      <form method="post" action="/password-reset" class="form" novalidate>
        <FormErrors errors={errors} />
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
        <Button>Mail me a link</Button>
      </form>
      <p>
        Remembered it? <a href="/sign-in">Sign in</a>
      </p>
    </SiteLayout>
  )
}

/**
 * The answer to every address typed, whether or not it has an account: saying which would tell
 * anyone who has an account here.
 */
export function PasswordResetSentPage({ shell, lifetime }: { shell: Shell; lifetime: string }) {
  return (
    <SiteLayout shell={shell} title="Check your mail" focused>
      <h1>Check your mail</h1>
      <p>
        If an account uses that address, we have sent it a link to choose a new password. The link
        works for {lifetime}, once.
      </p>
      <p class="muted">
        Nothing after a few minutes? Look in your spam folder, check the address you typed, or{' '}
        <a href="/password-reset">ask for a new link</a>.
      </p>
      <p>
        <a href="/sign-in">Back to sign in</a>
      </p>
    </SiteLayout>
  )
}
