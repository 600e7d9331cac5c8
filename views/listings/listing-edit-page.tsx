import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import type { CategoryBranch } from '../../src/models/category'
import { listingPath, type ListingDetails } from '../../src/models/listing'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { ListingForm } from './listing-form'
import { ListingStatus, PublicationButtons } from './listing-status'

type ListingEditPageProps = {
  shell: Shell
  listing: ListingDetails
  values: FormValues
  errors?: Errors
  categories: CategoryBranch[]
  currency: string
}

export function ListingEditPage(props: ListingEditPageProps) {
  const { shell, listing } = props
  return (
    <SiteLayout shell={shell} title={`Edit ${listing.title}`}>
      <p>
        <a href="/listings/mine">← My listings</a>
      </p>
      <h1>Edit listing</h1>
      <section class="card" aria-label="Status">
        <p>
          <ListingStatus status={listing.status} /> · <a href={listingPath(listing)}>Preview</a>
        </p>
        <PublicationButtons listing={listing} />
      </section>
      <ListingForm
        action={`/listings/${listing.id}`}
        kind={listing.kind}
        values={props.values}
        errors={props.errors ?? {}}
        categories={props.categories}
        currency={props.currency}
        submitLabel="Save changes"
      />
    </SiteLayout>
  )
}
