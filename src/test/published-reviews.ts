// Test support for reading reviews: published reviews of a store, each of its own completed
// order, written through the models by both sides (so double-blind publishes them at once).
import { eq } from 'drizzle-orm'
import { reviews } from '../../db/schema'
import type { Listing } from '../models/listing'
import { writeReview, type Review, type ReviewInput } from '../models/review'
import { seedOrder } from './accounts'
import { createMember, type TestMarket } from './app'
import type { TestStore } from './listings'

const REVIEW: ReviewInput = {
  stars: 5,
  title: 'Fixed in an hour',
  body: 'Came on time, cleaned up after.',
  recommend: true,
  photoIds: [],
}

/** The store's side of an order: written so that the buyer's review publishes. */
const OF_BUYER: ReviewInput = {
  stars: 5,
  title: '',
  body: 'Paid on time.',
  recommend: null,
  photoIds: [],
}

/** Publishes a review of an order already completed: the buyer's, then the store's of the buyer. */
export function publishReview(
  market: TestMarket,
  sale: { seller: TestStore; buyer: { id: number }; order: { code: string } },
  input: Partial<ReviewInput> = {},
): Review {
  const written = writeReview(market.db, market.clock, sale.buyer.id, sale.order.code, {
    ...REVIEW,
    ...input,
  })
  if (!written.ok) throw new Error(`the buyer's review was refused: ${written.reason}`)
  const other = writeReview(
    market.db,
    market.clock,
    sale.seller.owner.id,
    sale.order.code,
    OF_BUYER,
  )
  if (!other.ok) throw new Error(`the store's review was refused: ${other.reason}`)
  return market.db.select().from(reviews).where(eq(reviews.id, written.review.id)).get()!
}

/**
 * Another buyer's completed order of `listing` from `seller`, reviewed by both sides (published
 * now, by the market's clock).
 * @example await seedReviewedOrder(market, sale, { stars: 2, buyerName: 'Ousman Jallow' })
 */
export async function seedReviewedOrder(
  market: TestMarket,
  sale: { seller: TestStore; listing: Pick<Listing, 'id' | 'title'> },
  input: Partial<ReviewInput> & { buyerName?: string } = {},
) {
  const { buyerName = 'Ousman Jallow', ...review } = input
  const buyer = await createMember(market, { displayName: buyerName })
  const order = seedOrder(market, {
    buyerId: buyer.id,
    storeId: sale.seller.store.id,
    status: 'completed',
    completedAt: market.clock.now(),
    listingId: sale.listing.id,
    title: sale.listing.title,
  })
  return {
    buyer,
    order,
    review: publishReview(market, { seller: sale.seller, buyer, order }, review),
  }
}
