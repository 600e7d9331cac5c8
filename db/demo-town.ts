// The demo town: a believable marketplace to try Souk in and to benchmark against. Everything
// comes from a seeded PRNG, so the same seed always gives the same townspeople. It grows one
// `seed…` function per feature, each called from seedDemoTown in dependency order.
import { sql } from 'drizzle-orm'
import type { Db } from '../src/db'
import { DAY, systemClock, type Clock } from '../src/lib/clock'
import { hashPassword } from '../src/models/password'
import { findSite, type Site } from '../src/models/site'
import { seedStores } from './demo-stores'
import { members, setupTokens, site } from './schema'

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
  clock?: Clock
}

export type DemoSignIn = { email: string; displayName: string; role: 'operator' | 'member' }

export type DemoTown = {
  site: Site
  operator: DemoSignIn
  /** The operator and the first few members: enough to try every side of the marketplace. */
  signIns: DemoSignIn[]
  memberCount: number
  storeCount: number
}

export type SeedDemoTownResult =
  { ok: true; town: DemoTown } | { ok: false; reason: 'already_set_up' }

const MEMBERS_SHOWN = 3
/** The town "opened" a year ago, so join dates (and later orders) spread over a real history. */
const TOWN_AGE = 365 * DAY

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0]
type Random = () => number
type Townsperson = DemoSignIn & { joinedAt: Date }

/**
 * Fills an empty marketplace with a demo town; refuses (and changes nothing) once one is set up.
 * @example await seedDemoTown(db, { seed: 7, members: 2000 })
 */
export async function seedDemoTown(
  db: Db,
  options: DemoTownOptions = {},
): Promise<SeedDemoTownResult> {
  const { seed = 1, members: memberCount = 40, clock = systemClock } = options
  if (!Number.isSafeInteger(memberCount) || memberCount < 0)
    throw new RangeError(`members must be a whole number ≥ 0, got ${memberCount}`)
  if (findSite(db)) return { ok: false, reason: 'already_set_up' }

  // argon2 is slow on purpose (tens of ms): hash once, outside the write transaction, and share it.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const random = mulberry32(seed)
  const now = clock.now().getTime()
  const openedAt = now - TOWN_AGE
  const people = inviteTownspeople(random, memberCount, openedAt, now)

  // One transaction: a hundred thousand inserts commit with one fsync, and a failure leaves the
  // marketplace empty rather than half a town.
  return db.transaction((tx): SeedDemoTownResult => {
    if (tx.select().from(site).get()) return { ok: false, reason: 'already_set_up' }
    const seededSite = seedSite(tx, openedAt)
    seedMembers(tx, people, passwordHash)
    const storeCount = seedStores(tx, random, people)
    // Listings arrive with the listings feature: seedListings goes here, drawing from the same
    // `random` stream.
    const signIns = people
      .slice(0, 1 + MEMBERS_SHOWN)
      .map(({ email, displayName, role }) => ({ email, displayName, role }))
    return {
      ok: true,
      town: { site: seededSite, operator: signIns[0]!, signIns, memberCount, storeCount },
    }
  })
}

/** The site row as first-run setup would write it; the setup link is withdrawn at the same time. */
function seedSite(tx: Transaction, openedAt: number): Site {
  tx.delete(setupTokens).run()
  return tx
    .insert(site)
    .values({ id: 1, ...DEMO_SITE, setupCompletedAt: new Date(openedAt) })
    .returning()
    .get()
}

function seedMembers(tx: Transaction, people: Townsperson[], passwordHash: string) {
  // Prepared once and run per row: building the SQL 100 000 times would cost more than SQLite does.
  const insertMember = tx
    .insert(members)
    .values({
      email: sql.placeholder('email'),
      displayName: sql.placeholder('displayName'),
      passwordHash: sql.placeholder('passwordHash'),
      role: sql.placeholder('role'),
      createdAt: sql.placeholder('joinedAt'),
    })
    .prepare()
  for (const person of people) insertMember.run({ ...person, passwordHash })
}

/** The operator first (joined when the town opened), then members in the order they joined. */
function inviteTownspeople(
  random: Random,
  memberCount: number,
  openedAt: number,
  now: number,
): Townsperson[] {
  const emailsTaken = new Map<string, number>()
  const person = (role: DemoSignIn['role'], joinedAt: number): Townsperson => {
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
