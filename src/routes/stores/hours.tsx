import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { StoreHoursPage } from '../../../views/stores/store-hours-page'
import type { MarketEnv, MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm, type FormErrors, type FormValues } from '../../http/forms'
import { requireMember } from '../../http/session'
import { shell } from '../../http/shell'
import { calendarDate, readCalendarDate } from '../../lib/dates'
import { singleLine } from '../../lib/text'
import {
  addDayOff,
  daysOff,
  readDayHours,
  removeDayOff,
  setWeeklyHours,
  WEEKDAYS,
  weeklyHours,
  writeDayHours,
} from '../../models/booking/availability'
import type { WeeklyHours } from '../../models/booking/slots'
import { findStoreForOwner, type Store } from '../../models/store'

/** One text field per weekday, named by the day ("monday"), each read by readDayHours. */
const dayField = z.string().max(200, 'Keep it under 200 characters.')
const hoursSchema = z
  .object(
    Object.fromEntries(WEEKDAYS.map(([, name]) => [name.toLowerCase(), dayField.default('')])),
  )
  .transform((days, context): WeeklyHours => {
    const hours: WeeklyHours = {}
    for (const [weekday, name] of WEEKDAYS) {
      const read = readDayHours(days[name.toLowerCase()] ?? '')
      if (!read.ok)
        context.addIssue({ code: 'custom', path: [name.toLowerCase()], message: read.message })
      else if (read.ranges.length > 0) hours[weekday] = read.ranges
    }
    return hours
  })

const dayOffSchema = z.object({
  date: z
    .string()
    .trim()
    .refine((date) => readCalendarDate(date) !== null, 'Choose a date.'),
  note: singleLine(80),
})

/** The owner's store at this slug; anyone else's (or none) is a 404 to the caller. */
function ownStore<E extends MemberEnv>(c: Context<E>): Store | undefined {
  return findStoreForOwner(c.var.db, c.var.member, c.req.param('slug') ?? '')
}

function hoursPage<E extends MemberEnv & MarketEnv>(
  c: Context<E>,
  store: Store,
  forms: {
    hours?: { values: FormValues; errors: FormErrors }
    dayOff?: { values: FormValues; errors: FormErrors }
  } = {},
) {
  const hours = weeklyHours(c.var.db, store.id)
  const values =
    forms.hours?.values ??
    Object.fromEntries(
      WEEKDAYS.map(([weekday, name]) => [name.toLowerCase(), writeDayHours(hours[weekday] ?? [])]),
    )
  return (
    <StoreHoursPage
      shell={shell(c)}
      store={store}
      values={values}
      errors={forms.hours?.errors}
      daysOff={daysOff(c.var.db, store.id, calendarDate(c.var.clock.now(), c.var.site.timeZone))}
      dayOffValues={forms.dayOff?.values}
      dayOffErrors={forms.dayOff?.errors}
      timeZone={c.var.site.timeZone}
    />
  )
}

/**
 * A storefront's hours for bookings: GET/POST /stores/:slug/hours, and its days off, POST
 * /stores/:slug/days-off and /stores/:slug/days-off/:date/removal. Owners only.
 */
export const storeHoursPages = new Hono<MarketEnv>()
  .get('/hours', requireMember, (c) => {
    const store = ownStore(c)
    if (!store) return c.notFound()
    return c.html(hoursPage(c, store))
  })

  .post('/hours', requireMember, async (c) => {
    const store = ownStore(c)
    if (!store) return c.notFound()
    const form = await parseForm(c, hoursSchema)
    if (!form.ok)
      return c.html(
        hoursPage(c, store, { hours: { values: form.values, errors: form.errors } }),
        422,
      )
    setWeeklyHours(c.var.db, store.id, form.data)
    return flashRedirect(c, `/stores/${store.slug}/hours`, 'Hours saved.')
  })

  .post('/days-off', requireMember, async (c) => {
    const store = ownStore(c)
    if (!store) return c.notFound()
    const form = await parseForm(c, dayOffSchema)
    if (!form.ok)
      return c.html(
        hoursPage(c, store, { dayOff: { values: form.values, errors: form.errors } }),
        422,
      )
    addDayOff(c.var.db, store.id, form.data)
    return flashRedirect(c, `/stores/${store.slug}/hours`, `${form.data.date} is a day off.`)
  })

  .post('/days-off/:date{\\d{4}-\\d{2}-\\d{2}}/removal', requireMember, (c) => {
    const store = ownStore(c)
    if (!store) return c.notFound()
    const date = c.req.param('date')
    if (!removeDayOff(c.var.db, store.id, date)) return c.notFound()
    return flashRedirect(c, `/stores/${store.slug}/hours`, `${date} is open again.`)
  })
