// The mail a note about an order becomes: what happened, to which order, what it is now, and a
// button to the order page. Said to whoever it is for — the store hears of its buyer, the buyer
// of the store, the operator of both.
import { formatMoney } from '../../src/lib/money'
import { bookingTime } from '../bookings/booking-words'
import type { MailContent } from '../../src/mail/outbox'
import type { OrderForMail } from '../../src/models/notification-mail'
import { hiredThroughRequest } from '../../src/models/request/hiring'
import { eventLabel, statusLabel } from '../orders/order-words'
import { composeMail } from './compose-mail'

export type OrderMailProps = {
  marketName: string
  locale: string
  /** The market's, for a booking's time. */
  timeZone: string
  recipientName: string
  kind: 'order.placed' | 'order.changed' | 'order.paid' | 'order.disputed'
  /** The step the note is about (`accept`, `payment` …), as the note's data says it. */
  action: string
  order: OrderForMail
  orderUrl: string
  unsubscribe: { url: string; kindLabel: string }
}

export function orderMail(props: OrderMailProps): MailContent {
  const { order: details, kind, locale } = props
  const { order } = details
  const code = order.code
  const total = formatMoney({ amount: order.total, currency: order.currency }, locale)
  const which =
    details.role === 'buyer'
      ? `Your order ${code} from ${details.store.name}`
      : details.role === 'provider'
        ? `Order ${code} from ${details.buyerName}`
        : `Order ${code} (${details.buyerName} buying from ${details.store.name})`
  const said = noteOfStep(details, props.action)
  const when = bookingWhen(details, locale, props.timeZone)
  const common = {
    marketName: props.marketName,
    greeting: `Hello ${props.recipientName},`,
    action: { label: `Open order ${code}`, url: props.orderUrl },
    unsubscribe: props.unsubscribe,
  }
  switch (kind) {
    case 'order.placed':
      if (order.kind === 'booking')
        return composeMail({
          ...common,
          subject: `Booking ${code} from ${details.buyerName}`,
          paragraphs: [
            `${details.buyerName} booked ${lineSummary(details)} with ${details.store.name}${when}. Total: ${total}.`,
            order.status === 'placed'
              ? 'Confirm or decline it on the order page: the time is held until you do, for a day at most.'
              : 'It is confirmed: the service is booked instantly.',
            ...said,
          ],
        })
      return composeMail({
        ...common,
        subject: `New order ${code} from ${details.buyerName}`,
        paragraphs: [
          `${details.buyerName} placed an order with ${details.store.name}: ${lineSummary(details)}. Total: ${total}.`,
          hiredThroughRequest(order)
            ? `${details.buyerName} hired you through your proposal on their request, so it is accepted already: start the work on the day you proposed.`
            : 'Accept or decline it on the order page.',
          ...said,
        ],
      })
    case 'order.paid':
      return composeMail({
        ...common,
        subject: `Payment recorded for order ${code}`,
        paragraphs: [`${which}: a payment of ${total} was recorded.`, status(details)],
      })
    case 'order.disputed':
      return composeMail({
        ...common,
        subject: `Dispute opened on order ${code}`,
        paragraphs: [
          `${which}: a dispute was opened.`,
          ...said,
          details.role === 'operator'
            ? 'It is for you, as the market’s operator, to decide: pay the store or refund the buyer.'
            : `The market’s operator will look at it and decide. The money stays held until then.`,
        ],
      })
    case 'order.changed':
      return composeMail({
        ...common,
        subject: `${order.kind === 'booking' ? 'Booking' : 'Order'} ${code}: ${eventLabel(order.kind, props.action)}`,
        paragraphs: [
          `${which}${when}: ${eventLabel(order.kind, props.action).toLowerCase()}.`,
          ...proposed(details, props.action, locale, props.timeZone),
          ...said,
          status(details),
        ],
      })
  }
}

/** " for Tuesday 24 November at 10:00" when the order is a booking; '' otherwise. */
function bookingWhen(details: OrderForMail, locale: string, timeZone: string): string {
  return details.booking
    ? ` for ${bookingTime(locale, timeZone).format(details.booking.startsAt)}`
    : ''
}

/** The new time asked for, when the step proposed one. */
function proposed(details: OrderForMail, action: string, locale: string, timeZone: string) {
  const at = details.booking?.proposedStartsAt
  if (action !== 'reschedule_propose' || !at) return []
  return [
    `The new time asked for: ${bookingTime(locale, timeZone).format(at)}. Accept it or keep the old time on the order page.`,
  ]
}

/** "2 × Sourdough loaf (Large), 1 × Honey" */
function lineSummary(details: OrderForMail): string {
  return details.lines
    .map((line) => `${line.quantity} × ${line.title}${line.unitName ? ` (${line.unitName})` : ''}`)
    .join(', ')
}

function status(details: OrderForMail): string {
  return `Where it stands now: ${statusLabel(details.order)}.`
}

/** What the one who took the step wrote with it (a reason, a note), if anything. */
function noteOfStep(details: OrderForMail, action: string): string[] {
  const step = details.timeline.findLast((event) => event.action === action)
  return step?.note ? [`They wrote: “${step.note}”`] : []
}
