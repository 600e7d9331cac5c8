import { SiteLayout, type Shell } from '../layouts/site-layout'

/**
 * The recovery codes, shown this once (only their hashes are kept): as a list to print or copy.
 * Answered straight to the POST that made them, since no GET could show them again.
 */
export function RecoveryCodesPage(props: {
  shell: Shell
  codes: string[]
  fresh: 'enabled' | 'renewed'
}) {
  return (
    <SiteLayout shell={props.shell} title="Your recovery codes">
      <h1>Your recovery codes</h1>
      <p>
        {props.fresh === 'enabled'
          ? 'Two-factor sign-in is on.'
          : 'Your old recovery codes no longer work.'}{' '}
        If you lose your phone, each of these codes signs you in once instead of a code from the
        app.
      </p>
      <p>
        <strong>Keep them somewhere safe now</strong> — print this page or write them down. They are
        not shown again.
      </p>
      <ol class="recovery-codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p class="no-print">
        <a href="/account/two-factor">I have kept them</a>
      </p>
    </SiteLayout>
  )
}
