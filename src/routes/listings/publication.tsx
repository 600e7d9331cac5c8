import { Hono, type Context } from 'hono'
import type { MarketEnv, MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { readFormValues } from '../../http/forms'
import { requireMember } from '../../http/session'
import type { ListingAction } from '../../models/listing/status'
import { changeListingStatus } from '../../models/listing/publication'
import { findOwnListing } from '../../models/listing'
import { FROM_MY_LISTINGS, ListingRow } from '../../../views/listings/my-listings-page'

const MESSAGES: Record<ListingAction, string> = {
  publish: 'Published: buyers can find it now.',
  pause: 'Paused: it is hidden until you resume it.',
  archive: 'Archived. It is off the market for good.',
}

/**
 * Where the provider goes next: back to the listing's edit page, or to My listings when the
 * button was in its row (or after archiving: an archived listing has no edit page).
 */
function nextPage(action: ListingAction, listingId: number, fromMyListings: boolean) {
  return action === 'archive' || fromMyListings ? '/listings/mine' : `/listings/${listingId}/edit`
}

function move<E extends MemberEnv>(c: Context<E>, action: ListingAction, fromMyListings = false) {
  const listingId = Number(c.req.param('id'))
  const result = changeListingStatus(c.var.db, c.var.clock, c.var.member, listingId, action)
  if (!result.ok && result.reason === 'not_found') return c.notFound()
  const message = result.ok ? MESSAGES[action] : REFUSED
  // From a row of My listings with htmx: that row alone comes back, saying what happened.
  c.header('Vary', 'HX-Request', { append: true })
  const row =
    fromMyListings && c.req.header('HX-Request') === 'true'
      ? findOwnListing(c.var.db, c.var.member, listingId)
      : undefined
  if (row) {
    const { currency, locale } = c.var.site
    return c.html(<ListingRow listing={row} currency={currency} locale={locale} notice={message} />)
  }
  return flashRedirect(
    c,
    nextPage(action, listingId, fromMyListings),
    message,
    result.ok ? 'notice' : 'alert',
  )
}

const REFUSED = 'That listing cannot do that from where it is now.'

/**
 * POST /listings/:id/publication publishes (or resumes); a DELETE pauses. Plain forms cannot
 * send DELETE, so they say it with a `_method` field, as Rails forms do. `return=mine` comes
 * from a row of My listings, and goes back there.
 */
export const listingPublication = new Hono<MarketEnv>().post('/', requireMember, async (c) => {
  const values = await readFormValues(c)
  return move(
    c,
    values._method?.toUpperCase() === 'DELETE' ? 'pause' : 'publish',
    values.return === FROM_MY_LISTINGS,
  )
})

/** POST /listings/:id/archival archives for good. */
export const listingArchival = new Hono<MarketEnv>().post('/', requireMember, (c) =>
  move(c, 'archive'),
)
