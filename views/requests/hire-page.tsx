import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { MAX_ADDRESS_LENGTH, MAX_NOTE_LENGTH } from '../../src/models/checkout'
import type { Fulfilment } from '../../src/models/checkout'
import { PAYMENT_METHOD_LABELS, type PaymentMethod } from '../../src/models/payment-methods'
import type { ComparedProposal } from '../../src/models/request/proposal'
import type { RequestDetails } from '../../src/models/request/request'
import { Button } from '../components/button'
import { ContactPhoneField } from '../checkout/contact-phone-field'
import { FULFILMENT_LABELS } from '../checkout/checkout-page'
import { FormErrors } from '../components/form-errors'
import { Money } from '../components/money'
import { RadioGroup } from '../components/radio-group'
import { TextArea } from '../components/text-area'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { dayText } from './request-words'

export type HirePageProps = {
  shell: Shell
  request: RequestDetails
  proposal: ComparedProposal
  places: Fulfilment[]
  paymentMethods: PaymentMethod[]
  values: FormValues
  errors: Errors
  currency: string
}

/**
 * Hiring a provider through their proposal: its terms, then what checkout asks — where (within
 * the request's place), the address for a visit, a phone, how to pay. Sending it places the
 * order, already accepted (models/request/hiring.ts).
 */
export function HirePage(props: HirePageProps) {
  const { shell, request, proposal, values, errors } = props
  const path = `/requests/${request.code}/proposals/${proposal.id}/accept`
  return (
    <SiteLayout shell={shell} title={`Hire ${proposal.store.name}`}>
      <h1>Hire {proposal.store.name}</h1>
      <FormErrors errors={errors} />
      <section class="panel" aria-labelledby="terms-heading">
        <h2 id="terms-heading">Their proposal</h2>
        <p>
          <strong>
            <Money amount={proposal.price} currency={props.currency} locale={shell.locale} />
          </strong>
          {proposal.packageName ? ` · ${proposal.packageName}` : ''} for “{request.title}”, on{' '}
          {dayText(proposal.visitOn, shell.locale)}.
        </p>
        <p class="muted">
          The order starts accepted: {proposal.store.name} offered these terms. The other providers
          who proposed are told, and the request closes.
        </p>
        <p>
          <a href={`/requests/${request.code}`}>Back to all proposals</a>
        </p>
      </section>
      <form method="post" action={path} class="form" novalidate>
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
        <ContactPhoneField value={values.contactPhone} error={errors.contactPhone} about="order" />
        <RadioGroup
          legend="How you pay"
          name="paymentMethod"
          required
          value={values.paymentMethod}
          error={errors.paymentMethod}
          choices={props.paymentMethods.map((method) => ({
            value: method,
            label: PAYMENT_METHOD_LABELS[method],
          }))}
        />
        <p>
          <Button variant="primary">Hire {proposal.store.name}</Button>
        </p>
      </form>
    </SiteLayout>
  )
}
