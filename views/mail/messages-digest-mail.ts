import type { MailContent } from '../../src/mail/outbox'
import type { MessagesDigest } from '../../src/models/notification-mail'
import { composeMail } from './compose-mail'

export type MessagesDigestMailProps = {
  marketName: string
  recipientName: string
  digest: MessagesDigest
  inboxUrl: string
  unsubscribe: { url: string; kindLabel: string }
}

/** Messages that waited unread for a while, told in one mail: how many, and from whom. */
export function messagesDigestMail(props: MessagesDigestMailProps): MailContent {
  const { count, senders } = props.digest
  const messages = count === 1 ? '1 unread message' : `${count} unread messages`
  const from = senders.length > 0 ? ` from ${names(senders)}` : ''
  return composeMail({
    marketName: props.marketName,
    subject: `You have ${messages}${from}`,
    greeting: `Hello ${props.recipientName},`,
    paragraphs: [
      `You have ${messages}${from} on ${props.marketName}.`,
      'To answer, open your messages on the market: a reply to this mail does not reach them.',
    ],
    action: { label: 'Read your messages', url: props.inboxUrl },
    unsubscribe: props.unsubscribe,
  })
}

/** "Ann", "Ann and Bob", "Ann, Bob and 2 others" */
function names(senders: string[]): string {
  if (senders.length === 1) return senders[0]!
  if (senders.length <= 3) return `${senders.slice(0, -1).join(', ')} and ${senders.at(-1)}`
  return `${senders.slice(0, 2).join(', ')} and ${senders.length - 2} others`
}
