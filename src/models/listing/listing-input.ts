// The rules of the listing form as zod schemas: what a provider types (read by parseForm into
// lists) becomes a ListingInput, with a message per field for everything wrong.
//
// Field names follow ListingInput, lists numbered from 0: `title`, `packages.0.name`,
// `packages.0.price`, `packages.0.turnaroundDays`, `serviceLocations` (one checkbox per place,
// repeated), `variants.1.stock`… A package or variant row left entirely empty is skipped (its
// unit, if it had one, is retired), and errors keep the row's number so they show beside the
// right input. Hidden fields carry what the form was made from: each saved row's `unitId`, and
// the stock it showed (`stockWas`, `variants.1.stockWas`), so saving changes that unit in place
// and applies the difference in stock (listing/units.ts).
import { MINUTE_STEP } from '../booking/availability'
import { DEFAULT_BOOKING_RULES, type BookingRulesInput } from '../booking/rules'
import { z } from 'zod'
import {
  formatMoney,
  minorUnitsPerMajor,
  moneyExamples,
  moneyInputValue,
  readMoneyInput,
} from '../../lib/money'
import { multiLine, singleLine } from '../../lib/text'
import {
  MAX_PACKAGES,
  MAX_VARIANTS,
  SERVICE_LOCATION_VALUES,
  listingLocations,
  listingTags,
  type ListingDetails,
  type ProductInput,
  type ServiceInput,
} from '../listing'

/** Above this a price is a typo (an extra zero or three), not a neighbour's offer. */
const MAX_PRICE_MAJOR = 10_000_000
export const MAX_STOCK = 100_000
const MAX_TAGS = 10

/** How the site writes money: its currency and locale. */
export type MoneyFormat = { currency: string; locale: string }

type Issues = { issues: z.core.$ZodRawIssue[] }

function fail(context: Issues, input: unknown, message: string): never {
  context.issues.push({ code: 'custom', message, input, continue: true })
  return z.NEVER as never
}

const isBlank = (value: unknown) =>
  value === undefined || (typeof value === 'string' && value.trim() === '')

/** The message for a price that cannot be read, in the site's own way of writing numbers. */
function priceMessage(text: string, money: MoneyFormat): string | number {
  const read = readMoneyInput(text, money.currency, money.locale)
  const { thousands, decimal } = moneyExamples(money.currency, money.locale)
  if (read.ok) {
    const max = MAX_PRICE_MAJOR * minorUnitsPerMajor(money.currency)
    if (read.amount <= max) return read.amount
    return `That looks too high — at most ${formatMoney({ amount: max, currency: money.currency }, money.locale)}.`
  }
  switch (read.reason) {
    case 'ambiguous':
      return `“${text.trim()}” could be read two ways. Write thousands like ${thousands} and decimals like ${decimal}.`
    case 'too_many_decimals': {
      const decimals = Math.round(Math.log10(minorUnitsPerMajor(money.currency)))
      return decimals === 0
        ? `Enter a whole amount, like 150 or ${thousands}.`
        : `Use at most ${decimals} decimals, like ${decimal}.`
    }
    case 'not_an_amount':
      return `Enter an amount like 150 or ${decimal} (no currency sign).`
  }
}

/**
 * A typed price in minor units, or null when left blank. The listing form and the quick edit on
 * My listings both use it, so a price refused in one is refused in the other.
 */
export function priceField(money: MoneyFormat) {
  return z
    .string()
    .optional()
    .transform((text, context): number | null => {
      if (isBlank(text)) return null
      const read = priceMessage(text!, money)
      return typeof read === 'number' ? read : fail(context, text, read)
    })
}

/** A price that must be given: `required` asks for it when blank. */
export function requiredPriceField(money: MoneyFormat, required: string) {
  return priceField(money).transform((price, context): number =>
    price === null ? fail(context, '', required) : price,
  )
}

/** A whole number from `min` to `max`, or null when left blank. */
export function wholeNumberField(min: number, max: number, message: string) {
  return z
    .string()
    .optional()
    .transform((text, context): number | null => {
      if (isBlank(text)) return null
      const trimmed = text!.trim()
      if (!/^\d{1,9}$/.test(trimmed) || Number(trimmed) < min || Number(trimmed) > max)
        return fail(context, text, message)
      return Number(trimmed)
    })
}

