import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { StoreForm } from './store-form'

type StoreNewPageProps = {
  shell: Shell
  values: FormValues
  errors?: Errors
  /** The member has not confirmed their address yet: the form waits for that. */
  unconfirmed?: { pending: string | undefined }
}

export function StoreNewPage({ shell, values, errors = {}, unconfirmed }: StoreNewPageProps) {
  return (
    <SiteLayout shell={shell} title="Open your storefront">
      <h1>Open your storefront</h1>
      <p>
        A storefront is your page on {shell.marketName}: who you are, what you do and how to reach
        you. You can add photos and listings right after.
      </p>
      {unconfirmed ? (
        <div class="panel">
          <h2>First, confirm your email address</h2>
          <p>
            Neighbours' orders and the market's mail reach you there, so a storefront opens once
            your address is confirmed.{' '}
            {unconfirmed.pending
              ? `We sent a link and a code to ${unconfirmed.pending}.`
              : 'Your last link has expired; ask for a new one.'}
          </p>
          <p>
            <a class="button button--primary" href="/verify-email?return_to=%2Fstores%2Fnew">
              Confirm my address
            </a>
          </p>
        </div>
      ) : (
        <StoreForm
          action="/stores"
          values={values}
          errors={errors}
          submitLabel="Open my storefront"
        />
      )}
    </SiteLayout>
  )
}
