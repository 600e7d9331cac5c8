import { MAX_LISTING_PHOTOS, type ListingPhoto } from '../../src/models/listing-photos'
import { PhotoInput } from '../components/photo-input'
import { Picture } from '../components/picture'

type ListingPhotosSectionProps = { listingId: number; photos: ListingPhoto[]; errors: string[] }

/** The gallery editor: describe, reorder and remove photos, and upload more with progress. */
export function ListingPhotosSection({ listingId, photos, errors }: ListingPhotosSectionProps) {
  const room = MAX_LISTING_PHOTOS - photos.length
  return (
    <section aria-labelledby="photos-heading" class="panel" id="photos">
      <h2 id="photos-heading">Photos</h2>
      <p class="field__hint">
        Up to {MAX_LISTING_PHOTOS}. The first one is shown on cards and at the top of the page.
      </p>
      {photos.length > 0 ? (
        <ol class="photo-grid">
          {photos.map((photo, index) => (
            <li>
              <Picture image={photo.image} alt={photo.alt} sizes="10rem" />
              <form method="post" action={`/listings/${listingId}/photos/${photo.id}`} class="form">
                <div class="field">
                  <label for={`alt-${photo.id}`}>Description of photo {index + 1}</label>
                  <input id={`alt-${photo.id}`} name="alt" value={photo.alt} maxlength={200} />
                </div>
                <div class="publication">
                  <button type="submit" class="button button--secondary">
                    Save<span class="visually-hidden"> description of photo {index + 1}</span>
                  </button>
                  {index > 0 ? (
                    <button type="submit" name="move" value="earlier" class="button button--link">
                      Move earlier<span class="visually-hidden"> photo {index + 1}</span>
                    </button>
                  ) : null}
                </div>
              </form>
              <form method="post" action={`/listings/${listingId}/photos/${photo.id}/removal`}>
                <button type="submit" class="button button--link">
                  Remove<span class="visually-hidden"> photo {index + 1}</span>
                </button>
              </form>
            </li>
          ))}
        </ol>
      ) : null}
      {room > 0 ? (
        <form
          method="post"
          action={`/listings/${listingId}/photos`}
          enctype="multipart/form-data"
          data-upload-progress
          class="form"
        >
          <PhotoInput label="Add photos" name="photos" errors={errors} />
          <button type="submit" class="button button--secondary">
            Upload photos
          </button>
        </form>
      ) : (
        <p class="muted">
          This listing has all {MAX_LISTING_PHOTOS} photos. Remove one to add another.
        </p>
      )}
      {room === 0 && errors.length > 0 ? (
        <ul class="field__error">
          {errors.map((message) => (
            <li>{message}</li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
