import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { members } from '../../db/schema'
import { HOUR } from '../lib/clock'
import { writeReview, type ReviewInput } from '../models/review'
import { seedOrder } from '../test/accounts'
import { createMember, createOpenMarket, page, type TestMarket } from '../test/app'
import { seedCompletedSale } from '../test/reviews'

let market: TestMarket
let sale: Awaited<ReturnType<typeof seedCompletedSale>>
let viewer: string
afterEach(() => market.cleanup())
beforeEach(async () => {
  market = await createOpenMarket()
  sale = await seedCompletedSale(market)
  viewer = await market.signIn((await createMember(market)).email)
})

const said = (stars: number, body: string): ReviewInput => ({
  stars,
  title: '',
  body,
  recommend: true,
  photoIds: [],
})
const write = (memberId: number, code: string, input: ReviewInput) => {
  const result = writeReview(market.db, market.clock, memberId, code, input)
  if (!result.ok) throw new Error(result.reason)
  return result.review
}

describe('GET /members/:id', () => {
  it("shows a buyer's name, since when, and the published reviews stores wrote of them", async () => {
    // Reviewed by Lamin Plumbing, published (both sides wrote); and by a second store, waiting.
    write(sale.seller.owner.id, sale.order.code, said(4, 'Clear about the job, paid at once.'))
    write(sale.buyer.id, sale.order.code, said(5, 'Came on time.'))
    const second = await seedCompletedSale(market, 'Fatou Tailoring')
    const another = seedOrder(market, {
      buyerId: sale.buyer.id,
      storeId: second.seller.store.id,
      status: 'completed',
      completedAt: market.clock.now(),
    })
    market.clock.advance(HOUR)
    write(second.seller.owner.id, another.code, said(1, 'Never came to collect.'))

    const response = await market.get(`/members/${sale.buyer.id}`, { cookie: viewer })
    expect(response.status).toBe(200)
    const profile = await page(response)
    expect(profile.querySelector('h1')?.textContent).toBe('Isatou Bah')
    expect(profile.body.textContent).toContain('Member since November 2026')
    const section = profile.querySelector('[aria-labelledby="member-reviews"]')!
    expect(section.querySelector('.rating')?.getAttribute('aria-label')).toBe(
      '4.0 out of 5, 1 review',
    )
    expect(section.textContent).toContain('Clear about the job, paid at once.')
    expect(section.querySelector('h3')?.textContent).toBe('Lamin Plumbing’s review')
    expect(section.querySelector('.review a')?.getAttribute('href')).toBe(
      `/stores/${sale.seller.store.slug}`,
    )
    // Unpublished (double-blind), and the buyer's own review of the store, are not about them.
    expect(section.textContent).not.toContain('Never came to collect.')
    expect(section.textContent).not.toContain('Came on time.')
  })

  it('links a storefront, and says when there are no reviews yet', async () => {
    const profile = await page(
      await market.get(`/members/${sale.seller.owner.id}`, { cookie: viewer }),
    )
    expect(profile.querySelector(`a[href="/stores/${sale.seller.store.slug}"]`)?.textContent).toBe(
      'Lamin Plumbing',
    )
    expect(profile.body.textContent).toContain('No reviews yet')
  })

  it('is 404 for a deleted member or nobody, and asks a visitor to sign in', async () => {
    market.db
      .update(members)
      .set({ deletedAt: market.clock.now(), displayName: 'Former member' })
      .where(eq(members.id, sale.buyer.id))
      .run()
    expect((await market.get(`/members/${sale.buyer.id}`, { cookie: viewer })).status).toBe(404)
    expect((await market.get('/members/999999', { cookie: viewer })).status).toBe(404)
    expect((await market.get('/members/abc', { cookie: viewer })).status).toBe(404)
    const visitor = await market.get(`/members/${sale.seller.owner.id}`)
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('Location')).toMatch(/^\/sign-in/)
  })

  it("is linked from the order page for the store, and from a conversation's header", async () => {
    const provider = await market.signIn(sale.seller.owner.email)
    const order = await page(await market.get(`/orders/${sale.order.code}`, { cookie: provider }))
    expect(order.querySelector(`a[href="/members/${sale.buyer.id}"]`)?.textContent).toBe(
      'Isatou Bah',
    )
    const started = await market.post(
      '/conversations',
      { to: String(sale.buyer.id), body: 'Thanks for your order!' },
      { cookie: provider },
    )
    const conversation = await page(
      await market.get(started.headers.get('Location')!.split('#')[0]!, { cookie: provider }),
    )
    expect(conversation.querySelector(`h1 a[href="/members/${sale.buyer.id}"]`)).not.toBeNull()
  })
})
