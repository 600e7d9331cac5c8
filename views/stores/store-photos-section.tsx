import type { Image } from '../../src/models/image'
import type { PortfolioItem } from '../../src/models/store-photos'
import { MAX_PORTFOLIO_ITEMS } from '../../src/models/store-photos'
import { Field } from '../components/field'
import { PhotoInput } from '../components/photo-input'
import { Picture } from '../components/picture'

export type StorePhotoErrors = Partial<Record<'avatar' | 'cover' | 'portfolio', string[]>>

type StorePhotosSectionProps = {
  slug: string
  storeName: string
  avatar: Image | undefined
  cover: Image | undefined
  portfolio: PortfolioItem[]
  errors: StorePhotoErrors
}

/** Profile photo, cover photo and portfolio: each its own upload form with a progress bar. */
export function StorePhotosSection(props: StorePhotosSectionProps) {
  const { slug, errors } = props
  return (
    <section aria-labelledby="store-photos-heading" class="card">
      <h2 id="store-photos-heading">Photos</h2>
      <div class="photo-slot">
        {props.avatar ? (
          <Picture
            image={props.avatar}
            alt={`${props.storeName}: profile photo`}
            sizes="6rem"
            class="avatar"
          />
        ) : null}
        <form
          method="post"
          action={`/stores/${slug}/avatar`}
          enctype="multipart/form-data"
          data-upload-progress
          class="form"
        >
          <PhotoInput
            label="Profile photo"
            name="avatar"
            multiple={false}
            errors={errors.avatar}
            hint="A clear photo of you or your logo."
          />
          <button type="submit" class="button button--secondary">
            Upload profile photo
          </button>
        </form>
      </div>
      <div class="photo-slot">
        {props.cover ? (
          <Picture
            image={props.cover}
            alt={`${props.storeName}: cover photo`}
            sizes="(min-width: 60rem) 58rem, 100vw"
            class="cover"
          />
        ) : null}
        <form
          method="post"
          action={`/stores/${slug}/cover`}
          enctype="multipart/form-data"
          data-upload-progress
          class="form"
        >
          <PhotoInput
            label="Cover photo"
            name="cover"
            multiple={false}
            errors={errors.cover}
            hint="A wide photo of your work or your shop."
          />
          <button type="submit" class="button button--secondary">
            Upload cover photo
          </button>
        </form>
      </div>
      <h3>Portfolio</h3>
      {props.portfolio.length > 0 ? (
        <ul class="photo-grid">
          {props.portfolio.map((item) => (
            <li>
              <Picture
                image={item.image}
                alt={item.caption || `${props.storeName}: past work`}
                sizes="10rem"
              />
              {item.caption ? <p>{item.caption}</p> : null}
              <form method="post" action={`/stores/${slug}/portfolio/${item.id}/removal`}>
                <button type="submit" class="button button--link">
                  Remove<span class="visually-hidden"> {item.caption || 'this photo'}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Show neighbours your past work: photos of jobs you are proud of.</p>
      )}
      {props.portfolio.length < MAX_PORTFOLIO_ITEMS ? (
        <form
          method="post"
          action={`/stores/${slug}/portfolio`}
          enctype="multipart/form-data"
          data-upload-progress
          class="form"
        >
          <PhotoInput label="Add portfolio photos" name="photos" errors={errors.portfolio} />
          <Field
            label="Caption (optional)"
            name="caption"
            hint="Describes what the photos show, e.g. “Kitchen tiling in Brufut”."
            maxlength={200}
          />
          <button type="submit" class="button button--secondary">
            Add to portfolio
          </button>
        </form>
      ) : null}
    </section>
  )
}
