import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import type { CategoryBranch } from '../../src/models/category'
import type { Image } from '../../src/models/image'
import {
  DEFAULT_OPEN_FOR_DAYS,
  MAX_DESCRIPTION_LENGTH,
  MAX_REQUEST_PHOTOS,
  MAX_TITLE_LENGTH,
  OPEN_FOR_DAYS,
  REQUEST_PLACES,
} from '../../src/models/request/request-input'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { PhotosField } from '../components/photos-field'
import { RadioGroup } from '../components/radio-group'
import { categoryGroups, Select } from '../components/select'
import { TextArea } from '../components/text-area'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { PLACE_CHOICES } from './request-words'

export type RequestFormPageProps = {
  shell: Shell
  categories: CategoryBranch[]
  /** The town's places, offered as the area's suggestions. */
  places: string[]
  values: FormValues
  errors: Errors
  photos: Image[]
  photoErrors: string[]
  /** Examples of amounts in the market's way of writing them, for the budget's hint. */
  moneyHint: string
}

/**
 * Posting a request: what is needed, in which category, a budget (either end may stay open),
 * where and by when, photos, who may see it and for how long it stays open. One plain multipart
 * form (upload progress from app.js); 303 to the request's page once posted.
 */
export function RequestFormPage(props: RequestFormPageProps) {
  const { values, errors } = props
  return (
    <SiteLayout shell={props.shell} title="Post a request">
      <h1>Post a request</h1>
      <p class="muted">
        Say what you need and providers in town send you proposals: a price, a day and a word on how
        they would do it. You compare them, ask questions, and hire the one you want.
      </p>
      <form
        method="post"
        action="/requests/new"
        class="form"
        enctype="multipart/form-data"
        data-upload-progress
        novalidate
      >
        <FormErrors errors={errors} />
        <Field
          label="What do you need?"
          name="title"
          value={values.title}
          error={errors.title}
          hint="e.g. “Fix a leaking roof before the rains”"
          required
          maxlength={MAX_TITLE_LENGTH}
        />
        <TextArea
          label="Details"
          name="description"
          rows={5}
          maxlength={MAX_DESCRIPTION_LENGTH}
          value={values.description}
          error={errors.description}
          hint="How big the job is, what you have already tried, anything a provider should know."
          required
        />
        <Select
          label="Category"
          name="categoryId"
          value={values.categoryId}
          error={errors.categoryId}
          placeholder="Choose a category"
          groups={categoryGroups(props.categories)}
        />
        <fieldset class="field">
          <legend>Budget (optional)</legend>
          <p class="field__hint">
            Leave either end empty if you are not sure. Amounts like {props.moneyHint}.
          </p>
          <div class="request-form__budget">
            <Field
              label="At least"
              name="budgetMin"
              inputmode="decimal"
              value={values.budgetMin}
              error={errors.budgetMin}
            />
            <Field
              label="At most"
              name="budgetMax"
              inputmode="decimal"
              value={values.budgetMax}
              error={errors.budgetMax}
            />
          </div>
        </fieldset>
        <RadioGroup
          legend="Where"
          name="place"
          required
          value={values.place}
          error={errors.place}
          choices={REQUEST_PLACES.map((place) => ({ value: place, label: PLACE_CHOICES[place] }))}
        />
        <Field
          label="Area of town"
          name="area"
          value={values.area}
          error={errors.area}
          list="town-places"
          maxlength={60}
          hint="Optional: providers nearby see it first. Your address is asked only when you hire."
        />
        <datalist id="town-places">
          {props.places.map((place) => (
            <option value={place} />
          ))}
        </datalist>
        <Field
          label="Needed by"
          name="neededBy"
          type="date"
          value={values.neededBy}
          error={errors.neededBy}
          hint="Optional: leave empty if the day is flexible."
        />
        <PhotosField photos={props.photos} errors={props.photoErrors} max={MAX_REQUEST_PHOTOS} />
        <RadioGroup
          legend="Who can see it"
          name="visibility"
          required
          value={values.visibility ?? 'everyone'}
          error={errors.visibility}
          choices={[
            { value: 'everyone', label: 'Everyone' },
            {
              value: 'category',
              label: 'Only providers in this category',
              hint: 'It stays off the public list; providers who sell in the category still hear of it.',
            },
          ]}
        />
        <RadioGroup
          legend="Keep it open for"
          name="openForDays"
          required
          value={values.openForDays ?? String(DEFAULT_OPEN_FOR_DAYS)}
          error={errors.openForDays}
          hint="It closes by itself then if you have hired no one; you can withdraw it sooner."
          choices={OPEN_FOR_DAYS.map((days) => ({
            value: String(days),
            label: days === 7 ? 'A week' : days === 14 ? 'Two weeks' : 'A month',
          }))}
        />
        <p>
          <Button variant="primary">Post the request</Button>
        </p>
      </form>
    </SiteLayout>
  )
}
