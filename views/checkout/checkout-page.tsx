import type { Child } from 'hono/jsx'
import type { FormErrors, FormValues } from '../../src/http/forms'
import type {
  CheckoutGroup,
  CheckoutPlan,
  Fulfilment,
  OrderTotals,
} from '../../src/models/checkout'
import { MAX_ADDRESS_LENGTH, MAX_NOTE_LENGTH } from '../../src/models/checkout'
import { PAYMENT_METHOD_LABELS } from '../../src/models/payment-methods'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { ContactPhoneField } from './contact-phone-field'
import { Money } from '../components/money'
import { RadioGroup } from '../components/radio-group'
import { TextArea } from '../components/text-area'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type CheckoutPageProps = {
  shell: Shell
  plan: CheckoutPlan
  /** The amounts of each order (in plan order) for the choices made so far. */
  totals: OrderTotals[]
  checkoutKey: string
  values: FormValues
  errors: FormErrors
  /** What changed since the buyer last saw the page, said before anything else. */
  notices: string[]
  currency: string
}

/** The id of an order's totals: what choosing delivery swaps. */
export function summaryId(index: number): string {
  return `checkout-summary-${index}`
}

const GRAND_TOTAL_ID = 'checkout-grand-total'

/** How each way of receiving an order is offered. */
export const FULFILMENT_LABELS: Record<Fulfilment, string> = {
  pickup: 'Pick it up from the store',
  delivery: 'Delivery to your address',
  customer: 'At your place',
  provider: "At the provider's place",
  online: 'Online',
}

/**
 * The cart as orders to place: for each, how it is received, where, a note, how it is paid and a
 * coupon, then one phone number and one button. "Apply" re-checks the page (totals, coupon)
 * without placing anything; it works the same with JavaScript off.
 */
