import { dateTimeFormat } from '../../src/lib/intl'
import type { ReviewCard } from '../../src/models/review/reading'
import type { InboxGroup } from '../../src/models/order'
import { availableOrderActions } from '../../src/models/order/transitions'
import { orderState } from '../../src/models/order/steps'
import { EmptyState } from '../components/empty-state'
import { Button } from '../components/button'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { actionButton, CAREFUL_ACTIONS } from './order-words'
import { bookedForFormat, OrderItem } from './orders-page'

type SalesPageProps = {
  shell: Shell
  /** Reviews of the store with no reply yet: how many, and the newest few. */
  awaitingReply: { count: number; reviews: ReviewCard[] }
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
export function SalesPage({ shell, awaitingReply, ...body }: SalesPageProps) {
  return (
    <SiteLayout shell={shell} title="Sales">
      <h1>Sales</h1>
      <SalesBody locale={shell.locale} {...body} />
      <AwaitingReply {...awaitingReply} locale={shell.locale} timeZone={body.timeZone} />
    </SiteLayout>
  )
}

/**
 * Reviews of the store with no reply yet, newest first, each a link to reply: buyers read how a
 * store answers a complaint as closely as the complaint.
 */
function AwaitingReply(props: {
  count: number
  reviews: ReviewCard[]
  locale: string
  timeZone: string
}) {
  if (props.count === 0) return null
  const date = dateTimeFormat(props.locale, { dateStyle: 'medium', timeZone: props.timeZone })
  return (
    <section aria-labelledby="sales-reviews">
      <h2 id="sales-reviews">
        Reviews waiting for a reply <span class="count">({props.count})</span>
      </h2>
      <ul class="awaiting-reply">
        {props.reviews.map((review) => (
          <li>
            <span class="rating" role="img" aria-label={`${review.stars} out of 5 stars`}>
              <span class={`rating__stars rating__stars--${review.stars * 20}`} aria-hidden="true">
                ★★★★★
              </span>
            </span>{' '}
            {review.title ? <strong>{review.title}</strong> : null}{' '}
            <span class="muted">
              {review.authorName}, {date.format(review.publishedAt)}
            </span>{' '}
            <a href={`/reviews/${review.id}/reply?return_to=%2Fsales`}>
              Reply<span class="visually-hidden"> to {review.authorName}</span>
            </a>
          </li>
        ))}
      </ul>
      {props.count > props.reviews.length ? (
        <p class="muted">
          The newest {props.reviews.length} of {props.count}. Reply to these, and the next ones show
          here.
        </p>
      ) : null}
    </section>
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
}: Omit<SalesPageProps, 'shell' | 'awaitingReply'> & { locale: string; outOfBand?: boolean }) {
  const when = dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
  const slotTime = bookedForFormat(locale, timeZone)
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
                    bookedFor={order.bookedFor ? slotTime.format(order.bookedFor) : undefined}
                    locale={locale}
                    who={order.buyerName}
                  >
                    <div class="order-item__actions">
                      {quick.map((action) => (
                        <form method="post" action={`/orders/${order.code}/steps`}>
                          <input type="hidden" name="action" value={action} />
                          <input type="hidden" name="status" value={order.status} />
                          <input type="hidden" name="return" value="sales" />
                          <Button variant="primary">{actionButton(order.kind, action)}</Button>
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
