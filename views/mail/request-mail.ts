// The mail a note about a request becomes: a proposal for the buyer, or a polite word to a
// proposer that the request closed. New requests for providers come in a digest instead
// (requests-digest-mail.ts), never one mail each.
import type { MailContent } from '../../src/mail/outbox'
import { composeMail } from './compose-mail'

export type RequestMailProps = {
  marketName: string
  recipientName: string
  kind: 'proposal.received' | 'request.closed'
  title: string
  /** proposal.received: the store that proposed. */
  store: string
  /** proposal.received: a changed proposal; request.closed: hired, withdrawn or expired. */
  revised: boolean
  status: string
  url: string
  unsubscribe: { url: string; kindLabel: string }
}

export function requestMail(props: RequestMailProps): MailContent {
  const common = {
    marketName: props.marketName,
    greeting: `Hello ${props.recipientName},`,
    unsubscribe: props.unsubscribe,
  }
  if (props.kind === 'proposal.received')
    return composeMail({
      ...common,
      subject: props.revised
        ? `${props.store} changed its proposal on “${props.title}”`
        : `${props.store} sent a proposal on “${props.title}”`,
      paragraphs: [
        `${props.store} ${props.revised ? 'changed its proposal' : 'answered your request'} “${props.title}”.`,
        'Compare the proposals side by side on your request’s page, message any provider, and accept the one you want.',
      ],
      action: { label: 'Compare proposals', url: props.url },
    })
  const why =
    props.status === 'hired'
      ? 'The buyer chose another provider this time.'
      : props.status === 'withdrawn'
        ? 'The buyer withdrew it.'
        : 'Its time ran out without anyone hired.'
  return composeMail({
    ...common,
    subject: `“${props.title}” is closed`,
    paragraphs: [
      `The request “${props.title}” you sent a proposal on is closed. ${why}`,
      'Thank you for answering it: new requests in what you sell appear on the market’s requests page.',
    ],
    action: { label: 'See open requests', url: props.url },
  })
}
