import type { FormErrors as Errors } from '../../src/http/forms'
import type { NotificationMailKind } from '../../src/mail/kinds'
import type { Session } from '../../src/models/session'
import type { SignInRecord } from '../../src/models/sign-in-history'
import type { Store } from '../../src/models/store'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { TwoFactorSection } from './two-factor-section'
import { DevicesSection } from './devices-section'
import { EmailSection } from './email-section'
import { MailPreferencesSection } from './mail-preferences-section'
import { SignInsSection } from './sign-ins-section'

type AccountPageProps = {
  shell: Shell
  email: Omit<Parameters<typeof EmailSection>[0], 'email'>
  sessions: Session[]
  signIns: SignInRecord[]
  mailPreferences: Record<NotificationMailKind, boolean>
  store: Store | undefined
  currentSessionId: string
  passwordErrors?: Errors
  timeZone: string
  twoFactor?: boolean
}

/** How the account page writes a moment: the market's locale and time zone, to the minute. */
export function accountDateFormat(locale: string, timeZone: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
}

/**
 * The member's own settings, in this order: profile and password, email address, email
 * preferences, two-factor sign-in, devices signed in, recent sign-ins, and their data (download
 * it, delete the account).
 */
export function AccountPage(props: AccountPageProps) {
  const { shell } = props
  const when = accountDateFormat(shell.locale, props.timeZone)
  return (
    <SiteLayout shell={shell} title="Your account">
      <h1>Your account</h1>
      <ProfileSection {...props} />
      <EmailSection email={shell.member?.email ?? ''} {...props.email} />
      <MailPreferencesSection wanted={props.mailPreferences} />
      <TwoFactorSection
        enabled={props.twoFactor ?? false}
        operator={shell.member?.role === 'operator'}
      />
      <DevicesSection
        sessions={props.sessions}
        currentSessionId={props.currentSessionId}
        when={when}
      />
      <SignInsSection signIns={props.signIns} when={when} />
      <section aria-labelledby="data-heading" class="panel">
        <h2 id="data-heading">Your data</h2>
        <p>
          Everything the market keeps about you — your profile, storefront and listings, orders,
          messages, notifications and more — in one file you can keep or read.
        </p>
        <p>
          <a class="button button--secondary" href="/account/data" download>
            Download my data
          </a>
        </p>
        <p>
          <a href="/account/deletion">Delete my account</a>
        </p>
      </section>
    </SiteLayout>
  )
}

/** Who they are, the way to their storefront, and the password change. */
function ProfileSection({ shell, store, passwordErrors = {} }: AccountPageProps) {
  const member = shell.member!
  return (
    <section aria-labelledby="profile-heading" class="panel">
      <h2 id="profile-heading">Profile &amp; password</h2>
      <p>
        Signed in as <strong>{member.displayName}</strong> ({member.email}).
      </p>
      {store ? (
        <p>
          Your storefront: <a href={`/stores/${store.slug}`}>{store.name}</a> ·{' '}
          <a href={`/stores/${store.slug}/edit`}>Edit</a> · <a href="/listings/mine">My listings</a>{' '}
          · <a href="/sales">Sales</a> · <a href={`/stores/${store.slug}/agenda`}>Bookings</a> ·{' '}
          <a href={`/stores/${store.slug}/hours`}>Hours for bookings</a> ·{' '}
          <a href="/coupons">Coupons</a> · <a href={`/stores/${store.slug}/balance`}>Balance</a>
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
          <a href="/coupons">coupons for the whole market</a>, decide{' '}
          <a href="/disputes">disputes</a> and <a href="/admin/reviews">reported reviews</a>, and
          read the <a href="/admin/outbox">outbox</a> of mail the market sent.
        </p>
      ) : null}
      <h3 id="password-heading">Change password</h3>
      <form method="post" action="/account/password#password-heading" class="form" novalidate>
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
  )
}
