// Sellable units: what can be bought (ARCHITECTURE.md, "Data"). A service's packages, a
// product's variants, or the one default unit of goods without variants — each a row of
// listing_units with an id that stays the same for as long as the unit exists.
//
// One table rather than one per kind: whatever buys (cart lines, order lines, stock) then points
// at one kind of id, and stock lives in exactly one place. The columns only some kinds use are
// few (`included`, `turnaroundDays` for packages; `stock` null means "not counted", as for
// services), and CHECK constraints in the schema keep prices and stock at zero or more whoever
// writes — the app, the demo town, the sqlite3 shell.
//
// Stable ids: the listing form carries each row's unit id in a hidden field. Saving updates those
// units in place, inserts rows without an id as new units, and retires (`retiredAt`) the units
// whose rows are gone; nothing is deleted and re-inserted, so an order line made yesterday still
// names the unit it sold. A retired unit is not shown, not searched and never sold again
// (takeStock refuses it). The default unit is retired when a product gains variants and revived
// when it loses them, so a product has at most one, ever (a unique index says so). A unit id in
// a form that is not one of the listing's units on sale, of that row's kind — a form from before
// another change, or a tampered one — refuses the whole save: another listing's unit is never
// touched.
//
// Stock changes only by guarded relative updates — `SET stock = stock - ? WHERE … AND stock >= ?`
// and the changed-row count — never by writing back a number read earlier, so two buyers can
// never both take the last one, even from two connections. A provider's forms (the edit form and
// the quick edit on My listings) send the stock as they showed it (`stockWas`) beside the new
// number, and the difference is applied: shown 5, typed 7, 2 sold meanwhile → 5. A difference
// that would go below zero is refused with the stock as it is now. Only a unit nobody can buy (a
// new one, or the default unit coming back from retirement) has its stock set outright.
//
// listings.price and listings.stock are gone (dropped by migration 0012): a product's price and
// stock are its default unit's. listings.fromPrice stays, the cheapest unit on sale, because
// cards and sorting read it on every page.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { listingUnits } from '../../../db/schema'
import type { Db } from '../../db'
import { prepared } from '../prepared'
import type { ListingInput } from '../listing'

export type ListingUnit = typeof listingUnits.$inferSelect
export type UnitKind = ListingUnit['kind']

type Reader = Pick<Db, 'select'>
type Writer = Pick<Db, 'select' | 'update' | 'insert'>

/**
 * Takes `quantity` from a unit's stock, in the caller's transaction, if it is on sale and has
 * that many: true when it took them. One guarded UPDATE, so the last one goes to one buyer only.
 * A unit whose stock is not counted (a package) is taken while it is on sale, its stock left
 * null. Whether its listing is on sale is for the caller (checkout) to check.
 * @example if (!takeStock(db, line.unitId, line.quantity)) return { ok: false, reason: 'sold_out' }
 */
export function takeStock(db: Db, unitId: number, quantity: number): boolean {
  assertQuantity(quantity)
  return prepared(db, takeFromStock).run({ unitId, quantity }).changes === 1
}

// Every order line runs it: compiled once per connection (prepared.ts). Called with the database
// inside the caller's transaction, which runs on the same connection.
const takeFromStock = (db: Db) =>
  db
    .update(listingUnits)
    .set({ stock: sql`${listingUnits.stock} - ${sql.placeholder('quantity')}` })
    .where(
      and(
        eq(listingUnits.id, sql.placeholder('unitId')),
        isNull(listingUnits.retiredAt),
        sql`(${listingUnits.stock} IS NULL OR ${listingUnits.stock} >= ${sql.placeholder('quantity')})`,
      ),
    )
    .prepare()

/**
 * Puts back what takeStock took (an order cancelled), retired unit or not: the goods are back on
 * the shelf either way. Uncounted units stay uncounted.
 */
export function returnStock(db: Pick<Db, 'update'>, unitId: number, quantity: number) {
  assertQuantity(quantity)
  db.update(listingUnits)
    .set({ stock: sql`${listingUnits.stock} + ${quantity}` })
    .where(eq(listingUnits.id, unitId))
    .run()
}

