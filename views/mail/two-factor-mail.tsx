// The note that two-factor sign-in was turned on or off: whoever holds the account's mailbox
// hears of a change to how it is guarded, so one they did not make does not go unnoticed.
import type { MailContent } from '../../src/mail/outbox'
import { composeMail } from './compose-mail'

export function twoFactorMail(input: {
  marketName: string
  displayName: string
  on: boolean
  accountUrl: string
}): MailContent {
  return composeMail({
    marketName: input.marketName,
    subject: input.on
      ? `Two-factor sign-in is on for your account at ${input.marketName}`
      : `Two-factor sign-in was turned off for your account at ${input.marketName}`,
    greeting: `Hello ${input.displayName},`,
    paragraphs: [
      input.on
        ? 'From now on, signing in asks for a code from your authenticator app after your password. Keep your recovery codes somewhere safe: they sign you in if you lose your phone.'
        : 'Signing in now asks for your password only.',
      'If you did not do this, change your password at once (or reset it from the sign-in page) and tell the market’s operator.',
    ],
    action: { label: 'Open my account', url: input.accountUrl },
  })
}
