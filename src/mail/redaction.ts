// What the operator's outbox shows of a mail. A mail still held is shown whole: without SMTP the
// operator is how its words reach the member (reading them a code, say). Once a mail is sent, the
// secrets in it — a link that confirms an address or sets a password, the code beside it, the
// member's unsubscribe link — were for the member alone, and the outbox shows that they were
// there, not what they were.
import type { Mail } from './outbox'

const SECRET_LINK = /https?:\/\/\S+?\/(?:verify-email|password-reset|unsubscribe)\/\S+/g
const CODE = /(Your code: )\d{6}/g

/** The text part of a mail as the outbox may show it. */
export function outboxText(mail: Pick<Mail, 'state' | 'text'>): string {
  if (mail.state !== 'sent') return mail.text
  return mail.text
    .replace(SECRET_LINK, '[link hidden: it was sent to the member]')
    .replace(CODE, '$1[hidden]')
}
