/** The account page's pointer to two-factor sign-in: whether it is on, and where to change it. */
export function TwoFactorSection({ enabled, operator }: { enabled: boolean; operator: boolean }) {
  return (
    <section aria-labelledby="two-factor-heading" class="panel">
      <h2 id="two-factor-heading">Two-factor sign-in</h2>
      <p>
        {enabled
          ? 'On: signing in asks for a code from your authenticator app.'
          : 'Off: signing in asks only for your password.'}{' '}
        <a href="/account/two-factor">{enabled ? 'Manage two-factor sign-in' : 'Set it up'}</a>
      </p>
      {operator ? (
        <p>
          As the operator you can require it of operators and providers:{' '}
          <a href="/admin/security">sign-in security</a>.
        </p>
      ) : null}
    </section>
  )
}
