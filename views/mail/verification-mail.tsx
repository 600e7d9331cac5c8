// The mails that prove an address: the link and code to confirm it, and the note to the old
// address once a new one has taken its place.
import type { MailContent } from '../../src/mail/outbox'
import { composeMail } from './compose-mail'

export function verificationMail(input: {
  marketName: string
  displayName: string
  email: string
  /** A new address for an existing account, rather than a new account. */
  change: boolean
  url: string
  code: string
}): MailContent {
  return composeMail({
    marketName: input.marketName,
    subject: `Confirm your email address for ${input.marketName}`,
    greeting: `Hello ${input.displayName},`,
    paragraphs: [
      input.change
        ? `You asked to use ${input.email} for your account at ${input.marketName}. It takes the place of your old address once you confirm it.`
        : `Welcome to ${input.marketName}. Confirm that ${input.email} is your address, so neighbours can reach you and you can open a storefront.`,
    ],
    action: { label: 'Confirm my address', url: input.url },
    code: input.code,
    after: [
      'Reading this on another device? Type the code on the page that asked for it. The link and the code work for 24 hours.',
      input.change
        ? 'If you did not ask for this, ignore this mail: nothing changes.'
        : 'If you did not sign up, ignore this mail: nobody can use this address without it.',
    ],
  })
}

export function emailChangedMail(input: {
  marketName: string
  displayName: string
  newEmail: string
  accountUrl: string
}): MailContent {
  return composeMail({
    marketName: input.marketName,
    subject: `Your email address at ${input.marketName} was changed`,
    greeting: `Hello ${input.displayName},`,
    paragraphs: [
      `Your account at ${input.marketName} now uses ${input.newEmail}. Mail about your account and orders goes there from now on.`,
      'If you did not do this, tell the market’s operator at once: whoever changed it may have your password, and the new address is theirs.',
    ],
    action: { label: 'Open my account', url: input.accountUrl },
  })
}
