import type { FormErrors as Errors } from '../../src/http/forms'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'

type EmailSectionProps = {
  email: string
  verified: boolean
  /** An address a confirmation mail is out for: the current one, or a new one. */
  pending: string | undefined
  values?: { newEmail?: string }
  errors?: Errors
}

/**
 * The member's address: whether it is confirmed, a change waiting for its confirmation, and the
 * form to change it (which takes effect only once the new address is confirmed).
 */
export function EmailSection({
  email,
  verified,
  pending,
  values = {},
  errors = {},
}: EmailSectionProps) {
  const waiting = pending !== undefined && pending !== email ? pending : undefined
  return (
    <section aria-labelledby="email-heading" class="panel">
      <h2 id="email-heading">Email address</h2>
      <p>
        <strong>{email}</strong> —{' '}
        {verified ? (
          'confirmed.'
        ) : (
          <a href="/verify-email?return_to=%2Faccount">not confirmed yet</a>
        )}
      </p>
      {waiting ? (
        <p>
          Waiting for you to confirm <strong>{waiting}</strong>: until then, sign in and get mail at{' '}
          {email}. <a href="/verify-email?return_to=%2Faccount">Enter the code</a>
        </p>
      ) : null}
      <form method="post" action="/account/email#email-heading" class="form" novalidate>
        <FormErrors errors={errors} />
        <Field
          label="New email address"
          name="newEmail"
          type="email"
          value={values.newEmail}
          error={errors.newEmail}
          hint="We send it a link and a code; it takes the place of your address once you confirm."
          required
          maxlength={254}
          autocomplete="email"
        />
        <Field
          label="Your password"
          name="password"
          type="password"
          error={errors.password}
          required
          maxlength={200}
          autocomplete="current-password"
        />
        <Button variant="secondary">Change email address</Button>
      </form>
    </section>
  )
}
