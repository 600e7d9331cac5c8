import { dateTimeFormat } from '../../src/lib/intl'
import { couponStatus, type Coupon, type CouponStatus } from '../../src/models/coupon'
import { Money } from '../components/money'

const STATUS_WORDS: Record<CouponStatus, string> = {
  active: 'Active',
  expired: 'Expired',
  used_up: 'Used up',
  retired: 'Retired',
}

export type CouponRowProps = {
  coupon: Coupon
  now: Date
  currency: string
  locale: string
  timeZone: string
  /** Shown only when the reader looks after both their store's coupons and the market's. */
  scope?: string | undefined
  /** Set right after retiring it, so screen readers hear that it worked. */
  retired?: boolean
}

/**
 * The name of who a coupon is for, shown only to someone who looks after both their store's
 * coupons and the market's (an operator with a storefront); undefined otherwise.
 */
export function couponScope(
  coupon: Pick<Coupon, 'storeId'>,
  store: { name: string } | undefined,
  isOperator: boolean,
): string | undefined {
  if (!store || !isOperator) return undefined
  return coupon.storeId === null ? 'Whole market' : store.name
}

export function couponRowId(coupon: Pick<Coupon, 'id'>) {
  return `coupon-row-${coupon.id}`
}

/** One coupon: what it takes off, on what terms, how much it was used; htmx swaps it on retiring. */
export function CouponRow(props: CouponRowProps) {
  const { coupon, currency, locale } = props
  const status = couponStatus(coupon, props.now)
  const money = (amount: number) => <Money amount={amount} currency={currency} locale={locale} />
  // expiresAt is the first moment it no longer works; the day before it is the last it does.
  const lastDay =
    coupon.expiresAt &&
    dateTimeFormat(locale, { dateStyle: 'medium', timeZone: props.timeZone }).format(
      new Date(coupon.expiresAt.getTime() - 1),
    )
  return (
    <li class="coupon" id={couponRowId(coupon)}>
      <p class="coupon__head">
        <strong class="coupon__code">{coupon.code}</strong>{' '}
        <span class={`status status--${status}`}>{STATUS_WORDS[status]}</span>
        {props.scope ? <span class="muted"> · {props.scope}</span> : null}
      </p>
      <p>
        {coupon.kind === 'percent' ? `${coupon.value} % off` : <>{money(coupon.value)} off</>}
        {coupon.maxDiscount !== null ? <>, at most {money(coupon.maxDiscount)}</> : null}
        {coupon.minSpend > 0 ? <> on orders of {money(coupon.minSpend)} or more</> : null}
      </p>
      <p class="muted">
        {coupon.usageLimit === null
          ? `${coupon.usedCount} used`
          : `${coupon.usedCount} of ${coupon.usageLimit} used`}
        {' · '}
        {lastDay ? `${status === 'expired' ? 'ended' : 'until'} ${lastDay}` : 'no end date'}
      </p>
      {status === 'retired' ? null : (
        <form
          method="post"
          action={`/coupons/${coupon.id}/retirement`}
          data-hx-post={`/coupons/${coupon.id}/retirement`}
          data-hx-target={`#${couponRowId(coupon)}`}
          data-hx-swap="outerHTML"
        >
          <button type="submit" class="button button--secondary">
            Retire<span class="visually-hidden"> {coupon.code}</span>
          </button>
        </form>
      )}
      <p class="muted" role="status">
        {props.retired ? `${coupon.code} is retired; buyers can no longer use it.` : ''}
      </p>
    </li>
  )
}
