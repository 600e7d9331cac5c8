import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { cartLines, listingUnits } from '../../db/schema'
import { MINUTE } from '../lib/clock'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { seedListing, seedJam, seedStore, type TestStore } from '../test/listings'
import {
  addToCart,
  addToVisitorCart,
  availableQuantity,
  capQuantity,
  cartCount,
  groupCart,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  mergeVisitorCart,
  readCart,
  readVisitorCart,
  removeCartUnits,
  removeFromCart,
  removeFromVisitorCart,
  setCartQuantity,
  setVisitorCartQuantity,
  type CartLine,
} from './cart'
import { changeListingStatus } from './listing/publication'
import { unitsOnSale } from './listing/units'

let market: TestMarket
afterEach(() => market?.cleanup())

/** A line as readCart makes it, for the pure rules. */
function line(fields: Partial<CartLine> & Pick<CartLine, 'unitId' | 'storeId'>): CartLine {
  const base = {
    listingId: 1,
    listingSlug: 'honey',
    listingKind: 'product' as const,
    title: 'Honey',
    unitName: '',
    unitKind: 'default' as const,
    price: 1000,
    stock: 10,
    quantity: 1,
    storeName: `Store ${fields.storeId}`,
    storeSlug: `store-${fields.storeId}`,
    onSale: true,
    bookedByTime: false,
    ...fields,
  }
  return { ...base, available: availableQuantity(base) }
}

describe('capQuantity', () => {
  it('keeps a line within the stock and the most one line may hold', () => {
    expect(capQuantity(3, 10)).toBe(3)
    expect(capQuantity(12, 10)).toBe(10)
    expect(capQuantity(5, 0)).toBe(0)
    expect(capQuantity(150, null)).toBe(MAX_LINE_QUANTITY)
    expect(capQuantity(150, 1000)).toBe(MAX_LINE_QUANTITY)
    expect(capQuantity(7, null)).toBe(7)
  })
})

describe('availableQuantity', () => {
  it('is the quantity while on sale and in stock, what is left when short, else nothing', () => {
    expect(availableQuantity({ onSale: true, stock: 10, quantity: 3 })).toBe(3)
    expect(availableQuantity({ onSale: true, stock: 2, quantity: 3 })).toBe(2)
    expect(availableQuantity({ onSale: true, stock: 0, quantity: 3 })).toBe(0)
    expect(availableQuantity({ onSale: true, stock: null, quantity: 3 })).toBe(3)
    expect(availableQuantity({ onSale: false, stock: 10, quantity: 3 })).toBe(0)
  })
})

describe('groupCart', () => {
  it('groups lines by store in the order given and adds up only what is available', () => {
    const cart = groupCart([
      line({ unitId: 1, storeId: 7, price: 1000, quantity: 2 }),
      line({ unitId: 2, storeId: 3, price: 500, quantity: 1 }),
      line({ unitId: 3, storeId: 7, price: 250, quantity: 4, stock: 1 }),
      line({ unitId: 4, storeId: 3, price: 900, quantity: 1, onSale: false }),
      line({ unitId: 5, storeId: 3, price: 800, quantity: 2, stock: 0 }),
    ])
    expect(cart.stores.map((store) => [store.storeId, store.lines.map((l) => l.unitId)])).toEqual([
      [7, [1, 3]],
      [3, [2, 4, 5]],
    ])
    expect(cart.stores.map((store) => store.subtotal)).toEqual([2000 + 250, 500])
    expect(cart.subtotal).toBe(2750)
    // The header's count: everything asked for, available or not.
    expect(cart.count).toBe(2 + 1 + 4 + 1 + 2)
  })

  it('makes an empty cart of no lines', () => {
    expect(groupCart([])).toEqual({ stores: [], count: 0, subtotal: 0 })
  })
})

/** A published product without variants, `stock` in stock; returns its one unit's id. */
function goods(shop: TestStore, title: string, stock = 5, price = 7500) {
  const listing = seedListing(market.db, market, shop, {
    title,
    kind: 'product',
    categoryId: 127,
    price,
    stock,
  })
  return { listingId: listing.id, unitId: unitsOnSale(market.db, [listing.id])[0]!.id }
}

