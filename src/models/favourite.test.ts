import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { favourites, members } from '../../db/schema'
import { MINUTE } from '../lib/clock'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { seedListing, seedStore, type TestStore } from '../test/listings'
import { listFavourites, removeFavourite, saveFavourite, savedListingIds } from './favourite'
import { changeListingStatus } from './listing/publication'

let market: TestMarket
afterEach(() => market.cleanup())

type Member = Awaited<ReturnType<typeof createMember>>

/** A storefront with its owner; its listings are made with `product(shop, title)`. */
async function provider() {
  return seedStore(market, { name: 'Honey and Soap' })
}

function product(shop: TestStore, title: string): number {
  return seedListing(market.db, market, shop, {
    title,
    kind: 'product',
    categoryId: 127,
    price: 5000,
    stock: 3,
  }).id
}

/** Saves each in turn, a minute apart, so "newest saved" has an order. */
function saveInTurn(member: Member, ids: number[]) {
  for (const id of ids) {
    expect(saveFavourite(market.db, market.clock, member, id).ok).toBe(true)
    market.clock.advance(MINUTE)
  }
}

const titles = (result: ReturnType<typeof listFavourites>) => result.listings.map((l) => l.title)

describe('listFavourites', () => {
  it('lists the newest saved first, as cards, a page at a time', async () => {
    market = await createOpenMarket()
    const shop = await provider()
    const [honey, jam, soap] = [product(shop, 'Honey'), product(shop, 'Jam'), product(shop, 'Soap')]
    const buyer = await createMember(market)
    saveInTurn(buyer, [jam!, honey!, soap!])
    // Saving again keeps its place: it is not "newer" for being tapped twice.
    saveInTurn(buyer, [jam!])

    const first = listFavourites(market.db, buyer, { number: 1, size: 2 })
    expect(titles(first)).toEqual(['Soap', 'Honey'])
    expect(first.total).toBe(3)
    expect(first.page).toMatchObject({ number: 1, totalPages: 2 })
    expect(first.listings[0]).toMatchObject({ storeName: 'Honey and Soap' })
    expect(titles(listFavourites(market.db, buyer, { number: 2, size: 2 }))).toEqual(['Jam'])
    // Past the end: the last page.
    const past = listFavourites(market.db, buyer, { number: 9, size: 2 })
    expect(past.page.number).toBe(2)
    expect(titles(past)).toEqual(['Jam'])
  })

  it('leaves out paused and archived listings, but keeps them saved: resumed, it is back', async () => {
    market = await createOpenMarket()
    const shop = await provider()
    const [honey, jam] = [product(shop, 'Honey'), product(shop, 'Jam')]
    const buyer = await createMember(market)
    saveInTurn(buyer, [honey!, jam!])
    changeListingStatus(market.db, market.clock, shop.owner, honey!, 'pause')
    changeListingStatus(market.db, market.clock, shop.owner, jam!, 'archive')
    const hidden = listFavourites(market.db, buyer, { number: 1, size: 10 })
    expect(hidden.listings).toEqual([])
    expect(hidden.total).toBe(0)
    expect(savedListingIds(market.db, buyer, [honey!, jam!])).toEqual(new Set([honey, jam]))

    changeListingStatus(market.db, market.clock, shop.owner, honey!, 'publish')
    expect(titles(listFavourites(market.db, buyer, { number: 1, size: 10 }))).toEqual(['Honey'])
  })

  it('is empty for a member who saved nothing', async () => {
    market = await createOpenMarket()
    const buyer = await createMember(market)
    expect(listFavourites(market.db, buyer, { number: 1, size: 24 })).toMatchObject({
      listings: [],
      total: 0,
      page: { number: 1, totalPages: 1 },
    })
  })
})

describe('savedListingIds', () => {
  it("answers for the member's own favourites only", async () => {
    market = await createOpenMarket()
    const shop = await provider()
    const [honey, jam, soap] = [product(shop, 'Honey'), product(shop, 'Jam'), product(shop, 'Soap')]
    const binta = await createMember(market)
    const musa = await createMember(market)
    saveInTurn(binta, [honey!, soap!])
    saveInTurn(musa, [jam!])
    expect(savedListingIds(market.db, binta, [honey!, jam!, soap!])).toEqual(new Set([honey, soap]))
    expect(savedListingIds(market.db, musa, [honey!, jam!])).toEqual(new Set([jam]))
    expect(savedListingIds(market.db, musa, [])).toEqual(new Set())
  })
})

describe('saveFavourite and removeFavourite', () => {
  it('are idempotent, and a removed member takes their favourites along', async () => {
    market = await createOpenMarket()
    const shop = await provider()
    const honey = product(shop, 'Honey')
    const buyer = await createMember(market)
    expect(saveFavourite(market.db, market.clock, buyer, honey)).toMatchObject({ ok: true })
    expect(saveFavourite(market.db, market.clock, buyer, honey)).toMatchObject({ ok: true })
    expect(market.db.select().from(favourites).all()).toHaveLength(1)
    expect(removeFavourite(market.db, buyer, honey)).toMatchObject({
      ok: true,
      listing: { id: honey, title: 'Honey' },
    })
    expect(removeFavourite(market.db, buyer, honey)).toMatchObject({ ok: true })
    expect(removeFavourite(market.db, buyer, 424242)).toEqual({ ok: false, reason: 'not_found' })

    saveFavourite(market.db, market.clock, buyer, honey)
    market.db.delete(members).where(eq(members.id, buyer.id)).run()
    expect(market.db.select().from(favourites).all()).toEqual([])
  })
})
