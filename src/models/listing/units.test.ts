import { asc, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listings, listingUnits } from '../../../db/schema'
import { openDatabase } from '../../db'
import { createOpenMarket, type TestMarket } from '../../test/app'
import { seedStore, type TestStore } from '../../test/listings'
import {
  createListing,
  quickEditListing,
  updateListing,
  type ProductInput,
  type ServiceInput,
} from '../listing'
import { returnStock, takeStock, type ListingUnit } from './units'

let market: TestMarket
let shop: TestStore

beforeEach(async () => {
  market = await createOpenMarket()
  shop = await seedStore(market, { name: 'Sowe Plumbing' })
})
afterEach(() => market.cleanup())

const common = { title: 'Tap repair', description: '', categoryId: 101, tags: [] }

function service(packages: ServiceInput['packages']): ServiceInput {
  return {
    ...common,
    kind: 'service',
    packages,
    serviceLocations: ['customer'],
    durationMinutes: null,
  }
}

function product(fields: Partial<ProductInput>): ProductInput {
  return {
    ...common,
    title: 'Mango jam',
    categoryId: 127,
    kind: 'product',
    price: null,
    stock: null,
    variants: [],
    pickup: true,
    delivery: false,
    deliveryFee: null,
    ...fields,
  }
}

const callOut = { name: 'Call-out', included: '', price: 35_000, turnaroundDays: 0 }
const halfDay = { name: 'Half day', included: '', price: 120_000, turnaroundDays: null }
const fullDay = { name: 'Full day', included: '', price: 200_000, turnaroundDays: null }

function create(input: ServiceInput | ProductInput) {
  const created = createListing(market.db, market.clock, shop.owner, input)
  if (!created.ok) throw new Error(created.reason)
  return created.listing.id
}

function update(listingId: number, input: ServiceInput | ProductInput) {
  market.clock.advance(60_000)
  return updateListing(market.db, market.clock, shop.owner, listingId, input)
}

/** Every unit of a listing, retired ones too, by id. */
function allUnits(listingId: number): ListingUnit[] {
  return market.db
    .select()
    .from(listingUnits)
    .where(eq(listingUnits.listingId, listingId))
    .orderBy(asc(listingUnits.id))
    .all()
}

const onSale = (listingId: number) =>
  allUnits(listingId)
    .filter((unit) => unit.retiredAt === null)
    .sort((a, b) => a.position - b.position)

function unit(id: number): ListingUnit {
  return market.db.select().from(listingUnits).where(eq(listingUnits.id, id)).get()!
}

function listing(id: number) {
  return market.db.select().from(listings).where(eq(listings.id, id)).get()!
}

describe('units across edits', () => {
  it('keeps ids when rows are changed and moved, retires a removed row, adds a new one', () => {
    const id = create(service([callOut, halfDay]))
    const [first, second] = onSale(id).map((unit) => unit.id) as [number, number]

    const changed = update(
      id,
      service([
        { ...halfDay, unitId: second, price: 130_000 },
        { ...callOut, unitId: first, name: 'Call-out, any day' },
      ]),
    )
    expect(changed.ok).toBe(true)
    expect(onSale(id).map((unit) => [unit.id, unit.position, unit.name, unit.price])).toEqual([
      [second, 0, 'Half day', 130_000],
      [first, 1, 'Call-out, any day', 35_000],
    ])

    expect(update(id, service([{ ...callOut, unitId: first }, fullDay])).ok).toBe(true)
    const units = allUnits(id)
    // The removed row's unit is still there, retired; the new row is a new unit.
    expect(units).toHaveLength(3)
    expect(unit(second).retiredAt).toEqual(market.clock.now())
    expect(onSale(id).map((unit) => unit.id)).toEqual([first, units[2]!.id])
    expect(units[2]).toMatchObject({ name: 'Full day', kind: 'package', stock: null })
    expect(listing(id).fromPrice).toBe(35_000)
  })

  it('retires the default unit when goods get variants, and revives it when they go', () => {
    const id = create(product({ price: 7_500, stock: 12 }))
    const [basic] = allUnits(id)
    expect(basic).toMatchObject({ kind: 'default', name: '', price: 7_500, stock: 12 })

    const small = { name: 'Small jar', price: 7_000, stock: 4 }
    expect(update(id, product({ variants: [small] })).ok).toBe(true)
    expect(unit(basic!.id).retiredAt).not.toBeNull()
    expect(onSale(id)).toMatchObject([{ kind: 'variant', name: 'Small jar', stock: 4 }])
    expect(listing(id).fromPrice).toBe(7_000)

    // Nobody could buy the retired default unit: coming back, its stock is what was typed.
    expect(update(id, product({ price: 8_000, stock: 3 })).ok).toBe(true)
    expect(onSale(id)).toMatchObject([{ id: basic!.id, kind: 'default', price: 8_000, stock: 3 }])
    expect(allUnits(id)).toHaveLength(2)
    expect(allUnits(id)[1]!.retiredAt).not.toBeNull()
  })

  it('refuses a form naming another listing’s unit, or a retired one, and changes nothing', () => {
    const id = create(service([callOut]))
    const other = create({ ...service([halfDay]), title: 'Boiler service' })
    const [mine] = onSale(id)
    const [theirs] = onSale(other)

    for (const unitId of [theirs!.id, 0, 999_999])
      expect(update(id, service([{ ...callOut, unitId, name: 'Taken over' }]))).toEqual({
        ok: false,
        reason: 'stale_form',
      })
    expect(
      update(id, { ...service([{ ...callOut, unitId: mine!.id }]), title: 'Tap fixing' }),
    ).toMatchObject({
      ok: true,
    })
    // The same unit named twice.
    expect(
      update(
        id,
        service([
          { ...callOut, unitId: mine!.id },
          { ...halfDay, unitId: mine!.id },
        ]),
      ),
    ).toEqual({ ok: false, reason: 'stale_form' })
    expect(unit(theirs!.id)).toEqual(theirs)
    expect(onSale(id)).toEqual([mine])

    expect(update(id, service([halfDay])).ok).toBe(true)
    expect(update(id, service([{ ...callOut, unitId: mine!.id }]))).toEqual({
      ok: false,
      reason: 'stale_form',
    })
  })

  it('refuses a variant row naming the default unit', () => {
    const id = create(product({ price: 7_500, stock: 12 }))
    const [basic] = allUnits(id)
    const result = update(
      id,
      product({ variants: [{ unitId: basic!.id, name: 'Jar', price: 1, stock: 1, stockWas: 12 }] }),
    )
    expect(result).toEqual({ ok: false, reason: 'stale_form' })
    expect(onSale(id)).toEqual([basic])
  })

  it('refuses a counted unit’s row that does not say what stock the form showed', () => {
    const id = create(product({ price: 7_500, stock: 12 }))
    expect(update(id, product({ price: 7_500, stock: 20 }))).toEqual({
      ok: false,
      reason: 'stale_form',
    })
    expect(onSale(id)).toMatchObject([{ stock: 12 }])
  })
})

