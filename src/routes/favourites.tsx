import { Hono } from 'hono'
import { FavouritesPage } from '../../views/favourites/favourites-page'
import type { MarketEnv } from '../http/env'
import { requireMember } from '../http/session'
import { shell } from '../http/shell'
import { readPageNumber } from '../lib/pagination'
import { listFavourites } from '../models/favourite'
import { coverPhotos } from '../models/listing-photos'

/** Cards per page: a few screens of a phone, two cards to a row. */
export const FAVOURITES_PAGE_SIZE = 24

/** GET /favourites — the member's saved listings; visitors are sent to sign in and back. */
export const favouritesPage = new Hono<MarketEnv>().get('/', requireMember, (c) => {
  const { listings, total, offSale, page } = listFavourites(c.var.db, c.var.member, {
    number: readPageNumber(c.req.query('page')),
    size: FAVOURITES_PAGE_SIZE,
  })
  return c.html(
    <FavouritesPage
      shell={shell(c)}
      listings={listings}
      covers={coverPhotos(
        c.var.db,
        listings.map((listing) => listing.id),
      )}
      total={total}
      offSale={offSale}
      page={page}
      currency={c.var.site.currency}
    />,
  )
})
