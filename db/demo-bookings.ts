// Demo bookings (issue 12): the town's bookable services — a hairdresser, tutors and their class,
// repair visits with time to cross town after each — get their stores' weekly hours and a day or
// two off, and buyers book times through placeBooking, as the slot grid will: over the last four
// weeks and the coming two. Then each booking's story is told through the order's steps (the
// provider confirms, declines, marks it done or the buyer absent; the buyer cancels), each with a
// clock stopped at its moment, and the scheduler's own steps (a request that lapses, a booking
// nobody marked done) are taken by lifecycle.ts's jobs, run at the times the real job would run.
// So the held time, the timeline and the ledger are the models' own; nothing here writes a
// booking row, and no two bookings of one provider's time overlap because the holds refuse it.
//
// A fixed cast of stories gives every booking status at least once (told to the printed buyers,
// with the printed provider's store when it books), then more for the rest of the town in
// proportion to its size. Each is placed in a slot that was free when it was booked, read from
// the calendar as the buyer would have seen it then.
import type { Db } from '../src/db'
import { DAY, HOUR, MINUTE, clockAt } from '../src/lib/clock'
import { addDays, calendarDate, isoWeekday, wallClockInstant } from '../src/lib/dates'
import { localBus } from '../src/live/bus'
import { addDayOff, readDayHours, setWeeklyHours } from '../src/models/booking/availability'
import { freeDays, serviceCalendar } from '../src/models/booking/calendar'
import { completePastBookings, expireBookingRequests } from '../src/models/booking/lifecycle'
import { CONFIRM_WITHIN, placeBooking } from '../src/models/booking/placing'
import { bookingRulesOf, type BookingRules } from '../src/models/booking/rules'
import type { Slot, WeeklyHours } from '../src/models/booking/slots'
import { needsAddress } from '../src/models/checkout'
import { findVisibleListing } from '../src/models/listing'
import { findOrderForMember, type Order } from '../src/models/order'
import { eq } from 'drizzle-orm'
import { recordPayment, takeOrderStep, type OrderDeps } from '../src/models/order/steps'
import type { OrderAction, OrderStatus } from '../src/models/order/transitions'
import { storePaymentMethods, type PaymentMethod } from '../src/models/payment-methods'
import type { SessionMember } from '../src/models/session'
import type { Site } from '../src/models/site'
import type { TradeKey } from './demo-catalog'
import type { DemoListing } from './demo-listings'
import type { DemoStore, Resident } from './demo-stores'
import { orders } from './schema'

type Random = () => number

/** How a booking's story ends; the statuses they reach are in the comments. */
type Ending =
  | 'requested' // placed: waiting for the provider
  | 'confirmed' // accepted, still to come
  | 'completed' // the provider marked it done
  | 'completed_by_itself' // nobody marked it: the scheduler did, a day after
  | 'no_show' // the provider marked the buyer absent
  | 'cancelled_by_buyer' // cancelled
  | 'declined' // cancelled, with the provider's reason
  | 'cancelled_by_provider' // cancelled after confirming, with a reason
  | 'expired' // cancelled by the scheduler: nobody confirmed in time

type Story = {
  ending: Ending
  buyer?: 0 | 1 | 'operator'
  /** At the printed provider's store, when it has a service that fits. */
  shownStore?: true
  /** A seat in a class (a service of several seats), at a time others booked when there is one. */
  joinClass?: true
}

/** Every booking status at least once, the printed accounts in most. */
const CAST: Story[] = [
  { ending: 'requested', buyer: 0, shownStore: true },
  { ending: 'requested', buyer: 1 },
  { ending: 'confirmed', buyer: 0 },
  { ending: 'confirmed', buyer: 1, shownStore: true },
  { ending: 'completed', buyer: 0, shownStore: true },
  { ending: 'completed', buyer: 1 },
  { ending: 'completed', buyer: 'operator' },
  { ending: 'completed_by_itself', buyer: 0 },
  { ending: 'no_show', buyer: 1, shownStore: true },
  { ending: 'no_show' },
  { ending: 'cancelled_by_buyer', buyer: 0 },
  { ending: 'declined', buyer: 1, shownStore: true },
  { ending: 'cancelled_by_provider', buyer: 0 },
  { ending: 'expired', buyer: 1 },
  // A class that fills up: seats booked by several buyers at one time, past and coming.
  ...Array.from({ length: 2 }, (): Story => ({ ending: 'completed', joinClass: true })),
  ...Array.from({ length: 3 }, (): Story => ({ ending: 'confirmed', joinClass: true })),
]

