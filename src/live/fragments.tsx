// What each event changes on the page of the member whose stream it is sent on (fragment.ts):
// the server decides, the page only swaps. Counts in the header change on every page; a list or
// an order changes only on the page that shows it, so a phone on another page is sent a few
// hundred bytes, not the order.
import type { Child } from 'hono/jsx'
import { NotificationsLink, SalesLink } from '../../views/layouts/header-links'
import { NotificationList } from '../../views/notifications/notifications-page'
import { OrdersBody } from '../../views/orders/orders-page'
import { OrderView } from '../../views/orders/order-page'
import { SalesBody } from '../../views/orders/sales-page'
import {
  findOrderForMember,
  listBuyerOrders,
  listStoreOrders,
  ownStoreAtAGlance,
} from '../models/order'
import { ORDER_CHANGED } from '../models/order/news'
import {
  listNotifications,
  NOTIFICATIONS_CHANGED,
  unreadNotificationCount,
} from '../models/notification'
import { findStoreOfMember } from '../models/store'
import { orderView } from '../routes/orders'
import type { BusEvent } from './bus'
import type { FragmentRenderer, Viewer } from './fragment'
import { messageRenderers } from './message-fragments'
import { requestRenderers } from './request-fragments'
import { slotRenderers } from './slot-fragments'

/** An order moved on: its page, the buyer's list, the store's inbox and the Sales count. */
const orderChanged: FragmentRenderer = (viewer, event) => {
  const code = String(event.data.code ?? '')
  const { db, clock, member, page, site } = viewer
  const parts: Child[] = []
  if (page === `order:${code}`) {
    const access = findOrderForMember(db, member, code)
    if (access)
      parts.push(
        <OrderView locale={site.locale} {...orderView(db, site, access, clock.now())} outOfBand />,
      )
  }
  if (page === 'orders') {
    const { orders, page: window } = listBuyerOrders(db, member.id, 1)
    parts.push(
      <OrdersBody
        orders={orders}
        page={window}
        timeZone={site.timeZone}
        locale={site.locale}
        outOfBand
      />,
    )
  }
  const store = ownStoreAtAGlance(db, member.id)
  if (store) {
    parts.push(<SalesLink count={store.newOrders} current={page === 'sales'} outOfBand />)
    if (page === 'sales') {
      const own = findStoreOfMember(db, member.id)
      if (own)
        parts.push(
          <SalesBody
            storeName={own.name}
            storeSlug={own.slug}
            groups={listStoreOrders(db, own.id)}
            timeZone={site.timeZone}
            locale={site.locale}
            outOfBand
          />,
        )
    }
  }
  return parts.length > 0 ? <>{parts}</> : null
}

/** A note arrived or was read: the bell's count, and the list on the notifications page. */
const notificationsChanged: FragmentRenderer = ({ db, member, page, site }) => (
  <>
    <NotificationsLink
      count={unreadNotificationCount(db, member.id)}
      current={page === 'notifications'}
      outOfBand
    />
    {page === 'notifications' ? (
      <NotificationList
        notifications={listNotifications(db, member.id)}
        locale={site.locale}
        timeZone={site.timeZone}
        outOfBand
      />
    ) : null}
  </>
)

const renderers: Record<string, FragmentRenderer> = {
  [ORDER_CHANGED]: orderChanged,
  [NOTIFICATIONS_CHANGED]: notificationsChanged,
  ...messageRenderers,
  ...slotRenderers,
  ...requestRenderers,
}

/**
 * The event as HTML for this viewer's page, or '' when it changes nothing there (the stream
 * still passes its id on, so the page's place in the stream moves forward).
 */
export async function renderEvent(viewer: Viewer, event: BusEvent): Promise<string> {
  const render = renderers[event.type]
  const node = render ? render(viewer, event) : null
  return node === null || node === undefined ? '' : String(await node.toString())
}
