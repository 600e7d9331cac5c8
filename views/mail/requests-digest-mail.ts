// New requests in what a provider sells, told in one mail a while after the first came in
// (REQUESTS_DIGEST_WINDOW): each still-open one by its title, category and budget, and the way to
// the requests page, where proposals are sent.
import type { MailContent } from '../../src/mail/outbox'
import type { DigestRequest, RequestsDigest } from '../../src/models/notification-mail'
import { budgetText } from '../requests/request-words'
import { composeMail } from './compose-mail'

export type RequestsDigestMailProps = {
  marketName: string
  recipientName: string
  locale: string
  currency: string
  digest: RequestsDigest
  requestsUrl: string
  unsubscribe: { url: string; kindLabel: string }
}

export function requestsDigestMail(props: RequestsDigestMailProps): MailContent {
  const { requests, more } = props.digest
  const total = requests.length + more
  const only = total === 1 ? requests[0] : undefined
  return composeMail({
    marketName: props.marketName,
    subject: only ? `A new request: “${only.title}”` : `${total} new requests in what you sell`,
    greeting: `Hello ${props.recipientName},`,
    paragraphs: [
      only
        ? `A buyer on ${props.marketName} asked for something you sell:`
        : `Buyers on ${props.marketName} asked for ${total} things you sell:`,
      ...requests.map((request) => requestLine(request, props.currency, props.locale)),
      ...(more > 0 ? [`… and ${more} more.`] : []),
      'Send a proposal from a request’s page: the buyer compares them and hires one.',
    ],
    action: { label: 'See open requests', url: props.requestsUrl },
    unsubscribe: props.unsubscribe,
  })
}

/** "“Fix a leaking tap” — Plumbing · D500.00 – D800.00" */
function requestLine(request: DigestRequest, currency: string, locale: string): string {
  return `“${request.title}” — ${request.category} · ${budgetText(request, currency, locale)}`
}
