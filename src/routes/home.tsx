import { Hono } from 'hono'
import { HomePage } from '../../views/home/home-page'
import type { MarketEnv } from '../http/env'
import { shell } from '../http/shell'
import { listCategoryTree } from '../models/category'
import { listNewestListings } from '../models/listing'
import { coverPhotos } from '../models/listing-photos'
import { findStoreOfMember } from '../models/store'

const NEWEST_COUNT = 12

export const home = new Hono<MarketEnv>().get('/', (c) => {
  const member = c.var.member
  const newest = listNewestListings(c.var.db, NEWEST_COUNT)
  return c.html(
    <HomePage
      shell={shell(c)}
      categories={listCategoryTree(c.var.db)}
      ownStore={member ? findStoreOfMember(c.var.db, member.id) : undefined}
      newest={newest}
      covers={coverPhotos(
        c.var.db,
        newest.map((listing) => listing.id),
      )}
      currency={c.var.site.currency}
    />,
  )
})
