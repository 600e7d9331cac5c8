import { formatMoney } from '../../src/lib/money'
import type { MailContent } from '../../src/mail/outbox'
import { composeMail } from './compose-mail'

export type PayoutMailProps = {
  marketName: string
  locale: string
  recipientName: string
  amount: number
  currency: string
  reference: string
  balanceUrl: string
  unsubscribe: { url: string; kindLabel: string }
}

/** The mail a store's owner gets when the operator records money paid out to the store. */
export function payoutMail(props: PayoutMailProps): MailContent {
  const money = formatMoney({ amount: props.amount, currency: props.currency }, props.locale)
  return composeMail({
    marketName: props.marketName,
    subject: `Payout of ${money} recorded`,
    greeting: `Hello ${props.recipientName},`,
    paragraphs: [
      `${props.marketName} recorded a payout of ${money} to your store.`,
      ...(props.reference ? [`Reference: ${props.reference}`] : []),
      'If the money did not reach you, tell the market’s operator.',
    ],
    action: { label: 'See your balance', url: props.balanceUrl },
    unsubscribe: props.unsubscribe,
  })
}
