// Empty lists that lead somewhere: each says what is missing, in a sentence why, and offers the
// one step on from there (views/components/empty-state.tsx), never a word about the roadmap.
import { afterEach, describe, expect, it } from 'vitest'
import { stores } from '../../db/schema'
import { createMember, createOpenMarket, createProvider, page, type TestMarket } from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

/** The empty state's title and the address of its way on. */
async function emptyState(path: string, cookie: string) {
  const response = await market.get(path, { cookie })
  expect(response.status, path).toBe(200)
  const document = await page(response)
  const empty = document.querySelector('.empty')
  return {
    title: empty?.querySelector('.empty__title')?.textContent,
    next: [...(empty?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href')),
  }
}

describe('empty states', () => {
  it('GET /orders leads a buyer without orders to the market', async () => {
    market = await createOpenMarket()
    await createMember(market, { email: 'buyer@example.com' })
    const cookie = await market.signIn('buyer@example.com')
    expect(await emptyState('/orders', cookie)).toEqual({ title: 'No orders yet', next: ['/'] })
  })

  it('GET /sales leads a provider without orders to share their storefront or list more', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const slug = market.db.select().from(stores).get()!.slug
    expect(await emptyState('/sales', cookie)).toEqual({
      title: 'No orders yet',
      next: ['/listings/new', `/stores/${slug}`],
    })
  })

  it('GET /cart leads to the market', async () => {
    market = await createOpenMarket()
    await createMember(market, { email: 'buyer@example.com' })
    const cookie = await market.signIn('buyer@example.com')
    expect(await emptyState('/cart', cookie)).toEqual({ title: 'Your cart is empty', next: ['/'] })
  })

  it('GET /coupons leads to the form for a first coupon', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const document = await page(await market.get('/coupons', { cookie }))
    expect(await emptyState('/coupons', cookie)).toEqual({
      title: 'No coupons yet',
      next: ['#new-coupon-heading'],
    })
    expect(document.getElementById('new-coupon-heading')).not.toBeNull()
  })

  it('GET /stores/:slug/balance leads a new store to its sales', async () => {
    market = await createOpenMarket()
    const { cookie } = await createProvider(market)
    const slug = market.db.select().from(stores).get()!.slug
    expect(await emptyState(`/stores/${slug}/balance`, cookie)).toEqual({
      title: 'No payments yet',
      next: ['/sales'],
    })
  })
})
