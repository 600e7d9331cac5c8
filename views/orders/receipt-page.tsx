import { dateTimeFormat } from '../../src/lib/intl'
import type { Order, OrderDetails } from '../../src/models/order'
import { PAYMENT_METHOD_LABELS } from '../../src/models/payment-methods'
import { FULFILMENT_LABELS } from '../checkout/checkout-page'
import { Money } from '../components/money'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { OrderLines } from './order-page'
import { paymentStatus, statusLabel } from './order-words'

type ReceiptPageProps = { shell: Shell; order: Order; details: OrderDetails; timeZone: string }

/** A receipt to print or save as PDF: the print stylesheet drops the header and footer. */
export function ReceiptPage({ shell, order, details, timeZone }: ReceiptPageProps) {
  const when = dateTimeFormat(shell.locale, { dateStyle: 'long', timeStyle: 'short', timeZone })
  const money = (amount: number) => (
    <Money amount={amount} currency={order.currency} locale={shell.locale} />
  )
  return (
    <SiteLayout shell={shell} title={`Receipt ${order.code}`} focused>
      <article class="receipt">
        <h1>Receipt</h1>
        <dl class="order__facts">
          <div>
            <dt>Order</dt>
            <dd>{order.code}</dd>
          </div>
          <div>
            <dt>Placed</dt>
            <dd>{when.format(order.placedAt)}</dd>
          </div>
          <div>
            <dt>From</dt>
            <dd>{details.store.name}</dd>
          </div>
          <div>
            <dt>For</dt>
            <dd>{details.buyerName}</dd>
          </div>
          <div>
            <dt>{order.kind === 'service' ? 'Where' : 'How'}</dt>
            <dd>{FULFILMENT_LABELS[order.fulfilment]}</dd>
          </div>
          <div>
            <dt>Payment</dt>
            <dd>
              {PAYMENT_METHOD_LABELS[order.paymentMethod]} · {paymentStatus(order)}
              {order.paymentReference ? ` (${order.paymentReference})` : ''}
            </dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>{statusLabel(order)}</dd>
          </div>
        </dl>
        <OrderLines lines={details.lines} order={order} money={money} />
        <p class="muted">
          {shell.marketName}
          {shell.town ? `, ${shell.town}` : ''}. Amounts in {order.currency}.
        </p>
        <p class="no-print">
          <a href={`/orders/${order.code}`}>Back to the order</a>
        </p>
      </article>
    </SiteLayout>
  )
}
