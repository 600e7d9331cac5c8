// The mail a note about a review becomes. Double-blind: a review written is announced, never
// quoted — its words reach the other side only once both are published.
import { dateTimeFormat } from '../../src/lib/intl'
import type { MailContent } from '../../src/mail/outbox'
import { composeMail } from './compose-mail'

export type ReviewMailProps = {
  marketName: string
  locale: string
  timeZone: string
  recipientName: string
  kind: 'review.written' | 'review.published'
  code: string
  /** Who wrote it: the buyer's name, or the store's. */
  by: string
  /** review.written: when both reviews publish if the recipient writes none. */
  closesAt: Date | null
  /** review.written: the form to write one's own; review.published: the order page. */
  url: string
  unsubscribe: { url: string; kindLabel: string }
}

export function reviewMail(props: ReviewMailProps): MailContent {
  const common = {
    marketName: props.marketName,
    greeting: `Hello ${props.recipientName},`,
    unsubscribe: props.unsubscribe,
  }
  if (props.kind === 'review.published')
    return composeMail({
      ...common,
      subject: `Your review from ${props.by} is published`,
      paragraphs: [
        `${props.by}’s review of you for order ${props.code} is published: you can read it on the order page now.`,
      ],
      action: { label: `Open order ${props.code}`, url: props.url },
    })
  const date = props.closesAt
    ? dateTimeFormat(props.locale, { dateStyle: 'long', timeZone: props.timeZone }).format(
        props.closesAt,
      )
    : 'the end of the review window'
  return composeMail({
    ...common,
    subject: `${props.by} reviewed order ${props.code} — write yours`,
    paragraphs: [
      `${props.by} wrote a review of you for order ${props.code}.`,
      `Neither of you can read the other’s review yet: both are published when you write yours, or on ${date} if you write none.`,
    ],
    action: { label: 'Write your review', url: props.url },
  })
}
