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
    <section aria-labelledby="store-photos-heading" class="panel">
      <h2 id="store-photos-heading">Photos</h2>
      <PhotoSlot
        slug={slug}
        slot="avatar"
        label="Profile photo"
        hint="A clear photo of you or your logo."
        image={props.avatar}
        alt={`${props.storeName}: profile photo`}
        sizes="6rem"
        errors={errors.avatar}
      />
      <PhotoSlot
        slug={slug}
        slot="cover"
        label="Cover photo"
        hint="A wide photo of your work or your shop."
        image={props.cover}
        alt={`${props.storeName}: cover photo`}
        sizes="(min-width: 60rem) 58rem, 100vw"
        errors={errors.cover}
      />
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

type PhotoSlotProps = {
  slug: string
  slot: 'avatar' | 'cover'
  label: string
  hint: string
  image: Image | undefined
  alt: string
  sizes: string
  errors: string[] | undefined
}

/** One single-photo place (profile or cover): the current photo and a form to replace it. */
function PhotoSlot(props: PhotoSlotProps) {
  return (
    <div class="photo-slot">
      {props.image ? (
        <Picture
          image={props.image}
          alt={props.alt}
          sizes={props.sizes}
          class={props.slot}
          square={props.slot === 'avatar'}
        />
      ) : null}
      <form
        method="post"
        action={`/stores/${props.slug}/${props.slot}`}
        enctype="multipart/form-data"
        data-upload-progress
        class="form"
      >
        <PhotoInput
          label={props.label}
          name={props.slot}
          multiple={false}
          errors={props.errors}
          hint={props.hint}
        />
        <button type="submit" class="button button--secondary">
          Upload {props.label.toLowerCase()}
        </button>
      </form>
    </div>
  )
}
