import { Hono } from 'hono'
import { HomePage } from '../../views/home/home-page'
import type { Db } from '../db'
import type { MarketEnv } from '../http/env'
import { shell } from '../http/shell'
import type { Clock } from '../lib/clock'
import { listCategoryTree } from '../models/category'
import { savedListingIds } from '../models/favourite'
import { listNewestListings } from '../models/listing'
import { listTrendingListings } from '../models/listing-activity'
import { withCoverPhotos } from '../models/listing-cards'
import { coverPhotos } from '../models/listing-photos'
import { listRecentlyViewed } from '../models/recently-viewed'
import { browseRequests } from '../models/request/browse'
import type { SessionMember } from '../models/session'
import { findStoreOfMember } from '../models/store'

const NEWEST_COUNT = 12
const TRENDING_COUNT = 6
/** A provider's glance at requests in what they sell; the rest is one link away. */
const REQUESTS_COUNT = 4

export const home = new Hono<MarketEnv>().get('/', (c) => {
  const member = c.var.member
  const newest = listNewestListings(c.var.db, NEWEST_COUNT)
  const ids = newest.map((listing) => listing.id)
  const ownStore = member ? findStoreOfMember(c.var.db, member.id) : undefined
  return c.html(
    <HomePage
      shell={shell(c)}
      categories={listCategoryTree(c.var.db)}
      ownStore={ownStore}
      requests={ownStore && member ? requestsInWhatTheySell(c.var.db, member, c.var.clock) : null}
      newest={newest}
      covers={coverPhotos(c.var.db, ids)}
      saved={member ? savedListingIds(c.var.db, member, ids) : new Set()}
      currency={c.var.site.currency}
      recentlyViewed={withCoverPhotos(
        c.var.db,
        member ? listRecentlyViewed(c.var.db, c.var.activity, member) : [],
      )}
      trending={withCoverPhotos(
        c.var.db,
        listTrendingListings(c.var.db, c.var.activity, TRENDING_COUNT),
      )}
    />,
  )
})

/**
 * The newest open requests in the top categories the member's store sells in; null when it
 * sells in none yet (there is nothing of theirs to match).
 */
function requestsInWhatTheySell(db: Db, member: SessionMember, clock: Clock) {
  const now = clock.now()
  const results = browseRequests(
    db,
    member,
    {
      words: [],
      categoryIds: [],
      mine: true,
      minBudget: null,
      withinKm: null,
      sort: 'newest',
      page: 1,
      perPage: REQUESTS_COUNT,
    },
    now,
  )
  return results.reach.topCategoryIds.length > 0 ? { rows: results.rows, now } : null
}
