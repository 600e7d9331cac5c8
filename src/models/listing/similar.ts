// "Similar listings" under a listing: others on sale that share words with its title and tags,
// found in the search index (listing_search, db/migrations/0004_search.sql), the same category
// preferred; topped up with the newest of the same category when few share a word.
//
// "People who ordered this also ordered" joins here once orders exist (issue 8): listings that
// appear in the same buyers' orders, counted over the order lines, shown as a section of its own
// above this one. It needs no text, so it is a query of its own, not a term in this ranking.
import type { Db } from '../../db'
import type { ListingCard, ListingDetails } from '../listing'
import { listingCardsInOrder } from '../listing-cards'
import { prepared } from '../prepared'
import { anyWordQuery, searchWords } from './search-text'

export const SIMILAR_LIMIT = 6
/** Text matches considered before the category preference reorders them. */
const CANDIDATES = 50
/**
 * A listing in the same category counts this many times its text match (bm25 is negative, so
 * multiplying makes it better): same-category wins a near tie, a much closer text still wins.
 */
const SAME_CATEGORY_BOOST = 2

/**
 * The words of a listing's title and tags (two letters or more) as an FTS5 query matching any of
 * them, read as search reads what is typed (search-text.ts); null when there is no word.
 * @example similarityQuery('Tap & pipe repair', ['plumbing']) // '"tap" OR "pipe" OR "repair" OR "plumbing"'
 */
export function similarityQuery(title: string, tags: string[]): string | null {
  const words = searchWords([title, ...tags].join(' ')).filter((word) => [...word].length >= 2)
  return words.length > 0 ? anyWordQuery(words, { prefixLast: false }) : null
}

/** Up to six other listings on sale like `listing`, most alike first. */
export function listSimilarListings(
  db: Db,
  listing: Pick<ListingDetails, 'id' | 'title' | 'tags' | 'categoryId'>,
  limit = SIMILAR_LIMIT,
): ListingCard[] {
  const query = similarityQuery(listing.title, listing.tags ? listing.tags.split(',') : [])
  const matched = query
    ? (prepared(db, textMatches).all({
        query,
        id: listing.id,
        categoryId: listing.categoryId,
        candidates: CANDIDATES,
        boost: SAME_CATEGORY_BOOST,
        limit,
      }) as number[])
    : []
  const more =
    matched.length < limit
      ? (prepared(db, newestInCategory).all({
          categoryId: listing.categoryId,
          exclude: JSON.stringify([listing.id, ...matched]),
          limit: limit - matched.length,
        }) as number[])
      : []
  return listingCardsInOrder(db, [...matched, ...more])
}

// MATCH first, on the index alone, then the category preference over the best candidates.
const textMatches = (db: Db) =>
  db.$client
    .prepare(
      `
    with matches as (
      select rowid as id, bm25(listing_search, 10, 5, 4, 3, 2, 1) as relevance
      from listing_search
      where listing_search match :query and rowid != :id
      order by relevance
      limit :candidates
    )
    select l.id from matches join listings l on l.id = matches.id
    where l.status = 'published'
    order by matches.relevance * (case when l.category_id = :categoryId then :boost else 1 end),
      l.id desc
    limit :limit`,
    )
    .pluck()

const newestInCategory = (db: Db) =>
  db.$client
    .prepare(
      `
    select id from listings
    where category_id = :categoryId and status = 'published'
      and id not in (select value from json_each(:exclude))
    order by published_at desc, id desc
    limit :limit`,
    )
    .pluck()
