import { eq } from 'drizzle-orm'
import { listings } from '../../../db/schema'
import type { Db } from '../../db'
import type { Clock } from '../../lib/clock'
import { ownedListing, type Listing } from '../listing'
import type { SessionMember } from '../session'
import { nextStatus, type ListingAction } from './status'

export type PublicationResult =
  { ok: true; listing: Listing } | { ok: false; reason: 'not_found' | 'not_allowed' }

/** Publishes, pauses or archives the owner's listing, if its current status allows it. */
export function changeListingStatus(
  db: Db,
  clock: Clock,
  owner: SessionMember,
  listingId: number,
  action: ListingAction,
): PublicationResult {
  return db.transaction((tx): PublicationResult => {
    const listing = ownedListing(tx, owner, listingId)
    if (!listing) return { ok: false, reason: 'not_found' }
    const status = nextStatus(listing.status, action)
    if (!status) return { ok: false, reason: 'not_allowed' }
    const now = clock.now()
    const updated = tx
      .update(listings)
      .set({
        status,
        updatedAt: now,
        // The first publication dates the listing for "newest"; pausing and resuming does not.
        ...(status === 'published' && !listing.publishedAt ? { publishedAt: now } : {}),
      })
      .where(eq(listings.id, listingId))
      .returning()
      .get()!
    return { ok: true, listing: updated }
  })
}
