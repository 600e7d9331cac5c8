// A slot grid that is open when someone else books: the times they took turn into "taken" in
// place (a class's seats count down), so the buyer looking does not pick a time that is gone.
// The event is passing (not kept, not replayed): a page that was off the network meanwhile may
// still show a taken time, and booking it says so and shows the fresh times (routes/listings/
// booking.tsx). It names the store and the day; each viewer's grid is worked out for the
// service their page shows.
import { serviceCalendar } from '../models/booking/calendar'
import { daySlots } from '../models/booking/slots'
import { findVisibleListing } from '../models/listing'
import { SlotState } from '../../views/bookings/booking-calendar'
import type { BusEvent } from './bus'
import type { FragmentRenderer, Viewer } from './fragment'
import { SLOTS_CHANGED } from './slot-news'

const slotsChangedRenderer: FragmentRenderer = (viewer: Viewer, event: BusEvent) => {
  const listingId = /^listing:(\d+)$/.exec(viewer.page)?.[1]
  const date = String(event.data.date ?? '')
  if (!listingId || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null
  const listing = findVisibleListing(viewer.db, viewer.member, Number(listingId))
  if (!listing?.booking || listing.storeId !== event.data.storeId) return null
  const now = viewer.clock.now()
  const calendar = serviceCalendar(
    viewer.db,
    { id: listing.id, storeId: listing.storeId, rules: listing.booking },
    { first: date, last: date },
    viewer.site.timeZone,
    now,
  )
  return (
    <>
      {daySlots({ ...calendar, date }).map((slot) => (
        <SlotState listingId={listing.id} slot={slot} capacity={listing.booking!.capacity} />
      ))}
    </>
  )
}

export const slotRenderers: Record<string, FragmentRenderer> = {
  [SLOTS_CHANGED]: slotsChangedRenderer,
}
