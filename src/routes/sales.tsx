import { Hono } from 'hono'
import { SalesPage } from '../../views/orders/sales-page'
import type { MarketEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { requireMember } from '../http/session'
import { liveFrom, shell } from '../http/shell'
import { listStoreOrders } from '../models/order'
import { findStoreOfMember } from '../models/store'
import { listReviewsAwaitingReply } from '../models/review/reading'

/** Reviews waiting for a reply listed on the inbox; the count says how many more there are. */
const AWAITING_REPLY_SHOWN = 5

/** GET /sales — the provider's order inbox, grouped by what needs them, and reviews to answer. */
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
      awaitingReply={listReviewsAwaitingReply(c.var.db, store.id, AWAITING_REPLY_SHOWN)}
      timeZone={c.var.site.timeZone}
    />,
  )
})
