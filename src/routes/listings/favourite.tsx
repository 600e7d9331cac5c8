import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { signInHref } from '../../../views/accounts/account-links'
import { FavouriteButton, FavouriteGone } from '../../../views/favourites/favourite-button'
import type { AppEnv, MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm, parseQuery } from '../../http/forms'
import { safeReturnPath, seeOther } from '../../http/redirects'
import {
  findListingToSave,
  removeFavourite,
  saveFavourite,
  type FavouriteListing,
} from '../../models/favourite'
import { listingPath } from '../../models/listing'
import type { SessionMember } from '../../models/session'

// The page to come back to, and a plain form's way of saying DELETE. A field sent twice or
// otherwise odd fails the schema and is ignored: the heart still works, back to the listing.
const heartSchema = z.object({
  returnTo: z.string().optional(),
  _method: z.string().optional(),
})

type Change = 'save' | 'remove'

/**
 * POST /listings/:id/favourite saves a listing to the member's favourites; a DELETE removes it.
 * Plain forms say DELETE with a `_method` field; htmx sends a real DELETE, with the form's fields
 * in the query string. Without htmx the answer is 303 back to the page the heart was on, with a
 * message; with htmx it is the heart itself, swapped in place. Both are idempotent, so a double
 * submit is harmless. Visitors are sent to sign in, and the listing is saved once they have.
 */
export const listingFavourite = new Hono<MarketEnv>()
  .post('/', async (c) => {
    const form = await parseForm(c, heartSchema)
    const fields = form.ok ? form.data : {}
    const remove = fields._method?.toUpperCase() === 'DELETE'
    return answer(c, remove ? 'remove' : 'save', fields.returnTo)
  })

  .delete('/', (c) => {
    const query = parseQuery(c, heartSchema)
    return answer(c, 'remove', query.ok ? query.data.returnTo : undefined)
  })

function answer(c: Context<MarketEnv>, change: Change, requestedReturn: string | undefined) {
  const fragment = c.req.header('HX-Request') === 'true'
  c.header('Vary', 'HX-Request', { append: true })
  const listingId = readListingId(c.req.param('id'))
  const member = c.var.member
  if (!member) {
    const signIn = signInHref(
      safeReturnPath(requestedReturn),
      change === 'save' ? listingId : undefined,
    )
    // htmx would swap the sign-in page into the heart; the whole page goes there instead.
    if (fragment) return c.body(null, 204, { 'HX-Redirect': signIn })
    return seeOther(c, signIn)
  }
  const result =
    listingId === undefined
      ? ({ ok: false, reason: 'not_found' } as const)
      : change === 'save'
        ? saveFavourite(c.var.db, c.var.clock, member, listingId)
        : removeFavourite(c.var.db, member, listingId)
  if (!result.ok) {
    if (fragment && listingId !== undefined)
      return c.html(<FavouriteGone listing={{ id: listingId }} />, 404)
    return c.notFound()
  }
  const returnTo = safeReturnPath(requestedReturn, listingPath(result.listing))
  if (fragment)
    return c.html(
      <FavouriteButton listing={result.listing} saved={change === 'save'} returnTo={returnTo} />,
    )
  return flashRedirect(c, returnTo, changeMessage(change, result.listing))
}

function changeMessage(change: Change, listing: FavouriteListing) {
  return change === 'save'
    ? `Saved ${listing.title} to your favourites.`
    : `Removed ${listing.title} from your favourites.`
}

/** A listing id from a path or a field: digits that make a safe integer, else undefined. */
function readListingId(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value)) return undefined
  return Number(value)
}

/**
 * The listing a visitor asked to save before signing in (`?favourite=` on the sign-in and
 * sign-up pages, then their hidden field), if it may still be saved.
 */
export function favouriteToSave<E extends AppEnv>(
  c: Context<E>,
  value: string | undefined,
): FavouriteListing | undefined {
  const listingId = readListingId(value)
  return listingId === undefined ? undefined : findListingToSave(c.get('db'), listingId)
}

/**
 * Right after signing in or up: saves the favourite the visitor asked for, in the same request
 * (never on a GET), and says so: " Saved Honey to your favourites." ('' when there is none).
 */
export function savePendingFavourite<E extends AppEnv>(
  c: Context<E>,
  member: SessionMember,
  value: string | undefined,
): string {
  const listingId = readListingId(value)
  if (listingId === undefined) return ''
  const result = saveFavourite(c.get('db'), c.get('clock'), member, listingId)
  return result.ok ? ` ${changeMessage('save', result.listing)}` : ''
}
