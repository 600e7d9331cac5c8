// The rules of the "New coupon" form as a zod schema: what a store owner or operator types
// becomes a CouponInput, with a message beside each field for everything wrong. Amounts are read
// the way the market writes money (listing-input's price fields); the expiry day is the end of
// that day in the market's time zone.
import { z } from 'zod'
import { endOfDay, readCalendarDate } from '../lib/dates'
import { COUPON_CODE_PATTERN, normaliseCouponCode, type CouponInput } from './coupon'
import { priceField, wholeNumberField, type MoneyFormat } from './listing/listing-input'

/** How the market writes money, and the zone its days are counted in. */
export type CouponFormat = MoneyFormat & { timeZone: string }

export const MAX_COUPON_USES = 1_000_000

export const COUPON_MESSAGES = {
  code: 'Use 3 to 20 letters, digits or dashes, e.g. TANJI-10.',
  codeTaken: 'That code is already taken; choose another.',
  kind: 'Choose a percentage or a fixed amount.',
  percent: 'Enter a whole percentage from 1 to 100.',
  amount: 'Enter the amount to take off, above zero.',
  maxDiscount: 'Leave it blank for no cap, or enter an amount above zero.',
  expiresOn: 'Enter a day like 2026-12-31, or leave it blank.',
  alreadyExpired: 'Choose today or a later day.',
  usageLimit: 'Enter a whole number of uses, or leave it blank for no limit.',
  marketOnly: "Only the market's operator can make coupons for the whole market.",
  noStore: 'Open a storefront first to make coupons for it.',
} as const

type Issues = { issues: z.core.$ZodRawIssue[] }

function fail(context: Issues, path: string, input: unknown, message: string): never {
  context.issues.push({ code: 'custom', path: [path], message, input, continue: true })
  return z.NEVER as never
}

/** The "New coupon" form, read into what createCoupon takes. */
export function couponSchema(format: CouponFormat) {
  const money = priceField(format)
  return (
    z
      .object({
        code: z
          .string()
          .default('')
          .transform(normaliseCouponCode)
          .refine((code) => COUPON_CODE_PATTERN.test(code), COUPON_MESSAGES.code),
        kind: z.enum(['percent', 'fixed'], { error: COUPON_MESSAGES.kind }),
        value: z.string().default(''),
        minSpend: money.transform((amount) => amount ?? 0),
        maxDiscount: money.refine((amount) => amount !== 0, COUPON_MESSAGES.maxDiscount),
        expiresOn: z
          .string()
          .default('')
          .transform((text) => text.trim())
          .refine(
            (text) => text === '' || readCalendarDate(text) !== null,
            COUPON_MESSAGES.expiresOn,
          )
          .transform((text) => (text === '' ? null : endOfDay(text, format.timeZone))),
        usageLimit: wholeNumberField(1, MAX_COUPON_USES, COUPON_MESSAGES.usageLimit),
        scope: z.enum(['store', 'market']).default('store'),
      })
      // A check, unlike a transform, still runs when other fields are wrong: every problem shows.
      .superRefine((form, context) => {
        readValue(form.kind, form.value, format, context)
      })
      .transform(({ value, expiresOn, ...form }, context): CouponInput => {
        return {
          ...form,
          value: readValue(form.kind, value, format, context),
          expiresAt: expiresOn,
        }
      })
  )
}

/** Whole percent for a percentage, minor units for a fixed amount. */
function readValue(
  kind: CouponInput['kind'] | undefined,
  text: string,
  format: MoneyFormat,
  context: Issues,
): number {
  if (kind === undefined) return 0
  if (kind === 'percent') {
    const trimmed = text.trim().replace(/\s*%$/, '')
    const percent = /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : 0
    return percent >= 1 && percent <= 100
      ? percent
      : fail(context, 'value', text, COUPON_MESSAGES.percent)
  }
  const amount = priceField(format).safeParse(text)
  if (!amount.success)
    return fail(context, 'value', text, amount.error.issues[0]?.message ?? COUPON_MESSAGES.amount)
  return amount.data ? amount.data : fail(context, 'value', text, COUPON_MESSAGES.amount)
}
