import { Field } from '../components/field'

/** The phone number a buyer gives with an order or a booking: for that provider's eyes only. */
export function ContactPhoneField(props: {
  value: string | undefined
  error: string | undefined
  /** "order" or "booking": what the provider may call about. */
  about: string
}) {
  return (
    <Field
      label="Your phone number"
      name="contactPhone"
      type="tel"
      autocomplete="tel"
      inputmode="tel"
      required
      maxlength={24}
      value={props.value}
      error={props.error}
      hint={`So the provider can reach you about this ${props.about}. Only they see it.`}
    />
  )
}
