// An order's life, and who may move it on (issue 8). One table for both kinds of order:
//
//   goods:    placed → accepted → ready for pickup | out for delivery → delivered → completed
//   services: placed → accepted → in progress → delivered → completed
//             (the buyer may ask for changes: delivered → in progress)
//   bookings: placed (requested) → accepted (confirmed) → completed | no-show
//             (a service sold as a time; instant-book places and confirms in one go)
//
// Beside the happy path: the buyer cancels before the provider accepts; the provider declines a
// new order, or cancels one they accepted, always with a reason both see; either side opens a
// dispute (with a reason) once the order is accepted and until it is completed; the operator
// settles it by releasing the money to the store (completed) or refunding the buyer (refunded).
// A delivered order completes when the buyer confirms it, or by itself some days later (the
// `system` actor: the scheduled auto-completion).
//
// A booking's steps also depend on the clock: the buyer may cancel a confirmed booking only
// until its cancellation window opens (after that, the provider cancels, with a reason), and the
// provider marks it done or the buyer absent only once it has begun. Where the order stands in
// time is its `phase`, worked out by the caller (booking/lifecycle.ts), so this stays a table. A
// request nobody confirms expires (the `system` actor), and a confirmed booking nobody marks
// completes by itself a day after it ends.
//
// Every step is one row: the action, the order kinds it applies to, the states it leaves from,
// the state it reaches and who may take it. Steps that depend on how an order is received
// (ready for *pickup*, out for *delivery*) say so; a state an order of its kind cannot be in (goods
// "in progress") allows no step at all.

export type OrderKind = 'goods' | 'service' | 'booking'
export type OrderStatus =
  | 'placed'
  | 'accepted'
  | 'in_progress'
  | 'ready_for_pickup'
  | 'out_for_delivery'
  | 'delivered'
  | 'completed'
  | 'cancelled'
  | 'disputed'
  | 'refunded'
  | 'no_show'
export type OrderAction =
  | 'accept'
  | 'decline'
  | 'start'
  | 'mark_ready'
  | 'send_out'
  | 'mark_delivered'
  | 'request_changes'
  | 'confirm'
  | 'auto_complete'
  | 'cancel'
  | 'dispute'
  | 'release'
  | 'refund'
  | 'complete'
  | 'mark_no_show'
  | 'expire'
/** Who acts: the order's buyer, the store's provider, the operator, or the scheduler. */
export type OrderActor = 'buyer' | 'provider' | 'operator' | 'system'
/** How goods reach the buyer; services happen where they happen, so they have none here. */
export type GoodsFulfilment = 'pickup' | 'delivery'

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'placed',
  'accepted',
  'in_progress',
  'ready_for_pickup',
  'out_for_delivery',
  'delivered',
  'completed',
  'cancelled',
  'disputed',
  'refunded',
  'no_show',
]
export const ORDER_ACTIONS: readonly OrderAction[] = [
  'accept',
  'decline',
  'start',
  'mark_ready',
  'send_out',
  'mark_delivered',
  'request_changes',
  'confirm',
  'auto_complete',
  'cancel',
  'dispute',
  'release',
  'refund',
  'complete',
  'mark_no_show',
  'expire',
]

/**
 * Where a booking stands in time: more than its cancellation window before it starts, inside the
 * window, or begun. Other orders have no phase.
 */
export type BookingPhase = 'ahead' | 'inside_window' | 'begun'

type Step = {
  action: OrderAction
  kinds: OrderKind[]
  from: OrderStatus[]
  to: OrderStatus
  by: OrderActor[]
  /** Only for goods received this way. */
  fulfilment?: GoodsFulfilment
  /** The actor must say why; the order's timeline shows it to both sides. */
  reason?: true
  /** Bookings only: the phases the step may be taken in. */
  when?: BookingPhase[]
}

const BOTH: OrderKind[] = ['goods', 'service']
const ALL: OrderKind[] = ['goods', 'service', 'booking']
/** Accepted and not yet completed: what can still be cancelled by the provider or disputed. */
const UNDER_WAY: OrderStatus[] = [
  'accepted',
  'in_progress',
  'ready_for_pickup',
  'out_for_delivery',
  'delivered',
]

