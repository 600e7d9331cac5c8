import { dateTimeFormat } from '../../src/lib/intl'
import type { MonthView } from '../../src/models/booking/month-view'
import type { Slot } from '../../src/models/booking/slots'

/** The section a listing's "Book a time" links lead to. */
export const BOOK_ID = 'book'
/** What htmx swaps when another month or day is chosen. */
export const BOOKING_CALENDAR_ID = 'booking-calendar'

export type BookingCalendarProps = {
  listingId: number
  view: MonthView
  /** The listing page's address: each day is a link to it, for browsers without JavaScript. */
  pagePath: string
  /** Where htmx asks for just the calendar (`/listings/12/times`). */
  fragmentPath: string
  /** Where a free slot leads (`/listings/12/book`); null shows the slots without links (the owner). */
  bookPath: string | null
  /** Instead of a link, each slot is a button posting its start here (proposing a new time). */
  proposePath?: string
  /** Seats per slot: more than one shows how many are left. */
  capacity: number
  locale: string
}

/**
 * A month of days and the chosen day's free times: server-rendered, every state a link (no-JS),
 * and with htmx each link swaps only this calendar and updates the address.
 */
export function BookingCalendar(props: BookingCalendarProps) {
  const { view, locale } = props
  const monthName = dateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })
  const weekday = dateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' })
  const weekdayName = dateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' })
  const longDay = dateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  })
  const noon = (date: string) => new Date(`${date}T12:00:00Z`)
  // Weeks start on Monday: blank cells before the 1st.
  const lead = (noon(view.days[0]?.date ?? `${view.month}-01`).getUTCDay() + 6) % 7
  const cells: (MonthView['days'][number] | null)[] = [...Array(lead).fill(null), ...view.days]
  // …and after the last, so every week is a whole row.
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks: (typeof cells)[] = []
  for (let index = 0; index < cells.length; index += 7) weeks.push(cells.slice(index, index + 7))
  // Any Monday to Sunday names the columns (23 November 2026 was a Monday).
  const week = [...Array(7).keys()].map((offset) => noon(`2026-11-${23 + offset}`))
  return (
    <div id={BOOKING_CALENDAR_ID} class="booking-calendar">
      <nav class="booking-calendar__months" aria-label="Months">
        <MonthLink {...props} month={view.previous} label="Earlier month" rel="prev" />
        <h3 class="booking-calendar__month">{monthName.format(noon(`${view.month}-01`))}</h3>
        <MonthLink {...props} month={view.next} label="Later month" rel="next" />
      </nav>
      <table class="month">
        <caption class="visually-hidden">
          Days in {monthName.format(noon(`${view.month}-01`))} with free times are links
        </caption>
        <thead>
          <tr>
            {week.map((day) => (
              <th scope="col" abbr={weekdayName.format(day)}>
                {weekday.format(day)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr>
              {week.map((day) =>
                day === null ? (
                  <td />
                ) : (
                  <td>
                    {day.free.length > 0 ? (
                      <a
                        class="month__day"
                        href={`${props.pagePath}?day=${day.date}#${BOOK_ID}`}
                        aria-current={day.date === view.chosen?.date ? 'date' : undefined}
                        aria-label={`${longDay.format(noon(day.date))}: ${timesFree(day.free.length)}`}
                        data-hx-get={`${props.fragmentPath}?day=${day.date}`}
                        data-hx-target={`#${BOOKING_CALENDAR_ID}`}
                        data-hx-swap="outerHTML"
                        data-hx-push-url={`${props.pagePath}?day=${day.date}`}
                      >
                        {Number(day.date.slice(8))}
                      </a>
                    ) : (
                      <span class="month__day month__day--closed">{Number(day.date.slice(8))}</span>
                    )}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {view.chosen ? (
        <section aria-labelledby="slots-heading" class="slots">
          <h3 id="slots-heading">{longDay.format(noon(view.chosen.date))}</h3>
          <ul class="slot-grid">
            {view.chosen.slots.map((slot) => (
              <li id={slotId(props.listingId, slot)}>
                <SlotItem
                  slot={slot}
                  bookPath={props.bookPath}
                  proposePath={props.proposePath}
                  capacity={props.capacity}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p class="muted">No free times this month.</p>
      )}
    </div>
  )
}

function MonthLink(
  props: BookingCalendarProps & { month: string | null; label: string; rel: string },
) {
  if (!props.month) return <span class="booking-calendar__step" aria-hidden="true" />
  return (
    <a
      class="booking-calendar__step"
      href={`${props.pagePath}?month=${props.month}#${BOOK_ID}`}
      rel={props.rel}
      aria-label={props.label}
      data-hx-get={`${props.fragmentPath}?month=${props.month}`}
      data-hx-target={`#${BOOKING_CALENDAR_ID}`}
      data-hx-swap="outerHTML"
      data-hx-push-url={`${props.pagePath}?month=${props.month}`}
    >
      {props.rel === 'prev' ? '‹' : '›'}
    </a>
  )
}

function SlotItem({
  slot,
  bookPath,
  proposePath,
  capacity,
}: {
  slot: Slot
  bookPath: string | null
  proposePath?: string | undefined
  capacity: number
}) {
  const seats = capacity > 1 ? <span class="slot__seats">{seatsLeft(slot.seatsLeft)}</span> : null
  if (proposePath)
    return (
      <form method="post" action={proposePath}>
        <input type="hidden" name="start" value={slot.start.toISOString()} />
        <button class="slot">
          {slot.time}
          {seats}
        </button>
      </form>
    )
  if (!bookPath)
    return (
      <span class="slot slot--shown">
        {slot.time}
        {seats}
      </span>
    )
  return (
    <a class="slot" href={`${bookPath}?start=${slot.start.toISOString()}`}>
      {slot.time}
      {seats}
    </a>
  )
}

/** A slot's element, by service and start: a live update finds it (live/slot-fragments.tsx). */
export function slotId(listingId: number, slot: Pick<Slot, 'start'>): string {
  return `slot-${listingId}-${slot.start.getTime()}`
}

/**
 * A slot as it is now, swapped over the one on an open page: taken when its last seat went, or
 * a class's seats left. Only what someone else's booking changes is sent.
 */
export function SlotState(props: { listingId: number; slot: Slot; capacity: number }) {
  const { slot, listingId, capacity } = props
  if (slot.seatsLeft > 0 && capacity === 1) return null
  return (
    <li id={slotId(listingId, slot)} data-hx-swap-oob="true">
      {slot.seatsLeft === 0 ? (
        <span class="slot slot--taken">
          {slot.time}
          <span class="visually-hidden"> taken</span>
        </span>
      ) : (
        <SlotItem slot={slot} bookPath={`/listings/${listingId}/book`} capacity={capacity} />
      )}
    </li>
  )
}

function timesFree(count: number): string {
  return count === 1 ? '1 time free' : `${count} times free`
}

function seatsLeft(count: number): string {
  return count === 1 ? '1 place left' : `${count} places left`
}

/** "Banjul time" from "Africa/Banjul": how people in town name their clock. */
export function townClockName(timeZone: string): string {
  const city = timeZone.split('/').pop()?.replaceAll('_', ' ')
  return city && city !== 'UTC' ? `${city} time` : 'UTC'
}

export type BookingSectionProps = BookingCalendarProps & {
  slotMinutes: number
  instantBook: boolean
  cancellationHours: number
  timeZone: string
  /** The owner sees the calendar as buyers do, and a way to their hours. */
  ownerHoursPath: string | null
}

/** "Book a time" on a bookable service's page: the rules a buyer should know, then the calendar. */
export function BookingSection(props: BookingSectionProps) {
  return (
    <section id={BOOK_ID} class="panel booking" aria-labelledby="book-heading">
      <h2 id="book-heading">Book a time</h2>
      <ul class="facts">
        <li>{props.slotMinutes} minutes</li>
        <li>Times are {townClockName(props.timeZone)}</li>
        <li>
          {props.instantBook
            ? 'Confirmed at once'
            : 'The provider confirms within a day; the time is held for you meanwhile'}
        </li>
        <li>
          {props.cancellationHours === 0
            ? 'Free cancellation until it starts'
            : `Free cancellation up to ${hours(props.cancellationHours)} before`}
        </li>
      </ul>
      {props.ownerHoursPath ? (
        <p class="muted">
          Buyers pick from these times. <a href={props.ownerHoursPath}>Change your hours</a>
        </p>
      ) : null}
      <BookingCalendar {...props} />
    </section>
  )
}

function hours(count: number): string {
  return count % 24 === 0 && count >= 48
    ? `${count / 24} days`
    : count === 1
      ? '1 hour'
      : `${count} hours`
}
