import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import type { CategoryBranch } from '../../src/models/category'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { ListingForm } from './listing-form'

type ListingNewPageProps = {
  shell: Shell
  kind: 'service' | 'product' | null
  values: FormValues
  errors?: Errors
  categories: CategoryBranch[]
  currency: string
}

/** First the kind (a service, or goods), then the form for it. */
export function ListingNewPage(props: ListingNewPageProps) {
  const { shell, kind } = props
  return (
    <SiteLayout shell={shell} title="New listing">
      <h1>
        {kind === 'service' ? 'Offer a service' : kind === 'product' ? 'Sell goods' : 'New listing'}
      </h1>
      {kind ? (
        <>
          <p>It is saved as a draft: add photos, check it, then publish it when you are ready.</p>
          <ListingForm
            action="/listings"
            kind={kind}
            values={props.values}
            errors={props.errors ?? {}}
            categories={props.categories}
            currency={props.currency}
            submitLabel="Save draft"
          />
        </>
      ) : (
        <ul class="choices">
          <li>
            <a class="choice" href="/listings/new?kind=service">
              <strong>A service</strong>
              <span>Repairs, lessons, cleaning, design… sold as one to three packages.</span>
            </a>
          </li>
          <li>
            <a class="choice" href="/listings/new?kind=product">
              <strong>Goods</strong>
              <span>Things with a price and stock, with sizes or colours if you like.</span>
            </a>
          </li>
        </ul>
      )}
    </SiteLayout>
  )
}
