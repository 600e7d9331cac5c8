// Demo listings: every storefront sells what its trade sells, at its own prices and stock, with
// most listings on sale and a few drafts, paused and archived ones. Drawn from the demo town's
// seeded stream, so a seed always gives the same listings.
import { sql } from 'drizzle-orm'
import type { Db } from '../src/db'
import { DAY } from '../src/lib/clock'
import { listingColumns, type ListingInput } from '../src/models/listing'
import type { ListingStatus } from '../src/models/listing/status'
import { CATALOG, type ListingTemplate } from './demo-catalog'
import type { DemoStore } from './demo-stores'
import { listingPackages, listings, listingVariants } from './schema'

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0]
type Random = () => number

/** A listing as later seeds (photos) need it. */
export type DemoListing = { id: number; template: ListingTemplate }

export type SeedListingsOptions = {
  /** About how many listings in all; without it each storefront gets one to four. */
  total?: number
  now: number
}

/** Rough shares of a real market: mostly on sale, a few unfinished, paused or retired. */
const STATUS_SHARES: [ListingStatus, number][] = [
  ['published', 0.78],
  ['draft', 0.12],
  ['paused', 0.06],
  ['archived', 0.04],
]

export function seedListings(
  tx: Transaction,
  random: Random,
  stores: DemoStore[],
  { total, now }: SeedListingsOptions,
): DemoListing[] {
  const counts =
    total === undefined
      ? stores.map(() => 1 + Math.floor(random() * 4))
      : shareOut(random, total, stores.length)
  const insert = prepareInserts(tx)
  const seeded: DemoListing[] = []
  stores.forEach((store, index) => {
    const templates = CATALOG[store.trade].listings
    // Start anywhere in the trade's list, so not every plumber's first listing is the same; a
    // store with more listings than its trade has templates sells some twice.
    const first = Math.floor(random() * templates.length)
    for (let n = 0; n < counts[index]!; n += 1) {
      const template = templates[(first + n) % templates.length]!
      const input = priced(random, template)
      const status = pickStatus(random)
      const id = insert.listing({
        ...listingColumns(input),
        kind: input.kind,
        ...timeline(random, store.openedAt, now, status),
        storeId: store.id,
        status,
      })
      if (input.kind === 'service')
        input.packages.forEach((item, position) =>
          insert.package({ ...item, listingId: id, position }),
        )
      else
        input.variants.forEach((variant, position) =>
          insert.variant({ ...variant, listingId: id, position }),
        )
      seeded.push({ id, template })
    }
  })
  return seeded
}

/**
 * Splits `total` over `stores` with a random weight each, rounding along the running sum so the
 * counts add up to exactly `total` — a big --listings run gives each store more, unevenly.
 */
function shareOut(random: Random, total: number, stores: number): number[] {
  const weights = Array.from({ length: stores }, () => 0.5 + random())
  const sum = weights.reduce((a, b) => a + b, 0)
  let running = 0
  let given = 0
  return weights.map((weight) => {
    running += weight
    const upTo = Math.round((total * running) / sum)
    const count = upTo - given
    given = upTo
    return count
  })
}

/** The template at this store's prices (everyone charges a little differently) and stock. */
function priced(random: Random, template: ListingTemplate): ListingInput {
  const factor = 0.8 + random() * 0.45
  if (template.kind === 'service') {
    // Not every provider offers every tier: keep the first one to all of them.
    const kept = 1 + Math.floor(random() * template.packages.length)
    return {
      ...template,
      packages: template.packages
        .slice(0, kept)
        .map((item) => ({ ...item, price: roundPrice(item.price * factor) })),
    }
  }
  return {
    ...template,
    price: template.price === null ? null : roundPrice(template.price * factor),
    stock: template.stock === null ? null : restock(random, template.stock),
    variants: template.variants.map((variant) => ({
      ...variant,
      price: roundPrice(variant.price * factor),
      stock: restock(random, variant.stock),
    })),
  }
}

/** Prices people would actually ask: whole dalasi, to the 5 above 100 and to the 50 above 1000. */
function roundPrice(minorUnits: number): number {
  const dalasi = minorUnits / 100
  const step = dalasi >= 1000 ? 50 : dalasi >= 100 ? 5 : 1
  return Math.max(step, Math.round(dalasi / step) * step) * 100
}

/** One of a kind (second-hand) stays one; otherwise up to twice the usual, sometimes sold out. */
function restock(random: Random, usual: number): number {
  if (usual === 1) return 1
  return random() < 0.08 ? 0 : 1 + Math.floor(random() * usual * 2)
}

function pickStatus(random: Random): ListingStatus {
  let roll = random()
  return STATUS_SHARES.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'published'
}

/**
 * Created some time after the store opened; published (if ever) within three days of that;
 * paused and archived ones changed again later. Never in the future.
 */
function timeline(random: Random, openedAt: number, now: number, status: ListingStatus) {
  const createdAt = openedAt + Math.floor(random() * (now - openedAt))
  const publishedAt =
    status === 'draft' ? null : Math.min(now, createdAt + Math.floor(random() * 3 * DAY))
  const updatedAt =
    publishedAt !== null && (status === 'paused' || status === 'archived')
      ? publishedAt + Math.floor(random() * (now - publishedAt))
      : (publishedAt ?? createdAt)
  return { createdAt, updatedAt, publishedAt }
}

/** Prepared once and run per row: building the SQL for every row would cost more than SQLite. */
function prepareInserts(tx: Transaction) {
  const listing = tx
    .insert(listings)
    .values({
      storeId: sql.placeholder('storeId'),
      kind: sql.placeholder('kind'),
      status: sql.placeholder('status'),
      title: sql.placeholder('title'),
      slug: sql.placeholder('slug'),
      description: sql.placeholder('description'),
      categoryId: sql.placeholder('categoryId'),
      tags: sql.placeholder('tags'),
      fromPrice: sql.placeholder('fromPrice'),
      serviceLocations: sql.placeholder('serviceLocations'),
      durationMinutes: sql.placeholder('durationMinutes'),
      bookable: sql.placeholder('bookable'),
      price: sql.placeholder('price'),
      stock: sql.placeholder('stock'),
      pickup: sql.placeholder('pickup'),
      delivery: sql.placeholder('delivery'),
      deliveryFee: sql.placeholder('deliveryFee'),
      // Milliseconds, bound as they are: drizzle's Date encoder would choke on the null
      // publishedAt of a draft.
      createdAt: sql`${sql.placeholder('createdAt')}`,
      updatedAt: sql`${sql.placeholder('updatedAt')}`,
      publishedAt: sql`${sql.placeholder('publishedAt')}`,
    })
    .prepare()
  const packageRow = tx
    .insert(listingPackages)
    .values({
      listingId: sql.placeholder('listingId'),
      position: sql.placeholder('position'),
      name: sql.placeholder('name'),
      included: sql.placeholder('included'),
      price: sql.placeholder('price'),
      turnaroundDays: sql.placeholder('turnaroundDays'),
    })
    .prepare()
  const variantRow = tx
    .insert(listingVariants)
    .values({
      listingId: sql.placeholder('listingId'),
      position: sql.placeholder('position'),
      name: sql.placeholder('name'),
      price: sql.placeholder('price'),
      stock: sql.placeholder('stock'),
    })
    .prepare()
  return {
    listing: (values: Record<string, unknown>) => Number(listing.run(values).lastInsertRowid),
    package: (values: Record<string, unknown>) => packageRow.run(values),
    variant: (values: Record<string, unknown>) => variantRow.run(values),
  }
}
