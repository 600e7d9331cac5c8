import { dateTimeFormat } from '../../src/lib/intl'
import { formatMoney } from '../../src/lib/money'
import type { Notification } from '../../src/models/notification'
import { EVENT_LABELS } from '../orders/order-words'

/** What a note says, in a line; dates in the market's time zone. */
export function notificationText(
  note: Pick<Notification, 'kind' | 'data'>,
  locale: string,
  timeZone = 'UTC',
): string {
  const code = String(note.data.code ?? '')
  switch (note.kind) {
    case 'order.placed':
      return `New order ${code}`
    case 'order.paid':
      return `Payment recorded for order ${code}`
    case 'order.disputed':
      return `Dispute opened on order ${code}`
    case 'order.changed': {
      const action = String(note.data.action ?? '')
      return `Order ${code}: ${EVENT_LABELS[action] ?? 'updated'}`
    }
    case 'message.received':
      return `New message from ${String(note.data.senderName ?? 'a member')}`
    case 'payout.recorded': {
      const money = { amount: Number(note.data.amount), currency: String(note.data.currency) }
      return `Payout of ${formatMoney(money, locale)} recorded`
    }
    case 'review.written': {
      const closes = new Date(Number(note.data.closesAt))
      const date = dateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(closes)
      return `${String(note.data.by ?? 'A member')} reviewed order ${code} — write yours; theirs is published when you do, or on ${date}`
    }
    case 'review.published':
      return `Your review from ${String(note.data.by ?? 'a member')} on order ${code} is published`
    case 'request.posted':
      return `New request in what you sell: “${String(note.data.title ?? '')}”`
    case 'proposal.received':
      return note.data.revised
        ? `${String(note.data.store ?? 'A store')} changed its proposal on “${String(note.data.title ?? '')}”`
        : `${String(note.data.store ?? 'A store')} sent a proposal on “${String(note.data.title ?? '')}”`
    case 'request.closed':
      return requestClosedText(String(note.data.title ?? ''), String(note.data.status ?? ''))
  }
}

/** A proposer hears politely that the request they answered is closed, and why. */
function requestClosedText(title: string, status: string): string {
  if (status === 'hired') return `“${title}” went to another provider. Thank you for your proposal.`
  if (status === 'withdrawn') return `“${title}” was withdrawn by the buyer.`
  return `“${title}” closed without anyone hired.`
}

/** Where a note leads: the order, conversation or request it is about. */
export function notificationHref(note: Pick<Notification, 'subject'>): string {
  const [kind, key] = note.subject.split(':') as [string, string | undefined]
  if (kind === 'order' && key) return `/orders/${encodeURIComponent(key)}`
  if (kind === 'conversation' && key) return `/conversations/${encodeURIComponent(key)}`
  if (kind === 'request' && key) return `/requests/${encodeURIComponent(key)}`
  if (kind === 'balance' && key) return `/stores/${encodeURIComponent(key)}/balance`
  return '/notifications'
}
