import { Hono, type Context } from 'hono'
import type { MarketEnv, MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { readFormValues } from '../../http/forms'
import { requireMember } from '../../http/session'
import type { ListingAction } from '../../models/listing/status'
import { changeListingStatus } from '../../models/listing/publication'

const MESSAGES: Record<ListingAction, string> = {
  publish: 'Published: buyers can find it now.',
  pause: 'Paused: it is hidden until you resume it.',
  archive: 'Archived. It is off the market for good.',
}

/** Back to the listing's edit page, except after archiving: an archived listing has none. */
function nextPage(action: ListingAction, listingId: number) {
  return action === 'archive' ? '/listings/mine' : `/listings/${listingId}/edit`
}

function move<E extends MemberEnv>(c: Context<E>, action: ListingAction) {
  const listingId = Number(c.req.param('id'))
  const result = changeListingStatus(c.var.db, c.var.clock, c.var.member, listingId, action)
  if (!result.ok) {
    if (result.reason === 'not_found') return c.notFound()
    return flashRedirect(
      c,
      nextPage(action, listingId),
      'That listing cannot do that from where it is now.',
      'alert',
    )
  }
  return flashRedirect(c, nextPage(action, listingId), MESSAGES[action])
}

/**
 * POST /listings/:id/publication publishes (or resumes); a DELETE pauses. Plain forms cannot
 * send DELETE, so they say it with a `_method` field, as Rails forms do.
 */
export const listingPublication = new Hono<MarketEnv>().post('/', requireMember, async (c) => {
  const values = await readFormValues(c)
  return move(c, values._method?.toUpperCase() === 'DELETE' ? 'pause' : 'publish')
})

/** POST /listings/:id/archival archives for good. */
export const listingArchival = new Hono<MarketEnv>().post('/', requireMember, (c) =>
  move(c, 'archive'),
)
