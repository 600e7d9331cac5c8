// Reads the listing form (flat fields, so it works as a plain HTML form) into a ListingInput,
// with a message per field for everything wrong. Empty package and variant rows are ignored.
import { z } from 'zod'
import type { FormErrors, FormValues } from '../../http/forms'
import { formatMoney, minorUnitsPerMajor, moneyInputValue, parseMoney } from '../../lib/money'
import {
  MAX_PACKAGES,
  MAX_VARIANTS,
  SERVICE_LOCATIONS,
  listingLocations,
  listingTags,
  type ListingDetails,
  type ListingInput,
  type PackageInput,
  type VariantInput,
} from '../../models/listing'

/** Above this a price is a typo (an extra zero or three), not a neighbour's offer. */
const MAX_PRICE_MAJOR = 10_000_000
export const MAX_STOCK = 100_000
const MAX_TAGS = 10

type Read<T> = { ok: true; value: T } | { ok: false; message: string }

/**
 * A typed price in minor units, or why not. The listing form and the quick edit on My listings
 * both use it, so a price refused in one is refused in the other.
 */
export function readPrice(text: string, currency: string): Read<number> {
  const amount = parseMoney(text, currency)
  const max = MAX_PRICE_MAJOR * minorUnitsPerMajor(currency)
  if (amount === null)
    return { ok: false, message: 'Enter an amount like 150 or 12.50 (no currency sign).' }
  if (amount > max)
    return {
      ok: false,
      message: `That looks too high — at most ${formatMoney({ amount: max, currency }, 'en')}.`,
    }
  return { ok: true, value: amount }
}

/** A typed stock count, or why not. */
export function readStock(text: string): Read<number> {
  const trimmed = text.trim()
  if (!/^\d+$/.test(trimmed) || Number(trimmed) > MAX_STOCK)
    return { ok: false, message: `Enter how many you have, from 0 to ${MAX_STOCK}.` }
  return { ok: true, value: Number(trimmed) }
}

const title = z
  .string()
  .trim()
  .min(1, 'Give your listing a title.')
  .max(80, 'Use at most 80 characters.')
