import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { RadioGroup } from '../components/radio-group'

type CouponFormProps = {
  values: FormValues
  errors: Errors
  currency: string
  /** The owner's storefront, if they have one. */
  storeName: string | undefined
  /** Operators may make coupons for the whole market. */
  isOperator: boolean
}

const KINDS = [
  { value: 'percent', label: 'A percentage off' },
  { value: 'fixed', label: 'A fixed amount off' },
] as const

/** The "New coupon" form; refused, it comes back with what was typed and a message per field. */
export function CouponForm({ values, errors, currency, storeName, isOperator }: CouponFormProps) {
  const scopes = [
    ...(storeName ? [{ value: 'store', label: `My storefront, ${storeName}` }] : []),
    { value: 'market', label: 'The whole market (the market pays the discount)' },
  ]
  return (
    <form method="post" action="/coupons" class="form" novalidate>
      <FormErrors errors={errors} />
      <Field
        label="Code"
        name="code"
        value={values.code}
        error={errors.code}
        hint="What buyers type at checkout: 3 to 20 letters, digits or dashes, e.g. TANJI-10."
        required
        minlength={3}
        maxlength={20}
        autocomplete="off"
      />
      <RadioGroup
        legend="Discount"
        name="kind"
        choices={KINDS}
        value={values.kind ?? 'percent'}
        error={errors.kind}
      />
      <Field
        label="How much off"
        name="value"
        value={values.value}
        error={errors.value}
        hint={`A whole percentage from 1 to 100, or an amount in ${currency}.`}
        required
        inputmode="decimal"
        maxlength={16}
      />
      <Field
        label="Minimum spend (optional)"
        name="minSpend"
        value={values.minSpend}
        error={errors.minSpend}
        hint={`Orders below this, in ${currency}, cannot use the code.`}
        inputmode="decimal"
        maxlength={16}
      />
      <Field
        label="Maximum discount (optional)"
        name="maxDiscount"
        value={values.maxDiscount}
        error={errors.maxDiscount}
        hint={`The most a percentage takes off one order, in ${currency}.`}
        inputmode="decimal"
        maxlength={16}
      />
      <Field
        label="Expires on (optional)"
        name="expiresOn"
        type="date"
        value={values.expiresOn}
        error={errors.expiresOn}
        hint="The last day it works, until midnight in town. Blank: until you retire it."
      />
      <Field
        label="Usage limit (optional)"
        name="usageLimit"
        value={values.usageLimit}
        error={errors.usageLimit}
        hint="How many orders may use it in all. A use counts once an order is placed, even if it is cancelled later."
        inputmode="numeric"
        maxlength={7}
      />
      {isOperator ? (
        <RadioGroup
          legend="For"
          name="scope"
          choices={scopes}
          value={values.scope ?? (storeName ? 'store' : 'market')}
          error={errors.scope}
        />
      ) : (
        <div id="field-scope">
          <input type="hidden" name="scope" value="store" />
          {/* Only a tampered form asks a member for the whole market; say no where it was asked. */}
          {errors.scope ? (
            <p class="field__error" id="field-scope-error">
              {errors.scope}
            </p>
          ) : null}
        </div>
      )}
      <Button>Make coupon</Button>
    </form>
  )
}
