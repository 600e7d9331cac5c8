import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listings, stores } from '../../db/schema'
import { DAY, HOUR } from '../lib/clock'
import { recordProcessedPhoto } from './image'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { seedOrder } from '../test/accounts'
import { seedCompletedSale } from '../test/reviews'
import {
  EDIT_WINDOW,
  editReview,
  PRIOR_WEIGHT,
  publishDueReviews,
  REVIEW_WINDOW,
  weightedRating,
  writeReview,
  type ReviewInput,
} from './review'

let market: TestMarket
beforeEach(async () => {
  market = await createOpenMarket()
})
afterEach(() => market.cleanup())

const fiveStars: ReviewInput = {
  stars: 5,
  title: 'Fixed in an hour',
  body: 'Came on time, cleaned up after.',
  recommend: true,
  photoIds: [],
}

function ratings(sale: Awaited<ReturnType<typeof seedCompletedSale>>) {
  const store = market.db.select().from(stores).where(eq(stores.id, sale.seller.store.id)).get()
  const listing = market.db.select().from(listings).where(eq(listings.id, sale.listing.id)).get()
  return {
    store: [store?.ratingCount, store?.ratingSum],
    listing: [listing?.ratingCount, listing?.ratingSum],
  }
}

describe('writing a review', () => {
  it('is for the two sides of a completed order, once each', async () => {
    const sale = await seedCompletedSale(market)
    const stranger = await createMember(market)
    const write = (memberId: number) =>
      writeReview(market.db, market.clock, memberId, sale.order.code, fiveStars)
    expect(write(stranger.id)).toEqual({ ok: false, reason: 'not_found' })
    expect(writeReview(market.db, market.clock, sale.buyer.id, 'nope', fiveStars)).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect(write(sale.buyer.id)).toMatchObject({ ok: true, review: { direction: 'of_store' } })
    expect(write(sale.buyer.id)).toEqual({ ok: false, reason: 'already_reviewed' })
    expect(write(sale.seller.owner.id)).toMatchObject({
      ok: true,
      review: { direction: 'of_buyer', subjectId: sale.buyer.id, recommend: null },
    })
  })

  it('waits for completion, and closes 14 days after it', async () => {
    const sale = await seedCompletedSale(market)
    const open = seedOrder(market, {
      buyerId: sale.buyer.id,
      storeId: sale.seller.store.id,
      status: 'delivered',
    })
    expect(writeReview(market.db, market.clock, sale.buyer.id, open.code, fiveStars)).toEqual({
      ok: false,
      reason: 'not_completed',
    })
    const cancelled = seedOrder(market, {
      buyerId: sale.buyer.id,
      storeId: sale.seller.store.id,
      status: 'cancelled',
    })
    expect(writeReview(market.db, market.clock, sale.buyer.id, cancelled.code, fiveStars)).toEqual({
      ok: false,
      reason: 'not_completed',
    })
    market.clock.advance(REVIEW_WINDOW)
    expect(writeReview(market.db, market.clock, sale.buyer.id, sale.order.code, fiveStars)).toEqual(
      { ok: false, reason: 'window_closed' },
    )
  })

  it('takes only photos its author uploaded, at most four', async () => {
    const sale = await seedCompletedSale(market)
    const image = (uploadedBy: number, hash: string) =>
      recordProcessedPhoto(market.db, uploadedBy, {
        hash,
        width: 10,
        height: 10,
        widths: [10],
        placeholder: '',
      }).id
    const theirs = image(sale.seller.owner.id, 'a')
    const mine = [1, 2, 3, 4, 5].map((n) => image(sale.buyer.id, `mine-${n}`))
    const write = (photoIds: number[]) =>
      writeReview(market.db, market.clock, sale.buyer.id, sale.order.code, {
        ...fiveStars,
        photoIds,
      })
    expect(write([theirs])).toEqual({ ok: false, reason: 'bad_photos' })
    expect(write(mine)).toEqual({ ok: false, reason: 'bad_photos' })
    // The same bytes uploaded by the buyer too (a forwarded photo): stored once, theirs as well.
    expect(image(sale.buyer.id, 'a')).toBe(theirs)
    expect(write([theirs, ...mine.slice(0, 3)])).toMatchObject({ ok: true })
  })
})

