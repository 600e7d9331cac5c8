// The rules of the request form and the proposal form as zod schemas, with a message per field.
// Both read "today" from the caller (the market's calendar day), so a day in the past is refused
// the same way wherever the server runs.
import { z } from 'zod'
import { addDays, readCalendarDate } from '../../lib/dates'
import { multiLine, singleLine } from '../../lib/text'
import { priceField, type MoneyFormat } from '../listing/listing-input'

export const REQUEST_PLACES = ['customer', 'provider', 'online', 'either'] as const
export type RequestPlace = (typeof REQUEST_PLACES)[number]
export const REQUEST_VISIBILITIES = ['everyone', 'category'] as const
export type RequestVisibility = (typeof REQUEST_VISIBILITIES)[number]

/** How long a request stays open, as the buyer chooses it: a week, two, or a month. */
export const OPEN_FOR_DAYS = [7, 14, 30] as const
export const DEFAULT_OPEN_FOR_DAYS = 14

/** How far ahead a need or a visit may be dated: further is a typo, not a plan. */
export const MAX_DAYS_AHEAD = 365

export const MAX_TITLE_LENGTH = 100
export const MAX_DESCRIPTION_LENGTH = 2000
export const MAX_MESSAGE_LENGTH = 1500
export const MAX_REQUEST_PHOTOS = 4

type Issues = { issues: z.core.$ZodRawIssue[] }

function refuse(context: Issues, input: unknown, message: string, path?: string[]): never {
  context.issues.push({ code: 'custom', message, input, path, continue: true })
  return z.NEVER as never
}

/**
 * A day from today to a year ahead, as YYYY-MM-DD; blank is null when `required` is not given.
 * @example dayField('2026-11-23', { past: 'Choose today or a later day.' })
 */
function dayField(today: string, words: { past: string; required?: string }) {
  const last = addDays(today, MAX_DAYS_AHEAD)
  return z
    .string()
    .optional()
    .transform((text, context): string | null => {
      const typed = (text ?? '').trim()
      if (typed === '') return words.required ? refuse(context, text, words.required) : null
      if (!readCalendarDate(typed))
        return refuse(context, text, 'Choose a day from the calendar, like 2026-12-24.')
      if (typed < today) return refuse(context, text, words.past)
      if (typed > last) return refuse(context, text, 'Choose a day within a year.')
      return typed
    })
}

/**
 * The request form. A budget may be open at either end, but not upside down: the message for
 * a minimum above the maximum stands beside the maximum.
 */
export function requestSchema(money: MoneyFormat, today: string) {
  return z
    .object({
      title: singleLine(MAX_TITLE_LENGTH, {
        required: 'Say in a few words what you need, like “Fix a leaking roof”.',
      }),
      description: multiLine(MAX_DESCRIPTION_LENGTH, {
        required: 'Describe the job: what, how big, anything a provider should know.',
      }),
      categoryId: z.coerce
        .number({ message: 'Choose a category.' })
        .int('Choose a category.')
        .positive('Choose a category.'),
      budgetMin: priceField(money),
      budgetMax: priceField(money),
      place: z.enum(REQUEST_PLACES, { message: 'Choose where the work happens.' }),
      area: singleLine(60),
      neededBy: dayField(today, { past: 'That day has passed: choose today or later.' }),
      visibility: z.enum(REQUEST_VISIBILITIES, { message: 'Choose who can see it.' }),
      openForDays: z.coerce
        .number()
        .refine((days) => (OPEN_FOR_DAYS as readonly number[]).includes(days), {
          message: 'Choose how long it stays open.',
        }),
    })
    .refine(
      (input) =>
        input.budgetMin === null || input.budgetMax === null || input.budgetMin <= input.budgetMax,
      {
        message: 'The most you would pay is below the least.',
        path: ['budgetMax'],
        // Checked even when other fields are wrong (say the title), so every message shows at
        // once — but only once both amounts could be read.
        when: (payload) =>
          !payload.issues.some((issue) =>
            ['budgetMin', 'budgetMax'].includes(String(issue.path?.[0])),
          ),
      },
    )
}

export type RequestInput = z.output<ReturnType<typeof requestSchema>>

/**
 * The proposal form: a package of the store's (`unitId`) or a fixed price, the day of the visit
 * or delivery, and a message to the buyer.
 */
export function proposalSchema(money: MoneyFormat, today: string, hasPackages: boolean) {
  return z
    .object({
      unitId: z.coerce.number().int().min(0).catch(0),
      /** Sent by the form that changes a standing proposal; without it, a second send is refused. */
      revise: z
        .string()
        .optional()
        .transform((value) => value === '1'),
      price: priceField(money),
      visitOn: dayField(today, {
        past: 'That day has passed: choose today or later.',
        required: 'Say which day you can come or deliver.',
      }),
      message: multiLine(MAX_MESSAGE_LENGTH, {
        required: 'Write to the buyer: how you would do it, and what the price covers.',
      }),
    })
    .superRefine((input, context) => {
      if (input.unitId === 0 && input.price === null)
        refuse(
          context,
          '',
          hasPackages ? 'Give your price, or choose one of your packages.' : 'Give your price.',
          ['price'],
        )
    })
}

export type ProposalInput = z.output<ReturnType<typeof proposalSchema>>
