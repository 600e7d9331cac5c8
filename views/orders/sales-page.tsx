import { dateTimeFormat } from '../../src/lib/intl'
import type { InboxGroup } from '../../src/models/order'
import { availableOrderActions } from '../../src/models/order/transitions'
import { orderState } from '../../src/models/order/steps'
import { EmptyState } from '../components/empty-state'
import { Button } from '../components/button'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { ACTION_BUTTONS, CAREFUL_ACTIONS } from './order-words'
import { OrderItem } from './orders-page'

type SalesPageProps = {
  shell: Shell
  storeName: string
  /** Where the storefront is, to share it while no orders have come. */
  storeSlug: string
  groups: InboxGroup[]
  timeZone: string
}

/**
 * The provider's order inbox: new orders first, then those under way, delivered, disputed and
 * the latest finished. Each order's next plain step is one button here; steps that need a
 * reason (declining, cancelling) are on the order's own page, where the reason can be written.
 */
export function SalesPage({ shell, ...body }: SalesPageProps) {
  return (
    <SiteLayout shell={shell} title="Sales">
      <h1>Sales</h1>
      <SalesBody locale={shell.locale} {...body} />
    </SiteLayout>
  )
}

/** What a live update replaces when one of the store's orders comes in or changes. */
export const SALES_BODY_ID = 'sales-body'

export function SalesBody({
  storeName,
  storeSlug,
  groups,
  timeZone,
  locale,
  outOfBand,
}: Omit<SalesPageProps, 'shell'> & { locale: string; outOfBand?: boolean }) {
  const when = dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
  const waiting = groups.reduce(
    (sum, group) => sum + (group.name === 'finished' ? 0 : group.orders.length),
    0,
  )
  const swap = outOfBand ? 'true' : undefined
  if (groups.every((group) => group.orders.length === 0))
    return (
      <div id={SALES_BODY_ID} data-hx-swap-oob={swap}>
        <EmptyState title="No orders yet">
          <p>
            Orders for {storeName} come in here. Share your storefront’s address with your
            customers, and <a href="/listings/new">list more</a> so others find you.
          </p>
          <a class="button button--primary" href={`/stores/${storeSlug}`}>
            Go to your storefront
          </a>
        </EmptyState>
      </div>
    )
  return (
    <div id={SALES_BODY_ID} data-hx-swap-oob={swap}>
      <p class="muted">
        Orders for {storeName}.{' '}
        {waiting === 0
          ? 'Nothing waits for you.'
          : waiting === 1
            ? '1 order open.'
            : `${waiting} orders open.`}
      </p>
      {groups.map((group) => (
        <section aria-labelledby={`sales-${group.name}`}>
          <h2 id={`sales-${group.name}`}>
            {group.label} <span class="count">({group.orders.length})</span>
          </h2>
          {group.orders.length === 0 ? (
            <p class="muted">None.</p>
          ) : (
            <ul class="order-list">
              {group.orders.map((order) => {
                const quick = availableOrderActions(orderState(order), 'provider').filter(
                  (action) => !CAREFUL_ACTIONS.has(action),
                )
                return (
                  <OrderItem
                    order={order}
                    when={when.format(order.placedAt)}
                    locale={locale}
                    who={order.buyerName}
                  >
                    <div class="order-item__actions">
                      {quick.map((action) => (
                        <form method="post" action={`/orders/${order.code}/steps`}>
                          <input type="hidden" name="action" value={action} />
                          <input type="hidden" name="status" value={order.status} />
                          <input type="hidden" name="return" value="sales" />
                          <Button variant="primary">{ACTION_BUTTONS[action]}</Button>
                        </form>
                      ))}
                      <a href={`/orders/${order.code}`}>Open order {order.code}</a>
                    </div>
                  </OrderItem>
                )
              })}
            </ul>
          )}
        </section>
      ))}
    </div>
  )
}
