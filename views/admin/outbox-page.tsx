import { outboxText } from '../../src/mail/redaction'
import type { Mail, MailState } from '../../src/mail/outbox'
import { Button } from '../components/button'
import { SiteLayout, type Shell } from '../layouts/site-layout'

const STATE_WORDS: Record<MailState, string> = {
  waiting: 'Waiting to send',
  sent: 'Sent',
  held: 'Held (no mail server)',
  failed: 'Failed',
}

function dateFormat(locale: string, timeZone: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
}

type OutboxPageProps = {
  shell: Shell
  mails: Mail[]
  counts: Record<MailState, number>
  state: MailState | undefined
  smtpConfigured: boolean
  timeZone: string
}

/** /admin/outbox — the newest mails, filtered by state. */
export function OutboxPage({
  shell,
  mails,
  counts,
  state,
  smtpConfigured,
  timeZone,
}: OutboxPageProps) {
  const when = dateFormat(shell.locale, timeZone)
  return (
    <SiteLayout shell={shell} title="Outbox">
      <h1>Outbox</h1>
      <p>
        {smtpConfigured
          ? 'Mail is sent through the mail server in SMTP_URL. A mail the server refused is tried again for about three hours, then marked failed.'
          : 'No mail server is set (SMTP_URL), so mail is held here: read it below, or set SMTP_URL and restart to send new mail.'}
      </p>
      <nav aria-label="Filter by state">
        <ul>
          <li>
            <a href="/admin/outbox" aria-current={state ? undefined : 'page'}>
              All
            </a>
          </li>
          {(Object.keys(STATE_WORDS) as MailState[]).map((each) => (
            <li>
              <a
                href={`/admin/outbox?state=${each}`}
                aria-current={each === state ? 'page' : undefined}
              >
                {STATE_WORDS[each]} ({counts[each]})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {mails.length === 0 ? (
        <p class="muted">No mail here.</p>
      ) : (
        <table>
          <caption class="visually-hidden">The newest mails, at most 100</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">To</th>
              <th scope="col">State</th>
              <th scope="col">Written</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((mail) => (
              <tr>
                <td>
                  <a href={`/admin/outbox/${mail.id}`}>{mail.subject}</a>
                </td>
                <td>{mail.to}</td>
                <td>{STATE_WORDS[mail.state]}</td>
                <td>{when.format(mail.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </SiteLayout>
  )
}

/** /admin/outbox/:id — one mail as its reader gets it (the text part), and why it is not sent. */
export function OutboxMailPage({
  shell,
  mail,
  timeZone,
}: {
  shell: Shell
  mail: Mail
  timeZone: string
}) {
  const when = dateFormat(shell.locale, timeZone)
  return (
    <SiteLayout shell={shell} title={`Mail: ${mail.subject}`}>
      <p>
        <a href="/admin/outbox">Outbox</a>
      </p>
      <h1>{mail.subject}</h1>
      <dl>
        <dt>To</dt>
        <dd>{mail.to}</dd>
        <dt>State</dt>
        <dd>
          {STATE_WORDS[mail.state]}
          {mail.sentAt ? ` on ${when.format(mail.sentAt)}` : ''} · {mail.attempts}{' '}
          {mail.attempts === 1 ? 'try' : 'tries'}
        </dd>
        <dt>Written</dt>
        <dd>{when.format(mail.createdAt)}</dd>
        {mail.lastError ? (
          <>
            <dt>Last error</dt>
            <dd>
              <code>{mail.lastError}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {mail.state === 'failed' || mail.state === 'held' ? (
        <form method="post" action={`/admin/outbox/${mail.id}/retry`}>
          <Button variant="secondary">Send again</Button>
        </form>
      ) : null}
      <h2>Text</h2>
      <pre>{outboxText(mail)}</pre>
    </SiteLayout>
  )
}
