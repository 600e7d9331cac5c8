import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { dateTimeFormat } from '../../src/lib/intl'
import type { Image } from '../../src/models/image'
import {
  MAX_REVIEW_PHOTOS,
  REVIEW_BODY_MAX,
  REVIEW_TITLE_MAX,
  type ReviewDirection,
} from '../../src/models/review'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { PhotosField } from '../components/photos-field'
import { RadioGroup, type RadioChoice } from '../components/radio-group'
import { TextArea } from '../components/text-area'
import { SiteLayout, type Shell } from '../layouts/site-layout'

export type ReviewFormProps = {
  code: string
  direction: ReviewDirection
  /** The other side: the store's name to its buyer, the buyer's name to the store. */
  otherName: string
  /** When the order's review window closes: unpublished reviews publish then. */
  closesAt: Date
  timeZone: string
  /** Changing a review already written: until when, and whether it is published (then marked). */
  editing?: { published: boolean; until: Date | null } | undefined
  values: FormValues
  errors: Errors
  /** Photos uploaded with an earlier try (or the review being changed): kept unless unticked. */
  photos: Image[]
  /** One line per refused file, beside the file input. */
  photoErrors: string[]
}

/** Where the form posts: writing a review, or changing it. */
export function reviewFormAction(code: string, editing: boolean): string {
  return `/orders/${code}/review${editing ? '/edit' : ''}`
}

const STAR_CHOICES: RadioChoice[] = [1, 2, 3, 4, 5].map((stars) => ({
  value: String(stars),
  label: (
    <>
      <span class="review-form__stars" aria-hidden="true">
        {'★'.repeat(stars)}
      </span>{' '}
      {stars === 1 ? '1 star' : `${stars} stars`}
    </>
  ),
}))

/**
 * Writing (or changing) one side's review of a completed order: the buyer's of the store — stars,
 * a title, words, photos, would they recommend it — or the store's of the buyer — stars and words.
 * One plain form: multipart where it takes photos (with upload progress from app.js), 303 after.
 */
export function ReviewFormPage({ shell, ...props }: ReviewFormProps & { shell: Shell }) {
  const title = props.editing ? 'Change your review' : `Review order ${props.code}`
  return (
    <SiteLayout shell={shell} title={title}>
      <p class="muted">
        <a href={`/orders/${props.code}`}>Order {props.code}</a>
      </p>
      <h1>{title}</h1>
      <ReviewIntro {...props} locale={shell.locale} />
      <ReviewForm {...props} />
    </SiteLayout>
  )
}

function ReviewIntro(props: ReviewFormProps & { locale: string }) {
  const date = (at: Date, time = false) =>
    dateTimeFormat(props.locale, {
      dateStyle: 'long',
      ...(time ? { timeStyle: 'short' } : {}),
      timeZone: props.timeZone,
    }).format(at)
  if (props.editing?.published)
    return (
      <p>
        Your review is published. A change shows as edited
        {props.editing.until ? `; you can change it until ${date(props.editing.until, true)}` : ''}.
      </p>
    )
  const who = props.direction === 'of_store' ? `How was ${props.otherName}?` : null
  return (
    <p>
      {who ? `${who} ` : ''}
      {props.direction === 'of_store'
        ? `Your review is published when ${props.otherName} has reviewed you too, or on ${date(props.closesAt)}.`
        : `Your review shows on ${props.otherName}’s profile once they have reviewed your store too, or on ${date(props.closesAt)}.`}{' '}
      Until then only you can read it, and you cannot read theirs: nobody reviews the other in
      return.
    </p>
  )
}

function ReviewForm(props: ReviewFormProps) {
  const { values, errors } = props
  const ofStore = props.direction === 'of_store'
  return (
    <form
      method="post"
      action={reviewFormAction(props.code, props.editing !== undefined)}
      class="form"
      enctype={ofStore ? 'multipart/form-data' : undefined}
      data-upload-progress={ofStore ? true : undefined}
      novalidate
    >
      <FormErrors errors={errors} />
      <RadioGroup
        legend="Stars"
        name="stars"
        choices={STAR_CHOICES}
        value={values.stars}
        hint="5 is best."
        error={errors.stars}
        required
      />
      {ofStore ? (
        <Field
          label="Title (optional)"
          name="title"
          value={values.title}
          error={errors.title}
          maxlength={REVIEW_TITLE_MAX}
          hint="In a few words, e.g. “Fixed in an hour”."
        />
      ) : null}
      <TextArea
        label="Your review"
        name="body"
        value={values.body}
        error={errors.body}
        required
        maxlength={REVIEW_BODY_MAX}
        rows={6}
        hint={
          ofStore
            ? 'What you ordered and how it went: on time, as described, would you go back?'
            : `How ${props.otherName} was to deal with: clear about what they wanted, paid as agreed, there when expected? Other stores read this on their profile.`
        }
      />
      {ofStore ? (
        <>
          <PhotosField photos={props.photos} errors={props.photoErrors} max={MAX_REVIEW_PHOTOS} />
          <RadioGroup
            legend={`Would you recommend ${props.otherName}?`}
            name="recommend"
            choices={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ]}
            value={values.recommend}
            error={errors.recommend}
            required
          />
        </>
      ) : null}
      <p class="review-form__actions">
        <Button>{props.editing ? 'Save changes' : 'Send review'}</Button>{' '}
        <a href={`/orders/${props.code}`}>Cancel</a>
      </p>
    </form>
  )
}
