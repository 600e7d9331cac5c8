// Favourites: listings a member saved to come back to.
//
// A favourite whose listing is later paused or archived stays saved but is shown nowhere: the
// favourites page and the hearts list only listings on sale. Pausing is usually short (a
// provider away for a week), so the listing comes back to the member's page when it is
// resumed, without them having to find it again. Only listings on sale can be saved.
import { and, count, desc, eq, ne, sql } from 'drizzle-orm'
import { favourites, listings, stores } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { pageWithin, type PageWindow } from '../lib/pagination'
import { card, cardFromRow, type Listing, type ListingCard } from './listing'
import { inJsonList, prepared } from './prepared'
import type { SessionMember } from './session'

/** What a heart and its messages need to know of a listing. */
export type FavouriteListing = Pick<Listing, 'id' | 'slug' | 'title'>

export type FavouriteResult =
  { ok: true; listing: FavouriteListing } | { ok: false; reason: 'not_found' }

/** A listing that may be saved: one on sale. Undefined for any other id. */
export function findListingToSave(db: Db, listingId: number): FavouriteListing | undefined {
  return prepared(db, listingOnSale).get({ id: listingId })
}

/**
 * Saves a listing on sale to the member's favourites. Saving it again changes nothing (it keeps
 * its place in the list), so a double submit is harmless.
 */
export function saveFavourite(
  db: Db,
  clock: Clock,
  member: SessionMember,
  listingId: number,
): FavouriteResult {
  return db.transaction((tx): FavouriteResult => {
    const listing = tx
      .select({ id: listings.id, slug: listings.slug, title: listings.title })
      .from(listings)
      .where(and(eq(listings.id, listingId), eq(listings.status, 'published')))
      .get()
    if (!listing) return { ok: false, reason: 'not_found' }
    tx.insert(favourites)
      .values({ memberId: member.id, listingId, createdAt: clock.now() })
      .onConflictDoNothing()
      .run()
    return { ok: true, listing }
  })
}

/**
 * Removes a listing from the member's favourites; removing one that is not there is fine. A
 * listing that is not on sale is `not_found` unless the member had it saved: they saw its title
 * when they saved it, but nobody learns the title of a draft by guessing ids.
 */
export function removeFavourite(db: Db, member: SessionMember, listingId: number): FavouriteResult {
  return db.transaction((tx): FavouriteResult => {
    const listing = tx
      .select({
        id: listings.id,
        slug: listings.slug,
        title: listings.title,
        status: listings.status,
      })
      .from(listings)
      .where(eq(listings.id, listingId))
      .get()
    if (!listing) return { ok: false, reason: 'not_found' }
    const removed = tx
      .delete(favourites)
      .where(and(eq(favourites.memberId, member.id), eq(favourites.listingId, listingId)))
      .run().changes
    if (removed === 0 && listing.status !== 'published') return { ok: false, reason: 'not_found' }
    return { ok: true, listing: { id: listing.id, slug: listing.slug, title: listing.title } }
  })
}

/**
 * One page of the member's favourites on sale, newest saved first: the page asked for, or the
 * last one when it asks past the end.
 */
export function listFavourites(
  db: Db,
  member: SessionMember,
  requested: { number: number; size: number },
): { listings: ListingCard[]; total: number; offSale: number; page: PageWindow } {
  const total = prepared(db, favouriteCount).get({ memberId: member.id })?.total ?? 0
  // Saved but paused or archived: not shown, but counted, so the member knows where they went.
  const offSale = prepared(db, offSaleCount).get({ memberId: member.id })?.total ?? 0
  const page = pageWithin(requested.number, total, requested.size)
  const rows = prepared(db, favouritePage).all({
    memberId: member.id,
    limit: page.size,
    offset: page.offset,
  })
  return {
    listings: rows.map(cardFromRow),
    total,
    offSale,
    page,
  }
}

/**
 * Which of these listings the member has saved, in one query: the hearts of a grid of cards.
 * @example savedListingIds(db, member, cards.map((card) => card.id)).has(12)
 */
export function savedListingIds(db: Db, member: SessionMember, listingIds: number[]): Set<number> {
  if (listingIds.length === 0) return new Set()
  const rows = prepared(db, savedAmong).all({
    memberId: member.id,
    ids: JSON.stringify(listingIds),
  })
  return new Set(rows.map((row) => row.listingId))
}

// Hot reads: every page with cards asks which are saved (see prepared.ts).
const ofMember = eq(favourites.memberId, sql.placeholder('memberId'))
const onSale = eq(listings.status, 'published')

const listingOnSale = (db: Db) =>
  db
    .select({ id: listings.id, slug: listings.slug, title: listings.title })
    .from(listings)
    .where(and(eq(listings.id, sql.placeholder('id')), onSale))
    .prepare()

const savedAmong = (db: Db) =>
  db
    .select({ listingId: favourites.listingId })
    .from(favourites)
    .where(and(ofMember, inJsonList(favourites.listingId, 'ids')))
    .prepare()

const favouriteCount = (db: Db) =>
  db
    .select({ total: count() })
    .from(favourites)
    .innerJoin(listings, eq(listings.id, favourites.listingId))
    .where(and(ofMember, onSale))
    .prepare()

const offSaleCount = (db: Db) =>
  db
    .select({ total: count() })
    .from(favourites)
    .innerJoin(listings, eq(listings.id, favourites.listingId))
    .where(and(ofMember, ne(listings.status, 'published')))
    .prepare()

const favouritePage = (db: Db) =>
  db
    .select(card)
    .from(favourites)
    .innerJoin(listings, eq(listings.id, favourites.listingId))
    .innerJoin(stores, eq(stores.id, listings.storeId))
    .where(and(ofMember, onSale))
    .orderBy(desc(favourites.createdAt), desc(favourites.listingId))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare()
