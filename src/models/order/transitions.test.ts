import { describe, expect, it } from 'vitest'
import {
  availableOrderActions,
  isFinal,
  nextOrderStatus,
  ORDER_ACTIONS,
  ORDER_STATUSES,
  type GoodsFulfilment,
  type OrderAction,
  type OrderActor,
  type OrderKind,
  type BookingPhase,
  type OrderStatus,
} from './transitions'

type Case = { kind: OrderKind; fulfilment: GoodsFulfilment | null; phase?: BookingPhase }
const PHASES: BookingPhase[] = ['ahead', 'inside_window', 'begun']
const CASES: Case[] = [
  { kind: 'goods', fulfilment: 'pickup' },
  { kind: 'goods', fulfilment: 'delivery' },
  { kind: 'service', fulfilment: null },
  ...PHASES.map((phase): Case => ({ kind: 'booking', fulfilment: null, phase })),
]
const ACTORS: OrderActor[] = ['buyer', 'provider', 'operator', 'system']

// Every allowed step, written out by hand from the issue (not from the table under test):
// [kinds, fulfilment or any, from, action, actor, to, must say why, bookings: only in these phases]
type Allowed = [
  OrderKind[],
  GoodsFulfilment | 'any',
  OrderStatus,
  OrderAction,
  OrderActor,
  OrderStatus,
  boolean,
  BookingPhase[]?,
]
const both: OrderKind[] = ['goods', 'service']
const all: OrderKind[] = ['goods', 'service', 'booking']
const booking: OrderKind[] = ['booking']
const goods: OrderKind[] = ['goods']
const service: OrderKind[] = ['service']
const ALLOWED: Allowed[] = [
  [all, 'any', 'placed', 'accept', 'provider', 'accepted', false],
  [all, 'any', 'placed', 'decline', 'provider', 'cancelled', true],
  [all, 'any', 'placed', 'cancel', 'buyer', 'cancelled', false],
  [service, 'any', 'accepted', 'start', 'provider', 'in_progress', false],
  [goods, 'pickup', 'accepted', 'mark_ready', 'provider', 'ready_for_pickup', false],
  [goods, 'delivery', 'accepted', 'send_out', 'provider', 'out_for_delivery', false],
  [goods, 'pickup', 'ready_for_pickup', 'mark_delivered', 'provider', 'delivered', false],
  [goods, 'delivery', 'out_for_delivery', 'mark_delivered', 'provider', 'delivered', false],
  [service, 'any', 'in_progress', 'mark_delivered', 'provider', 'delivered', false],
  [service, 'any', 'delivered', 'request_changes', 'buyer', 'in_progress', true],
  [both, 'any', 'delivered', 'confirm', 'buyer', 'completed', false],
  [both, 'any', 'delivered', 'auto_complete', 'system', 'completed', false],
  [all, 'any', 'accepted', 'cancel', 'provider', 'cancelled', true],
  [service, 'any', 'in_progress', 'cancel', 'provider', 'cancelled', true],
  [goods, 'pickup', 'ready_for_pickup', 'cancel', 'provider', 'cancelled', true],
  [goods, 'delivery', 'out_for_delivery', 'cancel', 'provider', 'cancelled', true],
  ...(['buyer', 'provider'] as const).flatMap((actor): Allowed[] => [
    [all, 'any', 'accepted', 'dispute', actor, 'disputed', true],
    [service, 'any', 'in_progress', 'dispute', actor, 'disputed', true],
    [goods, 'pickup', 'ready_for_pickup', 'dispute', actor, 'disputed', true],
    [goods, 'delivery', 'out_for_delivery', 'dispute', actor, 'disputed', true],
    [both, 'any', 'delivered', 'dispute', actor, 'disputed', true],
  ]),
  [all, 'any', 'disputed', 'release', 'operator', 'completed', true],
  [all, 'any', 'disputed', 'refund', 'operator', 'refunded', true],
  [booking, 'any', 'placed', 'expire', 'system', 'cancelled', false],
  [booking, 'any', 'accepted', 'cancel', 'buyer', 'cancelled', false, ['ahead']],
  [booking, 'any', 'accepted', 'complete', 'provider', 'completed', false, ['begun']],
  [booking, 'any', 'accepted', 'mark_no_show', 'provider', 'no_show', false, ['begun']],
  [booking, 'any', 'accepted', 'auto_complete', 'system', 'completed', false],
]

function expected(which: Case, status: OrderStatus, action: OrderAction, actor: OrderActor) {
  const rule = ALLOWED.find(
    ([kinds, fulfilment, from, step, by]) =>
      kinds.includes(which.kind) &&
      (fulfilment === 'any' || fulfilment === which.fulfilment) &&
      from === status &&
      step === action &&
      by === actor,
  )
  const phases = rule?.[7]
  if (phases && !(which.phase && phases.includes(which.phase))) return null
  return rule ? { to: rule[5], needsReason: rule[6] } : null
}

describe('order transitions', () => {
  const every = CASES.flatMap((which) =>
    ORDER_STATUSES.flatMap((status) =>
      ORDER_ACTIONS.flatMap((action) =>
        ACTORS.map((actor) => [which, status, action, actor] as const),
      ),
    ),
  )

  it(`answers every kind × state × action × actor as the issue says (${every.length} cases)`, () => {
    const wrong = every.filter(([which, status, action, actor]) => {
      const got = nextOrderStatus({ ...which, status }, action, actor)
      return JSON.stringify(got) !== JSON.stringify(expected(which, status, action, actor))
    })
    expect(
      wrong.map(
        ([which, status, action, actor]) =>
          `${which.kind}/${which.fulfilment ?? which.phase} ${status} ${action} by ${actor}`,
      ),
    ).toEqual([])
  })

  it('lets nothing leave a completed, cancelled, refunded or no-show order', () => {
    for (const which of CASES)
      for (const status of ORDER_STATUSES.filter(isFinal))
        for (const actor of ACTORS)
          expect(availableOrderActions({ ...which, status }, actor), `${status} ${actor}`).toEqual(
            [],
          )
    expect(ORDER_STATUSES.filter(isFinal)).toEqual([
      'completed',
      'cancelled',
      'refunded',
      'no_show',
    ])
  })

  it('offers each side its own buttons', () => {
    const order = {
      kind: 'goods' as const,
      status: 'placed' as const,
      fulfilment: 'delivery' as const,
    }
    expect(availableOrderActions(order, 'provider')).toEqual(['accept', 'decline'])
    expect(availableOrderActions(order, 'buyer')).toEqual(['cancel'])
    expect(availableOrderActions(order, 'operator')).toEqual([])
    const accepted = { ...order, status: 'accepted' as const }
    expect(availableOrderActions(accepted, 'provider')).toEqual(['send_out', 'cancel', 'dispute'])
    expect(availableOrderActions({ ...accepted, fulfilment: 'pickup' }, 'provider')).toEqual([
      'mark_ready',
      'cancel',
      'dispute',
    ])
  })

  it('never lets a buyer accept, nor anyone but the operator settle a dispute', () => {
    for (const which of CASES)
      for (const status of ORDER_STATUSES) {
        expect(nextOrderStatus({ ...which, status }, 'accept', 'buyer')).toBeNull()
        for (const actor of ['buyer', 'provider', 'system'] as const) {
          expect(nextOrderStatus({ ...which, status }, 'release', actor)).toBeNull()
          expect(nextOrderStatus({ ...which, status }, 'refund', actor)).toBeNull()
        }
      }
  })
})