/** The rest of the town: most bookings happen as planned. */
const ENDING_SHARES: [Ending, number][] = [
  ['completed', 0.42],
  ['confirmed', 0.2],
  ['completed_by_itself', 0.06],
  ['requested', 0.07],
  ['cancelled_by_buyer', 0.09],
  ['declined', 0.05],
  ['no_show', 0.04],
  ['cancelled_by_provider', 0.03],
  ['expired', 0.04],
]

/**
 * Bookings beyond the cast per member, and at most this many: each is a few dozen queries, and a
 * hold row per five minutes of its time. A 2000-member town gets 200 more and seeds a second or
 * two slower.
 */
const BOOKINGS_PER_MEMBER = 0.1
const MOST_BOOKINGS = 200
/** How many picks of a service and a day to try before a story gives up. */
const TRIES = 40
/** How far back and ahead bookings go, in days from today. */
const PAST_DAYS = 28
const AHEAD_DAYS = 14
/** The scheduler's job runs on these marks (src/jobs/booking-lapses.ts). */
const JOB_INTERVAL = 5 * MINUTE

/**
 * Opening hours by trade, as providers type them on the hours form: Monday to Sunday, several
 * ranges a day; an empty day is closed. The phone repairer stays open past midnight on Friday.
 */
const HOURS: Partial<Record<TradeKey, string[]>> = {
  plumbing: [...Array<string>(5).fill('08:00-12:00, 14:00-18:00'), '08:00-13:00', ''],
  electrical: [...Array<string>(6).fill('08:30-12:30, 14:00-17:30'), ''],
  lessons: [...Array<string>(5).fill('15:00-19:00'), '09:00-13:00, 15:00-18:00', ''],
  hair: ['', ...Array<string>(4).fill('09:00-13:00, 14:00-19:00'), '08:00-18:00', ''],
  'phone-repair': [
    ...Array<string>(4).fill('09:00-13:00, 15:00-19:00'),
    '09:00-12:30, 18:00-01:00',
    '10:00-16:00',
    '',
  ],
  cleaning: [...Array<string>(6).fill('08:00-17:00'), ''],
}

export type SeedBookingsInput = {
  site: Site
  operator: Resident
  /** The printed provider, whose store takes some of the cast's bookings, and the printed buyers. */
  provider: DemoStore | undefined
  buyers: Resident[]
  residents: Resident[]
  listings: DemoListing[]
  now: number
}

/** A bookable service on sale: its rules as stored, its packages, whether its store takes Wave. */
type Service = {
  listing: DemoListing
  rules: BookingRules
  unitIds: number[]
  byPhone: boolean
  /** The days it was booked on so far: a class fills up where others booked. */
  days: string[]
}
type Told = { order: Order; buyer: SessionMember; service: Service }
/** A step of a story: who takes which action when, saying what. */
type Step = {
  action: OrderAction | 'pay'
  by: 'buyer' | 'provider' | 'system'
  at: number
  note: string
}
type Deferred = { told: Told; step: Step }

/**
 * Sets the hours and days off of every store with a bookable service, then tells the cast's
 * stories and the town's; returns how many bookings were placed.
 */
