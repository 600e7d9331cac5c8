import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import type { CategoryBranch } from '../../src/models/category'
import { listingPath, type ListingDetails } from '../../src/models/listing'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import type { ListingPhoto } from '../../src/models/listing-photos'
import { ListingForm } from './listing-form'
import { ListingPhotosSection } from './listing-photos-section'
import { ListingStatus, PublicationButtons } from './listing-status'

type ListingEditPageProps = {
  shell: Shell
  listing: ListingDetails
  values: FormValues
  errors?: Errors | undefined
  photos: ListingPhoto[]
  photoErrors?: string[] | undefined
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
      <section class="panel" aria-label="Status">
        <p>
          <ListingStatus status={listing.status} /> · <a href={listingPath(listing)}>Preview</a>
        </p>
        <PublicationButtons listing={listing} />
      </section>
      <ListingPhotosSection
        listingId={listing.id}
        photos={props.photos}
        errors={props.photoErrors ?? []}
      />
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
