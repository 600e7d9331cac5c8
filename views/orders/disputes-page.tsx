import { dateTimeFormat } from '../../src/lib/intl'
import type { OrderSummary } from '../../src/models/order'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { OrderItem } from './orders-page'

type DisputesPageProps = { shell: Shell; orders: OrderSummary[]; timeZone: string }

/**
 * The operator's list of disputed orders, oldest first, each with what went wrong. Deciding one
 * (release to the store or refund the buyer, with a reason both see) happens on its order page.
 */
export function DisputesPage({ shell, orders, timeZone }: DisputesPageProps) {
  const when = dateTimeFormat(shell.locale, { dateStyle: 'medium', timeZone })
  return (
    <SiteLayout shell={shell} title="Disputes">
      <h1>Disputes</h1>
      {orders.length === 0 ? (
        <p>No order is disputed. When a buyer or a store opens a dispute, it shows here.</p>
      ) : (
        <ul class="order-list">
          {orders.map((order) => (
            <OrderItem
              order={order}
              when={when.format(order.updatedAt)}
              locale={shell.locale}
              who={`${order.buyerName} and ${order.storeName}`}
            >
              <p class="pre-line">What went wrong: {order.reason}</p>
            </OrderItem>
          ))}
        </ul>
      )}
    </SiteLayout>
  )
}