export function seedBookings(db: Db, random: Random, input: SeedBookingsInput): number {
  const { site, now } = input
  const bus = localBus()
  const depsAt = (at: number): OrderDeps => ({ db, clock: clockAt(at), bus })
  const today = calendarDate(new Date(now), site.timeZone)
  const bookable = input.listings.filter(
    (listing) => listing.template.kind === 'service' && listing.template.booking,
  )
  openBookableStores(db, random, bookable, today)
  const services = bookable
    .filter((listing) => listing.status === 'published')
    .map((listing) => serviceOf(db, site, listing))
  if (services.length === 0) return 0

  const stories = [
    ...CAST,
    ...Array.from(
      { length: Math.min(MOST_BOOKINGS, Math.round(input.residents.length * BOOKINGS_PER_MEMBER)) },
      (): Story => ({ ending: pickShare(random, ENDING_SHARES) }),
    ),
  ]
  // The scheduler's steps wait until every story is told, then run in time order: the job run at
  // each moment finds the town's bookings as the stories left them, as the real one would.
  const deferred: Deferred[] = []
  let placed = 0
  stories.forEach((story, index) => {
    const told = tell(db, site, random, depsAt, {
      story,
      services,
      people: input,
      key: `demo-booking-${index}`,
      today,
      deferred,
    })
    if (told) placed += 1
  })
  runScheduler(db, depsAt, deferred)
  return placed
}

/** Weekly hours and a day off or two for each store that books, before anyone books. */
function openBookableStores(db: Db, random: Random, bookable: DemoListing[], today: string) {
  const stores = [...new Map(bookable.map((listing) => [listing.store.id, listing.store])).values()]
  for (const store of stores) {
    const hours = weekOf(HOURS[store.trade] ?? OFFICE_HOURS)
    setWeeklyHours(db, store.id, hours)
    // One in the last weeks (no booking fell on it), and often one coming up.
    const off = [openDay(random, hours, today, -PAST_DAYS, -1)]
    if (random() < 0.6) off.push(openDay(random, hours, today, 1, AHEAD_DAYS))
    for (const date of off)
      if (!addDayOff(db, store.id, { date, note: pick(random, DAY_OFF_NOTES) }))
        throw new Error(`demo: ${date} is not a day off ${store.slug} can take`)
  }
}

const OFFICE_HOURS = [...Array<string>(5).fill('09:00-17:00'), '', '']

/** Monday-to-Sunday lines, read as the hours form reads them. */
function weekOf(days: readonly string[]): WeeklyHours {
  const hours: WeeklyHours = {}
  days.forEach((text, index) => {
    const read = readDayHours(text)
    if (!read.ok) throw new Error(`demo: hours "${text}" were refused: ${read.message}`)
    if (read.ranges.length > 0) hours[index + 1] = read.ranges
  })
  return hours
}

/** A day between `from` and `to` days from today on which the store would be open. */
function openDay(random: Random, hours: WeeklyHours, today: string, from: number, to: number) {
  let date = today
  for (let tries = 0; tries < TRIES; tries += 1) {
    date = addDays(today, between(random, from, to + 1))
    if ((hours[isoWeekday(date)] ?? []).length > 0) return date
  }
  return date
}

function serviceOf(db: Db, site: Site, listing: DemoListing): Service {
  const found = findVisibleListing(db, listing.store.owner, listing.id)
  const rules = found?.booking ?? bookingRulesOf(db, listing.id)
  if (!found || !rules) throw new Error(`demo: listing ${listing.id} is not bookable`)
  return {
    listing,
    rules,
    unitIds: found.packages.map((unit) => unit.id),
    byPhone: storePaymentMethods(site, found.store).includes('mobile_money'),
    days: [],
  }
}

/** Days from today a story's booking may fall on, first and last. */
const DAYS: Record<Ending, [number, number]> = {
  requested: [1, AHEAD_DAYS],
  confirmed: [1, AHEAD_DAYS],
  completed: [-PAST_DAYS, -1],
  completed_by_itself: [-PAST_DAYS, -3],
  no_show: [-PAST_DAYS, -1],
  cancelled_by_buyer: [-21, AHEAD_DAYS],
  declined: [-21, AHEAD_DAYS],
  cancelled_by_provider: [-21, 10],
  expired: [-21, AHEAD_DAYS],
}

/** How long the steps after placing may take, at most: a booking to come was placed that long ago. */
const TAKES: Record<Ending, number> = {
  requested: 0,
  confirmed: 8 * HOUR,
  completed: 0,
  completed_by_itself: 0,
  no_show: 0,
  cancelled_by_buyer: 2 * DAY,
  declined: 12 * HOUR,
  cancelled_by_provider: 56 * HOUR,
  expired: CONFIRM_WITHIN + JOB_INTERVAL,
}

