import { SiteLayout, type Shell } from '../layouts/site-layout'

/** What a member without a storefront finds at /coupons: where coupons come from. */
export function CouponsForStoresPage({ shell }: { shell: Shell }) {
  return (
    <SiteLayout shell={shell} title="Coupons">
      <h1>Coupons</h1>
      <p>
        Coupons are discount codes that storefronts give their buyers. To make your own, first{' '}
        <a href="/stores/new">open a storefront</a>.
      </p>
      <p class="muted">Have a code from a store? Type it at checkout.</p>
    </SiteLayout>
  )
}
