import type { FormErrors as Errors } from '../../src/http/forms'
import type { Session } from '../../src/models/session'
import type { Store } from '../../src/models/store'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { TwoFactorSection } from './two-factor-section'

type AccountPageProps = {
  shell: Shell
  sessions: Session[]
  store: Store | undefined
  currentSessionId: string
  passwordErrors?: Errors
  timeZone: string
  twoFactor?: boolean
}

/** The member's own settings: password and where they are signed in. */
export function AccountPage(props: AccountPageProps) {
  const { shell, sessions, currentSessionId, passwordErrors = {} } = props
  const member = shell.member!
  const others = sessions.filter((session) => session.id !== currentSessionId)
  const when = new Intl.DateTimeFormat(shell.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: props.timeZone,
  })
  return (
    <SiteLayout shell={shell} title="Your account">
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{member.displayName}</strong> ({member.email}).
      </p>

      <section aria-labelledby="store-heading" class="panel">
        <h2 id="store-heading">Your storefront</h2>
        {props.store ? (
          <p>
            <a href={`/stores/${props.store.slug}`}>{props.store.name}</a> ·{' '}
            <a href={`/stores/${props.store.slug}/edit`}>Edit</a> ·{' '}
            <a href="/listings/mine">My listings</a> · <a href="/sales">Sales</a> ·{' '}
            <a href="/coupons">Coupons</a> ·{' '}
            <a href={`/stores/${props.store.slug}/balance`}>Balance</a>
          </p>
        ) : (
          <p>
            Offer your services or sell your goods to neighbours.{' '}
            <a href="/stores/new">Open a storefront</a>
          </p>
        )}
        {member.role === 'operator' ? (
          <p>
            As the market's operator you can also make{' '}
            <a href="/coupons">coupons for the whole market</a>.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="password-heading" class="panel">
        <h2 id="password-heading">Change password</h2>
        <form method="post" action="/account/password" class="form" novalidate>
          <FormErrors errors={passwordErrors} />
          <Field
            label="Current password"
            name="currentPassword"
            type="password"
            error={passwordErrors.currentPassword}
            required
            maxlength={200}
            autocomplete="current-password"
          />
          <Field
            label="New password"
            name="newPassword"
            type="password"
            error={passwordErrors.newPassword}
            hint="At least 10 characters."
            required
            minlength={10}
            maxlength={200}
            autocomplete="new-password"
          />
          <Button>Change password</Button>
        </form>
      </section>

      <TwoFactorSection enabled={props.twoFactor ?? false} operator={member.role === 'operator'} />

      <section aria-labelledby="sessions-heading" class="panel">
        <h2 id="sessions-heading">Where you are signed in</h2>
        <ul class="sessions">
          {sessions.map((session) => (
            <li>
              <span>{describeDevice(session.userAgent)}</span>
              <span class="muted">
                {session.id === currentSessionId
                  ? ' — this device'
                  : ` — last used ${when.format(session.lastSeenAt)}`}
              </span>
            </li>
          ))}
        </ul>
        {others.length > 0 ? (
          <form method="post" action="/account/sessions/revocation">
            <Button variant="secondary">
              Sign out everywhere else ({others.length} other{' '}
              {others.length === 1 ? 'device' : 'devices'})
            </Button>
          </form>
        ) : (
          <p class="muted">You are not signed in anywhere else.</p>
        )}
      </section>
    </SiteLayout>
  )
}

/** A readable guess at the device from its user agent: enough to recognise "my phone". */
export function describeDevice(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'A browser'
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iPhone or iPad'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'Mac'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null
  return system ? `${browser} on ${system}` : browser
}
