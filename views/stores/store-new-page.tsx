import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { StoreForm } from './store-form'

type StoreNewPageProps = { shell: Shell; values: FormValues; errors?: Errors }

export function StoreNewPage({ shell, values, errors = {} }: StoreNewPageProps) {
  return (
    <SiteLayout shell={shell} title="Open your storefront">
      <h1>Open your storefront</h1>
      <p>
        A storefront is your page on {shell.marketName}: who you are, what you do and how to reach
        you. You can add photos and listings right after.
      </p>
      <StoreForm
        action="/stores"
        values={values}
        errors={errors}
        submitLabel="Open my storefront"
      />
    </SiteLayout>
  )
}
