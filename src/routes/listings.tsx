import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { ListingNewPage } from '../../views/listings/listing-new-page'
import { ListingPage } from '../../views/listings/listing-page'
import { MyListingsPage } from '../../views/listings/my-listings-page'
import { OptionRows, withAnotherRow } from '../../views/listings/listing-form'
import type { AppEnv, MarketEnv, MemberEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { listLength, listValues, parseForm, type FormErrors, type FormValues } from '../http/forms'
import { requireMember } from '../http/session'
import { liveFrom, shell } from '../http/shell'
import { listCategoryTree } from '../models/category'
import { savedListingIds } from '../models/favourite'
import {
  createListing,
  findListingForOwner,
  findVisibleListing,
  listingPath,
  listOwnListings,
  updateListing,
} from '../models/listing'
import {
  listingInputSchema,
  STALE_FORM_MESSAGE,
  stockSoldMessage,
  type MoneyFormat,
} from '../models/listing/listing-input'
import { withCoverPhotos } from '../models/listing-cards'
import { listListingPhotos } from '../models/listing-photos'
import { listSimilarListings } from '../models/listing/similar'
import { findStoreOfMember, sellerFacts } from '../models/store'
import { renderListingEdit } from './listings/edit-page'
import { readReviews, reviewsContextOf } from './reviews/reviews-view'
import { ReviewResults } from '../../views/reviews/reviews-section'
import { bookingSectionOf } from './listings/booking'
import { FRAGMENT_VARY, wantsFragment } from '../http/htmx'

const ID = '{[0-9]+}'

function currencyOf<E extends MarketEnv>(c: Context<E>) {
  return c.var.site.currency
}

function moneyOf<E extends MarketEnv>(c: Context<E>): MoneyFormat {
  return { currency: c.var.site.currency, locale: c.var.site.locale }
}

function newPage<E extends MemberEnv>(
  c: Context<E>,
  kind: 'service' | 'product' | null,
  values: FormValues,
  errors?: FormErrors,
) {
  return (
    <ListingNewPage
      shell={shell(c)}
      kind={kind}
      values={values}
      errors={errors}
      categories={listCategoryTree(c.var.db)}
      currency={currencyOf(c)}
    />
  )
}

/**
 * "Add another package" (or variant) is a submit button named `add`: the form comes back with
 * everything typed and one more empty row, not saved and not checked yet. With htmx only the
 * rows are swapped. Undefined when the form was submitted to be saved.
 */
function addedRow<E extends MemberEnv>(
  c: Context<E>,
  kind: 'service' | 'product',
  values: FormValues,
  page: (values: FormValues) => ReturnType<typeof newPage>,
) {
  const list = kind === 'service' ? 'packages' : 'variants'
  if (!listValues(values, 'add').includes(list)) return undefined
  const more = withAnotherRow(values, list)
  c.header('Vary', 'HX-Request', { append: true })
  if (c.req.header('HX-Request') === 'true')
    return c.html(
      <OptionRows
        kind={kind}
        action={c.req.path}
        values={more}
        errors={{}}
        currency={currencyOf(c)}
      />,
    )
  return c.html(page(more))
}

/** A provider's own listings: create, edit, see them all. Anyone else's id is a 404. */
export const listingManagement = new Hono<MarketEnv>()
  .get('/new', requireMember, (c) => {
    if (!findStoreOfMember(c.var.db, c.var.member.id))
      return flashRedirect(
        c,
        '/stores/new',
        'Open your storefront first; your listings live there.',
      )
    const kind = c.req.query('kind')
    return c.html(newPage(c, kind === 'service' || kind === 'product' ? kind : null, {}))
  })

  .post('/', requireMember, async (c) => {
    const kind = (await readKind(c)) ?? 'service'
    const form = await parseForm(c, listingInputSchema(kind, moneyOf(c)))
    const values = { ...form.values, kind }
    const adding = addedRow(c, kind, values, (more) => newPage(c, kind, more))
    if (adding) return adding
    if (!form.ok) return c.html(newPage(c, kind, values, form.errors), 422)
    const result = createListing(c.var.db, c.var.clock, c.var.member, form.data)
    if (!result.ok) {
      if (result.reason === 'no_store')
        return flashRedirect(
          c,
          '/stores/new',
          'Open your storefront first; your listings live there.',
        )
      return c.html(
        newPage(c, kind, values, { categoryId: 'Choose a category from the list.' }),
        422,
      )
    }
    return flashRedirect(
      c,
      `/listings/${result.listing.id}/edit`,
      'Draft saved. Publish it when it is ready.',
    )
  })

  .get('/mine', requireMember, (c) =>
    c.html(
      <MyListingsPage
        shell={shell(c)}
        listings={listOwnListings(c.var.db, c.var.member)}
        currency={currencyOf(c)}
        hasStore={findStoreOfMember(c.var.db, c.var.member.id) !== undefined}
      />,
    ),
  )

  .get(`/:id${ID}/edit`, requireMember, (c) => {
    const listing = findListingForOwner(c.var.db, c.var.member, Number(c.req.param('id')))
    if (!listing) return c.notFound()
    return c.html(renderListingEdit(c, listing))
  })

  .post(`/:id${ID}`, requireMember, async (c) => {
    const listing = findListingForOwner(c.var.db, c.var.member, Number(c.req.param('id')))
    if (!listing) return c.notFound()
    // The kind is fixed at creation: whatever the form says, the listing's own kind is read.
    const form = await parseForm(c, listingInputSchema(listing.kind, moneyOf(c)))
    const values = form.values
    const adding = addedRow(c, listing.kind, values, (more) =>
      renderListingEdit(c, listing, { values: more }),
    )
    if (adding) return adding
    if (!form.ok) return c.html(renderListingEdit(c, listing, { values, errors: form.errors }), 422)
    const result = updateListing(c.var.db, c.var.clock, c.var.member, listing.id, form.data)
    if (result.ok) return flashRedirect(c, `/listings/${listing.id}/edit`, 'Changes saved.')
    switch (result.reason) {
      case 'not_found':
        return c.notFound()
      case 'stale_form':
        // What was typed cannot be matched to the units any more: the form as saved now.
        return c.html(renderListingEdit(c, listing, { errors: { form: STALE_FORM_MESSAGE } }), 422)
      case 'not_enough_stock': {
        // The field comes back with the stock as it is now, so saving again undoes no sale.
        const row = stockRow(values, result.unitId)
        const now = String(result.stock)
        return c.html(
          renderListingEdit(c, listing, {
            values: { ...values, [`${row}stock`]: now, [`${row}stockWas`]: now },
            errors: { [`${row}stock`]: stockSoldMessage(result.stock) },
          }),
          422,
        )
      }
      default:
        return c.html(
          renderListingEdit(c, listing, {
            values,
            errors: { categoryId: 'Choose a category from the list.' },
          }),
          422,
        )
    }
  })

/** Where a unit's stock is in the form: `variants.1.` for a variant's row, '' for goods without. */
function stockRow(values: FormValues, unitId: number): string {
  const variants = listLength(values, 'variants')
  for (let index = 0; index < variants; index += 1)
    if (values[`variants.${index}.unitId`] === String(unitId)) return `variants.${index}.`
  return ''
}

/** The kind a new listing's form says it is: a service or goods. */
async function readKind<E extends MemberEnv>(
  c: Context<E>,
): Promise<'service' | 'product' | undefined> {
  const form = await parseForm(c, z.object({ kind: z.enum(['service', 'product']) }))
  return form.ok ? form.data.kind : undefined
}

/**
 * GET /listings/:id-:slug — the public listing page, at its canonical address. `?reviews=` sorts
 * its reviews and `?reviews_page=` pages them; htmx asking for a fragment gets just the reviews.
 */
export const listingPages = new Hono<MarketEnv>().get('/:ref{[0-9]+(?:-[^/]*)?}', (c) => {
  const ref = c.req.param('ref')
  const listing = findVisibleListing(c.var.db, c.var.member, Number.parseInt(ref, 10))
  if (!listing) return c.notFound()
  const canonical = listingPath(listing)
  if (`/listings/${ref}` !== canonical) return c.redirect(canonical, 301)
  const member = c.var.member
  const isOwner = member?.id === listing.store.memberId
  const reviews = readReviews(c, { storeId: listing.storeId, listingId: listing.id })
  const reviewsContext = reviewsContextOf(c, canonical, listing.store, isOwner)
  c.header('Vary', FRAGMENT_VARY, { append: true })
  if (wantsFragment(c))
    return c.html(<ReviewResults reviews={reviews} context={reviewsContext} fragment />)
  const parentCategory = listing.category.parentId
    ? listCategoryTree(c.var.db).find((top) => top.id === listing.category.parentId)
    : undefined
  // A bookable service's open page hears when its times are taken (live/slot-fragments.tsx).
  const live = listing.booking ? liveFrom(c, `listing:${listing.id}`) : null
  return c.html(
    <ListingPage
      shell={shell(c, { live })}
      listing={listing}
      parentCategory={parentCategory}
      isOwner={isOwner}
      saved={member && !isOwner ? savedListingIds(c.var.db, member, [listing.id]).size > 0 : false}
      photos={listListingPhotos(c.var.db, listing.id)}
      currency={currencyOf(c)}
      seller={{
        // The store was read with the listing; were it to vanish in between, it has no record.
        ...(sellerFacts(c.var.db, listing.store.id) ?? {
          avatar: null,
          completedOrders: 0,
          memberSince: listing.store.createdAt,
        }),
        timeZone: c.var.site.timeZone,
      }}
      similar={withCoverPhotos(c.var.db, listSimilarListings(c.var.db, listing))}
      reviews={reviews}
      reviewsContext={reviewsContext}
      booking={bookingSectionOf(c, listing, isOwner)}
    />,
  )
})
