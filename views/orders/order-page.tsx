import type { Child } from 'hono/jsx'
import { bookingTime } from '../bookings/booking-words'
import type { FormErrors, FormValues } from '../../src/http/forms'
import { dateTimeFormat } from '../../src/lib/intl'
import { telHref, whatsappHref } from '../../src/lib/phone'
import type { Order, OrderDetails, OrderLine } from '../../src/models/order'
import type { OrderReviews } from '../../src/models/review/order-reviews'
import type { OrderAction, OrderActor } from '../../src/models/order/transitions'
import { MAX_REASON_LENGTH } from '../../src/models/order/steps'
import { PAYMENT_METHOD_LABELS } from '../../src/models/payment-methods'
import { FULFILMENT_LABELS } from '../checkout/checkout-page'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { Money } from '../components/money'
import { TextArea } from '../components/text-area'
import { newConversationHref } from '../conversations/message-button'
import type { Booking } from '../../src/models/booking/booked-time'
import { townClockName } from '../bookings/booking-calendar'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { memberHref } from '../members/member-page'
import { OrderReviewsSection } from '../reviews/order-reviews-section'
import {
  actionButton,
  ACTOR_LABELS,
  CAREFUL_ACTIONS,
  eventLabel,
  paymentStatus,
  REASON_LABELS,
  statusLabel,
  statusTone,
} from './order-words'

export type OfferedStep = { action: OrderAction; needsReason: boolean }

export type OrderViewProps = {
  locale: string
  order: Order
  details: OrderDetails
  roles: OrderActor[]
  /** The steps this member may take now, in the table's order. */
  steps: OfferedStep[]
  /** The provider or operator may say the buyer paid. */
  canRecordPayment: boolean
  /** What the buyer should do to pay, while it is still to be paid. */
  paymentInstructions: string | null
  timeZone: string
  /** The order's reviews as this member may see them (double-blind). */
  reviews: OrderReviews
  /** Now, for the days left to review. */
  now: Date
  /** A refused step or payment: which form, what was typed, and the message. */
  refused?: { form: OrderAction | 'payment'; values: FormValues; errors: FormErrors }
  /** The time a booking holds; null for other orders. */
  booking: Booking | null
  /** Whether this member may propose another time for the booking, or must answer a proposal. */
  bookingMoves: { canPropose: boolean; canAnswer: boolean }
}

const KIND_WORDS: Record<Order['kind'], string> = {
  goods: 'Goods',
  service: 'Service',
  booking: 'Booking',
}

/**
 * A booking's time on the town's clock, what happens next with it, and a way into the member's
 * own calendar.
 */
function BookingWhen(props: {
  order: Order
  booking: Booking
  moves: OrderViewProps['bookingMoves']
  isBuyer: boolean
  isProvider: boolean
  locale: string
  timeZone: string
}) {
  const { order, booking, moves, locale, timeZone } = props
  const proposer =
    booking.proposedBy === 'buyer'
      ? props.isBuyer
        ? 'You'
        : 'The buyer'
      : props.isProvider
        ? 'You'
        : 'The provider'
  const day = bookingTime(locale, timeZone)
  const time = dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone })
  return (
    <section class="panel" aria-labelledby="order-when">
      <h2 id="order-when">When</h2>
      <p>
        <strong>
          {day.format(booking.startsAt)}–{time.format(booking.endsAt)}
        </strong>{' '}
        ({townClockName(timeZone)})
      </p>
      {order.status === 'placed' && booking.expiresAt ? (
        <p class="muted">
          Waiting for the provider to confirm, until {day.format(booking.expiresAt)}. The time is
          held meanwhile; if they do not confirm, it is freed and nothing is owed.
        </p>
      ) : null}
      {order.status === 'accepted' ? (
        <p class="muted">
          {props.isBuyer ? 'You' : 'The buyer'} can cancel for free until{' '}
          {day.format(booking.cancellableUntil)}; after that, only the provider can cancel, with a
          reason.
        </p>
      ) : null}
      {booking.proposedStartsAt ? (
        <div class="notice" id={`order-${order.code}-proposal`}>
          <p>
            {proposer} proposed <strong>{day.format(booking.proposedStartsAt)}</strong> instead.
            {moves.canAnswer ? '' : ' The booking moves if it is accepted.'}
          </p>
          {moves.canAnswer ? (
            <form
              method="post"
              action={`/orders/${order.code}/reschedule/answer`}
              class="order__steps"
            >
              <Button variant="primary" name="answer" value="accept">
                Accept the new time
              </Button>
              <Button variant="secondary" name="answer" value="decline">
                Keep the old time
              </Button>
            </form>
          ) : null}
        </div>
      ) : null}
      <p class="order__steps">
        {booking.holding ? (
          <a href={`/orders/${order.code}/booking.ics`} download>
            Add to your calendar
          </a>
        ) : null}
        {moves.canPropose ? (
          <a href={`/orders/${order.code}/reschedule`}>Propose another time</a>
        ) : null}
      </p>
    </section>
  )
}

