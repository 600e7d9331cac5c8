import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HOUR } from '../../lib/clock'
import { createOpenMarket, type TestMarket } from '../../test/app'
import { seedListing } from '../../test/listings'
import { publishReview, seedReviewedOrder } from '../../test/published-reviews'
import { seedCompletedSale } from '../../test/reviews'
import { seedOrder } from '../../test/accounts'
import { writeReview } from '../review'
import { listReviews, listReviewsAwaitingReply, readReviewSort, REVIEWS_PAGE_SIZE } from './reading'
import { replyToReview } from './replies'
import { hideReview, reportReview } from './reports'
import { voteHelpful } from './votes'

let market: TestMarket
beforeEach(async () => {
  market = await createOpenMarket()
})
afterEach(() => market.cleanup())

type Sale = Awaited<ReturnType<typeof seedCompletedSale>>

function list(
  sale: Sale,
  options: Partial<Parameters<typeof listReviews>[2]> = {},
  listing = false,
) {
  return listReviews(
    market.db,
    { storeId: sale.seller.store.id, listingId: listing ? sale.listing.id : undefined },
    { sort: 'newest', page: 1, viewerId: null, ...options },
  )
}

const titles = (page: ReturnType<typeof listReviews>) => page.reviews.map((review) => review.title)

describe('listReviews', () => {
  it('shows published reviews of the store only: never one waiting for the other side, nor the store’s review of a buyer', async () => {
    const sale = await seedCompletedSale(market)
    // Only the buyer has written: double-blind keeps it from everyone but its author.
    writeReview(market.db, market.clock, sale.buyer.id, sale.order.code, {
      stars: 1,
      title: 'Waiting',
      body: '',
      recommend: false,
      photoIds: [],
    })
    expect(list(sale).total).toBe(0)
    expect(list(sale, { viewerId: sale.seller.owner.id }).reviews).toEqual([])
    expect(list(sale).summary.count).toBe(0)
    // The store writes its side: both publish, and only the buyer's review of the store shows.
    writeReview(market.db, market.clock, sale.seller.owner.id, sale.order.code, {
      stars: 2,
      title: 'Of the buyer',
      body: '',
      recommend: null,
      photoIds: [],
    })
    expect(titles(list(sale))).toEqual(['Waiting'])
  })

  it('on a listing, shows only reviews of orders that included it', async () => {
    const sale = await seedCompletedSale(market)
    publishReview(market, sale, { title: 'The tap' })
    const other = seedListing(market.db, market, sale.seller, { title: 'Boiler service' })
    await seedReviewedOrder(
      market,
      { seller: sale.seller, listing: other },
      { title: 'The boiler' },
    )
    expect(titles(list(sale, {}, true))).toEqual(['The tap'])
    expect(titles(list(sale)).sort()).toEqual(['The boiler', 'The tap'])
  })

  it('says who wrote it by first name, what was ordered, and whether it was edited', async () => {
    const sale = await seedCompletedSale(market)
    publishReview(market, sale)
    const [review] = list(sale).reviews
    expect(review).toMatchObject({
      authorName: 'Isatou',
      ordered: ['Leaking tap repair'],
      editedAt: null,
      reply: null,
      votedByViewer: false,
    })
  })

  it('sums up stars, the bars for 5…1 and how many would recommend', async () => {
    const sale = await seedCompletedSale(market)
    publishReview(market, sale, { stars: 5, recommend: true })
    await seedReviewedOrder(market, sale, { stars: 4, recommend: true })
    await seedReviewedOrder(market, sale, { stars: 1, recommend: false })
    const { summary } = list(sale)
    expect(summary.count).toBe(3)
    expect(summary.average).toBeCloseTo(10 / 3)
    expect(summary.distribution).toEqual([
      { stars: 5, count: 1 },
      { stars: 4, count: 1 },
      { stars: 3, count: 0 },
      { stars: 2, count: 0 },
      { stars: 1, count: 1 },
    ])
    expect(summary.recommend).toEqual({ yes: 2, answered: 3 })
  })

  it('sorts newest first, most helpful first, or lowest first', async () => {
    const sale = await seedCompletedSale(market)
    publishReview(market, sale, { stars: 4, title: 'Oldest' })
    market.clock.advance(HOUR)
    const middle = await seedReviewedOrder(market, sale, { stars: 2, title: 'Middle' })
    market.clock.advance(HOUR)
    await seedReviewedOrder(market, sale, { stars: 5, title: 'Newest' })
    // Middle is voted helpful by two readers.
    const readers = [await seedReviewedOrder(market, sale), await seedReviewedOrder(market, sale)]
    for (const reader of readers)
      voteHelpful(market.db, market.clock, reader.buyer.id, middle.review.id)
    expect(titles(list(sale)).slice(0, 3)).toEqual([
      'Fixed in an hour',
      'Fixed in an hour',
      'Newest',
    ])
    expect(titles(list(sale, { sort: 'helpful' }))[0]).toBe('Middle')
    expect(titles(list(sale, { sort: 'lowest' })).slice(0, 2)).toEqual(['Middle', 'Oldest'])
  })

  it('pages ten at a time; an odd page number is the first or the last page', async () => {
    const sale = await seedCompletedSale(market)
    publishReview(market, sale, { title: 'First' })
    for (let index = 0; index < REVIEWS_PAGE_SIZE; index += 1) {
      market.clock.advance(HOUR)
      await seedReviewedOrder(market, sale, { title: `Later ${index}` })
    }
    const first = list(sale)
    expect(first.reviews).toHaveLength(REVIEWS_PAGE_SIZE)
    expect(first.page).toMatchObject({ number: 1, totalPages: 2 })
    expect(titles(list(sale, { page: 2 }))).toEqual(['First'])
    expect(list(sale, { page: 99 }).page.number).toBe(2)
  })

  it('shows a removed review as the note alone, last, out of the summary', async () => {
    const sale = await seedCompletedSale(market)
    const removed = publishReview(market, sale, { stars: 1, title: 'Rude words', body: 'Abuse' })
    market.clock.advance(HOUR)
    await seedReviewedOrder(market, sale, { stars: 4, title: 'Fair' })
    market.clock.advance(HOUR)
    hideReview(market.db, market.clock, sale.seller.owner.id, removed.id, 'Insults.')
    const page = list(sale, { sort: 'lowest' })
    expect(page.total).toBe(2)
    expect(page.summary.count).toBe(1)
    expect(page.reviews.map((review) => review.title)).toEqual(['Fair', ''])
    expect(page.reviews[1]).toMatchObject({
      hiddenNote: 'Insults.',
      body: '',
      stars: 0,
      ordered: [],
    })
  })

  it('knows which reviews the reader voted on and reported', async () => {
    const sale = await seedCompletedSale(market)
    const review = publishReview(market, sale)
    const reader = await seedReviewedOrder(market, sale, { title: 'Theirs' })
    voteHelpful(market.db, market.clock, reader.buyer.id, review.id)
    reportReview(market.db, market.clock, reader.buyer.id, review.id, 'Not about the tap')
    const mine = list(sale, { viewerId: reader.buyer.id }).reviews.find((r) => r.id === review.id)
    expect(mine).toMatchObject({ votedByViewer: true, reportedByViewer: true, helpfulCount: 1 })
    const visitor = list(sale).reviews.find((r) => r.id === review.id)
    expect(visitor).toMatchObject({ votedByViewer: false, reportedByViewer: false })
  })
})

