import type { FormErrors as Errors } from '../../src/http/forms'
import type { TokenRefusal } from '../../src/models/account-token'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type VerifyEmailPageProps = {
  shell: Shell
  /** The address a mail is out for, if one is (the current address, or a new one). */
  pending: string | undefined
  /** The member's current address is confirmed (and nothing else is waiting). */
  verified: boolean
  returnTo: string
  errors?: Errors
}

/**
 * Where a signed-in member types the code from their mail (read on another device), or asks for
 * a new one. Opening a storefront and the account page send them here.
 */
export function VerifyEmailPage(props: VerifyEmailPageProps) {
  const { shell, pending, errors = {} } = props
  const member = shell.member!
  if (props.verified && !pending)
    return (
      <SiteLayout shell={shell} title="Your address is confirmed" focused>
        <h1>Your address is confirmed</h1>
        <p>
          {member.email} is your address at {shell.marketName}.
        </p>
        <p>
          <a href={props.returnTo}>Go on</a>
        </p>
      </SiteLayout>
    )
  return (
    <SiteLayout shell={shell} title="Confirm your email address" focused>
      <h1>Confirm your email address</h1>
      {/* After the last wrong try nothing is pending, but the field still says what happened. */}
      {pending || errors.code ? (
        <>
          <p>
            We sent a link and a 6-digit code to <strong>{pending ?? member.email}</strong>. Follow
            the link, or type the code here.
          </p>
          <form method="post" action="/verify-email" class="form" novalidate>
            <FormErrors errors={errors.code ? { code: errors.code } : undefined} />
            <input type="hidden" name="returnTo" value={props.returnTo} />
            <Field
              label="Code from the mail"
              name="code"
              error={errors.code}
              required
              maxlength={7}
              inputmode="numeric"
              autocomplete="one-time-code"
              autofocus
            />
            <Button>Confirm</Button>
          </form>
        </>
      ) : (
        <p>
          The mail we sent to <strong>{member.email}</strong> is more than a day old, so its link
          and code no longer work. Ask for a new one.
        </p>
      )}
      <form method="post" action="/verify-email/resend" class="form">
        <input type="hidden" name="returnTo" value={props.returnTo} />
        {pending ? <p>No mail? Look in your spam folder, or send a new one.</p> : null}
        <Button variant="secondary">Send a new code</Button>
      </form>
      <p>
        Wrong address? <a href="/account#email-heading">Change it on your account page</a>.
      </p>
    </SiteLayout>
  )
}

type VerifyLinkPageProps = {
  shell: Shell
  token: string
  found: { ok: true; email: string } | { ok: false; reason: TokenRefusal }
}

const refusals: Record<TokenRefusal, { heading: string; why: string }> = {
  unknown: {
    heading: 'We did not send this link',
    why: 'It is not a link we sent. Check that the whole address was copied.',
  },
  used: {
    heading: 'This link was used already',
    why: 'It was used already, or a newer mail took its place. If you confirmed your address, you are all set.',
  },
  expired: { heading: 'This link has expired', why: 'It was more than 24 hours old.' },
  guessed: {
    heading: 'This link no longer works',
    why: 'Too many wrong codes were typed for it, so it stopped working.',
  },
}

/**
 * What a mailed link opens: a button that confirms (a link alone must not: mail scanners open
 * links before their reader does), or why the link no longer works.
 */
export function VerifyLinkPage({ shell, token, found }: VerifyLinkPageProps) {
  if (!found.ok) {
    const { heading, why } = refusals[found.reason]
    return (
      <SiteLayout shell={shell} title={heading} focused>
        <h1>{heading}</h1>
        <p>{why}</p>
        <p>
          {shell.member ? (
            <a href="/verify-email">Get a new link and code</a>
          ) : (
            <a href="/sign-in?return_to=%2Fverify-email">Sign in to get a new link and code</a>
          )}
        </p>
      </SiteLayout>
    )
  }
  return (
    <SiteLayout shell={shell} title="Confirm your email address" focused>
      <h1>Confirm your email address</h1>
      <p>
        Confirm that <strong>{found.email}</strong> is your address at {shell.marketName}.
      </p>
      <form method="post" action={`/verify-email/${token}`} class="form">
        <Button>Confirm my address</Button>
      </form>
    </SiteLayout>
  )
}
