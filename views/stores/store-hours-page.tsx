import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { WEEKDAYS, type DayOff } from '../../src/models/booking/availability'
import type { Store } from '../../src/models/store'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type StoreHoursPageProps = {
  shell: Shell
  store: Store
  /** The hours form's fields by day name ("monday"): "09:00-12:00, 14:00-18:00". */
  values: FormValues
  errors?: Errors | undefined
  daysOff: DayOff[]
  dayOffValues?: FormValues | undefined
  dayOffErrors?: Errors | undefined
  timeZone: string
}

/**
 * The hours buyers can book a storefront's services in: one line per weekday, then the days off.
 * Every time is the town's clock, said plainly, since buyers and provider may be elsewhere.
 */
export function StoreHoursPage(props: StoreHoursPageProps) {
  const { shell, store, values, errors = {}, dayOffValues = {}, dayOffErrors = {} } = props
  return (
    <SiteLayout shell={shell} title={`Hours · ${store.name}`}>
      <p>
        <a href={`/stores/${store.slug}`}>{store.name}</a>
      </p>
      <h1>Hours for bookings</h1>
      <p>
        Buyers book your bookable services inside these hours, on the market's clock (
        {props.timeZone}). Write each day's hours like <strong>09:00-12:00, 14:00-18:00</strong>;
        leave a day empty when you are closed. A range may run past midnight (22:00-02:00).
      </p>
      <section aria-labelledby="weekly-heading" class="panel">
        <h2 id="weekly-heading">Every week</h2>
        <form
          method="post"
          action={`/stores/${store.slug}/hours#weekly-heading`}
          class="form"
          novalidate
        >
          <FormErrors errors={errors} />
          {WEEKDAYS.map(([, day]) => (
            <Field
              label={day}
              name={day.toLowerCase()}
              value={values[day.toLowerCase()]}
              error={errors[day.toLowerCase()]}
              maxlength={200}
              autocomplete="off"
            />
          ))}
          <Button>Save hours</Button>
        </form>
      </section>
      <section aria-labelledby="days-off-heading" class="panel">
        <h2 id="days-off-heading">Days off</h2>
        {props.daysOff.length === 0 ? (
          <p>No days off ahead.</p>
        ) : (
          <ul>
            {props.daysOff.map((day) => (
              <li>
                <form method="post" action={`/stores/${store.slug}/days-off/${day.date}/removal`}>
                  <strong>{day.date}</strong>
                  {day.note ? ` · ${day.note}` : ''}{' '}
                  <button
                    type="submit"
                    class="button button--link"
                    aria-label={`Open on ${day.date}`}
                  >
                    Open again
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <form
          method="post"
          action={`/stores/${store.slug}/days-off#days-off-heading`}
          class="form"
          novalidate
        >
          <FormErrors errors={dayOffErrors} />
          <Field
            label="Day off"
            name="date"
            type="date"
            value={dayOffValues.date}
            error={dayOffErrors.date}
            required
          />
          <Field
            label="Why (shown to nobody but you)"
            name="note"
            value={dayOffValues.note}
            error={dayOffErrors.note}
            maxlength={80}
            hint="Optional: a holiday, a wedding."
          />
          <Button variant="secondary">Add the day off</Button>
        </form>
      </section>
    </SiteLayout>
  )
}
