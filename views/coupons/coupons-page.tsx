import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import type { Coupon } from '../../src/models/coupon'
import type { Store } from '../../src/models/store'
import { EmptyState } from '../components/empty-state'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { CouponForm } from './coupon-form'
import { CouponRow, couponScope } from './coupon-row'

type CouponsPageProps = {
  shell: Shell
  coupons: Coupon[]
  now: Date
  currency: string
  timeZone: string
  store: Pick<Store, 'id' | 'name' | 'slug'> | undefined
  isOperator: boolean
  values?: FormValues
  errors?: Errors
}

/** A store owner's (and the operator's) discount codes, with the form for a new one. */
export function CouponsPage(props: CouponsPageProps) {
  const { shell, coupons, store, isOperator } = props
  return (
    <SiteLayout shell={shell} title="Coupons">
      <h1>Coupons</h1>
      <p>
        Buyers type a coupon's code at checkout to take something off their order.
        {store ? (
          <>
            {' '}
            Coupons for <a href={`/stores/${store.slug}`}>{store.name}</a> come off what you are
            paid.
          </>
        ) : null}
      </p>
      {coupons.length === 0 ? (
        <EmptyState title="No coupons yet">
          <p>A code that takes a share or an amount off brings buyers back; make one below.</p>
          <a href="#new-coupon-heading">Make a coupon</a>
        </EmptyState>
      ) : (
        <ul class="coupons">
          {coupons.map((coupon) => (
            <CouponRow
              coupon={coupon}
              now={props.now}
              currency={props.currency}
              locale={shell.locale}
              timeZone={props.timeZone}
              scope={couponScope(coupon, store, isOperator)}
            />
          ))}
        </ul>
      )}
      <section aria-labelledby="new-coupon-heading" class="panel">
        <h2 id="new-coupon-heading">New coupon</h2>
        <CouponForm
          values={props.values ?? {}}
          errors={props.errors ?? {}}
          currency={props.currency}
          storeName={store?.name}
          isOperator={isOperator}
        />
      </section>
    </SiteLayout>
  )
}
