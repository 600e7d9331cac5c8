import type { Child } from 'hono/jsx'
import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { MAX_LINE_QUANTITY, type Cart, type CartLine, type CartStore } from '../../src/models/cart'
import { listingPath } from '../../src/models/listing'
import { signInHref } from '../accounts/account-links'
import { EmptyState } from '../components/empty-state'
import { Money } from '../components/money'
import { Picture } from '../components/picture'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type CartPageProps = {
  shell: Shell
  cart: Cart
  currency: string
  /** A quantity that was refused: shown on its line, as typed, with why. */
  refused?: { unitId: number; errors: Errors; values: FormValues } | undefined
}

/**
 * The cart, grouped by store (checkout makes one order of each): every line with its photo,
 * price and a quantity to change, what each store's lines come to and the total. Lines that can
 * no longer be bought stay, saying why, and are left out of the totals.
 */
export function CartPage({ shell, cart, currency, refused }: CartPageProps) {
  const money = (amount: number) => (
    <Money amount={amount} currency={currency} locale={shell.locale} />
  )
  return (
    <SiteLayout shell={shell} title="Your cart">
      <h1>Your cart</h1>
      {cart.stores.length === 0 ? (
        <EmptyState title="Your cart is empty">
          <p>Add things from a listing’s page, then order them all from here.</p>
          <a class="button button--primary" href="/">
            See what is on the market
          </a>
        </EmptyState>
      ) : (
        <>
          {cart.stores.map((store) => (
            <StoreLines
              store={store}
              money={money}
              {...(refused && store.lines.some((line) => line.unitId === refused.unitId)
                ? { refused }
                : {})}
            />
          ))}
          <p class="cart-total">
            Total {money(cart.subtotal)}
            {cart.stores.length > 1 ? (
              <span class="muted"> · one order for each of {cart.stores.length} sellers</span>
            ) : null}
          </p>
          {cart.stores.some(hasAvailable) ? (
            <p>
              {shell.member ? (
                <a class="button button--primary" href="/checkout">
                  Check out
                </a>
              ) : (
                <a class="button button--primary" href={signInHref('/checkout')}>
                  Sign in to check out
                </a>
              )}
            </p>
          ) : (
            <p class="muted">Nothing in your cart can be bought just now.</p>
          )}
        </>
      )}
    </SiteLayout>
  )
}

function hasAvailable(store: CartStore): boolean {
  return store.lines.some((line) => line.available > 0)
}

/** A store's heading id, unique on the page (stores' names need not be). */
function storeHeadingId(store: Pick<CartStore, 'storeId'>) {
  return `cart-store-${store.storeId}`
}

type StoreLinesProps = {
  store: CartStore
  money: (amount: number) => Child
  refused?: CartPageProps['refused']
}

function StoreLines({ store, money, refused }: StoreLinesProps) {
  return (
    <section class="cart-store" aria-labelledby={storeHeadingId(store)}>
      <h2 id={storeHeadingId(store)}>
        <a href={`/stores/${store.storeSlug}`}>{store.storeName}</a>
      </h2>
      <ul class="cart-lines">
        {store.lines.map((line) => (
          <Line
            line={line}
            money={money}
            {...(refused?.unitId === line.unitId ? { refused } : {})}
          />
        ))}
      </ul>
      <p class="cart-store__subtotal">Subtotal {money(store.subtotal)}</p>
    </section>
  )
}

type LineProps = {
  line: CartLine
  money: (amount: number) => Child
  refused?: CartPageProps['refused']
}

function Line({ line, money, refused }: LineProps) {
  const id = `quantity-${line.unitId}`
  const error = refused?.errors.quantity
  const action = `/cart/lines/${line.unitId}`
  const name = line.unitName ? `${line.title} (${line.unitName})` : line.title
  return (
    <li class="cart-line">
      {line.photo ? (
        <Picture image={line.photo.image} alt="" sizes="5rem" class="cart-line__photo" />
      ) : (
        <span class="cart-line__photo" aria-hidden="true" />
      )}
      <div class="cart-line__body">
        <p class="cart-line__title">
          <a href={listingPath({ id: line.listingId, slug: line.listingSlug })}>{line.title}</a>
          {line.unitName ? <span class="muted"> · {line.unitName}</span> : null}
        </p>
        <p>
          {money(line.price)} each
          {line.available > 0 ? <> · {money(line.price * line.available)}</> : null}
        </p>
        <LineNote line={line} />
        {line.available > 0 ? (
          <form method="post" action={action} class="cart-line__quantity">
            <div class={error ? 'field field--invalid' : 'field'}>
              <label for={id}>Quantity</label>
              <input
                id={id}
                name="quantity"
                type="number"
                inputmode="numeric"
                min={0}
                max={MAX_LINE_QUANTITY}
                step={1}
                value={refused?.values.quantity ?? String(line.quantity)}
                required
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
              />
              {error ? (
                <p class="field__error" id={`${id}-error`}>
                  {error}
                </p>
              ) : null}
            </div>
            <button type="submit" class="button button--secondary">
              Update<span class="visually-hidden"> {name}</span>
            </button>
          </form>
        ) : null}
        <form method="post" action={action}>
          <input type="hidden" name="_method" value="DELETE" />
          <button type="submit" class="button button--link">
            Remove<span class="visually-hidden"> {name}</span>
          </button>
        </form>
      </div>
    </li>
  )
}

/** Why a line counts for less than asked, or nothing. */
function LineNote({ line }: { line: CartLine }) {
  if (!line.onSale)
    return <p class="cart-line__note">No longer on sale — not counted in the total.</p>
  if (line.available === 0)
    return <p class="cart-line__note">Sold out — not counted in the total.</p>
  if (line.available < line.quantity)
    return (
      <p class="cart-line__note">
        Only {line.available} left — {line.available} counted in the total.
      </p>
    )
  return null
}
