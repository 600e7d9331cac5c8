import {
  NOTIFICATION_MAIL_KINDS,
  NOTIFICATION_MAIL_LABELS,
  type NotificationMailKind,
} from '../../src/mail/kinds'
import { Checkbox } from '../components/checkbox'

type MailPreferencesSectionProps = { wanted: Record<NotificationMailKind, boolean> }

/**
 * One box per kind of notification mail, saved together. The boxes share the name `mail`, so
 * the form sends the kinds that are ticked; the hidden `mail` with no kind is always sent, so a
 * form with every box unticked still says "none" rather than nothing at all.
 */
export function MailPreferencesSection({ wanted }: MailPreferencesSectionProps) {
  return (
    <section aria-labelledby="mail-heading" class="panel">
      <h2 id="mail-heading">Email preferences</h2>
      <form method="post" action="/account/mail-preferences" class="form">
        <input type="hidden" name="mail" value="" />
        <fieldset>
          <legend>Send me an email about</legend>
          {NOTIFICATION_MAIL_KINDS.map((kind) => (
            <Checkbox
              label={NOTIFICATION_MAIL_LABELS[kind]}
              name="mail"
              value={kind}
              checked={wanted[kind]}
            />
          ))}
        </fieldset>
        <p class="muted">
          Mail about your account itself — confirming your address, resetting your password — is
          always sent.
        </p>
        <button type="submit" class="button button--primary">
          Save email preferences
        </button>
      </form>
    </section>
  )
}
