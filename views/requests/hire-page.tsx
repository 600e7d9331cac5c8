import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import type { Fulfilment } from '../../src/models/checkout'
import type { PaymentMethod } from '../../src/models/payment-methods'
import { ServiceOrderFields } from '../checkout/service-order-fields'
import type { ComparedProposal } from '../../src/models/request/proposal'
import type { RequestDetails } from '../../src/models/request/request'
import { Button } from '../components/button'
import { FormErrors } from '../components/form-errors'
import { Money } from '../components/money'
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
        <ServiceOrderFields
          places={props.places}
          paymentMethods={props.paymentMethods}
          values={values}
          errors={errors}
          about="order"
        />
        <p>
          <Button variant="primary">Hire {proposal.store.name}</Button>
        </p>
      </form>
    </SiteLayout>
  )
}