/** Stories that need a provider who confirms requests (not an instant-book service). */
const REQUESTS = new Set<Ending>(['requested', 'declined', 'expired'])

/** One story: a service, a day, a buyer and a slot that fit, the booking, then its steps. */
function tell(
  db: Db,
  site: Site,
  random: Random,
  depsAt: (at: number) => OrderDeps,
  job: {
    story: Story
    services: Service[]
    people: SeedBookingsInput
    key: string
    today: string
    deferred: Deferred[]
  },
): boolean {
  const { story, people, today } = job
  const { now } = people
  const services = job.services.filter(
    (service) =>
      (!REQUESTS.has(story.ending) || !service.rules.instantBook) &&
      (!story.joinClass || service.rules.capacity > 1),
  )
  const own = services.filter((service) => service.listing.store.id === people.provider?.id)
  for (let tries = 0; tries < TRIES; tries += 1) {
    const service =
      story.shownStore && own.length > 0 && tries < TRIES / 2
        ? pick(random, own)
        : pick(random, services)
    if (!service) return false
    const [first, last] = DAYS[story.ending]
    const classDays = service.days.filter(
      (date) => date >= addDays(today, first) && date <= addDays(today, last),
    )
    const day =
      service.rules.capacity > 1 && classDays.length > 0 && (story.joinClass || random() < 0.7)
        ? pick(random, classDays)
        : addDays(today, between(random, first, last + 1))
    const dayStart = wallClockInstant(day, 0, site.timeZone)!.getTime()
    const placedAt =
      story.ending === 'requested'
        ? now - between(random, HOUR, 20 * HOUR)
        : Math.min(
            dayStart - between(random, DAY, 8 * DAY),
            now - TAKES[story.ending] - between(random, 0, 12 * HOUR),
          )
    const { publishedAt } = service.listing
    if (publishedAt === null || publishedAt >= placedAt) continue
    const buyer = chooseBuyer(random, story, people, placedAt, service.listing.store.owner.id)
    if (!buyer) continue
    const slot = chooseSlot(db, site, random, service, { day, placedAt, join: story.joinClass })
    if (!slot) continue
    const byPhone = service.byPhone && random() < 0.4
    const steps = plan(random, story.ending, service.rules, { slot, placedAt, byPhone, now })
    if (!steps) continue
    const told = place(db, site, random, depsAt(placedAt), {
      buyer: buyer.member,
      service,
      slot,
      byPhone,
      key: job.key,
    })
    service.days.push(day)
    for (const step of steps)
      if (step.by === 'system') job.deferred.push({ told, step })
      else takeStep(depsAt(step.at), random, told, step)
    return true
  }
  return false
}

/** The printed buyer the story names, if they could book then; otherwise anyone who could. */
function chooseBuyer(
  random: Random,
  story: Story,
  people: SeedBookingsInput,
  placedAt: number,
  ownerId: number,
): Resident | undefined {
  const could = (resident: Resident | undefined) =>
    resident !== undefined &&
    resident.joinedAt.getTime() < placedAt &&
    resident.member.id !== ownerId
  const wanted =
    story.buyer === 'operator'
      ? people.operator
      : story.buyer === undefined
        ? undefined
        : people.buyers[story.buyer]
  if (could(wanted)) return wanted
  for (let tries = 0; tries < TRIES; tries += 1) {
    const resident = pick(random, people.residents)
    if (could(resident)) return resident
  }
  return undefined
}

/**
 * A slot of the day that was free when the buyer booked, as the slot grid showed it then. Most
 * buyers of a class join a time others booked, so classes fill up.
 */
function chooseSlot(
  db: Db,
  site: Site,
  random: Random,
  service: Service,
  { day, placedAt, join }: { day: string; placedAt: number; join: boolean | undefined },
): Slot | undefined {
  const { listing, rules } = service
  const calendar = serviceCalendar(
    db,
    { id: listing.id, storeId: listing.store.id, rules },
    { first: day, last: day },
    site.timeZone,
    new Date(placedAt),
  )
  const free = freeDays(calendar, day, day)[0]?.free ?? []
  const joined = free.filter((slot) => slot.seatsLeft < rules.capacity)
  if (joined.length > 0 && (join || random() < 0.7)) return pick(random, joined)
  return free.length > 0 ? pick(random, free) : undefined
}