describe('readReviewSort', () => {
  it('reads the three sorts and takes anything else as newest', () => {
    expect(readReviewSort('helpful')).toBe('helpful')
    expect(readReviewSort('lowest')).toBe('lowest')
    expect(readReviewSort('LOWEST')).toBe('newest')
    expect(readReviewSort(undefined)).toBe('newest')
  })
})

describe('listReviewsAwaitingReply', () => {
  it('counts the store’s published, visible reviews without a reply', async () => {
    const sale = await seedCompletedSale(market)
    const answered = publishReview(market, sale, { title: 'Answered' })
    await seedReviewedOrder(market, sale, { title: 'Waiting' })
    const removed = await seedReviewedOrder(market, sale, { title: 'Removed' })
    // Not yet published: the store cannot know of it, so it cannot wait for a reply.
    const buyer = await seedReviewedOrder(market, sale)
    const unpublished = seedOrder(market, {
      buyerId: buyer.buyer.id,
      storeId: sale.seller.store.id,
      status: 'completed',
      completedAt: market.clock.now(),
    })
    writeReview(market.db, market.clock, buyer.buyer.id, unpublished.code, {
      stars: 3,
      title: 'Unpublished',
      body: '',
      recommend: null,
      photoIds: [],
    })
    replyToReview(market.db, market.clock, sale.seller.owner.id, answered.id, 'Thank you!')
    hideReview(market.db, market.clock, sale.seller.owner.id, removed.review.id, 'Spam.')
    const waiting = listReviewsAwaitingReply(market.db, sale.seller.store.id, 5)
    expect(waiting.count).toBe(2)
    expect(waiting.reviews.map((review) => review.title).sort()).toEqual([
      'Fixed in an hour',
      'Waiting',
    ])
  })
})