/** The id of an order's status line. */
export function orderStatusId(order: Pick<Order, 'code'>): string {
  return `order-${order.code}-status`
}

/** The id of everything below the order's title: what a live update replaces when it moves on. */
export function orderViewId(order: Pick<Order, 'code'>): string {
  return `order-${order.code}`
}

/**
 * One order as its buyer, its provider or the operator sees it: where it stands and what each
 * of them can do next, what was bought, how to pay and reach the other side, and its timeline.
 */
export function OrderPage({ shell, ...view }: Omit<OrderViewProps, 'locale'> & { shell: Shell }) {
  const isBuyer = view.roles.includes('buyer')
  const isProvider = view.roles.includes('provider')
  return (
    <SiteLayout shell={shell} title={`Order ${view.order.code}`}>
      <p class="muted">
        <a href={isBuyer ? '/orders' : isProvider ? '/sales' : '/'}>
          {isBuyer ? 'Your orders' : isProvider ? 'Sales' : 'Home'}
        </a>
      </p>
      <h1>Order {view.order.code}</h1>
      <OrderView locale={shell.locale} {...view} />
    </SiteLayout>
  )
}

/**
 * The order below its title, as one member sees it now. A live update sends it again, whole,
 * when the order moves on: a reason being typed is kept (data-hx-preserve on its box).
 */