/** A published service with one package; returns the package's unit id. */
function service(shop: TestStore, title = 'Tap repair', price = 35000) {
  const listing = seedListing(market.db, market, shop, { title, kind: 'service', price })
  return { listingId: listing.id, unitId: unitsOnSale(market.db, [listing.id])[0]!.id }
}

async function setting() {
  market = await createOpenMarket()
  const shop = await seedStore(market, { name: 'Tanji Honey' })
  const buyer = await createMember(market)
  return { shop, buyer }
}

function rows(memberId: number) {
  return market.db
    .select({ unitId: cartLines.unitId, quantity: cartLines.quantity })
    .from(cartLines)
    .where(eq(cartLines.memberId, memberId))
    .all()
}

describe('addToCart', () => {
  it('adds a unit, and more of it when added again', async () => {
    const { shop, buyer } = await setting()
    const honey = goods(shop, 'Honey', 10)
    expect(addToCart(market.db, market.clock, buyer.id, honey.unitId, 2)).toEqual({
      ok: true,
      quantity: 2,
      capped: false,
      item: { listingId: honey.listingId, listingSlug: 'honey', title: 'Honey', unitName: '' },
    })
    expect(addToCart(market.db, market.clock, buyer.id, honey.unitId, 3)).toMatchObject({
      ok: true,
      quantity: 5,
      capped: false,
    })
    expect(rows(buyer.id)).toEqual([{ unitId: honey.unitId, quantity: 5 }])
  })

  it('never holds more than the stock, and says it capped the line', async () => {
    const { shop, buyer } = await setting()
    const honey = goods(shop, 'Honey', 3)
    expect(addToCart(market.db, market.clock, buyer.id, honey.unitId, 2)).toMatchObject({
      quantity: 2,
      capped: false,
    })
    expect(addToCart(market.db, market.clock, buyer.id, honey.unitId, 2)).toMatchObject({
      ok: true,
      quantity: 3,
      capped: true,
    })
    expect(addToCart(market.db, market.clock, buyer.id, honey.unitId, 1)).toMatchObject({
      ok: true,
      quantity: 3,
      capped: true,
    })
    expect(rows(buyer.id)).toEqual([{ unitId: honey.unitId, quantity: 3 }])
  })

  it('caps a service, whose stock is not counted, at the most one line may hold', async () => {
    const { shop, buyer } = await setting()
    const tap = service(shop)
    addToCart(market.db, market.clock, buyer.id, tap.unitId, 90)
    expect(addToCart(market.db, market.clock, buyer.id, tap.unitId, 20)).toMatchObject({
      quantity: MAX_LINE_QUANTITY,
      capped: true,
    })
  })

  it('refuses what cannot be bought, changing nothing', async () => {
    const { shop, buyer } = await setting()
    const sold = goods(shop, 'Soap', 0)
    const paused = goods(shop, 'Candles')
    changeListingStatus(market.db, market.clock, shop.owner, paused.listingId, 'pause')
    const jars = seedJam(market, shop)
    const other = goods(shop, 'Honey')
    const add = (unitId: number, listingId?: number) =>
      addToCart(market.db, market.clock, buyer.id, unitId, 1, listingId)
    expect(add(sold.unitId)).toMatchObject({ ok: false, reason: 'sold_out' })
    expect(add(jars.large)).toMatchObject({ ok: false, reason: 'sold_out' })
    expect(add(paused.unitId)).toMatchObject({ ok: false, reason: 'not_on_sale' })
    expect(add(987654)).toEqual({ ok: false, reason: 'not_found' })
    // A unit of another listing than the one whose page the form was on.
    expect(add(other.unitId, jars.listingId)).toEqual({ ok: false, reason: 'not_found' })
    expect(rows(buyer.id)).toEqual([])
  })

  it('refuses a retired unit', async () => {
    const { shop, buyer } = await setting()
    const honey = goods(shop, 'Honey')
    market.db
      .update(listingUnits)
      .set({ retiredAt: market.clock.now() })
      .where(eq(listingUnits.id, honey.unitId))
      .run()
    expect(addToCart(market.db, market.clock, buyer.id, honey.unitId, 1)).toMatchObject({
      ok: false,
      reason: 'not_on_sale',
    })
  })

  it('refuses the provider’s own listing: nobody buys from themselves', async () => {
    const { shop } = await setting()
    const honey = goods(shop, 'Honey')
    expect(addToCart(market.db, market.clock, shop.owner.id, honey.unitId, 1)).toMatchObject({
      ok: false,
      reason: 'own_listing',
    })
    expect(rows(shop.owner.id)).toEqual([])
  })

  it(`holds at most ${MAX_CART_LINES} different units, more of one already there still fits`, async () => {
    const { shop, buyer } = await setting()
    const units = Array.from({ length: MAX_CART_LINES + 1 }, (_, n) => service(shop, `Job ${n}`))
    for (const unit of units.slice(0, MAX_CART_LINES))
      expect(addToCart(market.db, market.clock, buyer.id, unit.unitId, 1).ok).toBe(true)
    expect(addToCart(market.db, market.clock, buyer.id, units.at(-1)!.unitId, 1)).toMatchObject({
      ok: false,
      reason: 'cart_full',
    })
    expect(addToCart(market.db, market.clock, buyer.id, units[0]!.unitId, 1)).toMatchObject({
      ok: true,
      quantity: 2,
    })
  })

  it('throws on a quantity no form could send: a bug, not a buyer', async () => {
    const { shop, buyer } = await setting()
    const honey = goods(shop, 'Honey')
    for (const quantity of [0, -1, 1.5, Number.NaN])
      expect(() => addToCart(market.db, market.clock, buyer.id, honey.unitId, quantity)).toThrow(
        RangeError,
      )
  })
})

