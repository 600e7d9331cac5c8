// The two mails of a password reset: the link to choose a new password, and the word afterwards
// that it was changed (which also reaches the member when someone else did it).
import type { MailContent } from '../../src/mail/outbox'
import { composeMail } from './compose-mail'

type Words = { marketName: string; to: { displayName: string; email: string } }

/** The link, as an absolute address; `lifetime` in words ("1 hour"). */
export function passwordResetMail(words: Words & { url: string; lifetime: string }): MailContent {
  return composeMail({
    marketName: words.marketName,
    subject: `Choose a new password for ${words.marketName}`,
    greeting: `Hello ${words.to.displayName},`,
    paragraphs: [
      `Someone asked to reset the password of your ${words.marketName} account (${words.to.email}). If it was you, choose a new one with the button below.`,
      `The link works for ${words.lifetime}, and once.`,
    ],
    action: { label: 'Choose a new password', url: words.url },
    after: ['If you did not ask for this, ignore this mail: your password stays as it is.'],
  })
}

/**
 * Sent when a reset link was used. `when` in the market's time zone; `resetUrl` is where to ask
 * for a new link, should it not have been them.
 */
export function passwordChangedMail(
  words: Words & { when: string; resetUrl: string },
): MailContent {
  return composeMail({
    marketName: words.marketName,
    subject: `Your ${words.marketName} password was changed`,
    greeting: `Hello ${words.to.displayName},`,
    paragraphs: [
      `The password of your ${words.marketName} account (${words.to.email}) was changed on ${words.when}, with a link we mailed to this address. Every device that was signed in has been signed out.`,
    ],
    action: { label: 'Reset my password again', url: words.resetUrl },
    after: [
      'If this was you, there is nothing more to do.',
      'If it was not, someone can read your mail: change the password of your mail account first, then reset your password here again with the link above, and tell the market’s operator.',
    ],
  })
}
