import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import {
  cartLines,
  conversations,
  coupons,
  favourites,
  ledgerEntries,
  listings,
  mailOptOuts,
  members,
  messages,
  notifications,
  orders,
  proposals,
  reviews,
  serviceRequests,
  sessions,
  signIns,
} from '../../db/schema'
import { seedOrder, seedTrader } from '../test/accounts'
import { createOpenMarket, PASSWORD, type TestMarket } from '../test/app'
import { postTestRequest, proposeOn } from '../test/requests'
import { seedCompletedSale } from '../test/reviews'
import { deleteAccount, deletionBlockers, FORMER_MEMBER_NAME } from './account-deletion'
import { findParty } from './conversation'
import { ledgerBalances, recordPayout } from './ledger'
import { findMemberByEmail, signInMember, signUpMember } from './member'
import { findMemberProfile } from './member-profile'
import { writeReview } from './review'
import { orderReviews } from './review/order-reviews'
import { findPublicStore } from './store'
import { createSession } from './session'

let market: TestMarket
afterEach(() => market.cleanup())

/** Rows of the member's in one of the tables keyed by member_id. */
function rowsOf(
  table:
    | typeof sessions
    | typeof signIns
    | typeof mailOptOuts
    | typeof cartLines
    | typeof favourites
    | typeof notifications,
  memberId: number,
) {
  return market.db.select().from(table).where(eq(table.memberId, memberId)).all().length
}

/** Where the member's requests come from (password checks are throttled per address too). */
const ADDRESS = '203.0.113.5'

