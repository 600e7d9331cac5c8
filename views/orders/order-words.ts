// How orders are named to people: statuses, steps and who took them. One place, so the inbox,
// the order page, the timeline and the receipt say the same thing.
import type {
  OrderAction,
  OrderActor,
  OrderKind,
  OrderStatus,
} from '../../src/models/order/transitions'
import type { Order } from '../../src/models/order'

export const STATUS_LABELS: Record<OrderStatus, string> = {
  placed: 'Placed — waiting for the store',
  accepted: 'Accepted',
  in_progress: 'In progress',
  ready_for_pickup: 'Ready for pickup',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  completed: 'Completed',
  cancelled: 'Cancelled',
  disputed: 'Disputed',
  refunded: 'Refunded',
  no_show: 'Buyer did not come',
}

/** A booking is asked for and confirmed, not placed and accepted. */
const BOOKING_STATUS_LABELS: Partial<Record<OrderStatus, string>> = {
  placed: 'Requested — not yet confirmed',
  accepted: 'Confirmed',
}

/** The status as people say it for this kind of order. */
export function statusLabel(order: { kind: OrderKind; status: OrderStatus }): string {
  return (
    (order.kind === 'booking' ? BOOKING_STATUS_LABELS[order.status] : undefined) ??
    STATUS_LABELS[order.status]
  )
}

/** The button that takes each step. */
export const ACTION_BUTTONS: Record<OrderAction, string> = {
  accept: 'Accept order',
  decline: 'Decline',
  start: 'Start work',
  mark_ready: 'Ready for pickup',
  send_out: 'Out for delivery',
  mark_delivered: 'Mark as delivered',
  request_changes: 'Ask for changes',
  confirm: 'Confirm it is done',
  auto_complete: 'Complete',
  cancel: 'Cancel order',
  dispute: 'Open a dispute',
  release: 'Release to the store',
  refund: 'Refund the buyer',
  complete: 'Mark as done',
  mark_no_show: 'Buyer did not come',
  expire: 'Expire',
}

const BOOKING_ACTION_BUTTONS: Partial<Record<OrderAction, string>> = {
  accept: 'Confirm booking',
  cancel: 'Cancel booking',
}

/** The button that takes `action` on an order of this kind. */
export function actionButton(kind: OrderKind, action: OrderAction): string {
  return (kind === 'booking' ? BOOKING_ACTION_BUTTONS[action] : undefined) ?? ACTION_BUTTONS[action]
}

/** What a reason field asks, for the steps that need one. */
export const REASON_LABELS: Partial<Record<OrderAction, string>> = {
  decline: 'Why you decline (the buyer sees this)',
  cancel: 'Why you cancel (the buyer sees this)',
  request_changes: 'What should change',
  dispute: 'What went wrong (the other side and the operator see this)',
  release: 'Why the store is paid (both sides see this)',
  refund: 'Why the buyer is refunded (both sides see this)',
}

/** Steps that undo or contest: offered behind a second click so a slip of the thumb does nothing. */
export const CAREFUL_ACTIONS: ReadonlySet<OrderAction> = new Set([
  'decline',
  'cancel',
  'dispute',
  'request_changes',
  'release',
  'refund',
])

/** A timeline row's verb: "Accepted by Amina's Bakery". */
export const EVENT_LABELS: Record<string, string> = {
  place: 'Placed',
  payment: 'Payment recorded',
  accept: 'Accepted',
  decline: 'Declined',
  start: 'Work started',
  mark_ready: 'Ready for pickup',
  send_out: 'Out for delivery',
  mark_delivered: 'Delivered',
  request_changes: 'Changes asked for',
  confirm: 'Confirmed done',
  auto_complete: 'Completed by itself after the waiting time',
  cancel: 'Cancelled',
  dispute: 'Dispute opened',
  release: 'Dispute settled: paid to the store',
  refund: 'Dispute settled: refunded to the buyer',
  complete: 'Done',
  mark_no_show: 'Marked: the buyer did not come',
  expire: 'Expired: not confirmed in time, the time is free again',
  reschedule_propose: 'New time proposed',
  reschedule_accept: 'Moved to the new time',
  reschedule_decline: 'New time declined',
}

/** A booking is confirmed, not accepted. */
const BOOKING_EVENT_LABELS: Record<string, string> = {
  place: 'Requested',
  accept: 'Confirmed',
  cancel: 'Cancelled',
}

/** A timeline row's verb for an order of this kind. */
export function eventLabel(kind: OrderKind, action: string): string {
  return (
    (kind === 'booking' ? BOOKING_EVENT_LABELS[action] : undefined) ??
    EVENT_LABELS[action] ??
    action
  )
}

export const ACTOR_LABELS: Record<OrderActor, string> = {
  buyer: 'buyer',
  provider: 'store',
  operator: 'market operator',
  system: 'Souk',
}

/** Whether the buyer has paid, as the order page and the receipt say it. */
export function paymentStatus(order: Pick<Order, 'paidAt' | 'total'>): string {
  return order.paidAt ? 'Paid' : order.total === 0 ? 'Nothing to pay' : 'Not paid yet'
}

/** The status as a short class suffix for its badge. */
export function statusTone(status: OrderStatus): 'new' | 'active' | 'done' | 'stopped' | 'alert' {
  if (status === 'placed') return 'new'
  if (status === 'completed') return 'done'
  if (status === 'cancelled' || status === 'refunded' || status === 'no_show') return 'stopped'
  if (status === 'disputed') return 'alert'
  return 'active'
}
