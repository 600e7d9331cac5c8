import { Hono } from 'hono'
import { ListingRow, MyListingsPage } from '../../../views/listings/my-listings-page'
import type { MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { readFormValues, type FormErrors } from '../../http/forms'
import { requireMember } from '../../http/session'
import { readPrice, readStock } from './listing-form'
import { shell } from '../../http/shell'
import { listOwnListings, quickEditListing } from '../../models/listing'

/**
 * POST /listings/:id/quick-edit — price and stock from the "my listings" row. htmx swaps the
 * row in place; without JavaScript the page reloads with a message.
 */
export const listingQuickEdit = new Hono<MemberEnv>().post(
  '/:id{[0-9]+}/quick-edit',
  requireMember,
  async (c) => {
    const listingId = Number(c.req.param('id'))
    const currency = c.var.site!.currency
    const values = await readFormValues(c)
    const errors: FormErrors = {}
    const priceRead = readPrice(values.price ?? '', currency)
    const stockRead = readStock(values.stock ?? '')
    if (!priceRead.ok) errors.price = priceRead.message
    if (!stockRead.ok) errors.stock = stockRead.message
    const price = priceRead.ok ? priceRead.value : null
    const stock = stockRead.ok ? stockRead.value : null
    const row = () =>
      listOwnListings(c.var.db, c.var.member).find((listing) => listing.id === listingId)
    const fragment = c.req.header('HX-Request') === 'true'
    c.header('Vary', 'HX-Request', { append: true })

    if (price === null || stock === null) {
      const listing = row()
      if (!listing) return c.notFound()
      if (fragment)
        return c.html(
          <ListingRow
            listing={listing}
            currency={currency}
            locale={c.var.site!.locale}
            errors={errors}
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
    const updated = quickEditListing(c.var.db, c.var.clock, c.var.member, listingId, {
      price,
      stock,
    })
    if (!updated) return c.notFound()
    if (fragment)
      return c.html(
        <ListingRow listing={row()!} currency={currency} locale={c.var.site!.locale} saved />,
      )
    return flashRedirect(c, '/listings/mine', `${updated.title}: saved.`)
  },
)