describe('deleteAccount', () => {
  it('removes the person and keeps the books', async () => {
    market = await createOpenMarket()
    const { fatou, lamin } = await seedTrader(market)
    createSession(market.db, market.clock, fatou.owner.id, 'Firefox')
    const email = fatou.owner.email
    const ordersBefore = market.db.select().from(orders).all()
    const entriesBefore = market.db.select().from(ledgerEntries).all()
    const booksBefore = ledgerBalances(market.db)

    const result = await deleteAccount(market.db, market.clock, fatou.owner, {
      password: PASSWORD,
      address: ADDRESS,
    })

    expect(result).toEqual({ ok: true })
    const member = market.db.select().from(members).where(eq(members.id, fatou.owner.id)).get()!
    expect(member).toMatchObject({
      email: `deleted-${fatou.owner.id}@deleted.invalid`,
      displayName: FORMER_MEMBER_NAME,
      totpKey: null,
      totpPendingKey: null,
    })
    expect(member.passwordHash).not.toMatch(/^\$argon2/)
    expect(member.deletedAt).toEqual(market.clock.now())
    expect(member.unsubscribeToken).not.toBe(fatou.owner.unsubscribeToken)
    // Personal rows are gone.
    const id = fatou.owner.id
    expect(rowsOf(sessions, id)).toBe(0)
    expect(rowsOf(signIns, id)).toBe(0)
    expect(rowsOf(mailOptOuts, id)).toBe(0)
    expect(rowsOf(cartLines, id)).toBe(0)
    expect(rowsOf(favourites, id)).toBe(0)
    expect(rowsOf(notifications, id)).toBe(0)
    // The books are whole: every order and every ledger entry, still balanced.
    expect(market.db.select().from(orders).all()).toHaveLength(ordersBefore.length)
    expect(market.db.select().from(ledgerEntries).all()).toEqual(entriesBefore)
    expect(ledgerBalances(market.db)).toEqual(booksBefore)
    expect(Object.values(ledgerBalances(market.db)).reduce((a, b) => a + b, 0)).toBe(0)
    // Their orders as buyer keep what was bought, not where they live.
    const bought = market.db.select().from(orders).where(eq(orders.buyerId, id)).get()!
    expect(bought).toMatchObject({ status: 'completed', address: '', contactPhone: '' })
    // Lamin still has the conversation, with "Former member" on the other side.
    expect(market.db.select().from(conversations).all()).toHaveLength(1)
    expect(market.db.select().from(messages).all()).toHaveLength(1)
    expect(findParty(market.db, id)).toMatchObject({ name: FORMER_MEMBER_NAME, storeSlug: null })
    expect(findParty(market.db, lamin.owner.id)?.name).toBe('Lamin Plumbing')
    // The old address is free again, and the old password opens nothing.
    expect(findMemberByEmail(market.db, email)).toBeUndefined()
    const again = await signInMember(market.db, market.clock, {
      email,
      password: PASSWORD,
      address: '203.0.113.9',
    })
    expect(again).toEqual({ ok: false, reason: 'wrong_credentials' })
    const deletedAddress = await signInMember(market.db, market.clock, {
      email: member.email,
      password: PASSWORD,
      address: '203.0.113.9',
    })
    expect(deletedAddress).toEqual({ ok: false, reason: 'wrong_credentials' })
    const signUp = await signUpMember(
      market.db,
      market.clock,
      {
        email,
        displayName: 'Fatou again',
        password: PASSWORD,
      },
      { emailVerified: true },
    )
    expect(signUp.ok).toBe(true)
  })

  it('closes the storefront: listings archived and out of search, page gone, coupons retired', async () => {
    market = await createOpenMarket()
    const { fatou } = await seedTrader(market)
    market.db
      .insert(coupons)
      .values({ code: 'FATOU10', storeId: fatou.store.id, kind: 'percent', value: 10 })
      .run()
    const indexed = () =>
      market.db.$client
        .prepare(`SELECT count(*) AS n FROM listing_search WHERE listing_search MATCH 'wedding'`)
        .get() as { n: number }
    expect(indexed().n).toBe(1)

    await deleteAccount(market.db, market.clock, fatou.owner, {
      password: PASSWORD,
      address: ADDRESS,
    })

    const own = market.db.select().from(listings).where(eq(listings.storeId, fatou.store.id)).all()
    expect(own.map((listing) => listing.status)).toEqual(['archived'])
    expect(indexed().n).toBe(0)
    expect(findPublicStore(market.db, fatou.store.slug)).toBeUndefined()
    expect(market.db.select().from(coupons).get()?.retiredAt).toEqual(market.clock.now())
  })

  it('withdraws their open requests and their store’s standing proposals', async () => {
    market = await createOpenMarket()
    const { fatou, lamin } = await seedTrader(market)
    const own = postTestRequest(market, fatou.owner, { title: 'Hem six curtains' })
    const theirs = postTestRequest(market, lamin.owner, { title: 'Mend a torn sofa cover' })
    proposeOn(market, fatou, theirs.code)

    await deleteAccount(market.db, market.clock, fatou.owner, {
      password: PASSWORD,
      address: ADDRESS,
    })

    const statuses = market.db.select().from(serviceRequests).orderBy(serviceRequests.id).all()
    expect(statuses.map((request) => [request.title, request.status])).toEqual([
      ['Hem six curtains', 'withdrawn'],
      ['Mend a torn sofa cover', 'open'],
    ])
    expect(own.code).not.toBe(theirs.code)
    expect(market.db.select().from(proposals).get()?.status).toBe('withdrawn')
  })

  it('refuses a wrong password and changes nothing', async () => {
    market = await createOpenMarket()
    const { fatou } = await seedTrader(market)
    const before = market.db.select().from(members).where(eq(members.id, fatou.owner.id)).get()

    const result = await deleteAccount(market.db, market.clock, fatou.owner, {
      password: 'not my password',
      address: ADDRESS,
    })

    expect(result).toEqual({ ok: false, reason: 'wrong_password' })
    expect(market.db.select().from(members).where(eq(members.id, fatou.owner.id)).get()).toEqual(
      before,
    )
    expect(rowsOf(favourites, fatou.owner.id)).toBe(1)
  })

  it.each([
    ['buyer', 'accepted'],
    ['seller', 'placed'],
    ['seller', 'disputed'],
  ] as const)('refuses while an order is open (as %s, %s)', async (as, status) => {
    market = await createOpenMarket()
    const { fatou, lamin } = await seedTrader(market)
    const open = seedOrder(
      market,
      as === 'buyer'
        ? { buyerId: fatou.owner.id, storeId: lamin.store.id, status }
        : { buyerId: lamin.owner.id, storeId: fatou.store.id, status },
    )

    const result = await deleteAccount(market.db, market.clock, fatou.owner, {
      password: PASSWORD,
      address: ADDRESS,
    })

    expect(result).toMatchObject({
      ok: false,
      reason: 'unfinished',
      blockers: { openOrders: [{ code: open.code, status, as }] },
    })
    expect(
      market.db.select().from(members).where(eq(members.id, fatou.owner.id)).get()?.deletedAt,
    ).toBeNull()
  })

  it('refuses while the market still owes the store money, and not once it is paid out', async () => {
    market = await createOpenMarket()
    const { fatou, lamin } = await seedTrader(market)
    seedOrder(market, { buyerId: lamin.owner.id, storeId: fatou.store.id, status: 'completed' })
    const owed = deletionBlockers(market.db, fatou.owner).owed
    expect(owed).toBeGreaterThan(0)
    expect(
      await deleteAccount(market.db, market.clock, fatou.owner, {
        password: PASSWORD,
        address: ADDRESS,
      }),
    ).toMatchObject({
      reason: 'unfinished',
      blockers: { openOrders: [], owed },
    })

    const operator = findMemberByEmail(market.db, 'awa@example.com')!
    recordPayout(market.db, operator, fatou.store.id, owed, 'Cash, receipt 2', market.clock.now())
    expect(
      await deleteAccount(market.db, market.clock, fatou.owner, {
        password: PASSWORD,
        address: ADDRESS,
      }),
    ).toEqual({
      ok: true,
    })
  })

  it("refuses the market's only operator", async () => {
    market = await createOpenMarket()
    const awa = findMemberByEmail(market.db, 'awa@example.com')!
    expect(
      await deleteAccount(market.db, market.clock, awa, { password: PASSWORD, address: ADDRESS }),
    ).toMatchObject({
      reason: 'unfinished',
      blockers: { lastOperator: true },
    })
  })

  it('keeps the reviews they wrote and those of them, theirs under "Former member"', async () => {
    market = await createOpenMarket()
    const sale = await seedCompletedSale(market)
    for (const memberId of [sale.buyer.id, sale.seller.owner.id])
      writeReview(market.db, market.clock, memberId, sale.order.code, {
        stars: 5,
        title: '',
        body: 'Good to deal with.',
        recommend: null,
        photoIds: [],
      })
    const before = market.db.select().from(reviews).all()

    const result = await deleteAccount(market.db, market.clock, sale.buyer, {
      password: PASSWORD,
      address: ADDRESS,
    })
    expect(result).toEqual({ ok: true })
    expect(market.db.select().from(reviews).all()).toEqual(before)
    const seen = orderReviews(
      market.db,
      { order: sale.order, roles: ['provider'], memberId: sale.seller.owner.id, booking: null },
      market.clock.now(),
    )
    expect(seen.published.map((review) => review.authorName)).toEqual([
      FORMER_MEMBER_NAME,
      'Lamin Plumbing',
    ])
    expect(findMemberProfile(market.db, sale.buyer.id)).toBeUndefined()
  })
})
