// Test support: bookable services and bookings, made through the models as a provider's forms
// and a buyer's checkout would make them.
import { clockAt, DAY } from '../lib/clock'
import { setWeeklyHours } from '../models/booking/availability'
import { placeBooking, type BookingInput, type BookingResult } from '../models/booking/placing'
import { DEFAULT_BOOKING_RULES, type BookingRulesInput } from '../models/booking/rules'
import type { WeeklyHours } from '../models/booking/slots'
import { createListing, findVisibleListing, type ServiceLocation } from '../models/listing'
import { changeListingStatus } from '../models/listing/publication'
import { findSite } from '../models/site'
import type { SessionMember } from '../models/session'
import { randomToken } from '../lib/tokens'
import type { TestMarket } from './app'
import type { TestStore } from './listings'

/** Weekdays 09:00–12:00 and 14:00–17:00; closed at the weekend. */
export const OFFICE_HOURS: WeeklyHours = Object.fromEntries(
  [1, 2, 3, 4, 5].map((weekday) => [
    weekday,
    [
      { start: 9 * 60, end: 12 * 60 },
      { start: 14 * 60, end: 17 * 60 },
    ],
  ]),
)

export type ServiceSeed = {
  title?: string
  price?: number
  durationMinutes?: number
  rules?: Partial<BookingRulesInput>
  hours?: WeeklyHours
  serviceLocations?: ServiceLocation[]
}

/** A published bookable service in `seller`'s storefront, with the store's hours set. */
export function seedBookableService(market: TestMarket, seller: TestStore, seed: ServiceSeed = {}) {
  const at = market.clock.now().getTime() - DAY
  const created = createListing(market.db, clockAt(at), seller.owner, {
    kind: 'service',
    title: seed.title ?? 'Haircut',
    description: '',
    tags: [],
    categoryId: 101,
    packages: [
      { name: 'Standard', included: '', price: seed.price ?? 30_000, turnaroundDays: null },
    ],
    serviceLocations: seed.serviceLocations ?? ['provider'],
    durationMinutes: seed.durationMinutes ?? 60,
    booking: { ...DEFAULT_BOOKING_RULES, ...seed.rules },
  })
  if (!created.ok) throw new Error(`the service was refused: ${created.reason}`)
  const published = changeListingStatus(
    market.db,
    clockAt(at),
    seller.owner,
    created.listing.id,
    'publish',
  )
  if (!published.ok) throw new Error('the service could not be published')
  setWeeklyHours(market.db, seller.store.id, seed.hours ?? OFFICE_HOURS)
  const listing = findVisibleListing(market.db, seller.owner, created.listing.id)
  if (!listing) throw new Error('the service vanished')
  return listing
}

/** Books `start` on the service as `buyer`, paying cash at the provider's place unless told otherwise. */
export function bookTime(
  market: TestMarket,
  buyer: SessionMember,
  service: ReturnType<typeof seedBookableService>,
  start: Date,
  choices: Partial<BookingInput> = {},
): BookingResult {
  const site = findSite(market.db)
  if (!site) throw new Error('the market is not set up')
  const unit = service.packages[0]
  if (!unit) throw new Error('the service has no package')
  return placeBooking(market, site, buyer, {
    checkoutKey: randomToken(),
    listingId: service.id,
    unitId: unit.id,
    start,
    fulfilment: 'provider',
    address: '',
    note: '',
    contactPhone: '',
    paymentMethod: 'cash',
    ...choices,
  })
}