/**
 * The steps from placed to the story's end, each at its time; null when they do not fit the
 * booking (a step would be after now, or after the time it can be taken).
 */
function plan(
  random: Random,
  ending: Ending,
  rules: BookingRules,
  booked: { slot: Slot; placedAt: number; byPhone: boolean; now: number },
): Step[] | null {
  const { slot, placedAt, byPhone, now } = booked
  const start = slot.start.getTime()
  const end = slot.end.getTime()
  const expiresAt = rules.instantBook ? Infinity : Math.min(placedAt + CONFIRM_WITHIN, start)
  const cancellableUntil = start - rules.cancellationHours * HOUR
  const steps: Step[] = []
  const step = (action: Step['action'], by: Step['by'], at: number, notes = ['']) =>
    steps.push({ action, by, at, note: pick(random, notes) })
  // Confirmed by the provider within hours, or at once; paid by Wave once confirmed.
  let confirmedAt = placedAt
  const confirm = () => {
    if (!rules.instantBook) {
      confirmedAt = placedAt + between(random, HOUR / 2, 8 * HOUR)
      step('accept', 'provider', confirmedAt)
    }
    if (byPhone) step('pay', 'provider', confirmedAt, [`Wave ${digits(random, 10)}`])
  }
  // Cash changes hands at the appointment.
  const payCash = (at: number) => {
    if (!byPhone) step('pay', 'provider', at, ['Cash at the appointment'])
  }
  switch (ending) {
    case 'requested':
      if (expiresAt <= now) return null
      break
    case 'confirmed':
      confirm()
      break
    case 'completed': {
      confirm()
      const doneAt = end + between(random, 10 * MINUTE, 3 * HOUR)
      payCash(doneAt)
      step('complete', 'provider', doneAt)
      break
    }
    case 'completed_by_itself':
      confirm()
      payCash(end + between(random, 10 * MINUTE, 2 * HOUR))
      step('auto_complete', 'system', nextJobRun(end + DAY))
      break
    case 'no_show':
      confirm()
      step('mark_no_show', 'provider', start + between(random, 15 * MINUTE, 45 * MINUTE))
      break
    case 'cancelled_by_buyer': {
      // A request is withdrawn before it lapses; a confirmed booking before its window opens.
      if (rules.instantBook) confirm()
      const cancelAt = confirmedAt + between(random, HOUR, rules.instantBook ? 2 * DAY : 20 * HOUR)
      if (cancelAt >= Math.min(expiresAt, cancellableUntil)) return null
      step('cancel', 'buyer', cancelAt, BUYER_CANCELS)
      break
    }
    case 'declined': {
      const declinedAt = placedAt + between(random, HOUR / 2, 12 * HOUR)
      if (declinedAt >= expiresAt) return null
      step('decline', 'provider', declinedAt, DECLINES)
      break
    }
    case 'cancelled_by_provider': {
      confirm()
      const cancelAt = confirmedAt + between(random, 12 * HOUR, 48 * HOUR)
      if (cancelAt >= start - HOUR) return null
      step('cancel', 'provider', cancelAt, PROVIDER_CANCELS)
      break
    }
    case 'expired':
      if (expiresAt === Infinity) return null
      step('expire', 'system', nextJobRun(expiresAt))
      break
  }
  const inTime = steps.every(
    (each) => each.at <= now && (each.action !== 'accept' || each.at < expiresAt),
  )
  return inTime ? steps : null
}

/** The first run of the scheduler's job at or after `at`. */
function nextJobRun(at: number): number {
  return Math.ceil(at / JOB_INTERVAL) * JOB_INTERVAL
}

