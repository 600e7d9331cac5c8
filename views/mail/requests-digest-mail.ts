// New requests in what a provider sells, told in one mail a while after the first came in
// (REQUESTS_DIGEST_WINDOW): each still-open one by its title, category and budget, and the way to
// the requests page, where proposals are sent.
import type { MailContent } from '../../src/mail/outbox'
import { formatMoney } from '../../src/lib/money'
import type { DigestRequest, RequestsDigest } from '../../src/models/notification-mail'
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
  const money = (amount: number) => formatMoney({ amount, currency: props.currency }, props.locale)
  return composeMail({
    marketName: props.marketName,
    subject: only ? `A new request: “${only.title}”` : `${total} new requests in what you sell`,
    greeting: `Hello ${props.recipientName},`,
    paragraphs: [
      only
        ? `A buyer on ${props.marketName} asked for something you sell:`
        : `Buyers on ${props.marketName} asked for ${total} things you sell:`,
      ...requests.map((request) => requestLine(request, money)),
      ...(more > 0 ? [`… and ${more} more.`] : []),
      'Send a proposal from a request’s page: the buyer compares them and hires one.',
    ],
    action: { label: 'See open requests', url: props.requestsUrl },
    unsubscribe: props.unsubscribe,
  })
}

/** "“Fix a leaking tap” — Plumbing · budget D500.00–D800.00" */
function requestLine(request: DigestRequest, money: (amount: number) => string): string {
  const budget = budgetText(request, money)
  return `“${request.title}” — ${request.category}${budget ? ` · ${budget}` : ''}`
}

/** The budget as the buyer left it: a range, one end of one, or nothing. */
function budgetText(
  { budgetMin: min, budgetMax: max }: Pick<DigestRequest, 'budgetMin' | 'budgetMax'>,
  money: (amount: number) => string,
): string {
  if (min !== null && max !== null)
    return min === max ? `budget ${money(min)}` : `budget ${money(min)}–${money(max)}`
  if (min !== null) return `budget from ${money(min)}`
  if (max !== null) return `budget up to ${money(max)}`
  return ''
}
