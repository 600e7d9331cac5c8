import {
  listLength,
  listValues,
  type FormErrors as Errors,
  type FormValues,
} from '../../src/http/forms'
import type { CategoryBranch } from '../../src/models/category'
import { MAX_PACKAGES, MAX_VARIANTS, SERVICE_LOCATIONS } from '../../src/models/listing'
import { DEFAULT_BOOKING_RULES } from '../../src/models/booking/rules'
import { Button } from '../components/button'
import { Checkbox } from '../components/checkbox'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { categoryGroups, Select } from '../components/select'
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

/**
 * One form for both kinds; only the section for the listing's kind is shown. Field names are
 * ListingInput's, lists numbered from 0 (`packages.1.price`): see models/listing/listing-input.
 * A saved row carries its unit id, and goods the stock the form shows, in hidden fields.
 */
export function ListingForm(props: ListingFormProps) {
  const { values, errors, kind } = props
  return (
    <form method="post" action={props.action} class="form listing-form" novalidate>
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
        groups={categoryGroups(props.categories)}
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

type List = 'packages' | 'variants'

const LISTS = {
  packages: { max: MAX_PACKAGES, one: 'Package', add: 'Add another package' },
  variants: { max: MAX_VARIANTS, one: 'Variant', add: 'Add another variant' },
} as const

/** The id of a kind's rows of packages or variants: htmx swaps it, error links point at it. */
export function optionRowsId(kind: 'service' | 'product') {
  return kind === 'service' ? 'field-packages' : 'field-variants'
}

/** The form's values with one more (empty) row in a list, as "Add another package" asks. */
export function withAnotherRow(values: FormValues, list: List): FormValues {
  const length = Math.max(1, listLength(values, list))
  if (length >= LISTS[list].max) return values
  return { ...values, [`${list}.${length}.name`]: '' }
}

type OptionRowsProps = {
  kind: 'service' | 'product'
  action: string
  values: FormValues
  errors: Errors
  currency: string
}

/**
 * A service's packages or a product's variants: the saved or typed rows (at least one), and a
 * button for one more. Without JavaScript the button submits the form, which comes back with
 * an empty row and everything typed; with htmx it swaps just these rows.
 */
export function OptionRows({ kind, action, values, errors, currency }: OptionRowsProps) {
  const list: List = kind === 'service' ? 'packages' : 'variants'
  const { max, one, add } = LISTS[list]
  const count = Math.min(max, Math.max(1, listLength(values, list)))
  const adding = listValues(values, 'add').includes(list)
  const id = optionRowsId(kind)
  return (
    <fieldset id={id} class="option-rows">
      <legend>{kind === 'service' ? 'Packages' : 'Variants (optional)'}</legend>
      <p class="field__hint">
        {kind === 'service'
          ? `One to ${max} ways to buy your service, e.g. “Call-out”, “Half day”, “Full day”. Empty rows are left out.`
          : 'Sizes or colours with their own price and stock. When you add variants, they replace the price and stock above.'}
      </p>
      {errors[list] ? <p class="field__error">{errors[list]}</p> : null}
      {Array.from({ length: count }, (_, index) => {
        const name = (field: string) => `${list}.${index}.${field}`
        const field = (part: string) => ({
          name: name(part),
          value: values[name(part)],
          error: errors[name(part)],
        })
        return (
          <fieldset class="option-row">
            <legend>
              {one} {index + 1}
            </legend>
            <Hidden name={name('unitId')} value={values[name('unitId')]} />
            {list === 'variants' ? (
              <Hidden name={name('stockWas')} value={values[name('stockWas')]} />
            ) : null}
            <Field
              label="Name"
              {...field('name')}
              maxlength={list === 'packages' ? 60 : 40}
              autofocus={adding && index === count - 1}
            />
            {list === 'packages' ? (
              <Field label="What's included" {...field('included')} maxlength={500} />
            ) : null}
            <div class="field-row">
              <Field
                label={`Price (${currency})`}
                {...field('price')}
                inputmode="decimal"
                maxlength={16}
              />
              {list === 'packages' ? (
                <Field
                  label="Turnaround (days)"
                  {...field('turnaroundDays')}
                  inputmode="numeric"
                  maxlength={3}
                />
              ) : (
                <Field label="In stock" {...field('stock')} inputmode="numeric" maxlength={6} />
              )}
            </div>
          </fieldset>
        )
      })}
      {count < max ? (
        <button
          type="submit"
          name="add"
          value={list}
          class="button button--secondary"
          formnovalidate
          data-hx-post={action}
          data-hx-target={`#${id}`}
          data-hx-swap="outerHTML"
        >
          {add}
        </button>
      ) : null}
    </fieldset>
  )
}

/** A hidden field, left out when it has no value (a new row names no unit). */
function Hidden({ name, value }: { name: string; value: string | undefined }) {
  return value ? <input type="hidden" name={name} value={value} /> : null
}

function ServiceFields({ action, values, errors, currency }: ListingFormProps) {
  const chosen = listValues(values, 'serviceLocations')
  return (
    <>
      <OptionRows
        kind="service"
        action={action}
        values={values}
        errors={errors}
        currency={currency}
      />
      <fieldset
        id="field-serviceLocations"
        class="checkbox-group"
        aria-describedby={errors.serviceLocations ? 'field-serviceLocations-error' : undefined}
      >
        <legend>Where it happens</legend>
        {errors.serviceLocations ? (
          <p class="field__error" id="field-serviceLocations-error">
            {errors.serviceLocations}
          </p>
        ) : null}
        {SERVICE_LOCATIONS.map((location) => (
          <Checkbox
            label={location.label}
            name="serviceLocations"
            value={location.value}
            checked={chosen.includes(location.value)}
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
      <BookingFields values={values} errors={errors} />
    </>
  )
}

/**
 * Whether buyers book a time for the service, and how: blank fields keep the usual rules, which
 * their hints say. The times offered come from the store's hours (its Hours page).
 */
function BookingFields({ values, errors }: Pick<ListingFormProps, 'values' | 'errors'>) {
  const usual = DEFAULT_BOOKING_RULES
  const number = (name: string, label: string, hint: string) => (
    <Field
      label={label}
      name={name}
      value={values[name]}
      error={errors[name]}
      hint={hint}
      inputmode="numeric"
      maxlength={4}
    />
  )
  return (
    <fieldset id="bookings">
      <legend>Bookings</legend>
      <Checkbox
        label="Buyers book a time for this service"
        name="bookable"
        checked={values.bookable === 'on'}
        error={errors.bookable}
        hint="They pick a free time within your hours (set on your Hours page, from your account). Each booking lasts the usual duration above."
      />
      <div class="field-row">
        {number('bufferMinutes', 'Break after each (minutes)', `Usually ${usual.bufferMinutes}.`)}
        {number('capacity', 'People per time', `Usually ${usual.capacity}; more for a class.`)}
      </div>
      <div class="field-row">
        {number(
          'noticeHours',
          'Book at least (hours ahead)',
          `Usually ${usual.noticeMinutes / 60}.`,
        )}
        {number('horizonDays', 'Book at most (days ahead)', `Usually ${usual.horizonDays}.`)}
      </div>
      {number(
        'cancellationHours',
        'Free cancellation until (hours before)',
        `Usually ${usual.cancellationHours}. After that, only you can cancel, with a reason.`,
      )}
      <Checkbox
        label="Confirm bookings at once"
        name="instantBook"
        checked={values.instantBook === 'on'}
        error={errors.instantBook}
        hint="Otherwise each booking waits for you to confirm it, for a day at most."
      />
    </fieldset>
  )
}

function ProductFields({ action, values, errors, currency }: ListingFormProps) {
  return (
    <>
      <fieldset>
        <legend>Price and stock</legend>
        <Hidden name="stockWas" value={values.stockWas} />
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
      <OptionRows
        kind="product"
        action={action}
        values={values}
        errors={errors}
        currency={currency}
      />
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
