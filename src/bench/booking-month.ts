// The month view of a busy provider's free slots (issue 12), part of `npm run bench` (`--only
// booking` for just it, on a database of its own without server or town). What the listing
// page's slot grid and the booking form read: serviceCalendar (the store's hours, days off and
// the bookings holding its time: three queries) and freeDays (every slot of every day, with the
// seats each booking leaves) for a whole month.
//
// The provider is busy: one store open thirteen hours a day six days a week and on Sunday
// afternoons, a 30-minute service (booked at once) and an hour-long one with ten minutes after
// it (requests the provider confirms), and several hundred bookings over next month, placed
// through placeBooking by forty buyers at times that were free — a tenth of them cancelled by the
// buyer since. Then the month is read many times, as the page would for each visitor; the
// target is on the 30-minute service, whose month has the most slots.
import { randomBytes } from 'node:crypto'
import { DEMO_SITE, mulberry32 } from '../../db/demo-town'
import { migrateDatabase, openDatabase, type Db } from '../db'
import { systemClock } from '../lib/clock'
import { addDays, calendarDate } from '../lib/dates'
import { localBus } from '../live/bus'
import { addDayOff, readDayHours, setWeeklyHours } from '../models/booking/availability'
import {
  freeDays,
  monthDays,
  serviceCalendar,
  type BookableService,
} from '../models/booking/calendar'
import { placeBooking } from '../models/booking/placing'
import { DEFAULT_BOOKING_RULES, type BookingRulesInput } from '../models/booking/rules'
import type { WeeklyHours } from '../models/booking/slots'
import { createListing, findVisibleListing } from '../models/listing'
import { changeListingStatus } from '../models/listing/publication'
import { insertMember } from '../models/member'
import { findOrderForMember } from '../models/order'
import { takeOrderStep } from '../models/order/steps'
import type { SessionMember } from '../models/session'
import { findSite, openMarketplace, type Site } from '../models/site'
import { openStore } from '../models/store'

export const BOOKING_MONTH_TARGET = { p99Ms: 20 }
/** Month views read and timed, after as many untimed to warm up. */
const ITERATIONS = process.env.BENCH_QUICK === '1' ? 100 : 400
const WARM_UP = 50
/** Bookings placed in the month (some days fill up before; the rest are tried elsewhere). */
const BOOKINGS = 400
const BUYERS = 40
/** A tenth of the bookings are cancelled by their buyer: they no longer hold time. */
const CANCELLED_SHARE = 0.1
/** Monday to Sunday, as the provider would type them: long days with a lunch break. */
const HOURS = [...Array<string>(6).fill('07:00-13:00, 14:00-21:00'), '10:00-16:00']
const SEED = 12

type Latencies = { p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number }

export type BookingMonthResult = {
  month: string
  timeZone: string
  /** Bookings placed, and how many of them hold time (the rest were cancelled). */
  bookings: number
  holding: number
  placingSeconds: number
  iterations: number
  services: {
    name: string
    slotMinutes: number
    /** Free slots in the month as the view shows them. */
    freeSlots: number
    total: Latencies
    /** The three queries alone, and the laying out of the slots alone (medians of their own). */
    readP50Ms: number
    layOutP50Ms: number
    met: boolean
  }[]
}

/**
 * Seeds the busy provider into the database at `databasePath` (a market is set up there if there
 * is none), places the month's bookings, then times the month view of each service.
 */
export function benchBookingMonth(
  databasePath: string,
  say: (text: string) => void,
): BookingMonthResult {
  const db = openDatabase(databasePath)
  try {
    const site = findSite(db) ?? setUpMarket(db)
    const random = mulberry32(SEED)
    const { provider, services } = seedProvider(db, site)
    const buyers = seedMembers(db, 'buyer', BUYERS)
    const month = nextMonth(site.timeZone)
    const days = monthDays(month)!
    say(`    placing ${BOOKINGS} bookings in ${month} through placeBooking…`)
    const started = performance.now()
    const placed = placeMonth(db, site, random, { services, buyers, days })
    const cancelled = cancelSome(db, random, placed)
    const placingSeconds = (performance.now() - started) / 1000
    say(
      `    ${placed.length} placed (${cancelled} cancelled since) in ${placingSeconds.toFixed(1)} s`,
    )
    return {
      month,
      timeZone: site.timeZone,
      bookings: placed.length,
      holding: placed.length - cancelled,
      placingSeconds,
      iterations: ITERATIONS,
      services: services.map((service) => measure(db, site, service, days, provider)),
    }
  } finally {
    db.$client.close()
  }
}

