import { describeDevice } from '../../src/lib/device'
import type { SignInOutcome, SignInRecord } from '../../src/models/sign-in-history'

const OUTCOMES: Record<SignInOutcome, string> = {
  signed_in: 'Signed in',
  wrong_password: 'Wrong password',
  wrong_code: 'Wrong code',
  throttled: 'Too many attempts',
  password_reset: 'Password reset',
}

type SignInsSectionProps = { signIns: SignInRecord[]; when: Intl.DateTimeFormat }

/** The last sign-ins to the account and the tries that failed, so a stranger's stands out. */
export function SignInsSection({ signIns, when }: SignInsSectionProps) {
  return (
    <section aria-labelledby="sign-ins-heading" class="panel">
      <h2 id="sign-ins-heading">Recent sign-ins</h2>
      <p>
        Every sign-in to your account, and every try that failed, for 90 days. If you don't
        recognise one, <a href="#password-heading">change your password</a>: that signs out every
        other device.
      </p>
      {signIns.length === 0 ? (
        <p class="muted">No sign-ins yet.</p>
      ) : (
        <ul class="sign-ins">
          {signIns.map((signIn) => (
            <li>
              <strong class={signIn.outcome === 'signed_in' ? undefined : 'sign-ins__failed'}>
                {OUTCOMES[signIn.outcome]}
              </strong>{' '}
              <span class="muted">
                {describeDevice(signIn.userAgent)} · {signIn.address || 'unknown address'} ·{' '}
                {when.format(signIn.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
