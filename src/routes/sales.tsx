import { Hono } from 'hono'
import { SalesPage } from '../../views/orders/sales-page'
import type { MarketEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { requireMember } from '../http/session'
import { liveFrom, shell } from '../http/shell'
import { listStoreOrders } from '../models/order'
import { findStoreOfMember } from '../models/store'

/** GET /sales — the provider's order inbox, grouped by what needs them. */
export const sales = new Hono<MarketEnv>().get('/', requireMember, (c) => {
  const store = findStoreOfMember(c.var.db, c.var.member.id)
  if (!store)
    return flashRedirect(c, '/stores/new', 'Open your storefront first: its orders show here.')
  return c.html(
    <SalesPage
      shell={shell(c, { live: liveFrom(c, 'sales') })}
      storeName={store.name}
      storeSlug={store.slug}
      groups={listStoreOrders(c.var.db, store.id)}
      timeZone={c.var.site.timeZone}
    />,
  )
})
