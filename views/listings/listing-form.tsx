import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import type { CategoryBranch } from '../../src/models/category'
import { MAX_PACKAGES, MAX_VARIANTS, SERVICE_LOCATIONS } from '../../src/models/listing'
import { Button } from '../components/button'
import { Checkbox } from '../components/checkbox'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { Select } from '../components/select'
import { TextArea } from '../components/text-area'

type ListingFormProps = {
  action: string
  kind: 'service' | 'product'
  values: FormValues
  errors: Errors
  categories: CategoryBranch[]
  currency: string
  submitLabel: string
}

/** One form for both kinds; only the section for the listing's kind is shown. */
export function ListingForm(props: ListingFormProps) {
  const { values, errors, kind } = props
  return (
    <form method="post" action={props.action} class="form" novalidate>
      <FormErrors errors={errors} />
      <input type="hidden" name="kind" value={kind} />
      <Field
        label="Title"
        name="title"
        value={values.title}
        error={errors.title}
        hint={kind === 'service' ? 'e.g. “Leaking tap repair”' : 'e.g. “Mango jam, 400 g jar”'}
        required
        maxlength={80}
      />
      <Select
        label="Category"
        name="categoryId"
        value={values.categoryId}
        error={errors.categoryId}
        placeholder="Choose a category"
        groups={props.categories.map((top) => ({
          label: top.name,
          options: [top, ...top.children].map((category) => ({
            value: String(category.id),
            label: category.id === top.id ? `${top.name} (general)` : category.name,
          })),
        }))}
      />
      <TextArea
        label="Description"
        name="description"
        value={values.description}
        error={errors.description}
        hint="Plain text. Blank lines start a new paragraph."
        maxlength={5000}
        rows={6}
      />
      <Field
        label="Tags"
        name="tags"
        value={values.tags}
        error={errors.tags}
        hint="Separated by commas; help buyers find you. Up to 10."
        maxlength={400}
      />
      {kind === 'service' ? <ServiceFields {...props} /> : <ProductFields {...props} />}
      <Button>{props.submitLabel}</Button>
    </form>
  )
}

function ServiceFields({ values, errors, currency }: ListingFormProps) {
  return (
    <>
      <fieldset>
        <legend>Packages</legend>
        <p class="field__hint">
          One to three ways to buy your service, e.g. “Call-out”, “Half day”, “Full day”. Leave
          unused packages empty.
        </p>
        {Array.from({ length: MAX_PACKAGES }, (_, index) => {
          const n = index + 1
          return (
            <fieldset class="option-row">
              <legend>Package {n}</legend>
              <Field
                label="Name"
                name={`package${n}Name`}
                value={values[`package${n}Name`]}
                error={errors[`package${n}Name`]}
                maxlength={60}
              />
              <Field
                label="What's included"
                name={`package${n}Included`}
                value={values[`package${n}Included`]}
                error={errors[`package${n}Included`]}
                maxlength={500}
              />
              <div class="field-row">
                <Field
                  label={`Price (${currency})`}
                  name={`package${n}Price`}
                  value={values[`package${n}Price`]}
                  error={errors[`package${n}Price`]}
                  inputmode="decimal"
                  maxlength={16}
                />
                <Field
                  label="Turnaround (days)"
                  name={`package${n}Turnaround`}
                  value={values[`package${n}Turnaround`]}
                  error={errors[`package${n}Turnaround`]}
                  inputmode="numeric"
                  maxlength={3}
                />
              </div>
            </fieldset>
          )
        })}
      </fieldset>
      <fieldset>
        <legend>Where it happens</legend>
        {SERVICE_LOCATIONS.map((location, index) => (
          <Checkbox
            label={location.label}
            name={location.field}
            checked={values[location.field] === 'on'}
            error={index === 0 ? errors.atCustomer : undefined}
          />
        ))}
      </fieldset>
      <Field
        label="Usual duration (minutes, optional)"
        name="durationMinutes"
        value={values.durationMinutes}
        error={errors.durationMinutes}
        inputmode="numeric"
        maxlength={5}
      />
      <Checkbox
        label="Customers can book a time"
        name="bookable"
        checked={values.bookable === 'on'}
        hint="Booking a slot arrives with the calendar; until then buyers contact you."
      />
    </>
  )
}

function ProductFields({ values, errors, currency }: ListingFormProps) {
  return (
    <>
      <fieldset>
        <legend>Price and stock</legend>
        <div class="field-row">
          <Field
            label={`Price (${currency})`}
            name="price"
            value={values.price}
            error={errors.price}
            inputmode="decimal"
            maxlength={16}
          />
          <Field
            label="In stock"
            name="stock"
            value={values.stock}
            error={errors.stock}
            inputmode="numeric"
            maxlength={6}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Variants (optional)</legend>
        <p class="field__hint">
          Sizes or colours with their own price and stock. When you add variants, they replace the
          price and stock above.
        </p>
        {Array.from({ length: MAX_VARIANTS }, (_, index) => {
          const n = index + 1
          return (
            <fieldset class="option-row">
              <legend>Variant {n}</legend>
              <Field
                label="Name"
                name={`variant${n}Name`}
                value={values[`variant${n}Name`]}
                error={errors[`variant${n}Name`]}
                maxlength={40}
              />
              <div class="field-row">
                <Field
                  label={`Price (${currency})`}
                  name={`variant${n}Price`}
                  value={values[`variant${n}Price`]}
                  error={errors[`variant${n}Price`]}
                  inputmode="decimal"
                  maxlength={16}
                />
                <Field
                  label="In stock"
                  name={`variant${n}Stock`}
                  value={values[`variant${n}Stock`]}
                  error={errors[`variant${n}Stock`]}
                  inputmode="numeric"
                  maxlength={6}
                />
              </div>
            </fieldset>
          )
        })}
      </fieldset>
      <fieldset>
        <legend>Getting it to the buyer</legend>
        <Checkbox
          label="Pickup from me"
          name="pickup"
          checked={values.pickup === 'on'}
          error={errors.pickup}
        />
        <Checkbox label="Local delivery" name="delivery" checked={values.delivery === 'on'} />
        <Field
          label={`Delivery fee (${currency})`}
          name="deliveryFee"
          value={values.deliveryFee}
          error={errors.deliveryFee}
          hint="Only if you deliver. 0 for free delivery."
          inputmode="decimal"
          maxlength={16}
        />
      </fieldset>
    </>
  )
}
