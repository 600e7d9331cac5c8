import type { Child } from 'hono/jsx'
import type { PageWindow } from '../../src/lib/pagination'
import { dateTimeFormat } from '../../src/lib/intl'
import type { OrderSummary } from '../../src/models/order'
import { EmptyState } from '../components/empty-state'
import { Money } from '../components/money'
import { Pagination } from '../components/pagination'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { statusLabel, statusTone } from './order-words'

type OrdersPageProps = {
  shell: Shell
  orders: OrderSummary[]
  page: PageWindow
  timeZone: string
}

/** The buyer's orders, newest first: where each stands, and a link to it. */
export function OrdersPage({ shell, ...body }: OrdersPageProps) {
  return (
    <SiteLayout shell={shell} title="Your orders">
      <h1>Your orders</h1>
      <OrdersBody locale={shell.locale} {...body} />
    </SiteLayout>
  )
}

/** What a live update replaces when one of the buyer's orders changes (the first page only). */
export const ORDERS_BODY_ID = 'orders-body'

export function OrdersBody({
  orders,
  page,
  timeZone,
  locale,
  outOfBand,
}: Omit<OrdersPageProps, 'shell'> & { locale: string; outOfBand?: boolean }) {
  const when = dateTimeFormat(locale, { dateStyle: 'medium', timeZone })
  const slotTime = bookedForFormat(locale, timeZone)
  return (
    <div id={ORDERS_BODY_ID} data-hx-swap-oob={outOfBand ? 'true' : undefined}>
      {orders.length === 0 ? (
        <EmptyState title="No orders yet">
          <p>What you order from the market’s stores shows here, with where each order stands.</p>
          <a class="button button--primary" href="/">
            Browse the market
          </a>
        </EmptyState>
      ) : (
        <>
          <ul class="order-list">
            {orders.map((order) => (
              <OrderItem
                order={order}
                when={when.format(order.placedAt)}
                bookedFor={order.bookedFor ? slotTime.format(order.bookedFor) : undefined}
                locale={locale}
                who={order.storeName}
              />
            ))}
          </ul>
          <Pagination
            page={page.number}
            totalPages={page.totalPages}
            href={(number) => (number === 1 ? '/orders' : `/orders?page=${number}`)}
          />
        </>
      )}
    </div>
  )
}

/** One order in a list: its code, the other side, what it holds, its total and status. */
/** How a list words a booking's time: "Tue 24 Nov, 10:00". */
export function bookedForFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  })
}

export function OrderItem({
  order,
  when,
  locale,
  who,
  bookedFor,
  children,
}: {
  order: OrderSummary
  when: string
  /** A booking's time, as the page words it. */
  bookedFor?: string | undefined
  locale: string
  who: string
  children?: Child
}) {
  const what = order.lines
    .map((line) => `${line.quantity} × ${line.title}${line.unitName ? ` (${line.unitName})` : ''}`)
    .join(', ')
  return (
    <li class="order-item panel">
      <p class="order-item__head">
        <a href={`/orders/${order.code}`}>
          <strong>{who}</strong> · {order.code}
        </a>
        <span class={`badge badge--${statusTone(order.status)}`}>{statusLabel(order)}</span>
      </p>
      <p>{what}</p>
      {bookedFor ? (
        <p>
          <strong>Booked for {bookedFor}</strong>
        </p>
      ) : null}
      <p class="muted">
        {when} · <Money amount={order.total} currency={order.currency} locale={locale} />
      </p>
      {children}
    </li>
  )
}
