import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { moneyInputValue } from '../../src/lib/money'
import type { Listing, OwnListing } from '../../src/models/listing'
import { EmptyState } from '../components/empty-state'
import { initial } from '../components/initial'
import { Money } from '../components/money'
import { Picture } from '../components/picture'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { ListingStatus } from './listing-status'

type MyListingsPageProps = {
  shell: Shell
  listings: OwnListing[]
  currency: string
  hasStore: boolean
  /** A quick edit that was refused without JavaScript: shown in its row, as typed. */
  refused?: { listingId: number; errors: Errors; values: FormValues } | undefined
}

/** The provider's listings at a glance: status, price and stock, with quick edits inline. */
export function MyListingsPage({
  shell,
  listings,
  currency,
  hasStore,
  refused,
}: MyListingsPageProps) {
  return (
    <SiteLayout shell={shell} title="My listings">
      <h1>My listings</h1>
      {!hasStore ? (
        <EmptyState title="Open your storefront first">
          <p>Your listings live in your storefront, where buyers find them and you.</p>
          <a class="button button--primary" href="/stores/new">
            Open a storefront
          </a>
        </EmptyState>
      ) : listings.length === 0 ? (
        <EmptyState title="List your first service or item">
          <p>Say what you do or sell, add a photo and a price; publish it when it is ready.</p>
          <a class="button button--primary" href="/listings/new">
            New listing
          </a>
        </EmptyState>
      ) : (
        <>
          <p>
            <a class="button button--primary" href="/listings/new">
              New listing
            </a>{' '}
            <a class="button button--secondary" href="/coupons">
              Coupons
            </a>
          </p>
          <ul class="my-listings">
            {listings.map((listing) => (
              <ListingRow
                listing={listing}
                currency={currency}
                locale={shell.locale}
                {...(refused?.listingId === listing.id ? refused : {})}
              />
            ))}
          </ul>
        </>
      )}
    </SiteLayout>
  )
}

type ListingRowProps = {
  listing: OwnListing
  currency: string
  locale: string
  errors?: Errors
  /** What was typed, when it is shown again with its errors. */
  values?: FormValues
  /** Said right after a change swapped the row ("Saved."), so screen readers hear that it worked. */
  notice?: string | undefined
}

export function listingRowId(listing: Pick<Listing, 'id'>) {
  return `listing-row-${listing.id}`
}

/**
 * One row: the cover photo, title and status, price and stock, the step to publish or pause it,
 * and for goods without variants a quick edit of price and stock. htmx swaps just this row after
 * either; without JavaScript each is a plain form and the page comes back.
 */
export function ListingRow(props: ListingRowProps) {
  const { listing, currency, locale, errors = {}, values } = props
  // Goods without variants: the quick edit changes their one (default) unit.
  const unit = listing.status === 'archived' ? undefined : listing.defaultUnit
  const stock = listing.stock
  return (
    <li class="my-listing" id={listingRowId(listing)}>
      {listing.cover ? (
        <Picture image={listing.cover.image} alt="" sizes="4rem" class="my-listing__thumb" square />
      ) : (
        <span class="my-listing__thumb my-listing__thumb--none" aria-hidden="true">
          {initial(listing.title)}
        </span>
      )}
      <p class="my-listing__head">
        {/* An archived listing has no page left to open, for anyone. */}
        {listing.status === 'archived' ? (
          <span>{listing.title}</span>
        ) : (
          <a href={`/listings/${listing.id}/edit`}>{listing.title}</a>
        )}{' '}
        <ListingStatus status={listing.status} />
      </p>
      <p class="muted">
        {listing.kind === 'service' ? 'Service from ' : ''}
        <Money amount={listing.fromPrice} currency={currency} locale={locale} />
        {stock !== null ? ` · ${stock} in stock` : ''}
        {stock === 0 ? ' — sold out' : ''}
      </p>
      <PublicationForm listing={listing} />
      {unit ? (
        <form
          method="post"
          action={`/listings/${listing.id}/quick-edit`}
          class="quick-edit"
          data-hx-post={`/listings/${listing.id}/quick-edit`}
          data-hx-target={`#${listingRowId(listing)}`}
          data-hx-swap="outerHTML"
        >
          {/* The stock this row shows: saving applies the difference, so sales made since stand. */}
          <input
            type="hidden"
            name="stockWas"
            value={values?.stockWas ?? String(unit.stock ?? 0)}
          />
          <div class="field-row">
            <QuickField
              label="Price"
              name="price"
              id={`price-${listing.id}`}
              value={values?.price ?? moneyInputValue(unit.price, currency)}
              error={errors.price}
              inputmode="decimal"
            />
            <QuickField
              label="Stock"
              name="stock"
              id={`stock-${listing.id}`}
              value={values?.stock ?? String(unit.stock ?? 0)}
              error={errors.stock}
              inputmode="numeric"
            />
          </div>
          <button type="submit" class="button button--secondary">
            Update<span class="visually-hidden"> {listing.title}</span>
          </button>
        </form>
      ) : null}
      {listing.status === 'archived' ? null : (
        <p class="muted my-listing__notice" role="status">
          {props.notice ?? ''}
        </p>
      )}
    </li>
  )
}

/** What says the row's publish, resume or pause comes back to My listings rather than the edit page. */
export const FROM_MY_LISTINGS = 'mine'

/**
 * Publish (a draft), resume (paused) or pause (on sale), in the row: the same resource as the
 * edit page's buttons, POST /listings/:id/publication, with `_method=DELETE` to pause.
 */
function PublicationForm({ listing }: { listing: OwnListing }) {
  if (listing.status === 'archived') return null
  const action = `/listings/${listing.id}/publication`
  const pausing = listing.status === 'published'
  return (
    <form
      method="post"
      action={action}
      class="my-listing__publication"
      data-hx-post={action}
      data-hx-target={`#${listingRowId(listing)}`}
      data-hx-swap="outerHTML"
    >
      <input type="hidden" name="return" value={FROM_MY_LISTINGS} />
      {pausing ? <input type="hidden" name="_method" value="DELETE" /> : null}
      <button
        type="submit"
        class={`button button--small ${pausing ? 'button--secondary' : 'button--primary'}`}
      >
        {pausing ? 'Pause' : listing.status === 'draft' ? 'Publish' : 'Resume'}
        <span class="visually-hidden"> {listing.title}</span>
      </button>
    </form>
  )
}

type QuickFieldProps = {
  label: string
  name: string
  id: string
  value: string
  error: string | undefined
  inputmode: 'decimal' | 'numeric'
}

/** A compact field whose id is unique per row (many rows share one page). */
function QuickField({ label, name, id, value, error, inputmode }: QuickFieldProps) {
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        value={value}
        inputmode={inputmode}
        maxlength={16}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  )
}