export function OrderView(props: OrderViewProps & { outOfBand?: boolean }) {
  const { locale, order, details, roles, timeZone } = props
  const money = (amount: number) => (
    <Money amount={amount} currency={order.currency} locale={locale} />
  )
  const when = dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
  const isBuyer = roles.includes('buyer')
  const isProvider = roles.includes('provider')
  return (
    <div id={orderViewId(order)} data-hx-swap-oob={props.outOfBand ? 'true' : undefined}>
      <p id={orderStatusId(order)} class="order__status" role="status">
        <span class={`badge badge--${statusTone(order.status)}`}>{statusLabel(order)}</span> ·{' '}
        {paymentStatus(order)}
      </p>
      <p class="muted">
        {KIND_WORDS[order.kind]} from{' '}
        <a href={`/stores/${details.store.slug}`}>{details.store.name}</a> for{' '}
        {isBuyer ? details.buyerName : <a href={memberHref(order.buyerId)}>{details.buyerName}</a>},
        placed {when.format(order.placedAt)}.
      </p>
      {order.reason && (order.status === 'cancelled' || order.status === 'disputed') ? (
        <p class="notice notice--alert">
          {order.status === 'cancelled' ? 'Why it was cancelled: ' : 'What went wrong: '}
          {order.reason}
        </p>
      ) : null}

      {props.booking ? (
        <BookingWhen
          order={order}
          booking={props.booking}
          moves={props.bookingMoves}
          isBuyer={isBuyer}
          isProvider={isProvider}
          locale={locale}
          timeZone={timeZone}
        />
      ) : null}

      {props.steps.length > 0 || props.canRecordPayment ? (
        <section class="panel order__next" aria-labelledby="order-next">
          <h2 id="order-next">What you can do now</h2>
          {props.steps.some((step) => !CAREFUL_ACTIONS.has(step.action)) ? (
            <div class="order__steps">
              {props.steps
                .filter((step) => !CAREFUL_ACTIONS.has(step.action))
                .map((step) => (
                  <StepForm order={order} step={step} refused={props.refused} />
                ))}
            </div>
          ) : null}
          {props.steps
            .filter((step) => CAREFUL_ACTIONS.has(step.action))
            .map((step) => (
              <StepForm order={order} step={step} refused={props.refused} />
            ))}
          {props.canRecordPayment ? <PaymentForm order={order} refused={props.refused} /> : null}
        </section>
      ) : null}

      <OrderReviewsSection
        order={order}
        reviews={props.reviews}
        otherName={isBuyer ? details.store.name : details.buyerName}
        storeName={details.store.name}
        buyerName={details.buyerName}
        now={props.now}
        locale={locale}
        timeZone={timeZone}
      />

      {isBuyer && props.paymentInstructions ? (
        <section class="panel" aria-labelledby="order-pay">
          <h2 id="order-pay">How to pay</h2>
          <p>
            <strong>{PAYMENT_METHOD_LABELS[order.paymentMethod]}.</strong>{' '}
            {props.paymentInstructions}
          </p>
        </section>
      ) : null}

      <section aria-labelledby="order-items">
        <h2 id="order-items">What was ordered</h2>
        <OrderLines lines={details.lines} order={order} money={money} />
        <dl class="order__facts">
          <div>
            <dt>{order.kind === 'goods' ? 'How' : 'Where'}</dt>
            <dd>{FULFILMENT_LABELS[order.fulfilment]}</dd>
          </div>
          {order.address ? (
            <div>
              <dt>Address</dt>
              <dd>{order.address}</dd>
            </div>
          ) : null}
          {order.note ? (
            <div>
              <dt>{order.kind === 'goods' ? 'Note' : 'Requirements'}</dt>
              <dd class="pre-line">{order.note}</dd>
            </div>
          ) : null}
          <div>
            <dt>Payment</dt>
            <dd>
              {PAYMENT_METHOD_LABELS[order.paymentMethod]} · {paymentStatus(order)}
              {order.paymentReference ? ` (reference ${order.paymentReference})` : ''}
            </dd>
          </div>
        </dl>
        <p>
          <a href={`/orders/${order.code}/receipt`}>Printable receipt</a>
        </p>
      </section>

      <Contact order={order} details={details} isBuyer={isBuyer} isProvider={isProvider} />

      <section aria-labelledby="order-timeline">
        <h2 id="order-timeline">Timeline</h2>
        <ol class="timeline">
          {details.timeline.map((event) => (
            <li>
              <strong>{eventLabel(order.kind, event.action)}</strong>{' '}
              <span class="muted">
                by{' '}
                {event.actor === 'system'
                  ? ACTOR_LABELS.system
                  : (event.actorName ?? ACTOR_LABELS[event.actor])}{' '}
                ({ACTOR_LABELS[event.actor]}) ·{' '}
                <time datetime={event.at.toISOString()}>{when.format(event.at)}</time>
              </span>
              {event.note ? <p class="timeline__note pre-line">{event.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  )
}

/** The lines with their amounts: the order page's and the receipt's table. */
export function OrderLines({
  lines,
  order,
  money,
}: {
  lines: OrderLine[]
  order: Order
  money: (amount: number) => Child
}) {
  return (
    <table class="order-lines">
      <caption class="visually-hidden">Items and amounts</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Qty</th>
          <th scope="col">Price</th>
          <th scope="col">Amount</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr>
            <td>
              {line.title}
              {line.unitName ? ` — ${line.unitName}` : ''}
            </td>
            <td>{line.quantity}</td>
            <td>{money(line.unitPrice)}</td>
            <td>{money(line.unitPrice * line.quantity)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colspan={3}>
            Subtotal
          </th>
          <td>{money(order.subtotal)}</td>
        </tr>
        {order.deliveryFee > 0 ? (
          <tr>
            <th scope="row" colspan={3}>
              Delivery
            </th>
            <td>{money(order.deliveryFee)}</td>
          </tr>
        ) : null}
        {order.discount > 0 ? (
          <tr>
            <th scope="row" colspan={3}>
              Discount{order.couponCode ? ` (${order.couponCode})` : ''}
            </th>
            <td>−{money(order.discount)}</td>
          </tr>
        ) : null}
        <tr>
          <th scope="row" colspan={3}>
            Total
          </th>
          <td>
            <strong>{money(order.total)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  )
}

function StepForm({
  order,
  step,
  refused,
}: {
  order: Order
  step: OfferedStep
  refused: OrderViewProps['refused']
}) {
  const mine = refused?.form === step.action ? refused : undefined
  const form = (
    <form method="post" action={`/orders/${order.code}/steps`} class="order__step">
      <input type="hidden" name="action" value={step.action} />
      {/* The status the page showed: a step from an out-of-date page is refused, not misapplied. */}
      <input type="hidden" name="status" value={order.status} />
      {step.needsReason ? (
        <TextArea
          label={REASON_LABELS[step.action] ?? 'Why'}
          id={`order-${order.code}-${step.action}-reason`}
          preserve
          name="reason"
          rows={3}
          required
          maxlength={MAX_REASON_LENGTH}
          value={mine?.values.reason}
          error={mine?.errors.reason}
        />
      ) : null}
      <Button variant={CAREFUL_ACTIONS.has(step.action) ? 'secondary' : 'primary'}>
        {actionButton(order.kind, step.action)}
      </Button>
    </form>
  )
  if (!CAREFUL_ACTIONS.has(step.action)) return form
  return (
    <details class="order__careful" open={mine !== undefined}>
      <summary>{actionButton(order.kind, step.action)}…</summary>
      {form}
    </details>
  )
}

function PaymentForm({ order, refused }: { order: Order; refused: OrderViewProps['refused'] }) {
  const mine = refused?.form === 'payment' ? refused : undefined
  return (
    <details class="order__careful" open={mine !== undefined}>
      <summary>The buyer paid…</summary>
      <form method="post" action={`/orders/${order.code}/payment`} class="order__step">
        <Field
          label="Payment reference"
          name="reference"
          maxlength={MAX_REASON_LENGTH}
          value={mine?.values.reference}
          error={mine?.errors.reference}
          hint="The mobile money or bank reference, or “cash” and a receipt number."
        />
        <Button>Record payment</Button>
      </form>
    </details>
  )
}

function Contact({
  order,
  details,
  isBuyer,
  isProvider,
}: {
  order: Order
  details: OrderDetails
  isBuyer: boolean
  isProvider: boolean
}) {
  const links: Child[] = []
  const message = encodeURIComponent(`About order ${order.code}`)
  if (isBuyer !== isProvider) {
    const to = isBuyer ? details.store.memberId : order.buyerId
    const name = isBuyer ? details.store.name : details.buyerName
    links.push(<a href={newConversationHref(to, { orderCode: order.code })}>Message {name}</a>)
  }
  if (isBuyer && !isProvider) {
    if (details.store.phone)
      links.push(<a href={telHref(details.store.phone)}>Call {details.store.name}</a>)
    const whatsapp = details.store.whatsapp || details.store.phone
    if (whatsapp)
      links.push(
        <a href={`${whatsappHref(whatsapp)}?text=${message}`} rel="noopener">
          WhatsApp {details.store.name}
        </a>,
      )
  }
  if (isProvider && order.contactPhone) {
    links.push(<a href={telHref(order.contactPhone)}>Call {details.buyerName}</a>)
    links.push(
      <a href={`${whatsappHref(order.contactPhone)}?text=${message}`} rel="noopener">
        WhatsApp {details.buyerName}
      </a>,
    )
  }
  if (links.length === 0) return null
  return (
    <section aria-labelledby="order-contact">
      <h2 id="order-contact">Get in touch</h2>
      <ul class="order__contact">
        {links.map((link) => (
          <li>{link}</li>
        ))}
      </ul>
    </section>
  )
}