const STEPS: Step[] = [
  { action: 'accept', kinds: ALL, from: ['placed'], to: 'accepted', by: ['provider'] },
  {
    action: 'decline',
    kinds: ALL,
    from: ['placed'],
    to: 'cancelled',
    by: ['provider'],
    reason: true,
  },
  { action: 'start', kinds: ['service'], from: ['accepted'], to: 'in_progress', by: ['provider'] },
  {
    action: 'mark_ready',
    kinds: ['goods'],
    from: ['accepted'],
    to: 'ready_for_pickup',
    by: ['provider'],
    fulfilment: 'pickup',
  },
  {
    action: 'send_out',
    kinds: ['goods'],
    from: ['accepted'],
    to: 'out_for_delivery',
    by: ['provider'],
    fulfilment: 'delivery',
  },
  {
    action: 'mark_delivered',
    kinds: ['goods'],
    from: ['ready_for_pickup', 'out_for_delivery'],
    to: 'delivered',
    by: ['provider'],
  },
  {
    action: 'mark_delivered',
    kinds: ['service'],
    from: ['in_progress'],
    to: 'delivered',
    by: ['provider'],
  },
  {
    action: 'request_changes',
    kinds: ['service'],
    from: ['delivered'],
    to: 'in_progress',
    by: ['buyer'],
    reason: true,
  },
  { action: 'confirm', kinds: BOTH, from: ['delivered'], to: 'completed', by: ['buyer'] },
  { action: 'auto_complete', kinds: BOTH, from: ['delivered'], to: 'completed', by: ['system'] },
  { action: 'cancel', kinds: ALL, from: ['placed'], to: 'cancelled', by: ['buyer'] },
  {
    action: 'cancel',
    kinds: ['booking'],
    from: ['accepted'],
    to: 'cancelled',
    by: ['buyer'],
    when: ['ahead'],
  },
  {
    action: 'cancel',
    kinds: ALL,
    // Once delivered, the way back is a dispute, not a cancellation.
    from: UNDER_WAY.filter((status) => status !== 'delivered'),
    to: 'cancelled',
    by: ['provider'],
    reason: true,
  },
  {
    action: 'dispute',
    kinds: ALL,
    from: UNDER_WAY,
    to: 'disputed',
    by: ['buyer', 'provider'],
    reason: true,
  },
  {
    action: 'release',
    kinds: ALL,
    from: ['disputed'],
    to: 'completed',
    by: ['operator'],
    reason: true,
  },
  {
    action: 'refund',
    kinds: ALL,
    from: ['disputed'],
    to: 'refunded',
    by: ['operator'],
    reason: true,
  },
  {
    action: 'complete',
    kinds: ['booking'],
    from: ['accepted'],
    to: 'completed',
    by: ['provider'],
    when: ['begun'],
  },
  {
    action: 'mark_no_show',
    kinds: ['booking'],
    from: ['accepted'],
    to: 'no_show',
    by: ['provider'],
    when: ['begun'],
  },
  {
    action: 'auto_complete',
    kinds: ['booking'],
    from: ['accepted'],
    to: 'completed',
    by: ['system'],
  },
  {
    action: 'expire',
    kinds: ['booking'],
    from: ['placed'],
    to: 'cancelled',
    by: ['system'],
  },
]

/** The states only some orders pass through; every other state is common to all. */
const ONLY_FOR: Partial<Record<OrderStatus, (order: OrderState) => boolean>> = {
  in_progress: (order) => order.kind === 'service',
  delivered: (order) => order.kind !== 'booking',
  no_show: (order) => order.kind === 'booking',
  ready_for_pickup: (order) => order.kind === 'goods' && order.fulfilment === 'pickup',
  out_for_delivery: (order) => order.kind === 'goods' && order.fulfilment === 'delivery',
}

/** Whether an order of this kind (and fulfilment) can be in its status at all. */
function isPossible(order: OrderState): boolean {
  return ONLY_FOR[order.status]?.(order) ?? true
}

/** What a step needs to know of the order. */
export type OrderState = {
  kind: OrderKind
  status: OrderStatus
  /** Goods only; null for services. */
  fulfilment: GoodsFulfilment | null
  /** Bookings only: where the booking stands in time now. */
  phase?: BookingPhase | undefined
}

export type Transition = { to: OrderStatus; needsReason: boolean }

/**
 * Where `action` by `actor` takes the order, and whether they must say why; null when they may
 * not take it from here (the route answers with a message, nothing changes).
 * @example nextOrderStatus({ kind: 'goods', status: 'placed', fulfilment: 'pickup' }, 'accept', 'provider') // { to: 'accepted', needsReason: false }
 */
export function nextOrderStatus(
  order: OrderState,
  action: OrderAction,
  actor: OrderActor,
): Transition | null {
  if (!isPossible(order)) return null
  const step = STEPS.find(
    (candidate) =>
      candidate.action === action &&
      candidate.kinds.includes(order.kind) &&
      candidate.from.includes(order.status) &&
      candidate.by.includes(actor) &&
      (candidate.fulfilment === undefined || candidate.fulfilment === order.fulfilment) &&
      (candidate.when === undefined ||
        (order.phase !== undefined && candidate.when.includes(order.phase))),
  )
  return step ? { to: step.to, needsReason: step.reason === true } : null
}

/** The steps `actor` may take now, in the table's order: the buttons an order page offers. */
export function availableOrderActions(order: OrderState, actor: OrderActor): OrderAction[] {
  return ORDER_ACTIONS.filter((action) => nextOrderStatus(order, action, actor) !== null)
}

/**
 * No step leaves these: the order's books are closed. A no-show is settled like a completion —
 * the provider kept the time — and a buyer who did come takes it up with them or the operator.
 */
export function isFinal(status: OrderStatus): boolean {
  return (
    status === 'completed' ||
    status === 'cancelled' ||
    status === 'refunded' ||
    status === 'no_show'
  )
}
