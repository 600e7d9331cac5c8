// Test support: storefronts and listings seeded through the models, as a provider's own forms
// would make them (search, facets and ranking tests need dozens, faster than through requests).
import type { Db } from '../db'
import { clockAt, DAY } from '../lib/clock'
import { createListing, type ListingInput } from '../models/listing'
import { changeListingStatus } from '../models/listing/publication'
import { unitsOnSale } from '../models/listing/units'
import { openStore, type Store, type StoreFields } from '../models/store'
import { createMember, type TestMarket } from './app'

export type TestStore = { store: Store; owner: Awaited<ReturnType<typeof createMember>> }

/** A member with a storefront somewhere in town. */
export async function seedStore(
  market: TestMarket,
  fields: Partial<StoreFields> & { name: string },
): Promise<TestStore> {
  const owner = await createMember(market, { displayName: `${fields.name} owner` })
  const opened = openStore(market.db, market.clock, owner, {
    bio: '',
    area: 'Tanji',
    latitude: null,
    longitude: null,
    phone: '',
    showPhone: false,
    whatsapp: '',
    showWhatsapp: false,
    mobileMoney: '',
    bankDetails: '',
    skills: [],
    ...fields,
  })
  if (!opened.ok) throw new Error(`the store could not open: ${opened.reason}`)
  return { store: opened.store, owner }
}

type ListingSeed = {
  title: string
  description?: string
  tags?: string[]
  categoryId?: number
  /** Minor units. */
  price?: number
  /** Goods: how many are left (default 5). Services ignore it. */
  stock?: number
  kind?: 'service' | 'product'
  serviceLocations?: ('customer' | 'provider' | 'online')[]
  pickup?: boolean
  delivery?: boolean
  /** Days before the market's clock that it was published (default 1); null keeps it a draft. */
  publishedDaysAgo?: number | null
}

/** A listing in `seller`'s storefront, published (unless asked not to) some days ago. */
export function seedListing(db: Db, market: TestMarket, seller: TestStore, seed: ListingSeed) {
  const now = market.clock.now().getTime()
  const daysAgo = seed.publishedDaysAgo === undefined ? 1 : seed.publishedDaysAgo
  const common = {
    title: seed.title,
    description: seed.description ?? '',
    tags: seed.tags ?? [],
    categoryId: seed.categoryId ?? 101,
  }
  const price = seed.price ?? 50_000
  const input: ListingInput =
    (seed.kind ?? 'service') === 'service'
      ? {
          ...common,
          kind: 'service',
          packages: [{ name: 'Standard', included: '', price, turnaroundDays: null }],
          serviceLocations: seed.serviceLocations ?? ['customer'],
          durationMinutes: null,
        }
      : {
          ...common,
          kind: 'product',
          price,
          stock: seed.stock ?? 5,
          variants: [],
          pickup: seed.pickup ?? true,
          delivery: seed.delivery ?? false,
          deliveryFee: null,
        }
  const at = now - (daysAgo ?? 30) * DAY
  const created = createListing(db, clockAt(at - DAY), seller.owner, input)
  if (!created.ok) throw new Error(`"${seed.title}" was refused: ${created.reason}`)
  if (daysAgo !== null) {
    const published = changeListingStatus(
      db,
      clockAt(at),
      seller.owner,
      created.listing.id,
      'publish',
    )
    if (!published.ok) throw new Error(`"${seed.title}" could not be published`)
  }
  return created.listing
}

/** Published goods with two variants, 12 small jars and no large ones: their ids and page. */
export function seedJam(market: TestMarket, seller: TestStore) {
  const created = createListing(market.db, market.clock, seller.owner, {
    kind: 'product',
    title: 'Mango jam',
    description: '',
    categoryId: 127,
    tags: [],
    price: null,
    stock: null,
    variants: [
      { name: 'Small jar', price: 7500, stock: 12 },
      { name: 'Large jar', price: 14000, stock: 0 },
    ],
    pickup: true,
    delivery: false,
    deliveryFee: null,
  })
  if (!created.ok) throw new Error(created.reason)
  changeListingStatus(market.db, market.clock, seller.owner, created.listing.id, 'publish')
  const [small, large] = unitsOnSale(market.db, [created.listing.id])
  if (!small || !large) throw new Error('the jam lost its variants')
  return {
    listingId: created.listing.id,
    small: small.id,
    large: large.id,
    path: `/listings/${created.listing.id}-${created.listing.slug}`,
  }
}
