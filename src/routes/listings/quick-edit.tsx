import { Hono } from 'hono'
import { ListingRow, MyListingsPage } from '../../../views/listings/my-listings-page'
import type { MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm } from '../../http/forms'
import { requireMember } from '../../http/session'
import { shell } from '../../http/shell'
import { listOwnListings, quickEditListing } from '../../models/listing'
import { quickEditSchema } from '../../models/listing/listing-input'

/**
 * POST /listings/:id/quick-edit — price and stock from the "my listings" row. htmx swaps the
 * row in place; without JavaScript the page reloads with a message. A refused edit shows what
 * was typed, beside its message, either way.
 */
export const listingQuickEdit = new Hono<MarketEnv>().post('/', requireMember, async (c) => {
  const listingId = Number(c.req.param('id'))
  const { currency, locale } = c.var.site
  const form = await parseForm(c, quickEditSchema({ currency, locale }))
  const row = () =>
    listOwnListings(c.var.db, c.var.member).find((listing) => listing.id === listingId)
  const fragment = c.req.header('HX-Request') === 'true'
  c.header('Vary', 'HX-Request', { append: true })

  if (!form.ok) {
    const listing = row()
    if (!listing) return c.notFound()
    if (fragment)
      return c.html(
        <ListingRow
          listing={listing}
          currency={currency}
          locale={locale}
          errors={form.errors}
          values={form.values}
        />,
        422,
      )
    return c.html(
      <MyListingsPage
        shell={shell(c)}
        listings={listOwnListings(c.var.db, c.var.member)}
        currency={currency}
        hasStore
        refused={{ listingId, errors: form.errors, values: form.values }}
      />,
      422,
    )
  }
  const updated = quickEditListing(c.var.db, c.var.clock, c.var.member, listingId, form.data)
  if (!updated) return c.notFound()
  const saved = fragment ? row() : undefined
  if (saved) return c.html(<ListingRow listing={saved} currency={currency} locale={locale} saved />)
  return flashRedirect(c, '/listings/mine', `${updated.title}: saved.`)
})
