// Test support: a completed sale to review — a store with a listing, a buyer, and the order
// between them, completed now (so its review window is open).
import type { TestMarket } from './app'
import { createMember } from './app'
import { seedOrder } from './accounts'
import { seedListing, seedStore } from './listings'

export async function seedCompletedSale(market: TestMarket, name = 'Lamin Plumbing') {
  const seller = await seedStore(market, { name })
  const buyer = await createMember(market, { displayName: 'Isatou Bah' })
  const listing = seedListing(market.db, market, seller, { title: 'Leaking tap repair' })
  const order = seedOrder(market, {
    buyerId: buyer.id,
    storeId: seller.store.id,
    status: 'completed',
    completedAt: market.clock.now(),
    listingId: listing.id,
    title: listing.title,
  })
  return { seller, buyer, listing, order }
}