describe('double-blind publication', () => {
  it('keeps the first review unpublished until the other side writes, then publishes both', async () => {
    const sale = await seedCompletedSale(market)
    const first = writeReview(market.db, market.clock, sale.buyer.id, sale.order.code, fiveStars)
    expect(first).toMatchObject({ ok: true, published: false, review: { publishedAt: null } })
    expect(ratings(sale)).toEqual({ store: [0, 0], listing: [0, 0] })

    market.clock.advance(HOUR)
    const second = writeReview(market.db, market.clock, sale.seller.owner.id, sale.order.code, {
      ...fiveStars,
      stars: 4,
      recommend: null,
    })
    expect(second).toMatchObject({ ok: true, published: true })
    // Only the review of the store counts in ratings, for the store and what was ordered.
    expect(ratings(sale)).toEqual({ store: [1, 5], listing: [1, 5] })
  })

  it('publishes a lone review when the window closes, once', async () => {
    const sale = await seedCompletedSale(market)
    writeReview(market.db, market.clock, sale.buyer.id, sale.order.code, fiveStars)
    market.clock.advance(REVIEW_WINDOW - HOUR)
    expect(publishDueReviews(market.db, market.clock)).toBe(0)
    market.clock.advance(HOUR)
    expect(publishDueReviews(market.db, market.clock)).toBe(1)
    expect(publishDueReviews(market.db, market.clock)).toBe(0)
    expect(ratings(sale)).toEqual({ store: [1, 5], listing: [1, 5] })
  })
})

describe('editing a review', () => {
  it('is free before publication, marked for 48 hours after, then closed', async () => {
    const sale = await seedCompletedSale(market)
    const written = writeReview(market.db, market.clock, sale.buyer.id, sale.order.code, fiveStars)
    if (!written.ok) throw new Error('the review was refused')
    const edit = (stars: number, memberId = sale.buyer.id) =>
      editReview(market.db, market.clock, memberId, written.review.id, { ...fiveStars, stars })
    expect(edit(3)).toMatchObject({ ok: true, review: { stars: 3, editedAt: null } })
    expect(edit(2, sale.seller.owner.id)).toEqual({ ok: false, reason: 'not_found' })

    market.clock.advance(REVIEW_WINDOW)
    publishDueReviews(market.db, market.clock)
    expect(ratings(sale).store).toEqual([1, 3])
    market.clock.advance(HOUR)
    expect(edit(4)).toMatchObject({ ok: true, review: { stars: 4, editedAt: market.clock.now() } })
    expect(ratings(sale)).toEqual({ store: [1, 4], listing: [1, 4] })
    market.clock.advance(EDIT_WINDOW)
    expect(edit(1)).toEqual({ ok: false, reason: 'too_late' })
    expect(ratings(sale).store).toEqual([1, 4])
  })
})

describe('weightedRating', () => {
  it('pulls few reviews towards the market mean, many hardly at all', () => {
    expect(weightedRating(0, 0, 4.2)).toBeCloseTo(4.2)
    expect(weightedRating(5, 1, 4)).toBeCloseTo((PRIOR_WEIGHT * 4 + 5) / (PRIOR_WEIGHT + 1))
    const oneFive = weightedRating(5, 1, 4)
    const fortyAtFourEight = weightedRating(4.8 * 40, 40, 4)
    expect(fortyAtFourEight).toBeGreaterThan(oneFive)
  })
})

// Long windows are measured from completion, never from the review: a day's slack changes nothing.
it('measures the window from completion', async () => {
  const sale = await seedCompletedSale(market)
  market.clock.advance(REVIEW_WINDOW - DAY)
  expect(
    writeReview(market.db, market.clock, sale.buyer.id, sale.order.code, fiveStars),
  ).toMatchObject({ ok: true })
})