function assertQuantity(quantity: number) {
  if (!Number.isSafeInteger(quantity) || quantity < 1)
    throw new RangeError(`a quantity is a whole number from 1, not ${quantity}`)
}

export type StockChange = { ok: true } | { ok: false; stock: number }

/**
 * A provider's new count for a unit on sale, applied as the difference from the count their
 * form showed, so sales made since stand: shown 5, typed 7, 2 sold meanwhile → 5. Refused when
 * it would go below zero, with the stock as it is now.
 */
export function changeStock(
  db: Writer,
  unitId: number,
  shown: number,
  wanted: number,
): StockChange {
  const difference = wanted - shown
  if (difference === 0) return { ok: true }
  const changed = db
    .update(listingUnits)
    .set({ stock: sql`${listingUnits.stock} + ${difference}` })
    .where(
      and(
        eq(listingUnits.id, unitId),
        isNull(listingUnits.retiredAt),
        sql`${listingUnits.stock} + ${difference} >= 0`,
      ),
    )
    .run()
  if (changed.changes === 1) return { ok: true }
  const now = db
    .select({ stock: listingUnits.stock })
    .from(listingUnits)
    .where(eq(listingUnits.id, unitId))
    .get()
  return { ok: false, stock: now?.stock ?? 0 }
}

/** The units on sale of these listings, each listing's in the provider's order. */
export function unitsOnSale(db: Reader, listingIds: number[]): ListingUnit[] {
  if (listingIds.length === 0) return []
  return db
    .select()
    .from(listingUnits)
    .where(and(inArray(listingUnits.listingId, listingIds), isNull(listingUnits.retiredAt)))
    .orderBy(asc(listingUnits.listingId), asc(listingUnits.position))
    .all()
}

/** A listing's units on sale, by kind, as its page and its forms show them. */
export type UnitsOnSale = {
  packages: ListingUnit[]
  variants: ListingUnit[]
  /** Goods without variants: their price and stock. */
  defaultUnit: ListingUnit | undefined
}

export function sortUnits(units: ListingUnit[]): UnitsOnSale {
  return {
    packages: units.filter((unit) => unit.kind === 'package'),
    variants: units.filter((unit) => unit.kind === 'variant'),
    defaultUnit: units.find((unit) => unit.kind === 'default'),
  }
}

/** SQL: whether listing `l` is a service or has stock left in a unit on sale. */
export function inStockSql(listing: string): string {
  return `(${listing}.kind = 'service' OR EXISTS (SELECT 1 FROM listing_units u
    WHERE u.listing_id = ${listing}.id AND u.retired_at IS NULL AND u.stock > 0))`
}

/**
 * SQL: whether buyers of listing `l` choose among packages or variants, so its price is a
 * "from" price (a service always, goods with variants).
 */
export function hasOptionsSql(listing: string): string {
  return `(${listing}.kind = 'service' OR EXISTS (SELECT 1 FROM listing_units u
    WHERE u.listing_id = ${listing}.id AND u.kind = 'variant' AND u.retired_at IS NULL))`
}

/** SQL: the cheapest price among the units on sale of the listing whose id is `listingId`. */
export function lowestPriceSql(listingId: number) {
  return sql`(SELECT min(${listingUnits.price}) FROM ${listingUnits}
    WHERE ${listingUnits.listingId} = ${listingId} AND ${listingUnits.retiredAt} IS NULL)`
}

/** One row of a listing form, whatever its kind: the unit it names, and what it should become. */
type UnitRow = {
  kind: UnitKind
  unitId: number | null
  name: string
  included: string
  price: number
  turnaroundDays: number | null
  stock: number | null
  stockWas: number | null
}

