import { and, count, desc, eq, ne } from 'drizzle-orm'
import { join } from 'node:path'
import { seedDemoTown, type DemoTown } from '../../db/demo-town'
import { categories, listingPhotos, listings, members, stores } from '../../db/schema'
import { migrateDatabase, openDatabase, type Db } from '../db'
import { listingPath } from '../models/listing'

/** Pages worth measuring in the seeded town, found by asking its database. */
export type BenchTargets = {
  /** The busiest storefront's owner: the bench's signed-in member is a provider with listings. */
  providerEmail: string
  storePath: string
  /** One of the provider's listings on sale, the one with the most photos. */
  listingPath: string
  /** The subcategory with the most listings on sale. */
  categoryPath: string
  /** The provider's listings that can still take photos (not archived), for the upload storm. */
  providerListingIds: number[]
}

/**
 * Seeds the demo town into `dir` the way `npm run seed:demo` would, photos included, and closes
 * it for the server.
 */
export async function seedBenchTown(
  dir: string,
  options: { members: number; uploadsDir: string; listings?: number },
) {
  const databasePath = join(dir, 'souk.sqlite')
  const db = openDatabase(databasePath)
  try {
    migrateDatabase(db)
    const result = await seedDemoTown(db, { seed: 1, ...options })
    if (!result.ok) throw new Error(`a fresh database already held a marketplace: ${databasePath}`)
    const targets = findTargets(db)
    db.$client.pragma('wal_checkpoint(TRUNCATE)')
    return { databasePath, town: result.town satisfies DemoTown, targets }
  } finally {
    db.$client.close()
  }
}

function findTargets(db: Db): BenchTargets {
  const onSale = eq(listings.status, 'published')
  const provider = db
    .select({ storeId: stores.id, slug: stores.slug, email: members.email })
    .from(stores)
    .innerJoin(members, eq(members.id, stores.memberId))
    .innerJoin(listings, and(eq(listings.storeId, stores.id), onSale))
    .groupBy(stores.id)
    .orderBy(desc(count()), stores.id)
    .get()
  if (!provider) throw new Error('the bench town has no listing on sale; seed more members')
  const listing = db
    .select({ id: listings.id, slug: listings.slug })
    .from(listings)
    .leftJoin(listingPhotos, eq(listingPhotos.listingId, listings.id))
    .where(and(eq(listings.storeId, provider.storeId), onSale))
    .groupBy(listings.id)
    .orderBy(desc(count(listingPhotos.id)), listings.id)
    .get()!
  const category = db
    .select({ slug: categories.slug })
    .from(categories)
    .innerJoin(listings, and(eq(listings.categoryId, categories.id), onSale))
    .groupBy(categories.id)
    .orderBy(desc(count()), categories.id)
    .get()!
  const providerListingIds = db
    .select({ id: listings.id })
    .from(listings)
    .where(and(eq(listings.storeId, provider.storeId), ne(listings.status, 'archived')))
    .orderBy(listings.id)
    .all()
    .map((row) => row.id)
  return {
    providerEmail: provider.email,
    storePath: `/stores/${provider.slug}`,
    listingPath: listingPath(listing),
    categoryPath: `/categories/${category.slug}`,
    providerListingIds,
  }
}