describe('stock in the edit form', () => {
  it('applies the difference from what the form showed, so sales made since stand', () => {
    const id = create(product({ variants: [{ name: 'Small jar', price: 7_500, stock: 12 }] }))
    const [small] = onSale(id)
    // The provider opens the form (12 shown); 5 are sold; they add 3 and save.
    expect(takeStock(market.db, small!.id, 5)).toBe(true)
    const saved = update(
      id,
      product({
        variants: [{ unitId: small!.id, name: 'Small jar', price: 7_500, stock: 15, stockWas: 12 }],
      }),
    )
    expect(saved.ok).toBe(true)
    expect(unit(small!.id).stock).toBe(10)
  })

  it('refuses a change that sales since have made impossible, and saves nothing of the form', () => {
    const id = create(product({ price: 7_500, stock: 12 }))
    const [basic] = onSale(id)
    expect(takeStock(market.db, basic!.id, 11)).toBe(true)
    const result = update(id, {
      ...product({ price: 9_000, stock: 2, stockWas: 12 }),
      title: 'Mango jam, new recipe',
    })
    expect(result).toEqual({ ok: false, reason: 'not_enough_stock', unitId: basic!.id, stock: 1 })
    expect(unit(basic!.id)).toMatchObject({ price: 7_500, stock: 1 })
    expect(listing(id).title).toBe('Mango jam')
  })
})

describe('the quick edit on My listings', () => {
  it('does not overwrite a sale made after the row was shown', () => {
    const id = create(product({ price: 7_500, stock: 12 }))
    const [basic] = onSale(id)
    // The row shows 12; 5 are sold; the provider changes only the price.
    expect(takeStock(market.db, basic!.id, 5)).toBe(true)
    const edit = (stock: number, price = 8_000) =>
      quickEditListing(market.db, market.clock, shop.owner, id, { price, stock, stockWas: 12 })

    expect(edit(12)).toMatchObject({ ok: true, listing: { fromPrice: 8_000 } })
    expect(unit(basic!.id)).toMatchObject({ price: 8_000, stock: 7 })
    // From the same stale row: two fewer than it showed.
    expect(edit(10).ok).toBe(true)
    expect(unit(basic!.id).stock).toBe(5)
  })

  it('refuses to go below zero, with the stock as it is now, and keeps the old price', () => {
    const id = create(product({ price: 7_500, stock: 12 }))
    const [basic] = onSale(id)
    expect(takeStock(market.db, basic!.id, 10)).toBe(true)
    const result = quickEditListing(market.db, market.clock, shop.owner, id, {
      price: 9_900,
      stock: 1,
      stockWas: 12,
    })
    expect(result).toEqual({ ok: false, reason: 'not_enough_stock', stock: 2 })
    expect(unit(basic!.id)).toMatchObject({ price: 7_500, stock: 2 })
    expect(listing(id).fromPrice).toBe(7_500)
  })

  it('refuses a row that does not say what stock it showed', () => {
    const id = create(product({ price: 7_500, stock: 12 }))
    expect(
      quickEditListing(market.db, market.clock, shop.owner, id, {
        price: 1,
        stock: 1,
        stockWas: null,
      }),
    ).toEqual({ ok: false, reason: 'stale_form' })
  })
})

