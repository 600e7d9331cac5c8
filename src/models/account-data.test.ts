import { afterEach, describe, expect, it } from 'vitest'
import { members, sessions } from '../../db/schema'
import { seedTrader } from '../test/accounts'
import { postTestRequest } from '../test/requests'
import { createOpenMarket, type TestMarket } from '../test/app'
import { seedCompletedSale } from '../test/reviews'
import { accountDataFileName, collectAccountData } from './account-data'
import { writeReview } from './review'
import { createSession } from './session'

let market: TestMarket
afterEach(() => market.cleanup())

describe('collectAccountData', () => {
  it('gathers everything about the member: profile, store, orders both ways, talk and more', async () => {
    market = await createOpenMarket()
    const { fatou } = await seedTrader(market)
    createSession(
      market.db,
      market.clock,
      fatou.owner.id,
      'Mozilla/5.0 (Windows NT 10.0) Firefox/133.0',
    )
    postTestRequest(market, fatou.owner, { title: 'Hem six curtains' })
    const data = collectAccountData(market.db, market.clock, fatou.owner.id)
    expect(data.requests.map((request) => request.title)).toEqual(['Hem six curtains'])

    expect(data.profile).toMatchObject({
      email: fatou.owner.email,
      displayName: 'Fatou Tailoring owner',
    })
    expect(data.sessions).toHaveLength(1)
    expect(data.signIns).toEqual([
      expect.objectContaining({ outcome: 'signed_in', address: '203.0.113.7' }),
    ])
    expect(data.mailPreferences).toMatchObject({ messages: false, new_order: true })
    expect(data.store?.name).toBe('Fatou Tailoring')
    expect(data.store?.listings.map((listing) => listing.title)).toEqual(['Wedding dress fitting'])
    expect(data.store?.listings[0]?.units).toHaveLength(1)
    expect(data.cart).toEqual([
      expect.objectContaining({ listing: 'Leaking tap repair', quantity: 1 }),
    ])
    expect(data.favourites).toEqual([expect.objectContaining({ title: 'Leaking tap repair' })])
    expect(data.ordersAsBuyer).toHaveLength(1)
    expect(data.ordersAsBuyer[0]).toMatchObject({ store: 'Lamin Plumbing', status: 'completed' })
    expect(data.ordersAsBuyer[0]?.lines).toEqual([
      expect.objectContaining({ title: 'Leaking tap repair' }),
    ])
    expect(data.ordersAsBuyer[0]?.timeline).toEqual([expect.objectContaining({ action: 'place' })])
    expect(data.ordersAsSeller).toHaveLength(1)
    expect(data.ordersAsSeller[0]).toMatchObject({ buyer: 'Lamin Plumbing owner' })
    expect(data.conversations).toHaveLength(1)
    expect(data.conversations[0]).toMatchObject({ with: 'Lamin Plumbing owner' })
    expect(data.conversations[0]?.messages).toEqual([
      expect.objectContaining({
        from: 'Lamin Plumbing owner',
        body: 'Can you take in the waist by Friday?',
      }),
    ])
    // The note of the order, and the one of Lamin's message.
    expect(data.notifications.map((note) => note.kind)).toContain('order.placed')
    // The completed sale: paid into escrow, then released to the store (and the market's cut).
    expect(data.ledger.length).toBeGreaterThanOrEqual(3)
    expect(data.ledger.reduce((sum, entry) => sum + entry.amount, 0)).toBe(0)
  })

  it('holds no secret: no password hash, two-factor key or hash of a session secret', async () => {
    market = await createOpenMarket()
    const { fatou } = await seedTrader(market)
    createSession(market.db, market.clock, fatou.owner.id, 'Firefox')
    const member = market.db
      .select()
      .from(members)
      .all()
      .find((row) => row.id === fatou.owner.id)!
    const session = market.db.select().from(sessions).get()!
    const json = JSON.stringify(collectAccountData(market.db, market.clock, fatou.owner.id))

    expect(json).not.toMatch(/argon2/)
    expect(json).not.toContain(member.passwordHash)
    expect(json).not.toContain(member.unsubscribeToken)
    expect(json).not.toContain(session.id)
    expect(json).not.toMatch(/passwordHash|totpKey|secretHash|tokenHash|codeHash|checkoutKey/)
  })

  it("leaves out other members' data: only the other side's name", async () => {
    market = await createOpenMarket()
    const { lamin } = await seedTrader(market)
    const { fatou } = await seedTrader(market)
    const json = JSON.stringify(collectAccountData(market.db, market.clock, fatou.owner.id))

    expect(json).not.toContain(lamin.owner.email)
    expect(json).not.toContain('awa@example.com')
    const data = collectAccountData(market.db, market.clock, fatou.owner.id)
    // Two "Lamin Plumbing" stores exist; Fatou's export has only her own orders and talk.
    expect(data.ordersAsBuyer).toHaveLength(1)
    expect(data.ordersAsSeller).toHaveLength(1)
    expect(data.conversations).toHaveLength(1)
    expect(JSON.stringify(data.conversations)).not.toContain('@')
  })
})

describe('collectAccountData: reviews', () => {
  it('holds the reviews the member wrote, and those of them only once published', async () => {
    market = await createOpenMarket()
    const sale = await seedCompletedSale(market)
    const review = (memberId: number, body: string) =>
      writeReview(market.db, market.clock, memberId, sale.order.code, {
        stars: 4,
        title: '',
        body,
        recommend: null,
        photoIds: [],
      })
    const exported = (memberId: number) => collectAccountData(market.db, market.clock, memberId)

    review(sale.buyer.id, 'Fixed the tap.')
    expect(exported(sale.buyer.id).reviewsWritten).toEqual([
      expect.objectContaining({
        order: sale.order.code,
        by: 'Isatou Bah',
        about: 'Lamin Plumbing',
        body: 'Fixed the tap.',
        publishedAt: null,
      }),
    ])
    // Double-blind: the store does not find the buyer's review in its export before publication.
    expect(exported(sale.seller.owner.id).reviewsAboutMe).toEqual([])

    review(sale.seller.owner.id, 'Paid at once.')
    expect(exported(sale.seller.owner.id).reviewsAboutMe).toEqual([
      expect.objectContaining({ by: 'Isatou Bah', body: 'Fixed the tap.' }),
    ])
    expect(exported(sale.buyer.id).reviewsAboutMe).toEqual([
      expect.objectContaining({ by: 'Lamin Plumbing', about: 'Isatou Bah', body: 'Paid at once.' }),
    ])
  })
})

describe('accountDataFileName', () => {
  it("dates the file in the market's time zone", () => {
    expect(accountDataFileName(new Date('2026-12-03T23:30:00Z'), 'Africa/Banjul')).toBe(
      'souk-data-2026-12-03.json',
    )
    expect(accountDataFileName(new Date('2026-12-03T23:30:00Z'), 'Asia/Tokyo')).toBe(
      'souk-data-2026-12-04.json',
    )
  })
})
