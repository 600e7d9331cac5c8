// Demo storefronts: about a third of the townspeople sell something. Drawn from the same seeded
// stream as the rest of the demo town, so a seed always gives the same shops.
import type { Db } from '../src/db'
import { clockAt } from '../src/lib/clock'
import type { SessionMember } from '../src/models/session'
import { openStore, type StoreFields } from '../src/models/store'
import type { TradeKey } from './demo-catalog'

type Random = () => number
/** A townsperson who is a member by now: the member acts, the join date sets the clock. */
export type Resident = { email: string; displayName: string; joinedAt: Date; member: SessionMember }

/** What later seeds (listings, photos) need to know about a storefront that opened. */
export type DemoStore = {
  id: number
  slug: string
  owner: SessionMember
  trade: TradeKey
  openedAt: number
}

/** Share of members who open a storefront. */
const SELLER_SHARE = 0.35
/**
 * Tanji, on the Gambian coast, and the places around it a storefront names as its area, each
 * with its own middle: storefronts scatter about a kilometre around theirs, so searching "near
 * Brufut" finds Brufut's shops first and Sanyang road's some 10 km further.
 */
const AREAS = [
  { name: 'Tanji village', latitude: 13.3531, longitude: -16.7953 },
  { name: 'Tanji beach road', latitude: 13.3605, longitude: -16.8021 },
  { name: 'Brufut', latitude: 13.3792, longitude: -16.7497 },
  { name: 'Madiyana', latitude: 13.3402, longitude: -16.7731 },
  { name: 'Sanyang road', latitude: 13.2902, longitude: -16.7812 },
  { name: 'Ghana Town', latitude: 13.3651, longitude: -16.7802 },
]
/** How far (in degrees, about 1.1 km) a storefront may sit from the middle of its area. */
const AREA_SPREAD = 0.02

export const TRADES: {
  key: TradeKey
  name: (first: string) => string
  skills: string
  bio: string
}[] = [
  {
    key: 'plumbing',
    name: (first) => `${first}'s Plumbing`,
    skills: 'plumbing,leaks,water tanks,emergency call-outs',
    bio: 'Leaking taps, blocked drains, new water tanks.\nI come the same day when I can.\n\nFair prices, clean work.',
  },
  {
    key: 'electrical',
    name: (first) => `${first} Electrical`,
    skills: 'wiring,solar panels,meters',
    bio: 'House wiring, sockets, solar panels and batteries.\nTwelve years in the trade.',
  },
  {
    key: 'tailoring',
    name: (first) => `${first}'s Tailoring`,
    skills: 'tailoring,alterations,wedding outfits',
    bio: 'Alterations while you wait.\nWedding and naming-ceremony outfits to order.',
  },
  {
    key: 'kitchen',
    name: (first) => `${first}'s Kitchen`,
    skills: 'catering,domoda,benachin,yassa',
    bio: 'Home cooking for parties and family days.\nOrder two days ahead.',
  },
  {
    key: 'honey',
    name: (first) => `${first} Honey & Preserves`,
    skills: 'honey,mango jam,baobab',
    bio: 'Honey from our own hives near the forest park.\nMango and baobab jams in season.',
  },
  {
    key: 'lessons',
    name: (first) => `Lessons with ${first}`,
    skills: 'maths,english,exam preparation',
    bio: 'Patient tutoring for school pupils: maths, English, exam practice.\nAt your home or mine.',
  },
  {
    key: 'hair',
    name: (first) => `${first} Hair & Braids`,
    skills: 'braiding,hair,weddings',
    bio: 'Braids, twists and wedding hair.\nI come to you for groups of three or more.',
  },
  {
    key: 'phone-repair',
    name: (first) => `${first} Phone Repair`,
    skills: 'phone repair,screens,batteries',
    bio: 'Cracked screens and tired batteries fixed in an hour for most phones.',
  },
  {
    key: 'fish',
    name: (first) => `${first}'s Fresh Fish`,
    skills: 'fish,bonga,ladyfish',
    bio: 'Straight from the Tanji boats every morning.\nCleaned and cut as you like.',
  },
  {
    key: 'cleaning',
    name: (first) => `${first} Cleaning`,
    skills: 'house cleaning,laundry,move-out cleaning',
    bio: 'Weekly house cleaning and laundry.\nReliable, and I bring my own supplies.',
  },
  {
    key: 'designs',
    name: (first) => `${first} Designs`,
    skills: 'logos,flyers,signs',
    bio: 'Logos, flyers and shop signs for small businesses.\nFirst draft in two days.',
  },
  {
    key: 'second-hand',
    name: (first) => `${first}'s Second-hand Corner`,
    skills: 'bikes,furniture,phones',
    bio: 'Good used bikes, furniture and phones, checked and cleaned.',
  },
]

/**
 * Opens a storefront for about a third of the members, each through openStore on the day its
 * owner joined (so its address is the one the model gives); returns them in the order they opened.
 */
export function seedStores(db: Db, random: Random, people: Resident[]): DemoStore[] {
  const opened: DemoStore[] = []
  // The operator runs the market and does not sell; members open shops.
  for (const person of people.slice(1)) {
    if (random() >= SELLER_SHARE) continue
    const trade = TRADES[Math.floor(random() * TRADES.length)]!
    const name = trade.name(person.displayName.split(' ')[0]!)
    const phone = `+220 ${7 + Math.floor(random() * 3)}${digits(random, 2)} ${digits(random, 4)}`
    const area = AREAS[Math.floor(random() * AREAS.length)]!
    const fields: StoreFields = {
      name,
      bio: trade.bio,
      area: area.name,
      latitude: round(area.latitude + (random() - 0.5) * AREA_SPREAD),
      longitude: round(area.longitude + (random() - 0.5) * AREA_SPREAD),
      phone,
      showPhone: random() < 0.7,
      whatsapp: phone,
      showWhatsapp: random() < 0.8,
      // Most small traders take mobile money on the phone they trade from; few give bank details.
      mobileMoney: `Wave ${phone.replace(/^\+220 /, '')}`,
      bankDetails: '',
      skills: trade.skills.split(','),
    }
    const result = openStore(db, clockAt(person.joinedAt), person.member, fields)
    if (!result.ok) throw new Error(`${person.email} could not open a storefront: ${result.reason}`)
    opened.push({
      id: result.store.id,
      slug: result.store.slug,
      owner: person.member,
      trade: trade.key,
      openedAt: person.joinedAt.getTime(),
    })
  }
  return opened
}

function digits(random: Random, count: number): string {
  return Array.from({ length: count }, () => Math.floor(random() * 10)).join('')
}

function round(coordinate: number): number {
  return Math.round(coordinate * 1e5) / 1e5
}
