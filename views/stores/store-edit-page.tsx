import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import type { Image } from '../../src/models/image'
import type { Store } from '../../src/models/store'
import type { PortfolioItem } from '../../src/models/store-photos'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { StoreForm } from './store-form'
import { StorePhotosSection, type StorePhotoErrors } from './store-photos-section'

export type { StorePhotoErrors }

type StoreEditPageProps = {
  shell: Shell
  store: Store
  values: FormValues
  errors?: Errors | undefined
  photoErrors?: StorePhotoErrors | undefined
  avatar: Image | undefined
  cover: Image | undefined
  portfolio: PortfolioItem[]
}

export function StoreEditPage(props: StoreEditPageProps) {
  const { shell, store, values, errors = {} } = props
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
      <StorePhotosSection
        slug={store.slug}
        storeName={store.name}
        avatar={props.avatar}
        cover={props.cover}
        portfolio={props.portfolio}
        errors={props.photoErrors ?? {}}
      />
    </SiteLayout>
  )
}
