import { bookingTime } from './booking-words'
import type { Booking } from '../../src/models/booking/booked-time'
import type { Order } from '../../src/models/order'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { BookingCalendar, townClockName, type BookingCalendarProps } from './booking-calendar'

export type ReschedulePageProps = {
  shell: Shell
  order: Order
  booking: Booking
  title: string
  calendar: BookingCalendarProps
  timeZone: string
}

/**
 * Proposing another time for a booking: the service's calendar, where each free time is a
 * button that proposes it. The other side then accepts or declines on the order's page.
 */
export function ReschedulePage(props: ReschedulePageProps) {
  const { shell, order, booking, timeZone } = props
  const when = bookingTime(shell.locale, timeZone)
  return (
    <SiteLayout shell={shell} title={`Another time for ${props.title}`}>
      <p class="muted">
        <a href={`/orders/${order.code}`}>Order {order.code}</a>
      </p>
      <h1>Another time for {props.title}</h1>
      <p>
        Booked now for <strong>{when.format(booking.startsAt)}</strong> ({townClockName(timeZone)}).
        Choose the time you would rather have: the other side is asked, and the booking moves only
        if they accept. Until then it stays where it is.
      </p>
      <section class="panel booking" aria-labelledby="free-times-heading">
        <h2 id="free-times-heading">Free times</h2>
        <BookingCalendar {...props.calendar} />
      </section>
    </SiteLayout>
  )
}
