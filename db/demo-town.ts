// The demo town: a believable marketplace to try Souk in and to benchmark against. Everything
// comes from a seeded PRNG, so the same seed always gives the same townspeople. It grows one
// `seed…` function per feature, each called from seedDemoTown in dependency order, and writes
// only through the model functions, as the members themselves would: whatever the models keep
// in step (search index, events, ledger) holds for demo data too. Never insert rows directly here.
import type { Db } from '../src/db'
import { clockAt, DAY, systemClock, type Clock } from '../src/lib/clock'
import { insertMember, type Member } from '../src/models/member'
import { hashPassword } from '../src/models/password'
import type { SessionMember } from '../src/models/session'
import { findSite, openMarketplace, type Site } from '../src/models/site'
import { seedListingViews } from './demo-activity'
import { seedBookings } from './demo-bookings'
import { seedConversations } from './demo-conversations'
import { seedListings } from './demo-listings'
import { seedOrders } from './demo-orders'
import { seedRequests } from './demo-requests'
import { seedReviews } from './demo-reviews'
import {
  encodeReviewPictures,
  listingPhotoPicker,
  seedStorePhotos,
  storeDemoPictures,
} from './demo-photos'
import { seedStores, type Resident } from './demo-stores'

/** Every demo account signs in with this; it is printed, so it must never guard real data. */
export const DEMO_PASSWORD = 'demo password 2026'
export const DEMO_EMAIL_DOMAIN = 'demo.souk'

export const DEMO_SITE = {
  marketName: 'Tanji Market',
  town: 'Tanji',
  currency: 'GMD',
  locale: 'en-GM',
  timeZone: 'Africa/Banjul',
} as const

export type DemoTownOptions = {
  seed?: number
  /** Members besides the operator. */
  members?: number
  /** About how many listings in all; without it, each storefront gets one to four. */
  listings?: number
  /** Where photo variants go; without it the town has no photos (and seeds faster). */
  uploadsDir?: string
  clock?: Clock
}

/** A printed demo account; `provider` marks the member who sells (has a storefront). */
export type DemoSignIn = {
  email: string
  displayName: string
  role: 'operator' | 'provider' | 'member'
}

export type DemoTown = {
  site: Site
  operator: DemoSignIn
  /** The operator and the first few members: enough to try every side of the marketplace. */
  signIns: DemoSignIn[]
  memberCount: number
  storeCount: number
  listingCount: number
  /** Distinct pictures stored; every listing, storefront and portfolio photo is one of them. */
  pictureCount: number
  /** Orders placed, bookings and hires from requests included. */
  orderCount: number
  /** Bookings of the town's bookable services: requested, confirmed, done, missed or cancelled. */
  bookingCount: number
  /** Reviews written, and how many of them are published (the rest wait: double-blind). */
  reviewCount: number
  publishedReviewCount: number
  conversationCount: number
  /** Requests posted (in every state), proposals sent on them, and how many were hired. */
  requestCount: number
  proposalCount: number
  hiredCount: number
}

export type SeedDemoTownResult =
  { ok: true; town: DemoTown } | { ok: false; reason: 'already_set_up' }

const MEMBERS_SHOWN = 3
/** The town "opened" a year ago, so join dates (and later orders) spread over a real history. */
const TOWN_AGE = 365 * DAY
/** Mixed into the seed for the photo choices' own stream (any fixed number would do). */
const PICTURE_STREAM = 0x70686f74
/** The same for the listing views' stream. */
const VIEWS_STREAM = 0x76696577
/** The same for the orders' stream. */
const ORDERS_STREAM = 0x6f726473
/** The same for the reviews' stream. */
const REVIEWS_STREAM = 0x72657673
/** The same for the bookings' stream. */
const BOOKINGS_STREAM = 0x626f6f6b
/** The same for the requests' stream. */
const REQUESTS_STREAM = 0x72657173

type Random = () => number
type Townsperson = Omit<DemoSignIn, 'role'> & { role: 'operator' | 'member'; joinedAt: Date }

/**
 * Fills an empty marketplace with a demo town; refuses (and changes nothing) once one is set up.
 * @example await seedDemoTown(db, { seed: 7, members: 2000 })
 */