const description = z.string().trim().max(5000, 'Use at most 5000 characters.')
const shortText = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`)

/** Once no field has an error, every common field has its value. */
function complete(common: {
  title?: string
  description?: string
  categoryId: number
  tags: string[]
}) {
  return { ...common, title: common.title!, description: common.description! }
}

export type ListingFormResult =
  { ok: true; input: ListingInput } | { ok: false; errors: FormErrors }

export function readListingForm(values: FormValues, currency: string): ListingFormResult {
  const errors: FormErrors = {}
  const field = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const parsed = schema.safeParse(values[name] ?? '')
    if (parsed.success) return parsed.data
    errors[name] ??= parsed.error.issues[0]!.message
    return undefined
  }
  const money = (name: string, required: string): number | undefined => {
    const text = (values[name] ?? '').trim()
    if (!text) {
      errors[name] ??= required
      return undefined
    }
    const price = readPrice(text, currency)
    if (price.ok) return price.value
    errors[name] ??= price.message
    return undefined
  }
  const whole = (
    name: string,
    min: number,
    max: number,
    message: string,
  ): number | null | undefined => {
    const text = (values[name] ?? '').trim()
    if (!text) return null
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      errors[name] ??= message
      return undefined
    }
    return Number(text)
  }
  const checked = (name: string) => values[name] === 'on'

  const kind = values.kind === 'product' ? 'product' : 'service'
  const categoryId = Number(values.categoryId)
  if (!Number.isInteger(categoryId) || categoryId <= 0) errors.categoryId = 'Choose a category.'
  const tags = [
    ...new Set(
      (values.tags ?? '')
        .split(',')
        .map((tag) => tag.trim().toLowerCase())
        .filter(Boolean),
    ),
  ]
  if (tags.length > MAX_TAGS) errors.tags = `Use at most ${MAX_TAGS} tags.`
  else if (tags.some((tag) => tag.length > 30)) errors.tags = 'Keep each tag under 30 characters.'
  const common = {
    title: field('title', title),
    description: field('description', description),
    categoryId,
    tags,
  }

  if (kind === 'service') {
    const packages: PackageInput[] = []
    for (let n = 1; n <= MAX_PACKAGES; n += 1) {
      const row = ['Name', 'Included', 'Price', 'Turnaround'].map((part) =>
        (values[`package${n}${part}`] ?? '').trim(),
      )
      if (row.every((part) => part === '')) continue
      const name = field(
        `package${n}Name`,
        shortText(60).min(1, 'Name this package, e.g. “Call-out”.'),
      )
      const included = field(`package${n}Included`, shortText(500))
      const price = money(`package${n}Price`, 'Enter the price of this package.')
      const turnaroundDays = whole(
        `package${n}Turnaround`,
        0,
        365,
        'Enter a number of days from 0 to 365.',
      )
      if (
        name !== undefined &&
        included !== undefined &&
        price !== undefined &&
        turnaroundDays !== undefined
      )
        packages.push({ name, included, price, turnaroundDays })
    }
    if (packages.length === 0 && !Object.keys(errors).some((name) => name.startsWith('package')))
      errors.package1Name = 'Describe at least one package: what you do and its price.'
    const serviceLocations = SERVICE_LOCATIONS.filter((location) => checked(location.field)).map(
      (location) => location.value,
    )
    if (serviceLocations.length === 0) errors.atCustomer = 'Choose where the service happens.'
    const durationMinutes = whole(
      'durationMinutes',
      5,
      7 * 24 * 60,
      'Enter minutes, from 5 to 10080 (a week).',
    )
    if (Object.keys(errors).length > 0) return { ok: false, errors }
    return {
      ok: true,
      input: {
        ...complete(common),
        kind,
        packages,
        serviceLocations,
        durationMinutes: durationMinutes ?? null,
        bookable: checked('bookable'),
      },
    }
  }

  const variants: VariantInput[] = []
  for (let n = 1; n <= MAX_VARIANTS; n += 1) {
    const row = ['Name', 'Price', 'Stock'].map((part) =>
      (values[`variant${n}${part}`] ?? '').trim(),
    )
    if (row.every((part) => part === '')) continue
    const name = field(
      `variant${n}Name`,
      shortText(40).min(1, 'Name this variant, e.g. “Large, blue”.'),
    )
    const price = money(`variant${n}Price`, 'Enter the price of this variant.')
    const stock = whole(
      `variant${n}Stock`,
      0,
      MAX_STOCK,
      `Enter how many you have, from 0 to ${MAX_STOCK}.`,
    )
    if ((values[`variant${n}Stock`] ?? '').trim() === '')
      errors[`variant${n}Stock`] ??= 'Enter how many you have.'
    if (name !== undefined && price !== undefined && typeof stock === 'number')
      variants.push({ name, price, stock })
  }
  const hasVariants =
    variants.length > 0 || Object.keys(errors).some((name) => name.startsWith('variant'))
  const price = hasVariants
    ? null
    : money('price', 'Enter a price, or add variants with their own.')
  const stock = hasVariants
    ? null
    : whole('stock', 0, MAX_STOCK, `Enter how many you have, from 0 to ${MAX_STOCK}.`)
  if (!hasVariants && (values.stock ?? '').trim() === '')
    errors.stock ??= 'Enter how many you have.'
  const pickup = checked('pickup')
  const delivery = checked('delivery')
  if (!pickup && !delivery) errors.pickup = 'Choose pickup, local delivery, or both.'
  const deliveryFee = delivery ? money('deliveryFee', 'Enter the delivery fee (0 if free).') : null
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    input: {
      ...complete(common),
      kind,
      price: price ?? null,
      stock: stock ?? null,
      variants,
      pickup,
      delivery,
      deliveryFee: deliveryFee ?? null,
    },
  }
}

/** A saved listing as the edit form shows it. */
export function listingFormValues(listing: ListingDetails, currency: string): FormValues {
  const price = (amount: number | null) =>
    amount === null ? '' : moneyInputValue(amount, currency)
  const values: FormValues = {
    kind: listing.kind,
    title: listing.title,
    description: listing.description,
    categoryId: String(listing.categoryId),
    tags: listingTags(listing).join(', '),
    durationMinutes: listing.durationMinutes?.toString() ?? '',
    bookable: listing.bookable ? 'on' : '',
    price: price(listing.price),
    stock: listing.stock?.toString() ?? '',
    pickup: listing.pickup ? 'on' : '',
    delivery: listing.delivery ? 'on' : '',
    deliveryFee: price(listing.deliveryFee),
  }
  for (const location of SERVICE_LOCATIONS)
    values[location.field] = listingLocations(listing).includes(location.value) ? 'on' : ''
  listing.packages.forEach((item, index) => {
    const n = index + 1
    values[`package${n}Name`] = item.name
    values[`package${n}Included`] = item.included
    values[`package${n}Price`] = price(item.price)
    values[`package${n}Turnaround`] = item.turnaroundDays?.toString() ?? ''
  })
  listing.variants.forEach((variant, index) => {
    const n = index + 1
    values[`variant${n}Name`] = variant.name
    values[`variant${n}Price`] = price(variant.price)
    values[`variant${n}Stock`] = String(variant.stock)
  })
  return values
}
