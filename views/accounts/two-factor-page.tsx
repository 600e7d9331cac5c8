import type { FormErrors as Errors } from '../../src/http/forms'
import type { TwoFactorStatus } from '../../src/models/two-factor'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { QrCode } from '../components/qr-code'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type TwoFactorPageProps = {
  shell: Shell
  status: Pick<TwoFactorStatus, 'enabled' | 'enabledAt' | 'recoveryCodesLeft'>
  /** A key waiting for its first code: what the app needs, three ways. */
  setup?: { uri: string; secret: string } | undefined
  /** Why the market sends this member here, when it requires two-factor of them. */
  required?: string | undefined
  errors?: { confirmation?: Errors; recoveryCodes?: Errors; removal?: Errors }
  timeZone: string
}

/** /account/two-factor: whether it is on, and setting it up, renewing codes or turning it off. */
export function TwoFactorPage(props: TwoFactorPageProps) {
  const { shell, status, setup, errors = {} } = props
  return (
    <SiteLayout shell={shell} title="Two-factor sign-in">
      <p>
        <a href="/account">Your account</a>
      </p>
      <h1>Two-factor sign-in</h1>
      {props.required ? (
        <p class="flash flash--alert" role="status">
          {props.required}
        </p>
      ) : null}
      <p>
        With two-factor sign-in on, signing in takes your password and a code from an authenticator
        app on your phone (such as Aegis, FreeOTP, Google Authenticator or 1Password), so a stolen
        password alone cannot get into your account.
      </p>
      {status.enabled ? (
        <Enabled {...props} errors={errors} />
      ) : setup ? (
        <SetUp setup={setup} errors={errors.confirmation ?? {}} marketName={shell.marketName} />
      ) : (
        <section aria-labelledby="status-heading" class="panel">
          <h2 id="status-heading">Off</h2>
          <p>Signing in asks only for your password.</p>
          <form method="post" action="/account/two-factor/enrolment">
            <Button>Set up two-factor sign-in</Button>
          </form>
        </section>
      )}
    </SiteLayout>
  )
}

function SetUp(props: {
  setup: { uri: string; secret: string }
  errors: Errors
  marketName: string
}) {
  const { setup, errors } = props
  return (
    <section aria-labelledby="setup-heading" class="panel">
      <h2 id="setup-heading">Set up</h2>
      <ol>
        <li>
          <p>Scan this code with your authenticator app:</p>
          <QrCode
            text={setup.uri}
            label={`QR code to add ${props.marketName} to an authenticator app`}
          />
        </li>
        <li>
          <p>
            Or type this key into the app (the spaces do not matter):{' '}
            <code id="two-factor-secret">{setup.secret}</code>
          </p>
          <p>
            On the phone that has the app? <a href={setup.uri}>Open it in your authenticator app</a>
          </p>
        </li>
        <li>
          <p>Type the 6-digit code the app now shows, to prove it has the key.</p>
          <form method="post" action="/account/two-factor/confirmation" class="form" novalidate>
            <FormErrors errors={errors} />
            <Field
              label="Code from your app"
              name="code"
              error={errors.code}
              required
              maxlength={7}
              inputmode="numeric"
              autocomplete="one-time-code"
            />
            <Button>Turn on two-factor sign-in</Button>
          </form>
        </li>
      </ol>
    </section>
  )
}

function Enabled(
  props: TwoFactorPageProps & { errors: NonNullable<TwoFactorPageProps['errors']> },
) {
  const { shell, status, errors } = props
  const since = status.enabledAt
    ? new Intl.DateTimeFormat(shell.locale, {
        dateStyle: 'medium',
        timeZone: props.timeZone,
      }).format(status.enabledAt)
    : null
  const codesErrors = errors.recoveryCodes ?? {}
  const removalErrors = errors.removal ?? {}
  return (
    <>
      <section aria-labelledby="status-heading" class="panel">
        <h2 id="status-heading">On</h2>
        <p>
          Signing in asks for a code from your app{since ? `, since ${since}` : ''}. You have{' '}
          <strong>
            {status.recoveryCodesLeft} recovery {status.recoveryCodesLeft === 1 ? 'code' : 'codes'}
          </strong>{' '}
          left.
        </p>
      </section>

      <section aria-labelledby="codes-heading" class="panel">
        <h2 id="codes-heading">New recovery codes</h2>
        <p>Used some, or lost the list? New codes replace all the old ones.</p>
        <form
          method="post"
          action="/account/two-factor/recovery-codes#codes-heading"
          class="form"
          novalidate
        >
          <FormErrors errors={codesErrors} />
          <Field
            label="Code from your app"
            name="code"
            error={codesErrors.code}
            required
            maxlength={7}
            inputmode="numeric"
            autocomplete="one-time-code"
          />
          <Button variant="secondary">Make new recovery codes</Button>
        </form>
      </section>

      <section aria-labelledby="removal-heading" class="panel">
        <h2 id="removal-heading">Turn off two-factor sign-in</h2>
        <form
          method="post"
          action="/account/two-factor/removal#removal-heading"
          class="form"
          novalidate
        >
          <FormErrors errors={removalErrors} />
          <Field
            label="Your password"
            name="password"
            type="password"
            error={removalErrors.password}
            required
            maxlength={200}
            autocomplete="current-password"
          />
          <Field
            label="Code from your app, or a recovery code"
            name="removalCode"
            error={removalErrors.removalCode}
            required
            maxlength={40}
            autocomplete="one-time-code"
          />
          <Button variant="danger">Turn off two-factor sign-in</Button>
        </form>
      </section>
    </>
  )
}