function unitRows(input: ListingInput): UnitRow[] {
  const blank = { included: '', turnaroundDays: null, stock: null, stockWas: null }
  if (input.kind === 'service')
    return input.packages.map((item) => ({
      ...blank,
      ...item,
      kind: 'package',
      unitId: item.unitId ?? null,
    }))
  if (input.variants.length > 0)
    return input.variants.map((variant) => ({
      ...blank,
      kind: 'variant',
      unitId: variant.unitId ?? null,
      name: variant.name,
      price: variant.price,
      stock: variant.stock,
      stockWas: variant.stockWas ?? null,
    }))
  return [
    {
      ...blank,
      kind: 'default',
      unitId: null,
      name: '',
      price: input.price ?? 0,
      stock: input.stock ?? 0,
      stockWas: input.stockWas ?? null,
    },
  ]
}

/** A new listing's units, from its form (any unit ids in it are ignored: there are none yet). */
export function insertUnits(db: Pick<Db, 'insert'>, listingId: number, input: ListingInput) {
  db.insert(listingUnits)
    .values(unitRows(input).map((row, position) => newUnit(listingId, row, position)))
    .run()
}

export type SaveUnitsResult =
  | { ok: true }
  | { ok: false; reason: 'stale_form' }
  | { ok: false; reason: 'not_enough_stock'; unitId: number; stock: number }

/**
 * Brings a listing's units to what its edited form says: rows that name a unit update it in
 * place, rows without one become new units, units whose rows are gone are retired. Refused,
 * part-way, when the form names a unit that is not this listing's on sale or a stock change
 * would go below zero: call it in a transaction that a refusal rolls back
 * (transactionUnlessRefused).
 */
export function saveUnits(
  db: Writer,
  now: Date,
  listingId: number,
  input: ListingInput,
): SaveUnitsResult {
  const units = db.select().from(listingUnits).where(eq(listingUnits.listingId, listingId)).all()
  const onSale = units.filter((unit) => unit.retiredAt === null)
  const rows = unitRows(input)
  const unitOf = (row: UnitRow) =>
    row.kind === 'default'
      ? units.find((unit) => unit.kind === 'default')
      : row.unitId === null
        ? undefined
        : onSale.find((unit) => unit.id === row.unitId && unit.kind === row.kind)

  const kept = new Set<number>()
  for (const row of rows) {
    const unit = unitOf(row)
    if (!unit) {
      if (row.unitId === null) continue
      return { ok: false, reason: 'stale_form' }
    }
    if (kept.has(unit.id)) return { ok: false, reason: 'stale_form' }
    // A counted unit on sale must come with the stock its form showed, or a sale could be undone.
    if (unit.retiredAt === null && unit.stock !== null && row.stockWas === null)
      return { ok: false, reason: 'stale_form' }
    kept.add(unit.id)
  }

  const gone = onSale.filter((unit) => !kept.has(unit.id)).map((unit) => unit.id)
  if (gone.length > 0)
    db.update(listingUnits).set({ retiredAt: now }).where(inArray(listingUnits.id, gone)).run()

  for (const [position, row] of rows.entries()) {
    const unit = unitOf(row)
    if (!unit) {
      db.insert(listingUnits)
        .values(newUnit(listingId, row, position))
        .run()
      continue
    }
    const { name, included, price, turnaroundDays } = row
    if (unit.retiredAt !== null) {
      // Nobody could buy it while it was retired: its stock is set, not changed.
      db.update(listingUnits)
        .set({ position, name, included, price, turnaroundDays, stock: row.stock, retiredAt: null })
        .where(eq(listingUnits.id, unit.id))
        .run()
      continue
    }
    db.update(listingUnits)
      .set({ position, name, included, price, turnaroundDays })
      .where(eq(listingUnits.id, unit.id))
      .run()
    if (unit.stock !== null && row.stock !== null) {
      const changed = changeStock(db, unit.id, row.stockWas!, row.stock)
      if (!changed.ok)
        return { ok: false, reason: 'not_enough_stock', unitId: unit.id, stock: changed.stock }
    }
  }
  return { ok: true }
}

function newUnit(listingId: number, row: UnitRow, position: number) {
  const { kind, name, included, price, turnaroundDays, stock } = row
  return { listingId, kind, position, name, included, price, turnaroundDays, stock }
}
