import type { FormErrors as Errors } from '../../src/http/forms'
import type { TokenRefusal } from '../../src/models/account-token'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type PasswordResetPageProps = {
  shell: Shell
  /** The path of the mailed link: the form posts back to it (the token is in the path). */
  action: string
  email: string
  errors?: Errors
}

/** The mailed link, opened: a new password for the account. */
export function PasswordResetPage({ shell, action, email, errors = {} }: PasswordResetPageProps) {
  return (
    <SiteLayout shell={shell} title="Choose a new password" focused>
      <h1>Choose a new password</h1>
      <p>
        For <strong>{email}</strong>. Every device signed in to your account will be signed out;
        then sign in with the new password.
      </p>
      <form method="post" action={action} class="form" novalidate>
        <FormErrors errors={errors} />
        <Field
          label="New password"
          name="password"
          type="password"
          error={errors.password}
          hint="At least 10 characters. A short sentence is easy to remember and hard to guess."
          required
          minlength={10}
          maxlength={200}
          autocomplete="new-password"
        />
        <Button>Save my new password</Button>
      </form>
    </SiteLayout>
  )
}

const REFUSALS: Record<TokenRefusal, string> = {
  expired: 'This link has expired: links to choose a new password work for one hour.',
  used: 'This link has been used already, or a newer one was sent since: each link works once, and only the newest.',
  guessed: 'This link stopped working after too many wrong codes. Ask for a new one.',
  unknown:
    'This link is not one we sent, or only part of it was copied. Open it from the mail again, or ask for a new one.',
}

/** A mailed link that cannot be used (any more): why, and the way to a new one. */
export function PasswordResetRefusedPage(props: { shell: Shell; reason: TokenRefusal }) {
  return (
    <SiteLayout shell={props.shell} title="This link does not work" focused>
      <h1>This link does not work</h1>
      <p>{REFUSALS[props.reason]}</p>
      <p>
        <a href="/password-reset">Ask for a new link</a> or <a href="/sign-in">sign in</a>.
      </p>
    </SiteLayout>
  )
}
