// Votes, replies and reports as the models keep them: counts in the same transaction as their
// rows, once per member, and a hidden review out of every rating it counted in.
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  listings,
  reviewReports,
  reviewReplies,
  reviews,
  reviewVotes,
  stores,
} from '../../../db/schema'
import { createMember, createOpenMarket, type TestMarket } from '../../test/app'
import { publishReview, seedReviewedOrder } from '../../test/published-reviews'
import { seedCompletedSale } from '../../test/reviews'
import { writeReview } from '../review'
import { replyToReview } from './replies'
import { hideReview, keepReview, listReportedReviews, reportReview } from './reports'
import { voteHelpful, withdrawHelpfulVote } from './votes'

let market: TestMarket
beforeEach(async () => {
  market = await createOpenMarket()
})
afterEach(() => market.cleanup())

function helpfulCount(reviewId: number) {
  return market.db.select().from(reviews).where(eq(reviews.id, reviewId)).get()!.helpfulCount
}

function ratings(sale: Awaited<ReturnType<typeof seedCompletedSale>>) {
  const store = market.db.select().from(stores).where(eq(stores.id, sale.seller.store.id)).get()!
  const listing = market.db.select().from(listings).where(eq(listings.id, sale.listing.id)).get()!
  return {
    store: [store.ratingCount, store.ratingSum],
    listing: [listing.ratingCount, listing.ratingSum],
  }
}

describe('voteHelpful', () => {
  it('counts a member’s vote once, however often it is sent, and takes it back once', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const reader = await createMember(market)
    expect(voteHelpful(market.db, market.clock, reader.id, review.id)).toEqual({
      ok: true,
      helpfulCount: 1,
      voted: true,
    })
    expect(voteHelpful(market.db, market.clock, reader.id, review.id)).toMatchObject({
      helpfulCount: 1,
    })
    expect(market.db.select().from(reviewVotes).all()).toHaveLength(1)
    expect(withdrawHelpfulVote(market.db, reader.id, review.id)).toEqual({
      ok: true,
      helpfulCount: 0,
      voted: false,
    })
    expect(withdrawHelpfulVote(market.db, reader.id, review.id)).toMatchObject({ helpfulCount: 0 })
    expect(helpfulCount(review.id)).toBe(0)
  })

  it('refuses the author, the store’s owner, and reviews not published or removed', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    expect(voteHelpful(market.db, market.clock, sale.buyer.id, review.id)).toEqual({
      ok: false,
      reason: 'own_review',
    })
    expect(voteHelpful(market.db, market.clock, sale.seller.owner.id, review.id)).toEqual({
      ok: false,
      reason: 'own_store',
    })
    const waiting = await seedCompletedSale(market, 'Awa Tailoring')
    const written = writeReview(market.db, market.clock, waiting.buyer.id, waiting.order.code, {
      stars: 3,
      title: '',
      body: '',
      recommend: null,
      photoIds: [],
    })
    if (!written.ok) throw new Error(written.reason)
    const reader = await createMember(market)
    expect(voteHelpful(market.db, market.clock, reader.id, written.review.id)).toEqual({
      ok: false,
      reason: 'not_found',
    })
    hideReview(market.db, market.clock, sale.seller.owner.id, review.id, 'Spam.')
    expect(voteHelpful(market.db, market.clock, reader.id, review.id)).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect(market.db.select().from(reviewVotes).all()).toEqual([])
  })
})

describe('replyToReview', () => {
  it('lets the store’s owner reply once, and nobody else', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const other = await seedCompletedSale(market, 'Awa Tailoring')
    expect(replyToReview(market.db, market.clock, other.seller.owner.id, review.id, 'Hi')).toEqual({
      ok: false,
      reason: 'not_your_store',
    })
    expect(
      replyToReview(market.db, market.clock, sale.seller.owner.id, review.id, 'Thanks'),
    ).toEqual({ ok: true })
    expect(
      replyToReview(market.db, market.clock, sale.seller.owner.id, review.id, 'Again'),
    ).toEqual({ ok: false, reason: 'already_replied' })
    expect(market.db.select().from(reviewReplies).all()).toMatchObject([{ body: 'Thanks' }])
  })

  it('cannot answer a review the store is not allowed to read yet', async () => {
    const sale = await seedCompletedSale(market)
    const written = writeReview(market.db, market.clock, sale.buyer.id, sale.order.code, {
      stars: 1,
      title: '',
      body: 'Late.',
      recommend: false,
      photoIds: [],
    })
    if (!written.ok) throw new Error(written.reason)
    expect(
      replyToReview(market.db, market.clock, sale.seller.owner.id, written.review.id, 'Sorry'),
    ).toEqual({ ok: false, reason: 'not_found' })
  })
})

describe('reports and decisions', () => {
  it('takes one report per member, never the author’s, into the queue', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const reader = await createMember(market, { displayName: 'Binta Touray' })
    const report = (memberId: number) =>
      reportReview(market.db, market.clock, memberId, review.id, 'Not about the order.')
    expect(report(sale.buyer.id)).toEqual({ ok: false, reason: 'own_review' })
    expect(report(reader.id)).toEqual({ ok: true })
    expect(report(reader.id)).toEqual({ ok: false, reason: 'already_reported' })
    expect(market.db.select().from(reviewReports).all()).toHaveLength(1)
    expect(listReportedReviews(market.db)).toMatchObject([
      { review: { id: review.id }, reports: [{ reporterName: 'Binta Touray' }] },
    ])
  })

  it('hiding takes the review out of the store’s and the listing’s ratings and upholds every report', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale, { stars: 1 })
    await seedReviewedOrder(market, sale, { stars: 5 })
    expect(ratings(sale)).toEqual({ store: [2, 6], listing: [2, 6] })
    const readers = [await createMember(market), await createMember(market)]
    for (const reader of readers)
      reportReview(market.db, market.clock, reader.id, review.id, 'Abusive.')
    const operator = readers[0]!.id
    expect(hideReview(market.db, market.clock, operator, review.id, 'Insults.')).toEqual({
      ok: true,
    })
    expect(ratings(sale)).toEqual({ store: [1, 5], listing: [1, 5] })
    expect(
      market.db
        .select()
        .from(reviewReports)
        .all()
        .map((row) => row.resolution),
    ).toEqual(['upheld', 'upheld'])
    expect(listReportedReviews(market.db)).toEqual([])
    // Twice is refused and counts nothing twice.
    expect(hideReview(market.db, market.clock, operator, review.id, 'Again.')).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect(ratings(sale)).toEqual({ store: [1, 5], listing: [1, 5] })
  })

  it('keeping dismisses the open reports and leaves the review and ratings alone', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale, { stars: 2 })
    const reader = await createMember(market)
    reportReview(market.db, market.clock, reader.id, review.id, 'I disagree.')
    expect(keepReview(market.db, market.clock, reader.id, review.id)).toEqual({ ok: true })
    expect(keepReview(market.db, market.clock, reader.id, review.id)).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect(market.db.select().from(reviewReports).get()?.resolution).toBe('dismissed')
    expect(ratings(sale)).toEqual({ store: [1, 2], listing: [1, 2] })
    expect(market.db.select().from(reviews).where(eq(reviews.id, review.id)).get()?.hiddenAt).toBe(
      null,
    )
  })
})