describe('setCartQuantity and removeFromCart', () => {
  it('set the quantity (capped by stock), 0 removes, and only ever touch the member’s own line', async () => {
    const { shop, buyer } = await setting()
    const other = await createMember(market)
    const honey = goods(shop, 'Honey', 6)
    addToCart(market.db, market.clock, buyer.id, honey.unitId, 1)
    addToCart(market.db, market.clock, other.id, honey.unitId, 2)

    expect(setCartQuantity(market.db, buyer.id, honey.unitId, 4)).toMatchObject({
      ok: true,
      quantity: 4,
      capped: false,
    })
    expect(setCartQuantity(market.db, buyer.id, honey.unitId, 9)).toMatchObject({
      ok: true,
      quantity: 6,
      capped: true,
    })
    expect(rows(other.id)).toEqual([{ unitId: honey.unitId, quantity: 2 }])

    expect(setCartQuantity(market.db, buyer.id, honey.unitId, 0)).toMatchObject({
      ok: true,
      quantity: 0,
    })
    expect(rows(buyer.id)).toEqual([])
    expect(setCartQuantity(market.db, buyer.id, honey.unitId, 3)).toEqual({
      ok: false,
      reason: 'not_in_cart',
    })
    expect(rows(buyer.id)).toEqual([])
    expect(rows(other.id)).toEqual([{ unitId: honey.unitId, quantity: 2 }])
  })

  it('refuses a new quantity for a line that went off sale or sold out; removing still works', async () => {
    const { shop, buyer } = await setting()
    const honey = goods(shop, 'Honey', 6)
    addToCart(market.db, market.clock, buyer.id, honey.unitId, 2)
    changeListingStatus(market.db, market.clock, shop.owner, honey.listingId, 'pause')
    expect(setCartQuantity(market.db, buyer.id, honey.unitId, 3)).toMatchObject({
      ok: false,
      reason: 'not_on_sale',
    })
    expect(rows(buyer.id)).toEqual([{ unitId: honey.unitId, quantity: 2 }])
    expect(removeFromCart(market.db, buyer.id, honey.unitId)).toMatchObject({
      ok: true,
      item: { title: 'Honey' },
    })
    expect(removeFromCart(market.db, buyer.id, honey.unitId)).toEqual({
      ok: false,
      reason: 'not_in_cart',
    })
  })
})

