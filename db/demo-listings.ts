// Demo listings: every storefront sells what its trade sells, at its own prices and stock, with
// most listings on sale and a few drafts, paused and archived ones. Drawn from the demo town's
// seeded stream, so a seed always gives the same listings.
//
// Each listing lives its life through the listing model, as a provider's would: createListing on
// the day it was written, its photos added, changeListingStatus to publish it a few days later,
// and to pause or archive it later still — each step with a clock stopped at that moment. So its
// slug, from price, options and status timestamps are the model's, and every rule the model
// gains (search index, events) holds for demo listings too.
import type { Db } from '../src/db'
import { clockAt, DAY } from '../src/lib/clock'
import { createListing, type ListingInput } from '../src/models/listing'
import { changeListingStatus } from '../src/models/listing/publication'
import type { ListingAction, ListingStatus } from '../src/models/listing/status'
import { addListingPhotos } from '../src/models/listing-photos'
import { CATALOG, type ListingTemplate } from './demo-catalog'
import type { DemoStore } from './demo-stores'

type Random = () => number

/** A listing as it was seeded: its store, and when it went on sale (null: never). */
export type DemoListing = {
  id: number
  template: ListingTemplate
  status: ListingStatus
  store: DemoStore
  publishedAt: number | null
}

/** The photos a listing shows, chosen from its template's; none when the town has no photos. */
export type PhotoPicker = (template: ListingTemplate) => { imageId: number; alt: string }[]

export type SeedListingsOptions = {
  /** About how many listings in all; without it each storefront gets one to four. */
  total?: number
  now: number
  photos?: PhotoPicker
}

/** Rough shares of a real market: mostly on sale, a few unfinished, paused or retired. */
const STATUS_SHARES: [ListingStatus, number][] = [
  ['published', 0.78],
  ['draft', 0.12],
  ['paused', 0.06],
  ['archived', 0.04],
]

export function seedListings(
  db: Db,
  random: Random,
  stores: DemoStore[],
  { total, now, photos }: SeedListingsOptions,
): DemoListing[] {
  const counts =
    total === undefined
      ? stores.map(() => 1 + Math.floor(random() * 4))
      : shareOut(random, total, stores.length)
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
      const { createdAt, publishedAt, updatedAt } = timeline(random, store.openedAt, now, status)
      const created = createListing(db, clockAt(createdAt), store.owner, input)
      if (!created.ok) throw new Error(`"${input.title}" was refused: ${created.reason}`)
      const id = created.listing.id
      // Photos go on while it is a draft: the model takes none on an archived listing.
      const shown = photos?.(template) ?? []
      if (shown.length > 0) {
        const added = addListingPhotos(db, store.owner, id, shown)
        if (!added.ok) throw new Error(`photos for "${input.title}" were refused: ${added.reason}`)
      }
      if (publishedAt !== null) move(db, store, id, 'publish', publishedAt)
      if (status === 'paused') move(db, store, id, 'pause', updatedAt)
      if (status === 'archived') move(db, store, id, 'archive', updatedAt)
      seeded.push({ id, template, status, store, publishedAt })
    }
  })
  return seeded
}

function move(db: Db, store: DemoStore, listingId: number, action: ListingAction, at: number) {
  const result = changeListingStatus(db, clockAt(at), store.owner, listingId, action)
  if (!result.ok) throw new Error(`listing ${listingId} could not ${action}: ${result.reason}`)
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