/**
 * A hidden field naming what the form was made from: a unit id, or the stock a form showed.
 * Blank is null; anything but a whole number reads as 0, which names no unit and no stock a
 * form showed, so the model refuses it like any other form that does not match the listing.
 */
function hiddenNumberField() {
  return z
    .string()
    .optional()
    .transform((text): number | null => {
      if (isBlank(text)) return null
      return /^\d{1,15}$/.test(text!.trim()) ? Number(text!.trim()) : 0
    })
}

/** The hidden fields of a row: not what a provider types, so they don't make a row non-empty. */
const HIDDEN_ROW_FIELDS = new Set(['unitId', 'stockWas'])

/** How many are in stock, which must be given: blank asks for it. */
export function stockField() {
  return wholeNumberField(
    0,
    MAX_STOCK,
    `Enter how many you have, from 0 to ${MAX_STOCK}.`,
  ).transform((stock, context): number =>
    stock === null ? fail(context, '', 'Enter how many you have.') : stock,
  )
}

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'on')

/** One value or several (a repeated field) as a list; none as an empty list. */
function list<Item extends z.ZodType>(item: Item) {
  return z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  )
}

/** Rows of a repeated group where a row left entirely blank reads as null. */
function rows<Row extends z.ZodType>(row: Row, max: number, tooMany: string) {
  const blankToNull = (value: unknown) =>
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.entries(value).every(([key, field]) => HIDDEN_ROW_FIELDS.has(key) || isBlank(field))
      ? null
      : value
  return list(z.preprocess(blankToNull, row.nullable())).check((context) => {
    if (context.value.length > max)
      context.issues.push({ code: 'custom', message: tooMany, input: context.value })
  })
}

// Cross-field rules (at least one package, a price unless there are variants…) are checked even
// when some field failed, so every problem shows at once; they read the values defensively.
const everyTime = { when: () => true }

const common = {
  title: singleLine(80, { required: 'Give your listing a title.' }),
  description: multiLine(5000),
  categoryId: z
    .string()
    .optional()
    .transform((text, context) =>
      /^\d{1,9}$/.test(text?.trim() ?? '') && Number(text) > 0
        ? Number(text)
        : fail(context, text, 'Choose a category.'),
    ),
  tags: singleLine(400).transform((text, context) => {
    const tags = [
      ...new Set(
        text
          .split(',')
          .map((tag) => tag.trim().toLowerCase())
          .filter(Boolean),
      ),
    ]
    if (tags.length > MAX_TAGS) return fail(context, text, `Use at most ${MAX_TAGS} tags.`)
    if (tags.some((tag) => tag.length > 30))
      return fail(context, text, 'Keep each tag under 30 characters.')
    return tags
  }),
}