describe('readCart', () => {
  it('reads prices and stock afresh, grouped by store, leaving out of the total what cannot be bought', async () => {
    const { shop, buyer } = await setting()
    const fish = await seedStore(market, { name: 'Fresh Fish' })
    const honey = goods(shop, 'Honey', 10, 7500)
    market.clock.advance(MINUTE)
    const bonga = goods(fish, 'Smoked bonga', 10, 2000)
    const tap = service(shop)
    const jars = seedJam(market, shop)
    for (const [unitId, quantity] of [
      [honey.unitId, 2],
      [bonga.unitId, 3],
      [tap.unitId, 1],
      [jars.small, 4],
    ] as const) {
      addToCart(market.db, market.clock, buyer.id, unitId, quantity)
      market.clock.advance(MINUTE)
    }
    // Since: the honey's price went up, the bonga sold down to 1, the jam was paused.
    market.db
      .update(listingUnits)
      .set({ price: 8000 })
      .where(eq(listingUnits.id, honey.unitId))
      .run()
    market.db.update(listingUnits).set({ stock: 1 }).where(eq(listingUnits.id, bonga.unitId)).run()
    changeListingStatus(market.db, market.clock, shop.owner, jars.listingId, 'pause')

    const cart = readCart(market.db, buyer.id)
    expect(cart.stores.map((store) => store.storeName)).toEqual(['Tanji Honey', 'Fresh Fish'])
    const [honeyStore, fishStore] = cart.stores
    expect(
      honeyStore!.lines.map((l) => [l.title, l.unitName, l.price, l.quantity, l.available]),
    ).toEqual([
      ['Honey', '', 8000, 2, 2],
      ['Tap repair', 'Standard', 35000, 1, 1],
      ['Mango jam', 'Small jar', 7500, 4, 0],
    ])
    expect(honeyStore!.lines.map((l) => l.onSale)).toEqual([true, true, false])
    expect(honeyStore!.subtotal).toBe(2 * 8000 + 35000)
    expect(fishStore!.lines[0]).toMatchObject({ quantity: 3, available: 1, stock: 1 })
    expect(fishStore!.subtotal).toBe(2000)
    expect(cart.subtotal).toBe(2 * 8000 + 35000 + 2000)
    expect(cart.count).toBe(2 + 3 + 1 + 4)
    expect(cartCount(market.db, buyer.id)).toBe(10)
    expect(cartCount(market.db, shop.owner.id)).toBe(0)
  })
})

