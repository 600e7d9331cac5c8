import type { Context } from 'hono'
import { ListingEditPage } from '../../../views/listings/listing-edit-page'
import type { MemberEnv } from '../../http/env'
import type { FormErrors, FormValues } from '../../http/forms'
import { shell } from '../../http/shell'
import { listCategoryTree } from '../../models/category'
import type { ListingDetails } from '../../models/listing'
import { listListingPhotos } from '../../models/listing-photos'
import { listingFormValues } from '../../models/listing/listing-input'

/** The edit page: the listing's form, its status controls and its gallery, with any problems. */
export function renderListingEdit<E extends MemberEnv>(
  c: Context<E>,
  listing: ListingDetails,
  problems: { values?: FormValues; errors?: FormErrors; photoErrors?: string[] } = {},
) {
  const currency = c.var.site.currency
  return (
    <ListingEditPage
      shell={shell(c)}
      listing={listing}
      values={problems.values ?? listingFormValues(listing, currency)}
      errors={problems.errors}
      photos={listListingPhotos(c.var.db, listing.id)}
      photoErrors={problems.photoErrors}
      categories={listCategoryTree(c.var.db)}
      currency={currency}
    />
  )
}