/** Times the month view of one service: reading the calendar, then laying out every day. */
function measure(
  db: Db,
  site: Site,
  service: BookableService & { name: string },
  days: { first: string; last: string },
  provider: SessionMember,
): BookingMonthResult['services'][number] {
  const total: number[] = []
  const read: number[] = []
  const layOut: number[] = []
  let freeSlots = 0
  for (let run = 0; run < WARM_UP + ITERATIONS; run += 1) {
    const started = performance.now()
    const calendar = serviceCalendar(db, service, days, site.timeZone, systemClock.now())
    const readAt = performance.now()
    const month = freeDays(calendar, days.first, days.last)
    const ended = performance.now()
    if (run < WARM_UP) continue
    total.push(ended - started)
    read.push(readAt - started)
    layOut.push(ended - readAt)
    freeSlots = month.reduce((sum, day) => sum + day.free.length, 0)
  }
  const latencies = percentiles(total)
  if (freeSlots === 0) throw new Error(`${service.name} (${provider.email}) shows no free slot`)
  return {
    name: service.name,
    slotMinutes: service.rules.slotMinutes,
    freeSlots,
    total: latencies,
    readP50Ms: percentiles(read).p50Ms,
    layOutP50Ms: percentiles(layOut).p50Ms,
    met: latencies.p99Ms <= BOOKING_MONTH_TARGET.p99Ms,
  }
}

/** The report's lines, and whether the target holds for each service. */
export function formatBookingMonth(result: BookingMonthResult): string {
  const ms = (value: number) => value.toFixed(2)
  return [
    `Month of free slots (${result.month}, ${result.timeZone}; one store, ${result.bookings} ` +
      `bookings of which ${result.holding} hold time; serviceCalendar + freeDays, ` +
      `${result.iterations} reads):`,
    ...result.services.flatMap((service) => [
      `  ${service.name} (${service.slotMinutes}-minute slots, ${service.freeSlots} free): ` +
        `p50 ${ms(service.total.p50Ms)}, p95 ${ms(service.total.p95Ms)}, ` +
        `p99 ${ms(service.total.p99Ms)}, max ${ms(service.total.maxMs)} ms ` +
        `(read ${ms(service.readP50Ms)} + lay out ${ms(service.layOutP50Ms)} ms at p50)`,
      `  ${service.met ? 'met   ' : 'MISSED'}  target p99 ≤ ${BOOKING_MONTH_TARGET.p99Ms} ms`,
    ]),
  ].join('\n')
}

/** A fresh database's market, as the demo town's would be set up. */
function setUpMarket(db: Db): Site {
  const opened = openMarketplace(db, systemClock, DEMO_SITE, {
    email: `bench-operator-${randomBytes(3).toString('hex')}@example.com`,
    displayName: 'Bench operator',
    passwordHash: 'not a password hash',
  })
  if (!opened.ok) throw new Error(`the bench market could not be set up: ${opened.reason}`)
  return opened.site
}

/** The provider's store, open long hours with two days off, and its two bookable services. */
function seedProvider(db: Db, site: Site) {
  const [provider] = seedMembers(db, 'provider', 1)
  const opened = openStore(db, systemClock, provider!, {
    name: `Bench Barber ${randomBytes(3).toString('hex')}`,
    bio: '',
    area: 'Tanji',
    latitude: null,
    longitude: null,
    phone: '',
    showPhone: false,
    whatsapp: '',
    showWhatsapp: false,
    mobileMoney: '',
    bankDetails: '',
    skills: [],
  })
  if (!opened.ok) throw new Error(`the bench store could not open: ${opened.reason}`)
  const storeId = opened.store.id
  setWeeklyHours(db, storeId, weekOf(HOURS))
  const service = (name: string, minutes: number, rules: Partial<BookingRulesInput>) => {
    // Two months ahead: next month is bookable from its first day to its last.
    const booking = { ...DEFAULT_BOOKING_RULES, horizonDays: 62, ...rules }
    const created = createListing(db, systemClock, provider!, {
      kind: 'service',
      title: name,
      description: 'Booked for the month-view bench.',
      tags: [],
      categoryId: 116,
      packages: [{ name: 'Standard', included: '', price: 30_000, turnaroundDays: null }],
      serviceLocations: ['provider'],
      durationMinutes: minutes,
      booking,
    })
    if (!created.ok) throw new Error(`"${name}" was refused: ${created.reason}`)
    const id = created.listing.id
    if (!changeListingStatus(db, systemClock, provider!, id, 'publish').ok)
      throw new Error(`"${name}" could not be published`)
    const listing = findVisibleListing(db, provider!, id)
    if (!listing?.booking) throw new Error(`"${name}" is not bookable`)
    return { name, id, storeId, rules: listing.booking, unitId: listing.packages[0]!.id }
  }
  const services = [
    service('Haircut', 30, { instantBook: true }),
    service('Haircut and beard', 60, { bufferMinutes: 10 }),
  ]
  // Days off in the month measured: one in its first week, one in its third.
  const month = monthDays(nextMonth(site.timeZone))!
  for (const date of [addDays(month.first, 3), addDays(month.first, 17)])
    addDayOff(db, storeId, { date, note: 'Family wedding' })
  return { provider: provider!, services }
}