function serviceSchema(money: MoneyFormat) {
  const packageRow = z.object({
    unitId: hiddenNumberField(),
    name: singleLine(60, { required: 'Name this package, e.g. “Call-out”.' }),
    included: singleLine(500),
    price: requiredPriceField(money, 'Enter the price of this package.'),
    turnaroundDays: wholeNumberField(0, 365, 'Enter a number of days from 0 to 365.'),
  })
  return z
    .object({
      ...common,
      packages: rows(packageRow, MAX_PACKAGES, `Offer at most ${MAX_PACKAGES} packages.`),
      serviceLocations: list(z.enum(SERVICE_LOCATION_VALUES, 'Choose where the service happens.')),
      durationMinutes: wholeNumberField(5, 7 * 24 * 60, 'Enter minutes, from 5 to 10080 (a week).'),
      ...bookingFields,
    })
    .superRefine((form, context) => {
      if (form.bookable) {
        const issue = (field: string, message: string) =>
          context.addIssue({ code: 'custom', path: [field], message })
        if (form.durationMinutes === null)
          issue('durationMinutes', 'Say how long a booking lasts: its slots are this long.')
        else if (form.durationMinutes % MINUTE_STEP !== 0)
          issue('durationMinutes', 'Use a multiple of 5 minutes for a bookable service.')
        if (form.bufferMinutes !== null && form.bufferMinutes % MINUTE_STEP !== 0)
          issue('bufferMinutes', 'Use a multiple of 5 minutes.')
      }
      if (Array.isArray(form.packages) && form.packages.every((row) => row === null))
        context.addIssue({
          code: 'custom',
          path: ['packages', 0, 'name'],
          message: 'Describe at least one package: what you do and its price.',
        })
      if (Array.isArray(form.serviceLocations) && form.serviceLocations.length === 0)
        context.addIssue({
          code: 'custom',
          path: ['serviceLocations'],
          message: 'Choose where the service happens.',
        })
    }, everyTime)
    .transform((form): ServiceInput => ({
      kind: 'service',
      title: form.title,
      description: form.description,
      categoryId: form.categoryId,
      tags: form.tags,
      packages: form.packages.filter((row) => row !== null),
      serviceLocations: [...new Set(form.serviceLocations)],
      durationMinutes: form.durationMinutes,
      booking: form.bookable
        ? {
            bufferMinutes: form.bufferMinutes ?? DEFAULT_BOOKING_RULES.bufferMinutes,
            noticeMinutes:
              form.noticeHours === null
                ? DEFAULT_BOOKING_RULES.noticeMinutes
                : Math.round(form.noticeHours * 60),
            horizonDays: form.horizonDays ?? DEFAULT_BOOKING_RULES.horizonDays,
            capacity: form.capacity ?? DEFAULT_BOOKING_RULES.capacity,
            cancellationHours: form.cancellationHours ?? DEFAULT_BOOKING_RULES.cancellationHours,
            instantBook: form.instantBook,
          }
        : null,
    }))
}

/** A service's booking rules (booking/rules.ts), kept while `bookable` is ticked. */
const bookingFields = {
  bookable: checkbox,
  bufferMinutes: wholeNumberField(0, 24 * 60, 'Enter minutes, from 0 to 1440.'),
  noticeHours: wholeNumberField(0, 30 * 24, 'Enter hours, from 0 to 720 (30 days).'),
  horizonDays: wholeNumberField(1, 365, 'Enter days, from 1 to 365.'),
  capacity: wholeNumberField(1, 500, 'Enter how many people one slot takes, from 1 to 500.'),
  cancellationHours: wholeNumberField(0, 30 * 24, 'Enter hours, from 0 to 720.'),
  instantBook: checkbox,
}

function productSchema(money: MoneyFormat) {
  const variantRow = z.object({
    unitId: hiddenNumberField(),
    name: singleLine(40, { required: 'Name this variant, e.g. “Large, blue”.' }),
    price: requiredPriceField(money, 'Enter the price of this variant.'),
    stock: stockField(),
    stockWas: hiddenNumberField(),
  })
  return z
    .object({
      ...common,
      price: priceField(money),
      stock: wholeNumberField(0, MAX_STOCK, `Enter how many you have, from 0 to ${MAX_STOCK}.`),
      stockWas: hiddenNumberField(),
      variants: rows(variantRow, MAX_VARIANTS, `Offer at most ${MAX_VARIANTS} variants.`),
      pickup: checkbox,
      delivery: checkbox,
      deliveryFee: priceField(money),
    })
    .superRefine((form, context) => {
      const issue = (field: string, message: string) =>
        context.addIssue({ code: 'custom', path: [field], message })
      const hasVariants = Array.isArray(form.variants) && form.variants.some((row) => row !== null)
      if (!hasVariants && form.price === null)
        issue('price', 'Enter a price, or add variants with their own.')
      if (!hasVariants && form.stock === null) issue('stock', 'Enter how many you have.')
      if (form.pickup === false && form.delivery === false)
        issue('pickup', 'Choose pickup, local delivery, or both.')
      if (form.delivery === true && form.deliveryFee === null)
        issue('deliveryFee', 'Enter the delivery fee (0 if free).')
    }, everyTime)
    .transform((form): ProductInput => {
      const variants = form.variants.filter((row) => row !== null)
      const hasVariants = variants.length > 0
      return {
        kind: 'product',
        title: form.title,
        description: form.description,
        categoryId: form.categoryId,
        tags: form.tags,
        price: hasVariants ? null : form.price,
        stock: hasVariants ? null : form.stock,
        stockWas: hasVariants ? null : form.stockWas,
        variants,
        pickup: form.pickup,
        delivery: form.delivery,
        deliveryFee: form.delivery ? form.deliveryFee : null,
      }
    })
}

