import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { unitsOnSale } from '../models/listing/units'
import { listNotifications, unreadNotificationCount } from '../models/notification'
import { createMember, createOpenMarket, page, type TestMarket } from '../test/app'
import { buy } from '../test/checkout'
import { seedListing, seedStore, type TestStore } from '../test/listings'

let market: TestMarket
let bakery: TestStore
let buyer: string
let provider: string
let buyerId: number
afterEach(() => market.cleanup())

beforeEach(async () => {
  market = await createOpenMarket()
  bakery = await seedStore(market, { name: 'Fatou Bakes' })
  buyerId = (await createMember(market, { displayName: 'Isatou', email: 'isatou@example.com' })).id
  buyer = await market.signIn('isatou@example.com')
  provider = await market.signIn(bakery.owner.email)
})

async function placeOrder() {
  const listing = seedListing(market.db, market, bakery, {
    title: 'Sourdough loaf',
    kind: 'product',
    price: 7500,
    stock: 5,
    pickup: true,
  })
  return buy(market, buyer, unitsOnSale(market.db, [listing.id])[0]!.id, 1, {
    'orders.0.fulfilment': 'pickup',
  })
}

const bell = async (cookie: string) =>
  (await page(await market.get('/', { cookie })))
    .getElementById('notifications-link')
    ?.getAttribute('aria-label') ?? null

describe('notifications', () => {
  it('tells the store of a new order and the buyer of each step the store takes, not the one who took it', async () => {
    const code = await placeOrder()
    expect(await bell(provider)).toBe('Notifications (1 unread)')
    expect(await bell(buyer)).toBeNull()

    await market.post(
      `/orders/${code}/steps`,
      { action: 'accept', status: 'placed' },
      { cookie: provider },
    )
    expect(await bell(buyer)).toBe('Notifications (1 unread)')

    const list = await page(await market.get('/notifications', { cookie: buyer }))
    const link = list.querySelector(`#notification-list a[href="/orders/${code}"]`)
    expect(link?.textContent).toBe(`Order ${code}: Accepted`)
  })

  it('marks a note read by opening what it is about, by its button, or all at once', async () => {
    const code = await placeOrder()
    await market.get(`/orders/${code}`, { cookie: provider })
    expect(unreadNotificationCount(market.db, bakery.owner.id)).toBe(0)

    await market.post(
      `/orders/${code}/steps`,
      { action: 'accept', status: 'placed' },
      { cookie: provider },
    )
    const [note] = listNotifications(market.db, buyerId)
    const one = await market.post(`/notifications/${note!.id}/read`, {}, { cookie: buyer })
    expect(one.status).toBe(303)
    expect(one.headers.get('Location')).toBe('/notifications')
    expect(unreadNotificationCount(market.db, buyerId)).toBe(0)

    await market.post(
      `/orders/${code}/steps`,
      { action: 'mark_ready', status: 'accepted' },
      { cookie: provider },
    )
    await market.post(
      `/orders/${code}/steps`,
      { action: 'cancel', status: 'ready_for_pickup', reason: 'Oven broke' },
      { cookie: provider },
    )
    expect(unreadNotificationCount(market.db, buyerId)).toBeGreaterThan(0)
    await market.post('/notifications/read', {}, { cookie: buyer })
    expect(unreadNotificationCount(market.db, buyerId)).toBe(0)
  })

  it('never shows or marks another member’s notes, and asks visitors to sign in', async () => {
    await placeOrder()
    const [providersNote] = listNotifications(market.db, bakery.owner.id)
    const buyersPage = await page(await market.get('/notifications', { cookie: buyer }))
    expect(buyersPage.querySelector('#notification-list')?.textContent).toContain('Nothing new')

    await market.post(`/notifications/${providersNote!.id}/read`, {}, { cookie: buyer })
    await market.post('/notifications/read', {}, { cookie: buyer })
    expect(unreadNotificationCount(market.db, bakery.owner.id)).toBe(1)

    const visitor = await market.get('/notifications')
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('Location')).toMatch(/^\/sign-in/)
    const visitorPost = await market.post('/notifications/read', {})
    expect(visitorPost.status).toBe(303)
  })
})
