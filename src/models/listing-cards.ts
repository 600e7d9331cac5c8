import { and, eq } from 'drizzle-orm'
import { listings, stores } from '../../db/schema'
import type { Db } from '../db'
import { card, cardFromRow, type ListingCard } from './listing'
import { coverPhotos, type ListingPhoto } from './listing-photos'
import { inJsonList, prepared } from './prepared'

/**
 * Cards for listings chosen elsewhere (trending, recently viewed, similar), in the order given;
 * any no longer on sale are left out.
 * @example listingCardsInOrder(db, [12, 7]) // [card 12, card 7], or [card 7] once 12 is paused
 */
export function listingCardsInOrder(db: Db, ids: number[]): ListingCard[] {
  if (ids.length === 0) return []
  const rows = prepared(db, cardsOnSale).all({ ids: JSON.stringify(ids) })
  const byId = new Map(rows.map((row) => [row.listing.id, cardFromRow(row)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** Cards with the cover photo of each that has one, as a row of cards shows them. */
export function withCoverPhotos(
  db: Db,
  listings: ListingCard[],
): { listings: ListingCard[]; covers: Map<number, ListingPhoto> } {
  return {
    listings,
    covers: coverPhotos(
      db,
      listings.map((listing) => listing.id),
    ),
  }
}

const cardsOnSale = (db: Db) =>
  db
    .select(card)
    .from(listings)
    .innerJoin(stores, eq(stores.id, listings.storeId))
    .where(and(eq(listings.status, 'published'), inJsonList(listings.id, 'ids')))
    .prepare()