describe('takeStock', () => {
  it('takes what there is, never more, and puts back what was returned', () => {
    const id = create(product({ price: 7_500, stock: 3 }))
    const [basic] = onSale(id)
    expect(takeStock(market.db, basic!.id, 2)).toBe(true)
    expect(takeStock(market.db, basic!.id, 2)).toBe(false)
    expect(unit(basic!.id).stock).toBe(1)
    expect(takeStock(market.db, basic!.id, 1)).toBe(true)
    expect(takeStock(market.db, basic!.id, 1)).toBe(false)
    expect(unit(basic!.id).stock).toBe(0)
    returnStock(market.db, basic!.id, 2)
    expect(unit(basic!.id).stock).toBe(2)
  })

  it('gives the last one to one of two buyers checking out at once', async () => {
    const id = create(product({ price: 7_500, stock: 1 }))
    const [basic] = onSale(id)
    // Both read the unit (as a cart shows it), wait on something, then take: the classic race.
    const checkout = async () => {
      const seen = unit(basic!.id)
      await new Promise((resolve) => setTimeout(resolve, 5))
      return seen.stock! >= 1 && takeStock(market.db, basic!.id, 1)
    }
    expect((await Promise.all([checkout(), checkout()])).sort()).toEqual([false, true])
    expect(unit(basic!.id).stock).toBe(0)
  })

  it('gives the last one to one buyer when two connections take it', () => {
    const id = create(product({ price: 7_500, stock: 1 }))
    const [basic] = onSale(id)
    const second = openDatabase(market.config.databasePath)
    try {
      const connections = [market.db, second]
      // Both see one left, as two checkouts would before taking it.
      const seen = connections.map(
        (db) => db.select().from(listingUnits).where(eq(listingUnits.id, basic!.id)).get()!.stock,
      )
      expect(seen).toEqual([1, 1])
      const takes = connections.map((db) => db.transaction(() => takeStock(db, basic!.id, 1)))
      expect(takes).toEqual([true, false])
      expect(unit(basic!.id).stock).toBe(0)
    } finally {
      second.$client.close()
    }
  })

  it('refuses a retired unit, and takes a package (not counted) while it is on sale', () => {
    const id = create(service([callOut, halfDay]))
    const [first, second] = onSale(id)
    expect(takeStock(market.db, first!.id, 3)).toBe(true)
    expect(unit(first!.id).stock).toBeNull()
    expect(update(id, service([{ ...callOut, unitId: first!.id }])).ok).toBe(true)
    expect(takeStock(market.db, second!.id, 1)).toBe(false)
    expect(takeStock(market.db, 999_999, 1)).toBe(false)
  })

  it('throws on a quantity that is not a whole number from 1 (a bug, not a refusal)', () => {
    const id = create(product({ price: 7_500, stock: 3 }))
    const [basic] = onSale(id)
    for (const quantity of [0, -1, 1.5, Number.NaN])
      expect(() => takeStock(market.db, basic!.id, quantity)).toThrow(RangeError)
    expect(unit(basic!.id).stock).toBe(3)
  })
})

describe('the database itself', () => {
  it('refuses negative stock and prices, whoever writes', () => {
    const id = create(product({ price: 7_500, stock: 3 }))
    const [basic] = onSale(id)
    const sqlite = market.db.$client
    for (const statement of [
      `UPDATE listing_units SET stock = -1 WHERE id = ${basic!.id}`,
      `UPDATE listing_units SET stock = stock - 4 WHERE id = ${basic!.id}`,
      `UPDATE listing_units SET price = -1 WHERE id = ${basic!.id}`,
      `INSERT INTO listing_units (listing_id, kind, position, price, stock) VALUES (${id}, 'variant', 1, -5, 1)`,
      `INSERT INTO listing_units (listing_id, kind, position, price, stock) VALUES (${id}, 'variant', 1, 5, -1)`,
      `INSERT INTO listing_units (listing_id, kind, position, price) VALUES (${id}, 'gift', 1, 5)`,
    ])
      expect(() => sqlite.exec(statement), statement).toThrow(
        expect.objectContaining({ code: 'SQLITE_CONSTRAINT_CHECK' }),
      )
    // A second default unit for the same listing.
    expect(() =>
      sqlite.exec(
        `INSERT INTO listing_units (listing_id, kind, position, price, stock) VALUES (${id}, 'default', 0, 5, 1)`,
      ),
    ).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }))
    expect(unit(basic!.id)).toMatchObject({ price: 7_500, stock: 3 })
  })
})
