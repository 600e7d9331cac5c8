import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { bookingTime } from './booking-words'
import { listingLocations, type ListingDetails } from '../../src/models/listing'
import type { PaymentMethod } from '../../src/models/payment-methods'
import { Button } from '../components/button'
import { ServiceOrderFields } from '../checkout/service-order-fields'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { Money } from '../components/money'
import { RadioGroup } from '../components/radio-group'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { townClockName } from './booking-calendar'

export type BookPageProps = {
  shell: Shell
  listing: ListingDetails & { booking: NonNullable<ListingDetails['booking']> }
  start: Date
  /** Until when the buyer may cancel for free; null when that time has already passed. */
  cancellableUntil: Date | null
  paymentMethods: PaymentMethod[]
  checkoutKey: string
  values: FormValues
  errors: Errors
  timeZone: string
  currency: string
  /** Where "choose another time" leads: the listing's calendar on this day. */
  calendarPath: string
}

/**
 * The checkout of one booking: the time chosen on the listing's calendar, then what a checkout
 * asks — which package, where, a note, a phone number and how they pay. Nothing is held until it
 * is sent; then the time is the buyer's (models/booking/placing.ts).
 */
export function BookPage(props: BookPageProps) {
  const { shell, listing, values, errors } = props
  const rules = listing.booking
  const when = bookingTime(shell.locale, props.timeZone)
  const money = (amount: number) => (
    <Money amount={amount} currency={props.currency} locale={shell.locale} />
  )
  const places = listingLocations(listing)
  return (
    <SiteLayout shell={shell} title={`Book ${listing.title}`}>
      <h1 id="heading">Book {listing.title}</h1>
      <FormErrors errors={errors} />
      <form method="post" action={`/listings/${listing.id}/book`} class="stack" novalidate>
        <input type="hidden" name="checkoutKey" value={props.checkoutKey} />
        <input type="hidden" name="start" value={props.start.toISOString()} />
        <section class="panel" aria-labelledby="when-heading">
          <h2 id="when-heading">When</h2>
          <p class="booking__when">
            <strong>{when.format(props.start)}</strong> ({townClockName(props.timeZone)}),{' '}
            {rules.slotMinutes} minutes, with{' '}
            <a href={`/stores/${listing.store.slug}`}>{listing.store.name}</a>
          </p>
          <p class="muted">
            {rules.instantBook
              ? 'Confirmed as soon as you book.'
              : 'The provider confirms within a day. The time is held for you meanwhile; if they do not confirm, it is freed and nothing is owed.'}{' '}
            {props.cancellableUntil
              ? `You can cancel for free until ${when.format(props.cancellableUntil)}.`
              : 'It is too close to the time to cancel for free: only the provider can cancel it now.'}
          </p>
          <p>
            <a href={props.calendarPath}>Choose another time</a>
          </p>
        </section>
        <section class="panel" aria-labelledby="what-heading">
          <h2 id="what-heading">What and where</h2>
          <RadioGroup
            legend="Package"
            name="unitId"
            required
            value={values.unitId}
            error={errors.unitId}
            choices={listing.packages.map((item) => ({
              value: String(item.id),
              label: (
                <>
                  {item.name} — {money(item.price)}
                </>
              ),
              hint: item.included || undefined,
            }))}
          />
          <ServiceOrderFields
            places={places}
            paymentMethods={props.paymentMethods}
            values={values}
            errors={errors}
            about="booking"
            paymentHint="Whichever you choose, the time is held for you once you book."
          />
        </section>
        <Field
          label="Coupon code (optional)"
          name="coupon"
          maxlength={20}
          autocomplete="off"
          value={values.coupon}
          error={errors.coupon}
        />
        <Button variant="primary">
          {rules.instantBook ? 'Book this time' : 'Request this time'}
        </Button>
      </form>
    </SiteLayout>
  )
}
