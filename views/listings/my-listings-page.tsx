import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { moneyInputValue } from '../../src/lib/money'
import type { Listing, OwnListing } from '../../src/models/listing'
import { Money } from '../components/money'
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
      {hasStore ? (
        <p>
          <a class="button button--primary" href="/listings/new">
            New listing
          </a>{' '}
          <a class="button button--secondary" href="/coupons">
            Coupons
          </a>
        </p>
      ) : (
        <p>
          Open your storefront first: <a href="/stores/new">open a storefront</a>.
        </p>
      )}
      {listings.length === 0 ? (
        <p class="empty">No listings yet.</p>
      ) : (
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
  /** Set right after a quick edit, so screen readers hear that it worked. */
  saved?: boolean
}

export function listingRowId(listing: Pick<Listing, 'id'>) {
  return `listing-row-${listing.id}`
}

/** One row; htmx swaps just this row after a quick edit. */
export function ListingRow(props: ListingRowProps) {
  const { listing, currency, locale, errors = {}, values } = props
  // Goods without variants: the quick edit changes their one (default) unit.
  const unit = listing.status === 'archived' ? undefined : listing.defaultUnit
  const stock = listing.stock
  return (
    <li class="my-listing" id={listingRowId(listing)}>
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
          <p class="muted" role="status">
            {props.saved ? 'Saved.' : ''}
          </p>
        </form>
      ) : null}
    </li>
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
