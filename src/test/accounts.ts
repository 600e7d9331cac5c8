// Test support: a member with a little of everything the market keeps about a person (a store
// with a listing and photo-less units, orders both ways with their books, a conversation,
// notifications, sign-ins, mail preferences, a cart and a favourite), for the data export and
// account deletion tests. Seeded through the models where they are quick, straight rows where not.
import { orderEvents, orderLines } from '../../db/schema'
import { addToCart } from '../models/cart'
import { startConversation } from '../models/conversation'
import { saveFavourite } from '../models/favourite'
import {
  recordOrderPayment,
  recordPayout,
  releaseOrderToStore,
  storeBalance,
} from '../models/ledger'
import { unitsOnSale } from '../models/listing/units'
import { findMemberByEmail } from '../models/member'
import { setMailPreferences } from '../models/mail-preferences'
import { notify } from '../models/notification'
import { recordSignIn } from '../models/sign-in-history'
import type { TestMarket } from './app'
import { seedListing, seedStore, type TestStore } from './listings'
import { insertTestOrder, type TestOrderFields } from './orders'

/** An order with one line and its first step, paid and (when completed) released to the store. */
export function seedOrder(
  market: TestMarket,
  fields: TestOrderFields & { title?: string; listingId?: number },
): ReturnType<typeof insertTestOrder> {
  const { title = 'Leaking tap repair', listingId = null, ...orderFields } = fields
  const order = insertTestOrder(market.db, orderFields)
  const at = market.clock.now()
  market.db.transaction((tx) => {
    tx.insert(orderLines)
      .values({ orderId: order.id, listingId, title, unitPrice: order.subtotal, quantity: 1 })
      .run()
    tx.insert(orderEvents)
      .values({ orderId: order.id, action: 'place', actor: 'buyer', toStatus: 'placed', at })
      .run()
    if (order.status === 'completed') {
      recordOrderPayment(tx, order, { reference: 'MM 1', recordedBy: null, at })
      releaseOrderToStore(tx, order, { at })
    }
  })
  return order
}

export type Trader = {
  fatou: TestStore
  /** Another member's store Fatou bought from, and talks to. */
  lamin: TestStore
}

/**
 * Fatou: sells (one completed sale, paid out to her by the operator: she is owed nothing) and
 * buys (one completed order), with all the rest.
 */
export async function seedTrader(market: TestMarket): Promise<Trader> {
  const fatou = await seedStore(market, { name: 'Fatou Tailoring' })
  const lamin = await seedStore(market, { name: 'Lamin Plumbing' })
  const dress = seedListing(market.db, market, fatou, { title: 'Wedding dress fitting' })
  const tap = seedListing(market.db, market, lamin, { title: 'Leaking tap repair' })
  seedOrder(market, {
    buyerId: lamin.owner.id,
    storeId: fatou.store.id,
    status: 'completed',
    title: 'Wedding dress fitting',
  })
  seedOrder(market, { buyerId: fatou.owner.id, storeId: lamin.store.id, status: 'completed' })
  const operator = findMemberByEmail(market.db, 'awa@example.com')
  const { owed } = storeBalance(market.db, fatou.store.id, { number: 1, size: 1 })
  if (!operator || owed <= 0) throw new Error('the sale left nothing to pay out')
  recordPayout(market.db, operator, fatou.store.id, owed, 'Cash, receipt 1', market.clock.now())
  const [tapUnit] = unitsOnSale(market.db, [tap.id])
  if (!tapUnit) throw new Error('the tap repair has no unit')
  addToCart(market.db, market.clock, fatou.owner.id, tapUnit.id, 1, tap.id)
  saveFavourite(market.db, market.clock, fatou.owner, tap.id)
  const started = startConversation(
    market.db,
    lamin.owner.id,
    fatou.owner.id,
    { listingId: dress.id, orderId: null, requestId: null },
    { body: 'Can you take in the waist by Friday?' },
    { at: market.clock.now(), streams: { isWatching: () => false } },
  )
  if (!started.ok) throw new Error(`the conversation could not start: ${started.reason}`)
  notify(
    market.db,
    {
      memberId: fatou.owner.id,
      kind: 'order.placed',
      subject: 'order:ABC123',
      data: { store: 'Fatou Tailoring' },
    },
    market.clock.now(),
  )
  recordSignIn(market.db, market.clock, {
    memberId: fatou.owner.id,
    outcome: 'signed_in',
    address: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36',
  })
  setMailPreferences(market.db, market.clock, fatou.owner.id, {
    new_order: true,
    order_updates: true,
    messages: false,
    reviews: true,
    requests: true,
  })
  return { fatou, lamin }
}
