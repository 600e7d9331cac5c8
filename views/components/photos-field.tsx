import { PHOTO_MAX_BYTES } from '../../src/http/photo-uploads'
import type { Image } from '../../src/models/image'
import { Checkbox } from './checkbox'
import { PhotoInput } from './photo-input'
import { Picture } from './picture'

type PhotosFieldProps = {
  /** Photos uploaded with an earlier try (or the thing being changed): kept unless unticked. */
  photos: Image[]
  /** One line per refused file, beside the file input. */
  errors: string[]
  /** How many the form holds in all. */
  max: number
}

/**
 * Optional photos on a form of other fields: the ones already uploaded, ticked to keep
 * (`photoIds`, read by readKeptAndNewPhotos), and a file input for more (`photos`). The form
 * must be multipart with `data-upload-progress`.
 */
export function PhotosField(props: PhotosFieldProps) {
  const room = props.max - props.photos.length
  return (
    <>
      {props.photos.length > 0 ? (
        <fieldset class="field">
          <legend>Your photos</legend>
          <ol class="photo-grid">
            {props.photos.map((image, index) => (
              <li>
                <Picture image={image} alt={`Your photo ${index + 1}`} sizes="10rem" />
                <Checkbox
                  label={`Keep photo ${index + 1}`}
                  name="photoIds"
                  value={String(image.id)}
                  checked
                />
              </li>
            ))}
          </ol>
        </fieldset>
      ) : null}
      <PhotoInput
        label={props.photos.length > 0 ? 'Add more photos' : 'Photos (optional)'}
        name="photos"
        errors={props.errors}
        hint={`Up to ${props.max} in all${props.photos.length > 0 ? ` (room for ${Math.max(room, 0)} more)` : ''}: JPEG, PNG, WebP, AVIF or GIF, up to ${PHOTO_MAX_BYTES / 1024 / 1024} MB each.`}
      />
    </>
  )
}
