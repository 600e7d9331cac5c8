// How orders are named to people: statuses, steps and who took them. One place, so the inbox,
// the order page, the timeline and the receipt say the same thing.
import type { OrderAction, OrderActor, OrderStatus } from '../../src/models/order/transitions'
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
  if (status === 'cancelled' || status === 'refunded') return 'stopped'
  if (status === 'disputed') return 'alert'
  return 'active'
}
