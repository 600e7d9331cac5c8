import { Hono } from 'hono'
import { DisputesPage } from '../../views/orders/disputes-page'
import type { MarketEnv } from '../http/env'
import { requireMember, requireOperator } from '../http/session'
import { shell } from '../http/shell'
import { listDisputedOrders } from '../models/order'

/**
 * GET /disputes — disputed orders, for operators (anyone else: 404). The operator console
 * (issue 14) will take this list over beside the rest of the money.
 */
export const disputes = new Hono<MarketEnv>().get('/', requireMember, requireOperator, (c) =>
  c.html(
    <DisputesPage
      shell={shell(c)}
      orders={listDisputedOrders(c.var.db)}
      timeZone={c.var.site.timeZone}
    />,
  ),
)