export function CheckoutPage(props: CheckoutPageProps) {
  const { shell, plan, totals, values, errors, notices, currency } = props
  const money = (amount: number) => (
    <Money amount={amount} currency={currency} locale={shell.locale} />
  )
  const grandTotal = totals.reduce((sum, order) => sum + order.total, 0)
  const many = plan.groups.length > 1
  return (
    <SiteLayout shell={shell} title="Checkout" focused>
      <h1>Checkout</h1>
      {notices.length > 0 ? (
        <div class="notice notice--alert" role="alert">
          <p>
            Your cart changed since you opened this page. Nothing was ordered yet — check it again:
          </p>
          <ul>
            {notices.map((notice) => (
              <li>{notice}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {errors.form ? (
        <p class="notice notice--alert" role="alert">
          {errors.form}
        </p>
      ) : null}
      {plan.unavailable.length > 0 ? (
        <p class="muted">
          Left out because they are sold out or no longer on sale:{' '}
          {plan.unavailable.map((line) => line.title).join(', ')}. They stay in{' '}
          <a href="/cart">your cart</a>.
        </p>
      ) : null}
      <form method="post" action="/checkout" class="checkout">
        <input type="hidden" name="checkoutKey" value={props.checkoutKey} />
        {plan.groups
          .flatMap((group) => group.lines)
          .map((line, index) => (
            <>
              <input type="hidden" name={`lines.${index}.unitId`} value={String(line.unitId)} />
              <input type="hidden" name={`lines.${index}.quantity`} value={String(line.quantity)} />
              <input type="hidden" name={`lines.${index}.price`} value={String(line.price)} />
            </>
          ))}
        {plan.groups.map((group, index) => (
          <OrderChoices
            group={group}
            index={index}
            totals={totals[index]!}
            values={values}
            errors={errors}
            money={money}
            many={many}
          />
        ))}
        {/* Not a section: it has no heading of its own; the phone field's label says what it is. */}
        <div class="panel checkout__contact">
          <ContactPhoneField
            value={values.contactPhone}
            error={errors.contactPhone}
            about="order"
          />
          <p class="checkout__grand-total" id={GRAND_TOTAL_ID}>
            {many ? `Total for ${plan.groups.length} orders: ` : 'Total: '}
            <strong>{money(grandTotal)}</strong>
          </p>
          <p class="muted">
            You pay the provider directly, by the method chosen above. The market keeps the books
            until the order is done.
          </p>
          <div class="form-actions">
            <Button name="intent" value="place">
              {many ? `Place ${plan.groups.length} orders` : 'Place order'}
            </Button>
          </div>
        </div>
      </form>
    </SiteLayout>
  )
}

type OrderChoicesProps = {
  group: CheckoutGroup
  index: number
  totals: OrderTotals
  values: FormValues
  errors: FormErrors
  money: (amount: number) => Child
  many: boolean
}

function OrderChoices({ group, index, totals, values, errors, money, many }: OrderChoicesProps) {
  const field = (name: string) => `orders.${index}.${name}`
  const headingId = `checkout-order-${index}`
  const what = group.kind === 'service' ? 'Service' : 'Goods'
  return (
    <section class="panel checkout__order" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {many ? `Order ${index + 1}: ` : ''}
        {what} from {group.storeName}
      </h2>
      <input type="hidden" name={field('storeId')} value={String(group.storeId)} />
      <input type="hidden" name={field('kind')} value={group.kind} />
      <ul class="checkout__lines">
        {group.lines.map((line) => (
          <li>
            <span>
              {line.quantity} × {line.title}
              {line.unitName ? ` — ${line.unitName}` : ''}
            </span>
            <span>{money(line.price * line.quantity)}</span>
          </li>
        ))}
      </ul>
      {/* With JavaScript, choosing how it comes shows its fee in the totals at once (the same
          check as Apply, swapping only the totals, never what is being typed); without, Apply. */}
      <div
        data-hx-post="/checkout"
        data-hx-trigger="change"
        data-hx-vals='{"intent": "review"}'
        data-hx-target={`#${summaryId(index)}`}
        data-hx-select={`#${summaryId(index)}`}
        data-hx-select-oob={`#${GRAND_TOTAL_ID}`}
        data-hx-swap="outerHTML"
      >
        <RadioGroup
          legend={group.kind === 'service' ? 'Where it happens' : 'How you get it'}
          name={field('fulfilment')}
          required
          value={values[field('fulfilment')]}
          error={errors[field('fulfilment')]}
          choices={group.fulfilments.map((way) => ({
            value: way,
            label:
              way === 'delivery' && group.deliveryFee > 0 ? (
                <>
                  {FULFILMENT_LABELS[way]} (+{money(group.deliveryFee)})
                </>
              ) : (
                FULFILMENT_LABELS[way]
              ),
          }))}
        />
      </div>
      <TextArea
        label="Address"
        name={field('address')}
        rows={2}
        maxlength={MAX_ADDRESS_LENGTH}
        value={values[field('address')]}
        error={errors[field('address')]}
        hint="Needed for a delivery or a visit to your place: street, landmark, gate colour."
      />
      <TextArea
        label={group.kind === 'service' ? 'What the provider should know' : 'Note for the store'}
        name={field('note')}
        rows={3}
        maxlength={MAX_NOTE_LENGTH}
        value={values[field('note')]}
        error={errors[field('note')]}
        hint={
          group.kind === 'service'
            ? 'Your requirements: what needs doing, sizes, times that suit you. Optional.'
            : 'Optional.'
        }
      />
      <RadioGroup
        legend="How you pay"
        name={field('paymentMethod')}
        required
        value={values[field('paymentMethod')]}
        error={errors[field('paymentMethod')]}
        choices={group.paymentMethods.map((method) => ({
          value: method,
          label: PAYMENT_METHOD_LABELS[method],
        }))}
      />
      <div class="checkout__coupon">
        <Field
          label="Coupon code"
          name={field('coupon')}
          maxlength={20}
          autocomplete="off"
          value={values[field('coupon')]}
          error={errors[field('coupon')]}
        />
        <Button variant="secondary" name="intent" value="review">
          Apply and update totals
        </Button>
      </div>
      <dl class="checkout__summary" id={summaryId(index)}>
        <div>
          <dt>Subtotal</dt>
          <dd>{money(totals.subtotal)}</dd>
        </div>
        {totals.deliveryFee > 0 ? (
          <div>
            <dt>Delivery</dt>
            <dd>{money(totals.deliveryFee)}</dd>
          </div>
        ) : null}
        {totals.discount > 0 ? (
          <div>
            <dt>Discount</dt>
            <dd>−{money(totals.discount)}</dd>
          </div>
        ) : null}
        <div class="checkout__total">
          <dt>Total</dt>
          <dd>{money(totals.total)}</dd>
        </div>
      </dl>
    </section>
  )
}