/** The buyer books the slot through placeBooking, as the booking form will. */
function place(
  db: Db,
  site: Site,
  random: Random,
  deps: OrderDeps,
  booking: { buyer: SessionMember; service: Service; slot: Slot; byPhone: boolean; key: string },
): Told {
  const { buyer, service, slot } = booking
  const { template } = service.listing
  if (template.kind !== 'service') throw new Error('demo: only a service is booked')
  const fulfilment = pick(random, template.serviceLocations)
  const paymentMethod: PaymentMethod = booking.byPhone ? 'mobile_money' : 'cash'
  const result = placeBooking(deps, site, buyer, {
    checkoutKey: booking.key,
    listingId: service.listing.id,
    unitId: pick(random, service.unitIds),
    start: slot.start,
    fulfilment,
    address: needsAddress(fulfilment) ? pick(random, ADDRESSES) : '',
    note: pick(random, NOTES),
    contactPhone: phoneNumber(random),
    paymentMethod,
  })
  if (!result.ok)
    throw new Error(
      `demo: ${buyer.email} could not book ${slot.start.toISOString()} of listing ` +
        `${service.listing.id}: ${JSON.stringify(result)}`,
    )
  return { order: result.order, buyer, service }
}

/** One step, as the member it belongs to (found through their reach, as the order page does). */
function takeStep(deps: OrderDeps, random: Random, told: Told, step: Step) {
  const provider = told.service.listing.store.owner
  const member = step.by === 'buyer' ? told.buyer : provider
  const access = findOrderForMember(deps.db, member, told.order.code)
  if (!access) throw new Error(`demo: ${member.email} cannot see booking ${told.order.code}`)
  if (step.action === 'pay') {
    const paid = recordPayment(deps, access, step.note)
    if (!paid.ok) throw new Error(`demo: payment of ${told.order.code} refused: ${paid.reason}`)
    told.order = paid.order
    return
  }
  const moved = takeOrderStep(deps, access, step.action, step.note)
  if (!moved.ok)
    throw new Error(
      `demo: ${step.action} on booking ${told.order.code} was refused: ${moved.reason}`,
    )
  told.order = moved.order
}

/**
 * The scheduler's job at each moment a story needs it: requests lapse, bookings nobody marked
 * complete themselves. Each story's booking must have moved by the end.
 */
function runScheduler(db: Db, depsAt: (at: number) => OrderDeps, deferred: Deferred[]) {
  const runs = [...new Set(deferred.map(({ step }) => step.at))].sort((a, b) => a - b)
  for (const at of runs) {
    expireBookingRequests(depsAt(at))
    completePastBookings(depsAt(at))
  }
  for (const { told, step } of deferred) {
    const status = db.select().from(orders).where(eq(orders.id, told.order.id)).get()?.status
    const wanted: OrderStatus = step.action === 'expire' ? 'cancelled' : 'completed'
    if (status !== wanted)
      throw new Error(`demo: booking ${told.order.code} did not ${step.action}: it is ${status}`)
  }
}

function between(random: Random, least: number, most: number): number {
  return least + Math.floor(random() * (most - least))
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

function pickShare<T>(random: Random, shares: [T, number][]): T {
  let roll = random() * shares.reduce((sum, [, share]) => sum + share, 0)
  return shares.find(([, share]) => (roll -= share) < 0)?.[0] ?? shares[0]![0]
}

function phoneNumber(random: Random): string {
  return `+220 ${7 + Math.floor(random() * 3)}${digits(random, 2)} ${digits(random, 4)}`
}

function digits(random: Random, count: number): string {
  return Array.from({ length: count }, () => Math.floor(random() * 10)).join('')
}

const ADDRESSES = [
  'Behind the Tanji fish market, green gate',
  'Brufut, the house opposite the mosque',
  'Madiyana, third compound after the bakery',
  'Sanyang road, blue gate next to the water tower',
]
const NOTES = [
  '',
  '',
  'Please call when you are on your way.',
  'First time: is there somewhere to park?',
  'I may be five minutes late after work.',
]
const DAY_OFF_NOTES = [
  'Family wedding',
  'Naming ceremony in Brikama',
  'Training course in Banjul',
  'Away at a funeral',
  'Buying supplies in Serrekunda',
]
const BUYER_CANCELS = ['', 'Something came up at work.', 'I booked the wrong day, sorry.']
const DECLINES = [
  'Sorry, I am fully booked with a wedding party that day.',
  'I am away that week; please book after the 20th.',
  'That is too far for a visit, sorry: try someone in your area.',
]
const PROVIDER_CANCELS = [
  'I am ill this week, sorry. Please book another day.',
  'A family emergency: I have to travel. Anything you paid goes back to you.',
]
