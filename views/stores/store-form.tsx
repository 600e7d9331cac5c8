import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { Button } from '../components/button'
import { Checkbox } from '../components/checkbox'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { TextArea } from '../components/text-area'

type StoreFormProps = { action: string; values: FormValues; errors: Errors; submitLabel: string }

/** The storefront's words and contacts; the same form opens a storefront and edits it. */
export function StoreForm({ action, values, errors, submitLabel }: StoreFormProps) {
  return (
    <form method="post" action={action} class="form" novalidate>
      <FormErrors errors={errors} />
      <Field
        label="Storefront name"
        name="name"
        value={values.name}
        error={errors.name}
        hint="Your business name, or your own name and trade, e.g. “Fatou's Tailoring”."
        required
        maxlength={60}
      />
      <TextArea
        label="About you"
        name="bio"
        value={values.bio}
        error={errors.bio}
        hint="What you do, since when, what neighbours can count on. Plain text; blank lines start a new paragraph."
        maxlength={1000}
      />
      <Field
        label="Town or area"
        name="area"
        value={values.area}
        error={errors.area}
        hint="Where you work, e.g. “Brikama, near the market”."
        maxlength={80}
      />
      <Field
        label="Skills and tags"
        name="skills"
        value={values.skills}
        error={errors.skills}
        hint="Separated by commas, e.g. plumbing, boilers, emergency call-outs. Up to 10."
        maxlength={400}
      />
      <fieldset>
        <legend>Contact</legend>
        <Field
          label="Phone"
          name="phone"
          type="tel"
          value={values.phone}
          error={errors.phone}
          inputmode="tel"
          autocomplete="tel"
          maxlength={24}
        />
        <Checkbox
          label="Show my phone number on my storefront"
          name="showPhone"
          checked={values.showPhone === 'on'}
        />
        <Field
          label="WhatsApp number"
          name="whatsapp"
          type="tel"
          value={values.whatsapp}
          error={errors.whatsapp}
          hint="With the country code, e.g. +220 712 3456."
          inputmode="tel"
          maxlength={24}
        />
        <Checkbox
          label="Show a WhatsApp button on my storefront"
          name="showWhatsapp"
          checked={values.showWhatsapp === 'on'}
        />
      </fieldset>
      <fieldset>
        <legend>Getting paid (optional)</legend>
        <p class="field__hint">
          Buyers can always pay you in cash. Checkout offers mobile money and bank transfer only
          when you fill these in; buyers quote their order's code so you can match the payment.
        </p>
        <Field
          label="Mobile money"
          name="mobileMoney"
          value={values.mobileMoney}
          error={errors.mobileMoney}
          hint="The service and number buyers send money to, e.g. “Wave 712 3456”."
          maxlength={100}
        />
        <TextArea
          label="Bank details for transfers"
          name="bankDetails"
          value={values.bankDetails}
          error={errors.bankDetails}
          hint="Bank, account name and account number, as buyers need them to pay you."
          maxlength={300}
          rows={3}
        />
      </fieldset>
      <fieldset>
        <legend>Map point (optional)</legend>
        <p class="field__hint">
          Helps buyers nearby find you. Type the coordinates, or use your phone's location.
        </p>
        <div class="field-row">
          <Field
            label="Latitude"
            name="latitude"
            value={values.latitude}
            error={errors.latitude}
            inputmode="decimal"
            maxlength={12}
          />
          <Field
            label="Longitude"
            name="longitude"
            value={values.longitude}
            error={errors.longitude}
            inputmode="decimal"
            maxlength={12}
          />
        </div>
        <button type="button" class="button button--secondary" data-locate hidden>
          Use my current location
        </button>
      </fieldset>
      <Button>{submitLabel}</Button>
    </form>
  )
}