type Placed = { code: string; buyer: SessionMember }

/** Buyers book free times on random days of the month, through placeBooking. */
function placeMonth(
  db: Db,
  site: Site,
  random: () => number,
  seeded: {
    services: (BookableService & { unitId: number })[]
    buyers: SessionMember[]
    days: { first: string; last: string }
  },
): Placed[] {
  const { services, buyers, days } = seeded
  const deps = { db, clock: systemClock, bus: localBus() }
  const dates: string[] = []
  for (let date = days.first; date <= days.last; date = addDays(date, 1)) dates.push(date)
  const placed: Placed[] = []
  for (let tries = 0; placed.length < BOOKINGS && tries < BOOKINGS * 4; tries += 1) {
    const service = random() < 0.7 ? services[0]! : services[1]!
    const date = dates[Math.floor(random() * dates.length)]!
    const calendar = serviceCalendar(
      db,
      service,
      { first: date, last: date },
      site.timeZone,
      deps.clock.now(),
    )
    const free = freeDays(calendar, date, date)[0]!.free
    if (free.length === 0) continue
    const slot = free[Math.floor(random() * free.length)]!
    const buyer = buyers[Math.floor(random() * buyers.length)]!
    const result = placeBooking(deps, site, buyer, {
      checkoutKey: randomBytes(8).toString('hex'),
      listingId: service.id,
      unitId: service.unitId,
      start: slot.start,
      fulfilment: 'provider',
      address: '',
      note: '',
      contactPhone: '',
      paymentMethod: 'cash',
    })
    if (!result.ok) throw new Error(`a bench booking was refused: ${JSON.stringify(result)}`)
    placed.push({ code: result.order.code, buyer })
  }
  return placed
}

/** A tenth of the buyers cancel (a request, or a confirmed booking ahead of its window). */
function cancelSome(db: Db, random: () => number, placed: Placed[]): number {
  const deps = { db, clock: systemClock, bus: localBus() }
  let cancelled = 0
  for (const { code, buyer } of placed) {
    if (random() >= CANCELLED_SHARE) continue
    const access = findOrderForMember(db, buyer, code)
    if (access && takeOrderStep(deps, access, 'cancel', '').ok) cancelled += 1
  }
  return cancelled
}

/** The calendar month after today's in the market's time zone, "YYYY-MM". */
function nextMonth(timeZone: string): string {
  const [year, month] = calendarDate(systemClock.now(), timeZone).split('-').map(Number)
  const next = new Date(Date.UTC(year!, month!, 1))
  return next.toISOString().slice(0, 7)
}

function weekOf(days: readonly string[]): WeeklyHours {
  const hours: WeeklyHours = {}
  days.forEach((text, index) => {
    const read = readDayHours(text)
    if (!read.ok) throw new Error(`bench hours "${text}" were refused: ${read.message}`)
    if (read.ranges.length > 0) hours[index + 1] = read.ranges
  })
  return hours
}

function seedMembers(db: Db, kind: string, count: number): SessionMember[] {
  const run = randomBytes(3).toString('hex')
  return Array.from({ length: count }, (_, index) => {
    const row = insertMember(
      db,
      systemClock,
      {
        email: `bench-${kind}-${run}-${index}@example.com`,
        displayName: `Bench ${kind} ${index}`,
        // Never signed in with: the bench calls the models directly.
        passwordHash: 'not a password hash',
      },
      'member',
      { emailVerified: true },
    )!
    return { id: row.id, email: row.email, displayName: row.displayName, role: row.role }
  })
}

function percentiles(samples: number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (share: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]! : 0
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? 0 }
}

/** A migrated database of its own in `dir`, for the bench run alone. */
export function freshBenchDatabase(dir: string): string {
  const path = `${dir}/souk.sqlite`
  const db = openDatabase(path)
  try {
    migrateDatabase(db)
  } finally {
    db.$client.close()
  }
  return path
}
