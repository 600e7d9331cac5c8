import type { FormErrors, FormValues } from '../../src/http/forms'
import { MAX_ADDRESS_LENGTH, MAX_NOTE_LENGTH, type Fulfilment } from '../../src/models/checkout'
import { PAYMENT_METHOD_LABELS, type PaymentMethod } from '../../src/models/payment-methods'
import { RadioGroup } from '../components/radio-group'
import { TextArea } from '../components/text-area'
import { FULFILMENT_LABELS } from './checkout-page'
import { ContactPhoneField } from './contact-phone-field'

type ServiceOrderFieldsProps = {
  /** Where it may happen: the service's places, or the request's. */
  places: Fulfilment[]
  paymentMethods: PaymentMethod[]
  values: FormValues
  errors: FormErrors
  /** "order" or "booking": what the provider may call about. */
  about: string
  paymentHint?: string
}

/**
 * What a service's short checkout asks, whether booking a time or hiring through a proposal:
 * where it happens, the address for a visit, a note, a phone and how the buyer pays.
 */
export function ServiceOrderFields(props: ServiceOrderFieldsProps) {
  const { values, errors } = props
  return (
    <>
      <RadioGroup
        legend="Where it happens"
        name="fulfilment"
        required
        value={values.fulfilment}
        error={errors.fulfilment}
        choices={props.places.map((place) => ({ value: place, label: FULFILMENT_LABELS[place] }))}
      />
      {props.places.includes('customer') ? (
        <TextArea
          label="Address"
          name="address"
          rows={2}
          maxlength={MAX_ADDRESS_LENGTH}
          value={values.address}
          error={errors.address}
          hint="Needed for a visit to your place: street, landmark, gate colour."
        />
      ) : null}
      <TextArea
        label="What the provider should know"
        name="note"
        rows={3}
        maxlength={MAX_NOTE_LENGTH}
        value={values.note}
        error={errors.note}
        hint="Optional."
      />
      <ContactPhoneField
        value={values.contactPhone}
        error={errors.contactPhone}
        about={props.about}
      />
      <RadioGroup
        legend="How you pay"
        name="paymentMethod"
        required
        value={values.paymentMethod}
        error={errors.paymentMethod}
        hint={props.paymentHint}
        choices={props.paymentMethods.map((method) => ({
          value: method,
          label: PAYMENT_METHOD_LABELS[method],
        }))}
      />
    </>
  )
}
