import { Hono } from 'hono'
import { HomePage } from '../../views/home/home-page'
import type { MarketEnv } from '../http/env'
import { shell } from '../http/shell'
import { listCategoryTree } from '../models/category'
import { savedListingIds } from '../models/favourite'
import { listNewestListings } from '../models/listing'
import { listTrendingListings } from '../models/listing-activity'
import { withCoverPhotos } from '../models/listing-cards'
import { coverPhotos } from '../models/listing-photos'
import { listRecentlyViewed } from '../models/recently-viewed'
import { findStoreOfMember } from '../models/store'

const NEWEST_COUNT = 12
const TRENDING_COUNT = 6

export const home = new Hono<MarketEnv>().get('/', (c) => {
  const member = c.var.member
  const newest = listNewestListings(c.var.db, NEWEST_COUNT)
  const ids = newest.map((listing) => listing.id)
  return c.html(
    <HomePage
      shell={shell(c)}
      categories={listCategoryTree(c.var.db)}
      ownStore={member ? findStoreOfMember(c.var.db, member.id) : undefined}
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
