/** The header's cart link: an htmx answer that changes the cart replaces it by this id. */
export const CART_LINK_ID = 'cart-link'

type CartLinkProps = {
  count: number
  /** Sent beside another fragment, to replace the header's link where it is (an OOB swap). */
  outOfBand?: boolean
}

/** "Cart (2)": every quantity in the cart added up, for members and visitors alike. */
export function CartLink({ count, outOfBand }: CartLinkProps) {
  return (
    <a
      href="/cart"
      id={CART_LINK_ID}
      data-hx-swap-oob={outOfBand ? 'true' : undefined}
      // Heard as "Cart (2)"; seen as "Cart" and a badge once there is something in it. (Hidden
      // words inside the link would be heard with stray spaces around the badge.)
      aria-label={`Cart (${count})`}
    >
      Cart
      {count > 0 ? (
        <>
          {' '}
          <span class="count" aria-hidden="true">
            {count}
          </span>
        </>
      ) : null}
    </a>
  )
}
