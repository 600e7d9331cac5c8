import type { Child } from 'hono/jsx'
import { MAX_LINE_QUANTITY } from '../../src/models/cart'
import type { ListingUnit } from '../../src/models/listing/units'
import { Money } from '../components/money'

// The listing page's "Add to cart" forms: one per package of a service, one with a choice of
// variants (and a quantity) for goods that have them, a quantity for goods without. Each is a
// plain form that comes back to the listing with a message; with htmx it stays where it is and
// only its status line and the header's count change.

type Common = {
  listingId: number
  /** The listing page, where a plain form comes back to. */
  returnTo: string
}

/** Where an add form says how it went; `key` tells the forms of one page apart. */
export function addToCartStatusId(key: string | number) {
  return `cart-status-${key}`
}

/** A service's package: quantity 1, one button. */
export function PackageAddForm({ listingId, returnTo, unit }: Common & { unit: ListingUnit }) {
  return (
    <AddForm statusKey={unit.id} listingId={listingId} returnTo={returnTo}>
      <input type="hidden" name="unitId" value={String(unit.id)} />
      <AddButton name={unit.name} />
    </AddForm>
  )
}

type VariantAddFormProps = Common & {
  variants: ListingUnit[]
  currency: string
  locale: string
}

/**
 * Goods with variants: a radio per variant (sold-out ones shown, but not to be chosen), the
 * first one in stock chosen already, and how many.
 */
export function VariantAddForm({ listingId, returnTo, variants, ...money }: VariantAddFormProps) {
  const chosen = variants.find((variant) => (variant.stock ?? 0) > 0)
  const key = `listing-${listingId}`
  return (
    <AddForm statusKey={key} listingId={listingId} returnTo={returnTo}>
      <fieldset class="variant-choice">
        <legend>Choose one</legend>
        <ul class="options">
          {variants.map((variant) => {
            const soldOut = (variant.stock ?? 0) === 0
            return (
              <li class="option">
                <label class="variant-choice__option">
                  <input
                    type="radio"
                    name="unitId"
                    value={String(variant.id)}
                    checked={variant === chosen}
                    disabled={soldOut}
                    required
                  />
                  <span class="option__head">
                    <strong>{variant.name}</strong> <Money amount={variant.price} {...money} />
                  </span>
                  <span class="muted">{soldOut ? 'Sold out' : `${variant.stock} in stock`}</span>
                </label>
              </li>
            )
          })}
        </ul>
      </fieldset>
      <QuantityInput id={`quantity-${key}`} max={MAX_LINE_QUANTITY} />
      <AddButton />
    </AddForm>
  )
}

/** Goods without variants: their one unit, and how many (no more than are in stock). */
export function QuantityAddForm({ listingId, returnTo, unit }: Common & { unit: ListingUnit }) {
  return (
    <AddForm statusKey={unit.id} listingId={listingId} returnTo={returnTo}>
      <input type="hidden" name="unitId" value={String(unit.id)} />
      <QuantityInput
        id={`quantity-${unit.id}`}
        max={Math.min(MAX_LINE_QUANTITY, unit.stock ?? MAX_LINE_QUANTITY)}
      />
      <AddButton />
    </AddForm>
  )
}

type AddToCartStatusProps = {
  message: string
  /** Refused: no link to the cart, and styled as a problem. */
  refused?: boolean
}

/** What an add form's status line says after htmx sent it: swapped into the line. */
export function AddToCartStatus({ message, refused }: AddToCartStatusProps) {
  if (refused) return <span class="add-to-cart__refused">{message}</span>
  return (
    <>
      {message} <a href="/cart">View cart</a>
    </>
  )
}

function AddForm(props: Common & { statusKey: string | number; children: Child }) {
  const status = addToCartStatusId(props.statusKey)
  return (
    <form
      method="post"
      action="/cart/lines"
      class="add-to-cart"
      data-hx-post="/cart/lines"
      data-hx-target={`#${status}`}
      data-hx-swap="innerHTML"
    >
      {/* A unit of any other listing is refused: a form sends only this page's. */}
      <input type="hidden" name="listingId" value={String(props.listingId)} />
      <input type="hidden" name="returnTo" value={props.returnTo} />
      {props.children}
      <p class="add-to-cart__status" id={status} role="status" />
    </form>
  )
}

function QuantityInput({ id, max }: { id: string; max: number }) {
  return (
    <div class="field add-to-cart__quantity">
      <label for={id}>Quantity</label>
      <input
        id={id}
        name="quantity"
        type="number"
        inputmode="numeric"
        min={1}
        max={max}
        step={1}
        value="1"
        required
      />
    </div>
  )
}

/** Several on one page (a service's packages): the hidden words tell them apart when heard. */
function AddButton({ name }: { name?: string }) {
  return (
    <button type="submit" class="button button--primary">
      Add to cart{name ? <span class="visually-hidden">: {name}</span> : null}
    </button>
  )
}