export async function seedDemoTown(
  db: Db,
  options: DemoTownOptions = {},
): Promise<SeedDemoTownResult> {
  const { seed = 1, members: memberCount = 40, listings, uploadsDir, clock = systemClock } = options
  for (const [name, value] of [
    ['members', memberCount],
    ['listings', listings ?? 0],
  ] as const)
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`)
  if (findSite(db)) return { ok: false, reason: 'already_set_up' }

  // Every townsperson gets the same password, so it is hashed once and every member is written
  // with that hash through insertMember, the model's own insert for a prepared member (sign-up
  // and setup use it too). Hashing per member with argon2 (tens of ms, on purpose) would make a
  // 100 000-member town take most of an hour; what differs per member (email, name) the
  // generator already gives in the normalised form prepareMember would.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  // sharp is async and slow too: pictures are encoded and stored before the transaction. Should
  // the transaction then find a marketplace after all, the orphan sweep removes them.
  const pictures = uploadsDir ? await storeDemoPictures(db, uploadsDir, clock) : undefined
  const reviewPictures = uploadsDir ? await encodeReviewPictures(uploadsDir) : []
  const random = mulberry32(seed)
  const now = clock.now().getTime()
  const openedAt = now - TOWN_AGE
  const people = inviteTownspeople(random, memberCount, openedAt, now)

  // The town's history replayed through the models, each step with a clock stopped at the moment
  // it happened. One transaction around it all (the models' own become savepoints): a hundred
  // thousand writes commit with one fsync, and a failure leaves the marketplace empty rather than
  // half a town.
  return db.transaction((): SeedDemoTownResult => {
    const [operator, ...members] = people
    const { email, displayName } = operator!
    const setUp = openMarketplace(db, clockAt(openedAt), DEMO_SITE, {
      email,
      displayName,
      passwordHash,
    })
    if (!setUp.ok) {
      if (setUp.reason === 'already_set_up') return { ok: false, reason: 'already_set_up' }
      throw new Error(`the demo town could not be set up: ${setUp.reason}`)
    }
    const residents: Resident[] = [
      { ...operator!, member: sessionMember(setUp.operator) },
      ...members.map((person) => ({ ...person, member: join(db, person, passwordHash) })),
    ]
    const openedStores = seedStores(db, random, residents)
    // Photos draw from a stream of their own, so a town with photos has exactly the listings of
    // one without.
    const pictureRandom = mulberry32(seed ^ PICTURE_STREAM)
    if (pictures) seedStorePhotos(db, pictureRandom, openedStores, pictures)
    const seededListings = seedListings(db, random, openedStores, {
      total: listings,
      now,
      photos: pictures && listingPhotoPicker(pictureRandom, pictures),
    })
    seedListingViews(db, mulberry32(seed ^ VIEWS_STREAM), seededListings, now)
    // The operator, a provider with listings (to try "My listings"), then buyers.
    const providerStore = openedStores[0]
    const provider = providerStore?.owner
    const buyers = residents
      .slice(1)
      .filter((person) => person.email !== provider?.email)
      .slice(0, provider ? MEMBERS_SHOWN - 1 : MEMBERS_SHOWN)
    const orderCount = seedOrders(db, mulberry32(seed ^ ORDERS_STREAM), {
      site: setUp.site,
      operator: residents[0]!,
      provider: providerStore,
      buyers,
      residents,
      listings: seededListings,
      now,
    })
    // Bookings come after the orders (their own stream: the orders stay as they were) and
    // before the reviews, so completed bookings are reviewed like any order.
    const bookingCount = seedBookings(db, mulberry32(seed ^ BOOKINGS_STREAM), {
      site: setUp.site,
      operator: residents[0]!,
      provider: providerStore,
      buyers,
      residents,
      listings: seededListings,
      now,
    })
    // Requests after the bookings (their own stream again): a hire is an order, and the
    // orders and bookings stay as they were. Hires start accepted, so no review waits on them.
    const requests = seedRequests(db, mulberry32(seed ^ REQUESTS_STREAM), {
      site: setUp.site,
      provider: providerStore,
      buyers,
      residents,
      listings: seededListings,
      now,
    })
    const reviews = seedReviews(db, mulberry32(seed ^ REVIEWS_STREAM), {
      keepOpenFor: buyers[0]?.member.id,
      now,
      photos: reviewPictures,
    })
    const conversationCount = seedConversations(db, {
      provider: providerStore,
      buyers,
      listings: seededListings,
      now,
    })
    const signIns: DemoSignIn[] = [
      { email: operator!.email, displayName: operator!.displayName, role: 'operator' },
      ...(provider
        ? [{ email: provider.email, displayName: provider.displayName, role: 'provider' as const }]
        : []),
      ...buyers.map(({ email, displayName }) => ({ email, displayName, role: 'member' as const })),
    ]
    return {
      ok: true,
      town: {
        site: setUp.site,
        operator: signIns[0]!,
        signIns,
        memberCount,
        storeCount: openedStores.length,
        listingCount: seededListings.length,
        pictureCount: pictures?.size ?? 0,
        orderCount: orderCount + bookingCount + requests.hired,
        bookingCount,
        reviewCount: reviews.written,
        publishedReviewCount: reviews.published,
        conversationCount,
        requestCount: requests.requests,
        proposalCount: requests.proposals,
        hiredCount: requests.hired,
      },
    }
  })
}

/** A member joins on their day, with the shared demo password's hash. */
function join(db: Db, person: Townsperson, passwordHash: string): SessionMember {
  const { email, displayName, joinedAt } = person
  const member = insertMember(
    db,
    clockAt(joinedAt),
    { email, displayName, passwordHash },
    'member',
    // Addresses at example.com that no mail reaches: verified, or no demo store could open.
    { emailVerified: true },
  )
  if (!member) throw new Error(`the demo town gave two members the address ${email}`)
  return sessionMember(member)
}

function sessionMember({ id, email, displayName, role }: Member): SessionMember {
  return { id, email, displayName, role }
}

/** The operator first (joined when the town opened), then members in the order they joined. */
function inviteTownspeople(
  random: Random,
  memberCount: number,
  openedAt: number,
  now: number,
): Townsperson[] {
  const emailsTaken = new Map<string, number>()
  const person = (role: 'operator' | 'member', joinedAt: number): Townsperson => {
    const { firstName, lastName } = pickName(random)
    const email = uniqueEmail(emailsTaken, `${emailPart(firstName)}.${emailPart(lastName)}`)
    return { email, displayName: `${firstName} ${lastName}`, role, joinedAt: new Date(joinedAt) }
  }
  const operator = person('operator', openedAt)
  const joinTimes = Array.from(
    { length: memberCount },
    () => openedAt + Math.floor(random() * (now - openedAt)),
  ).sort((a, b) => a - b)
  return [operator, ...joinTimes.map((joinedAt) => person('member', joinedAt))]
}

/** awa.jallow, then awa.jallow2, awa.jallow3 … — a big town has namesakes. */
function uniqueEmail(taken: Map<string, number>, localPart: string): string {
  const seen = (taken.get(localPart) ?? 0) + 1
  taken.set(localPart, seen)
  return `${seen === 1 ? localPart : `${localPart}${seen}`}@${DEMO_EMAIL_DOMAIN}`
}

/** "El Amrani" → "elamrani", "Jürgen" → "jurgen": plain ASCII, as people type it on a phone. */
function emailPart(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
}

function pickName(random: Random) {
  let roll = random() * TOTAL_WEIGHT
  const community = COMMUNITIES.find((candidate) => (roll -= candidate.weight) < 0)!
  const firstNames = random() < 0.5 ? community.women : community.men
  return { firstName: pick(random, firstNames), lastName: pick(random, community.lastNames) }
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

/** mulberry32: tiny, fast and good enough for demo data; the same seed gives the same stream. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Who lives in Tanji: mostly Gambian families, a Moroccan community of traders, and a few
// Europeans who came for the fishing or the sun. Weights are rough shares of the town.
const COMMUNITIES = [
  {
    weight: 75,
    women: names(`Awa, Fatou, Mariama, Isatou, Binta, Kaddy, Haddy, Ndey, Aji, Oumie, Jainaba,
      Sainabou, Fatoumata, Nyima, Ramatoulie, Adama, Kumba, Hawa, Amie, Satou, Neneh, Rohey`),
    men: names(`Ebrima, Lamin, Modou, Ousman, Alieu, Momodou, Bakary, Sheriff, Omar, Musa,
      Abdoulie, Kebba, Yankuba, Babucarr, Saikou, Amadou, Malick, Buba, Sulayman, Dawda, Foday,
      Seedy, Ansumana, Pa`),
    lastNames: names(`Jallow, Ceesay, Sowe, Bah, Jammeh, Touray, Njie, Jobe, Sanneh, Darboe,
      Camara, Jatta, Drammeh, Manneh, Bojang, Sarr, Faye, Secka, Sillah, Conteh, Saidy, Colley,
      Janneh, Badjie, Kinteh, Fofana, Gaye, Mbye, Sonko, Sambou, Barrow, Fatty, Hydara, Marong,
      Nyang, Cham`),
  },
  {
    weight: 17,
    women: names(`Fatima, Khadija, Amina, Imane, Salma, Nadia, Samira, Zineb, Houda, Meryem,
      Loubna, Siham`),
    men: names(`Youssef, Yassine, Mehdi, Hamza, Rachid, Karim, Hicham, Mohammed, Anas, Driss,
      Abdelkader, Said`),
    lastNames: names(`El Amrani, Benali, Alaoui, Bennani, Tazi, Idrissi, Berrada, Chraibi,
      El Fassi, Ouazzani, Benjelloun, Lahlou, Naciri, Saadi`),
  },
  {
    weight: 8,
    women: names('Anna, Sophie, Marta, Claire, Ingrid, Hanna, Lucía, Eva'),
    men: names('Lars, Thomas, Jan, Pieter, Luca, Jürgen, Niels, Hugo'),
    lastNames: names(`Johansson, de Vries, Müller, Jansen, Rossi, Dubois, García, Novak,
      Andersen, O’Brien`),
  },
]

const TOTAL_WEIGHT = COMMUNITIES.reduce((sum, community) => sum + community.weight, 0)

/** Names are listed comma-separated because some ("El Amrani", "de Vries") contain spaces. */
function names(list: string): string[] {
  return list.split(',').map((name) => name.trim())
}
