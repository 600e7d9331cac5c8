import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import type { Store } from '../../src/models/store'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { StoreForm } from './store-form'

type StoreEditPageProps = { shell: Shell; store: Store; values: FormValues; errors?: Errors }

export function StoreEditPage({ shell, store, values, errors = {} }: StoreEditPageProps) {
  return (
    <SiteLayout shell={shell} title={`Edit ${store.name}`}>
      <h1>Edit your storefront</h1>
      <p>
        <a href={`/stores/${store.slug}`}>See it as visitors do</a>
      </p>
      <StoreForm
        action={`/stores/${store.slug}`}
        values={values}
        errors={errors}
        submitLabel="Save changes"
      />
    </SiteLayout>
  )
}