describe('visitor carts', () => {
  it('follow the same rules over the cookie’s lines, changing only the lines given back', async () => {
    const { shop } = await setting()
    const honey = goods(shop, 'Honey', 3)
    const tap = service(shop)
    const sold = goods(shop, 'Soap', 0)

    const first = addToVisitorCart(market.db, [], honey.unitId, 2)
    expect(first).toMatchObject({ ok: true, quantity: 2, capped: false })
    const second = addToVisitorCart(market.db, first.lines, honey.unitId, 5)
    expect(second).toMatchObject({ ok: true, quantity: 3, capped: true })
    const third = addToVisitorCart(market.db, second.lines, tap.unitId, 1)
    expect(third.lines).toEqual([
      { unitId: honey.unitId, quantity: 3 },
      { unitId: tap.unitId, quantity: 1 },
    ])
    const refused = addToVisitorCart(market.db, third.lines, sold.unitId, 1)
    expect(refused).toMatchObject({ ok: false, reason: 'sold_out', lines: third.lines })

    const set = setVisitorCartQuantity(market.db, third.lines, tap.unitId, 4)
    expect(set.lines).toEqual([
      { unitId: honey.unitId, quantity: 3 },
      { unitId: tap.unitId, quantity: 4 },
    ])
    expect(setVisitorCartQuantity(market.db, set.lines, sold.unitId, 1)).toMatchObject({
      ok: false,
      reason: 'not_in_cart',
    })
    const removed = removeFromVisitorCart(market.db, set.lines, honey.unitId)
    expect(removed).toMatchObject({ ok: true, lines: [{ unitId: tap.unitId, quantity: 4 }] })
  })

  it('drop unit ids that name no unit when the lines are written back', async () => {
    const { shop } = await setting()
    const honey = goods(shop, 'Honey', 3)
    const tampered = [
      { unitId: 424242, quantity: 9 },
      { unitId: honey.unitId, quantity: 1 },
    ]
    expect(addToVisitorCart(market.db, tampered, honey.unitId, 1).lines).toEqual([
      { unitId: honey.unitId, quantity: 2 },
    ])
    expect(removeFromVisitorCart(market.db, tampered, 424242)).toEqual({
      ok: false,
      reason: 'not_in_cart',
      lines: [{ unitId: honey.unitId, quantity: 1 }],
    })
  })

  it('read in the cookie’s order, unknown unit ids dropped', async () => {
    const { shop } = await setting()
    const honey = goods(shop, 'Honey', 3)
    const tap = service(shop)
    const cart = readVisitorCart(market.db, [
      { unitId: tap.unitId, quantity: 2 },
      { unitId: 424242, quantity: 1 },
      { unitId: honey.unitId, quantity: 5 },
    ])
    expect(cart.stores[0]!.lines.map((l) => [l.title, l.quantity, l.available])).toEqual([
      ['Tap repair', 2, 2],
      ['Honey', 5, 3],
    ])
    expect(cart.count).toBe(7)
    expect(readVisitorCart(market.db, [])).toEqual({ stores: [], count: 0, subtotal: 0 })
  })
})

describe('mergeVisitorCart', () => {
  it('adds the cookie’s lines to the member’s, capped by stock, leaving out what cannot be added', async () => {
    const { shop, buyer } = await setting()
    const honey = goods(shop, 'Honey', 4)
    const tap = service(shop)
    const paused = goods(shop, 'Candles')
    changeListingStatus(market.db, market.clock, shop.owner, paused.listingId, 'pause')
    addToCart(market.db, market.clock, buyer.id, honey.unitId, 3)

    const merged = mergeVisitorCart(market.db, market.clock, buyer.id, [
      { unitId: honey.unitId, quantity: 2 },
      { unitId: tap.unitId, quantity: 1 },
      { unitId: paused.unitId, quantity: 1 },
      { unitId: 999999, quantity: 1 },
    ])
    expect(merged).toBe(2)
    expect(rows(buyer.id)).toEqual([
      { unitId: honey.unitId, quantity: 4 },
      { unitId: tap.unitId, quantity: 1 },
    ])
  })

  it('leaves out the member’s own listings', async () => {
    const { shop } = await setting()
    const honey = goods(shop, 'Honey', 4)
    expect(
      mergeVisitorCart(market.db, market.clock, shop.owner.id, [
        { unitId: honey.unitId, quantity: 1 },
      ]),
    ).toBe(0)
    expect(rows(shop.owner.id)).toEqual([])
  })
})

describe('removeCartUnits', () => {
  it('takes the units ordered out of the member’s cart, in the caller’s transaction (on the same connection)', async () => {
    const { shop, buyer } = await setting()
    const other = await createMember(market)
    const honey = goods(shop, 'Honey')
    const tap = service(shop)
    for (const member of [buyer, other])
      for (const unit of [honey, tap]) addToCart(market.db, market.clock, member.id, unit.unitId, 1)
    market.db.transaction(() => removeCartUnits(market.db, buyer.id, [honey.unitId]))
    expect(rows(buyer.id)).toEqual([{ unitId: tap.unitId, quantity: 1 }])
    expect(rows(other.id)).toHaveLength(2)
    // A transaction that rolls back keeps the cart as it was.
    expect(() =>
      market.db.transaction(() => {
        removeCartUnits(market.db, buyer.id, [tap.unitId])
        throw new Error('the order could not be placed')
      }),
    ).toThrow()
    expect(rows(buyer.id)).toEqual([{ unitId: tap.unitId, quantity: 1 }])
  })
})
