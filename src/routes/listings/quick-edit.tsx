import { Hono } from 'hono'
import { ListingRow, MyListingsPage } from '../../../views/listings/my-listings-page'
import type { MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm, type FormErrors, type FormValues } from '../../http/forms'
import { requireMember } from '../../http/session'
import { shell } from '../../http/shell'
import { findOwnListing, listOwnListings, quickEditListing } from '../../models/listing'
import {
  quickEditSchema,
  STALE_FORM_MESSAGE,
  stockSoldMessage,
} from '../../models/listing/listing-input'

/**
 * POST /listings/:id/quick-edit — price and stock from the "my listings" row. htmx swaps the
 * row in place; without JavaScript the page reloads with a message. A refused edit shows what
 * was typed, beside its message, either way — except a stock that sales since the page was
 * opened made impossible: that field comes back with the stock as it is now.
 */
export const listingQuickEdit = new Hono<MarketEnv>().post('/', requireMember, async (c) => {
  const listingId = Number(c.req.param('id'))
  const { currency, locale } = c.var.site
  const form = await parseForm(c, quickEditSchema({ currency, locale }))
  const row = () => findOwnListing(c.var.db, c.var.member, listingId)
  const fragment = c.req.header('HX-Request') === 'true'
  c.header('Vary', 'HX-Request', { append: true })

  const refuse = (values: FormValues, errors: FormErrors) => {
    const listing = row()
    if (!listing) return c.notFound()
    if (fragment)
      return c.html(
        <ListingRow
          listing={listing}
          currency={currency}
          locale={locale}
          errors={errors}
          values={values}
        />,
        422,
      )
    return c.html(
      <MyListingsPage
        shell={shell(c)}
        listings={listOwnListings(c.var.db, c.var.member)}
        currency={currency}
        hasStore
        refused={{ listingId, errors, values }}
      />,
      422,
    )
  }

  if (!form.ok) return refuse(form.values, form.errors)
  const result = quickEditListing(c.var.db, c.var.clock, c.var.member, listingId, form.data)
  if (!result.ok) {
    if (result.reason === 'not_found') return c.notFound()
    if (result.reason === 'stale_form') {
      const { stock: _typed, stockWas: _shown, ...typed } = form.values
      return refuse(typed, { stock: STALE_FORM_MESSAGE })
    }
    const now = String(result.stock)
    return refuse(
      { ...form.values, stock: now, stockWas: now },
      { stock: stockSoldMessage(result.stock) },
    )
  }
  const saved = fragment ? row() : undefined
  if (saved)
    return c.html(
      <ListingRow listing={saved} currency={currency} locale={locale} notice="Saved." />,
    )
  return flashRedirect(c, '/listings/mine', `${result.listing.title}: saved.`)
})
