import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listings, reviewReports, reviews, stores } from '../../../db/schema'
import { listingPath } from '../../models/listing'
import { reportReview } from '../../models/review/reports'
import { cookiesFrom, createMember, createOpenMarket, page, type TestMarket } from '../../test/app'
import { publishReview, seedReviewedOrder } from '../../test/published-reviews'
import { seedCompletedSale } from '../../test/reviews'

let market: TestMarket
beforeEach(async () => {
  market = await createOpenMarket()
})
afterEach(() => market.cleanup())

const OPERATOR = 'awa@example.com'

/** A published 1-star review of the sale's store, reported by a neighbour. */
async function reportedReview() {
  const sale = await seedCompletedSale(market)
  const review = publishReview(market, sale, { stars: 1, title: 'Thieves', body: 'Awful people' })
  await seedReviewedOrder(market, sale, { stars: 5 })
  const neighbour = await createMember(market, { displayName: 'Binta Touray' })
  reportReview(market.db, market.clock, neighbour.id, review.id, 'Calls them thieves.')
  return { sale, review }
}

function ratingsOf(sale: Awaited<ReturnType<typeof seedCompletedSale>>) {
  const store = market.db.select().from(stores).where(eq(stores.id, sale.seller.store.id)).get()!
  const listing = market.db.select().from(listings).where(eq(listings.id, sale.listing.id)).get()!
  return [store.ratingCount, store.ratingSum, listing.ratingCount, listing.ratingSum]
}

describe('GET /admin/reviews', () => {
  it('is not there for members who are not operators, nor for visitors', async () => {
    await reportedReview()
    const member = await createMember(market)
    const cookie = await market.signIn(member.email)
    expect((await market.get('/admin/reviews', { cookie })).status).toBe(404)
    const visitor = await market.get('/admin/reviews')
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('Location')).toContain('/sign-in')
    const { review } = await reportedReview()
    for (const action of ['removal', 'dismissal'])
      expect(
        (await market.post(`/admin/reviews/${review.id}/${action}`, { note: 'x' }, { cookie }))
          .status,
      ).toBe(404)
    expect(market.db.select().from(reviews).where(eq(reviews.id, review.id)).get()?.hiddenAt).toBe(
      null,
    )
  })

  it('lists each reported review with its reports, and says when there are none', async () => {
    const operator = await market.signIn(OPERATOR)
    const empty = await page(await market.get('/admin/reviews', { cookie: operator }))
    expect(empty.querySelector('.empty')?.textContent).toContain('No reports waiting')
    const { review } = await reportedReview()
    const document = await page(await market.get('/admin/reviews', { cookie: operator }))
    const item = document.getElementById(`reported-${review.id}`)!
    expect(item.textContent).toContain('A review of Lamin Plumbing')
    expect(item.textContent).toContain('Awful people')
    expect(item.textContent).toContain('Calls them thieves.')
    expect(item.textContent).toContain('Binta Touray')
    expect(item.querySelector('button.button--danger')?.textContent).toBe('Hide (abusive)')
  })
})

describe('POST /admin/reviews/:reviewId/removal', () => {
  it('hides the review with a note, out of the store’s and listing’s ratings, reports upheld', async () => {
    const { sale, review } = await reportedReview()
    expect(ratingsOf(sale)).toEqual([2, 6, 2, 6])
    const operator = await market.signIn(OPERATOR)
    const hidden = await market.post(
      `/admin/reviews/${review.id}/removal`,
      { note: 'Insults are not reviews.' },
      { cookie: operator },
    )
    expect(hidden.status).toBe(303)
    expect(hidden.headers.get('Location')).toBe('/admin/reviews')
    const after = await page(
      await market.get('/admin/reviews', { cookie: `${operator}; ${cookiesFrom(hidden)}` }),
    )
    expect(after.querySelector('.flash')?.textContent).toContain('The review is hidden')
    expect(after.getElementById(`reported-${review.id}`)).toBeNull()
    expect(ratingsOf(sale)).toEqual([1, 5, 1, 5])
    expect(market.db.select().from(reviewReports).get()?.resolution).toBe('upheld')
    const listing = await page(await market.get(listingPath(sale.listing)))
    expect(listing.getElementById(`review-${review.id}`)?.textContent).toContain(
      'This review was removed by the market: Insults are not reviews.',
    )
    expect(listing.body.textContent).not.toContain('Awful people')
    expect(listing.querySelector('.listing__rating .rating')?.getAttribute('aria-label')).toBe(
      '5.0 out of 5, 1 review',
    )
  })

  it('asks for the note (422) and changes nothing without it', async () => {
    const { sale, review } = await reportedReview()
    const operator = await market.signIn(OPERATOR)
    const refused = await market.post(
      `/admin/reviews/${review.id}/removal`,
      { note: ' ' },
      { cookie: operator },
    )
    expect(refused.status).toBe(422)
    expect((await page(refused)).getElementById(`note-${review.id}-error`)?.textContent).toBe(
      'Write the note buyers will read in the review’s place.',
    )
    expect(ratingsOf(sale)).toEqual([2, 6, 2, 6])
    expect(market.db.select().from(reviewReports).get()?.resolvedAt).toBe(null)
  })
})

describe('POST /admin/reviews/:reviewId/dismissal', () => {
  it('keeps the review and closes its reports', async () => {
    const { sale, review } = await reportedReview()
    const operator = await market.signIn(OPERATOR)
    const kept = await market.post(
      `/admin/reviews/${review.id}/dismissal`,
      {},
      { cookie: operator },
    )
    expect(kept.status).toBe(303)
    expect(market.db.select().from(reviewReports).get()?.resolution).toBe('dismissed')
    expect(ratingsOf(sale)).toEqual([2, 6, 2, 6])
    const again = await market.post(
      `/admin/reviews/${review.id}/dismissal`,
      {},
      { cookie: operator },
    )
    const document = await page(
      await market.get('/admin/reviews', { cookie: `${operator}; ${cookiesFrom(again)}` }),
    )
    expect(document.querySelector('.flash--alert')?.textContent).toBe(
      'No report of that review is open.',
    )
  })
})
