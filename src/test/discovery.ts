// Test support for trending, recently viewed and similar listings: listings on sale in a few
// calls, and listing page views as a phone makes them.
import { createListing, listingPath, type Listing } from '../models/listing'
import { changeListingStatus } from '../models/listing/publication'
import type { ListingAction } from '../models/listing/status'
import type { Member } from '../models/member'
import type { TestMarket } from './app'

/** A phone's browser, as counted views need (bots and clients without one are not counted). */
export const PHONE = {
  'User-Agent':
    'Mozilla/5.0 (Linux; Android 11; TECNO KF6i) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
}

/** A service in `owner`'s storefront, published unless told otherwise. */
export function publishedListing(
  market: TestMarket,
  owner: Member,
  fields: { title: string; categoryId?: number; tags?: string[]; description?: string },
  status: 'published' | 'draft' | 'paused' = 'published',
): Listing {
  const created = createListing(market.db, market.clock, owner, {
    kind: 'service',
    title: fields.title,
    description: fields.description ?? '',
    categoryId: fields.categoryId ?? 101,
    tags: fields.tags ?? [],
    packages: [{ name: 'Visit', included: '', price: 50_000, turnaroundDays: null }],
    serviceLocations: ['customer'],
    durationMinutes: null,
  })
  if (!created.ok) throw new Error(`creating a listing failed: ${created.reason}`)
  let listing = created.listing
  const actions: ListingAction[] =
    status === 'draft' ? [] : status === 'paused' ? ['publish', 'pause'] : ['publish']
  for (const action of actions) {
    const moved = changeListingStatus(market.db, market.clock, owner, listing.id, action)
    if (!moved.ok) throw new Error(`${action} failed: ${moved.reason}`)
    listing = moved.listing
  }
  return listing
}

/** Opens a listing's page `times` times from a phone, signed in when given a cookie. */
export async function view(market: TestMarket, listing: Listing, times = 1, cookie?: string) {
  for (let i = 0; i < times; i++) {
    const response = await market.get(listingPath(listing), { cookie, headers: PHONE })
    if (response.status !== 200) throw new Error(`viewing ${listing.title}: ${response.status}`)
    await response.arrayBuffer()
  }
}

/** What the scheduler does every few seconds: writes the views counted in memory. */
export function flushViews(market: TestMarket) {
  return market.jobs.run('listing-activity')
}