/**
 * The listing form's schema for one kind of listing, in the site's currency and locale.
 * @example const form = await parseForm(c, listingInputSchema('service', { currency, locale }))
 */
export function listingInputSchema(
  kind: 'service',
  money: MoneyFormat,
): ReturnType<typeof serviceSchema>
export function listingInputSchema(
  kind: 'product',
  money: MoneyFormat,
): ReturnType<typeof productSchema>
export function listingInputSchema(
  kind: 'service' | 'product',
  money: MoneyFormat,
): ReturnType<typeof serviceSchema> | ReturnType<typeof productSchema>
export function listingInputSchema(kind: 'service' | 'product', money: MoneyFormat) {
  return kind === 'service' ? serviceSchema(money) : productSchema(money)
}

/** The quick edit on My listings: a product's price and stock, and the stock the row showed. */
export function quickEditSchema(money: MoneyFormat) {
  return z.object({
    price: requiredPriceField(money, 'Enter the price.'),
    stock: stockField(),
    stockWas: hiddenNumberField(),
  })
}

/**
 * Why a new stock was refused: sales since the form was opened left fewer than the change takes
 * away. The field then shows the stock as it is now, so saving again without a look changes
 * nothing.
 */
export function stockSoldMessage(stock: number): string {
  return stock === 0
    ? 'All sold since this form was opened: none left now. Check the number and save again.'
    : `Some sold since this form was opened: ${stock} left now. Check the number and save again.`
}

/** Why an edit of a listing's options was refused: the form no longer matches the listing. */
export const STALE_FORM_MESSAGE =
  'This listing changed since this form was opened (in another window?). Here it is as saved now: make your changes again.'

/** A service's booking rules by the form's field names; the usual ones for a service without. */
export function bookingFormValues(rules: BookingRulesInput | undefined): Record<string, string> {
  const shown = rules ?? DEFAULT_BOOKING_RULES
  return {
    bookable: rules ? 'on' : '',
    bufferMinutes: String(shown.bufferMinutes),
    noticeHours: String(Math.round(shown.noticeMinutes / 60)),
    horizonDays: String(shown.horizonDays),
    capacity: String(shown.capacity),
    cancellationHours: String(shown.cancellationHours),
    instantBook: shown.instantBook ? 'on' : '',
  }
}

/** A saved listing as the edit form shows it, by the form's field names. */
export function listingFormValues(
  listing: ListingDetails,
  currency: string,
): Record<string, string> {
  const price = (amount: number | null) =>
    amount === null ? '' : moneyInputValue(amount, currency)
  const values: Record<string, string> = {
    title: listing.title,
    description: listing.description,
    categoryId: String(listing.categoryId),
    tags: listingTags(listing).join(', '),
    durationMinutes: listing.durationMinutes?.toString() ?? '',
    ...bookingFormValues(listing.booking),
    price: price(listing.defaultUnit?.price ?? null),
    stock: listing.defaultUnit?.stock?.toString() ?? '',
    stockWas: listing.defaultUnit?.stock?.toString() ?? '',
    pickup: listing.pickup ? 'on' : '',
    delivery: listing.delivery ? 'on' : '',
    deliveryFee: price(listing.deliveryFee),
  }
  listingLocations(listing).forEach((location, index) => {
    values[`serviceLocations.${index}`] = location
  })
  listing.packages.forEach((item, index) => {
    values[`packages.${index}.unitId`] = String(item.id)
    values[`packages.${index}.name`] = item.name
    values[`packages.${index}.included`] = item.included
    values[`packages.${index}.price`] = price(item.price)
    values[`packages.${index}.turnaroundDays`] = item.turnaroundDays?.toString() ?? ''
  })
  listing.variants.forEach((variant, index) => {
    values[`variants.${index}.unitId`] = String(variant.id)
    values[`variants.${index}.name`] = variant.name
    values[`variants.${index}.price`] = price(variant.price)
    values[`variants.${index}.stock`] = String(variant.stock ?? 0)
    values[`variants.${index}.stockWas`] = String(variant.stock ?? 0)
  })
  return values
}
