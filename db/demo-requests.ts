// Demo requests (issue 13): townspeople post what they need — a tank connected before the rains,
// a maths tutor, a dress taken in — and stores that sell in its category answer with proposals,
// through the models as they would: postRequest with the request form's input, propose with the
// proposal form's (again, to revise it), withdrawProposal, acceptProposal into an accepted service
// order, withdrawRequest, each with a clock stopped at its moment; a request whose time ran out
// is written down by expireRequests, run when the recurring job would have run. Nothing here
// writes a request or proposal row.
//
// A fixed cast of stories over the last three weeks gives every state: most still open, a few
// hired, one withdrawn, one expired. The first printed buyer has proposals to compare, one hired
// and one taken back; the printed provider finds open requests in their own categories, two
// still to answer and one they answered. Each story takes a need its town can meet: one in the
// category of stores of the right trade that had a listing on sale when it was posted, so a
// small town with few trades tells fewer stories rather than odd ones.
import { eq } from 'drizzle-orm'
import type { Db } from '../src/db'
import { clockAt, DAY, HOUR, MINUTE } from '../src/lib/clock'
import { addDays, calendarDate, wallClockInstant } from '../src/lib/dates'
import { REQUEST_EXPIRY_INTERVAL } from '../src/jobs/request-expiry'
import { localBus } from '../src/live/bus'
import { needsAddress, type Fulfilment } from '../src/models/checkout'
import { storePaymentMethods } from '../src/models/payment-methods'
import { listPlaces } from '../src/models/place'
import { acceptProposal, placesOf } from '../src/models/request/hiring'
import {
  proposablePackages,
  propose,
  withdrawProposal,
  type Proposal,
} from '../src/models/request/proposal'
import {
  expireRequests,
  postRequest,
  topCategoryOf,
  withdrawRequest,
  type RequestDeps,
  type ServiceRequest,
} from '../src/models/request/request'
import {
  proposalSchema,
  requestSchema,
  type RequestPlace,
  type RequestVisibility,
} from '../src/models/request/request-input'
import type { Site } from '../src/models/site'
import { findStoreOfMember, type Store } from '../src/models/store'
import { gmd, type TradeKey } from './demo-catalog'
import type { DemoListing } from './demo-listings'
import type { DemoStore, Resident } from './demo-stores'
import { serviceRequests } from './schema'

type Random = () => number

/** How a request's story ends. */
type Ending = 'open' | 'hired' | 'withdrawn' | 'expired'
/** What the buyer says about money: least and most, one of them, or nothing ("make me an offer"). */
type Budget = 'range' | 'from' | 'up_to' | 'none'

type Story = {
  ending: Ending
  /** Posted by a printed buyer; without it (or when they could not), by another townsperson. */
  buyer?: 0 | 1
  /** In the printed provider's categories: left for them to answer, or answered by them too. */
  provider?: 'to_answer' | 'answered'
  /** How many days ago it was posted, at least and at most. */
  posted: [number, number]
  openFor: 7 | 14 | 30
  /** Proposals it gets (fewer when fewer stores could send one); the printed provider's counts. */
  proposals: number
  budget: Budget
  visibility?: RequestVisibility
  /** Its last proposal is sent again, cheaper: revised in place. */
  revise?: true
  /** Its last proposal is taken back by its store. */
  withdrawOne?: true
}

/**
 * Every state, the printed accounts in most. Stories for the printed provider come first so the
 * needs of their trade are still free; an open story is posted less than `openFor` days ago.
 */
const CAST: Story[] = [
  {
    ending: 'open',
    provider: 'to_answer',
    posted: [1, 3],
    openFor: 7,
    proposals: 2,
    budget: 'from',
  },
  {
    ending: 'open',
    provider: 'to_answer',
    posted: [0, 0],
    openFor: 14,
    proposals: 0,
    budget: 'range',
    visibility: 'category',
  },
  {
    ending: 'open',
    provider: 'answered',
    posted: [4, 8],
    openFor: 30,
    proposals: 2,
    budget: 'up_to',
  },
  // The first printed buyer: proposals to compare (one revised, one taken back), a hire, and a
  // request taken back.
  {
    ending: 'open',
    buyer: 0,
    posted: [2, 5],
    openFor: 14,
    proposals: 3,
    budget: 'range',
    revise: true,
  },
  {
    ending: 'open',
    buyer: 0,
    posted: [5, 9],
    openFor: 30,
    proposals: 3,
    budget: 'none',
    withdrawOne: true,
  },
  { ending: 'hired', buyer: 0, posted: [10, 16], openFor: 14, proposals: 3, budget: 'up_to' },
  { ending: 'withdrawn', buyer: 0, posted: [7, 12], openFor: 14, proposals: 1, budget: 'range' },
  // The second printed buyer: a hire, and a request nobody was hired for in time.
  { ending: 'hired', buyer: 1, posted: [8, 14], openFor: 30, proposals: 2, budget: 'range' },
  { ending: 'expired', buyer: 1, posted: [17, 21], openFor: 7, proposals: 1, budget: 'from' },
  // The rest of the town.
  {
    ending: 'open',
    posted: [3, 12],
    openFor: 30,
    proposals: 2,
    budget: 'range',
    visibility: 'category',
  },
  { ending: 'open', posted: [1, 5], openFor: 7, proposals: 1, budget: 'up_to' },
  { ending: 'open', posted: [5, 12], openFor: 14, proposals: 4, budget: 'range' },
  { ending: 'hired', posted: [12, 20], openFor: 30, proposals: 2, budget: 'from' },
]

/** An open request is needed by this many days from today at the soonest. */
const SOONEST_NEEDED = 3

/** A need someone in Tanji might post, and the trades whose stores would answer it. */
type Need = {
  trades: TradeKey[]
  categoryId: number
  title: string
  description: string
  /** What the buyer would pay, least and most, in dalasi; the story says how much of it they tell. */
  budget: [number, number]
  /** About what a provider asks, in dalasi. */
  price: number
  place: RequestPlace
  /** Needed this many days after posting; null: whenever suits. */
  neededIn: number | null
  /** The catalog's services whose packages fit it (demo-catalog.ts titles); absent: none do. */
  packages?: string[]
}

const lines = (...paragraphs: string[]) => paragraphs.join('\n')

// Category ids are the fixed ones of db/migrations/0002_default-categories.sql, as in the catalog.
export const NEEDS: Need[] = [
  {
    trades: ['plumbing'],
    categoryId: 101,
    title: 'Connect a water tank before the rains',
    description: lines(
      'We bought a 2000-litre tank and it is already on its stand in the yard.',
      'It needs connecting to the house line, with an overflow and a tap at the bottom.',
    ),
    budget: [2000, 3500],
    price: 2600,
    place: 'customer',
    neededIn: 14,
    packages: ['Water tank installation'],
  },
  {
    trades: ['plumbing'],
    categoryId: 101,
    title: 'Kitchen sink blocked and dripping underneath',
    description: lines(
      'Water comes back up the sink, and the pipe below drips into the cupboard.',
      'Probably the trap. Can you come this week?',
    ),
    budget: [400, 900],
    price: 550,
    place: 'customer',
    neededIn: 5,
    packages: ['Blocked drain cleared'],
  },
  {
    trades: ['plumbing'],
    categoryId: 101,
    title: 'Toilet keeps running after flushing',
    description: 'The cistern fills and fills and never stops; our water bill has doubled.',
    budget: [300, 800],
    price: 550,
    place: 'customer',
    neededIn: null,
    packages: ['Toilet cistern fix'],
  },
  {
    trades: ['electrical'],
    categoryId: 102,
    title: 'Solar for a small shop: lights, a fan and a fridge',
    description: lines(
      'My shop loses stock every time NAWEC cuts the power.',
      'I need enough solar for four lights, a fan and a drinks fridge, with a battery for the evening.',
    ),
    budget: [5000, 8000],
    price: 6000,
    place: 'customer',
    neededIn: null,
    packages: ['Solar panel installation'],
  },
  {
    trades: ['electrical'],
    categoryId: 102,
    title: 'Kitchen sockets keep tripping the breaker',
    description: lines(
      'Since last week the breaker trips whenever the kettle and the fridge are both on.',
      'Please check the wiring and tell me what it needs.',
    ),
    budget: [500, 1500],
    price: 800,
    place: 'customer',
    neededIn: 7,
    packages: ['Wiring safety check'],
  },
  {
    trades: ['electrical'],
    categoryId: 102,
    title: 'Outside light and a socket in the yard',
    description:
      'A light over the gate and a weatherproof socket by the well, wired from the house.',
    budget: [800, 1500],
    price: 1000,
    place: 'customer',
    neededIn: null,
    packages: ['New socket or light switch'],
  },
  {
    trades: ['tailoring'],
    categoryId: 121,
    title: 'Alter a wedding dress',
    description: lines(
      "My sister's wedding dress needs taking in at the waist and shortening by about 5 cm.",
      'The wedding is in three weeks, so a fitting before then would be good.',
    ),
    budget: [300, 700],
    price: 500,
    place: 'provider',
    neededIn: 18,
    packages: ['Trouser and dress alterations'],
  },
  {
    trades: ['tailoring'],
    categoryId: 121,
    title: 'Matching outfits for a naming ceremony',
    description: lines(
      'Five outfits in the same wax print: for me, my husband and our three children (4 to 10).',
      'I have the fabric, twelve yards.',
    ),
    budget: [3000, 5000],
    price: 4000,
    place: 'provider',
    neededIn: 21,
  },
  {
    trades: ['tailoring'],
    categoryId: 121,
    title: 'School uniforms: hems and buttons',
    description: 'Three uniforms from last year to let down and a few buttons to sew back on.',
    budget: [150, 400],
    price: 250,
    place: 'either',
    neededIn: 10,
    packages: ['Trouser and dress alterations'],
  },
  {
    trades: ['kitchen'],
    categoryId: 128,
    title: 'Cook for 60 guests at a naming ceremony',
    description: lines(
      'Benachin and chicken yassa for about sixty people on a Saturday.',
      'We have the big pots; you bring the cooks and serve.',
    ),
    budget: [9000, 14000],
    price: 11000,
    place: 'customer',
    neededIn: 16,
    packages: ['Party catering'],
  },
  {
    trades: ['kitchen'],
    categoryId: 128,
    title: 'Lunch for our office every Friday',
    description: lines(
      'Fifteen people, one dish of the day delivered at 13:00 each Friday.',
      'Tell us what you would cook, and the price per week.',
    ),
    budget: [1500, 2500],
    price: 2000,
    place: 'customer',
    neededIn: null,
  },
  {
    trades: ['kitchen'],
    categoryId: 128,
    title: 'Chakery and pastries for a small party',
    description:
      'About twenty guests in the afternoon: chakery, pastels and a juice if you make one.',
    budget: [800, 1500],
    price: 1200,
    place: 'either',
    neededIn: 7,
  },
  {
    trades: ['honey'],
    categoryId: 127,
    title: 'Three kilos of pure honey for a naming ceremony',
    description: 'Pure honey, not mixed, to serve to guests. Jars or one big bottle are both fine.',
    budget: [2000, 3000],
    price: 2500,
    place: 'either',
    neededIn: 10,
  },
  {
    trades: ['honey'],
    categoryId: 127,
    title: 'Wedding favours: 40 small jars of honey or jam',
    description: lines(
      'Small jars for each guest table, with a ribbon if you can.',
      'Honey, mango or baobab jam, or a mix.',
    ),
    budget: [4000, 7000],
    price: 6000,
    place: 'customer',
    neededIn: 25,
  },
  {
    trades: ['lessons'],
    categoryId: 111,
    title: 'Maths tutor for my daughter, twice a week',
    description: lines(
      'She is in grade 9, preparing for the BECE, and struggles with algebra.',
      'Two one-hour lessons a week after school, at home or online.',
    ),
    budget: [1000, 2500],
    price: 2200,
    place: 'either',
    neededIn: null,
    packages: ['Maths tutoring'],
  },
  {
    trades: ['lessons'],
    categoryId: 112,
    title: 'English lessons for my husband, online',
    description: lines(
      'He is starting a job at a hotel and wants to speak with guests more confidently.',
      'Evenings, two or three times a week.',
    ),
    budget: [1500, 3000],
    price: 3000,
    place: 'online',
    neededIn: null,
    packages: ['English lessons for adults'],
  },
  {
    trades: ['lessons'],
    categoryId: 111,
    title: 'WASSCE physics and chemistry revision',
    description: 'My son sits WASSCE this year: past papers and the topics he finds hardest.',
    budget: [800, 2000],
    price: 1200,
    place: 'provider',
    neededIn: 30,
    packages: ['WASSCE exam preparation'],
  },
  {
    trades: ['hair'],
    categoryId: 116,
    title: 'Braids for three bridesmaids',
    description: 'Shoulder-length box braids for three bridesmaids, the day before the wedding.',
    budget: [3000, 4500],
    price: 3600,
    place: 'customer',
    neededIn: 12,
  },
  {
    trades: ['hair'],
    categoryId: 118,
    title: 'Wedding make-up for the bride and her mother',
    description: 'Make-up on the morning of the wedding, and a trial the week before if possible.',
    budget: [2500, 5000],
    price: 3500,
    place: 'customer',
    neededIn: 20,
    packages: ['Wedding hair and make-up'],
  },
  {
    trades: ['hair'],
    categoryId: 116,
    title: 'Cornrows for two girls before school starts',
    description: 'Neat straight-back cornrows for my daughters, 6 and 9.',
    budget: [400, 800],
    price: 600,
    place: 'either',
    neededIn: 6,
  },
  {
    trades: ['phone-repair'],
    categoryId: 136,
    title: 'Laptop will not charge',
    description: lines(
      'HP laptop, about four years old. The charger light comes on but the battery stays at 0%.',
      'Could be the port or the battery.',
    ),
    budget: [800, 2500],
    price: 1800,
    place: 'provider',
    neededIn: 7,
  },
  {
    trades: ['phone-repair'],
    categoryId: 136,
    title: 'Tecno Spark screen cracked, touch still works',
    description: 'Dropped it on the tiles. Everything works, but the crack is spreading.',
    budget: [600, 1000],
    price: 800,
    place: 'provider',
    neededIn: null,
    packages: ['Cracked screen replacement'],
  },
  {
    trades: ['fish'],
    categoryId: 129,
    title: '15 kg of fresh fish for a wedding, cleaned',
    description:
      'Ladyfish or barracuda, cleaned and cut for the grill, early on the morning of the day.',
    budget: [3000, 5000],
    price: 4200,
    place: 'customer',
    neededIn: 9,
  },
  {
    trades: ['fish'],
    categoryId: 129,
    title: 'Fresh fish for our guesthouse every Saturday',
    description: 'About 6 kg a week from the morning boats, for a guesthouse of eight rooms.',
    budget: [1500, 2500],
    price: 1800,
    place: 'customer',
    neededIn: null,
  },
  {
    trades: ['cleaning'],
    categoryId: 109,
    title: 'Deep clean after moving out',
    description: lines(
      'Three-room flat, empty now. The kitchen needs the most work.',
      'The landlord inspects at the end of the month.',
    ),
    budget: [1500, 2500],
    price: 2000,
    place: 'customer',
    neededIn: 8,
    packages: ['Move-out deep clean'],
  },
  {
    trades: ['cleaning'],
    categoryId: 107,
    title: 'Cleaner for a guesthouse, three mornings a week',
    description: 'Eight rooms, shared kitchen and the yard. Monday, Wednesday and Friday mornings.',
    budget: [3000, 5000],
    price: 4000,
    place: 'customer',
    neededIn: null,
    packages: ['Weekly house cleaning'],
  },
  {
    trades: ['cleaning'],
    categoryId: 108,
    title: 'Washing and ironing for a family of six',
    description: 'About three baskets a week, collected on Monday and back by Thursday.',
    budget: [500, 900],
    price: 650,
    place: 'customer',
    neededIn: null,
    packages: ['Laundry and ironing'],
  },
  {
    trades: ['designs'],
    categoryId: 134,
    title: 'Logo for my juice stall',
    description: lines(
      'I sell wonjo, baobab and ginger juice by the beach.',
      'I need a simple, bright logo for the bottles and a board.',
    ),
    budget: [1500, 4000],
    price: 2500,
    place: 'online',
    neededIn: 14,
    packages: ['Logo design'],
  },
  {
    trades: ['designs'],
    categoryId: 137,
    title: 'Painted sign for a new bakery',
    description: 'A sign of about 2 m by 1 m over the door: the name, bread and a phone number.',
    budget: [2500, 4500],
    price: 3500,
    place: 'customer',
    neededIn: 20,
    packages: ['Painted shop sign'],
  },
  {
    trades: ['designs'],
    categoryId: 134,
    title: 'Flyers for a football tournament',
    description:
      'Eight teams, two weekends on the village pitch. A flyer we can print and share on WhatsApp.',
    budget: [600, 1500],
    price: 1000,
    place: 'online',
    neededIn: 10,
    packages: ['Flyer and poster design'],
  },
  {
    trades: ['second-hand'],
    categoryId: 148,
    title: "A children's bike for a 7-year-old",
    description: 'Good brakes matter more than looks. Stabilisers not needed.',
    budget: [700, 1500],
    price: 1200,
    place: 'either',
    neededIn: null,
  },
  {
    trades: ['second-hand'],
    categoryId: 144,
    title: 'Second-hand wardrobe or shelves for a new room',
    description: 'Anything solid, up to 2 m tall. Delivery would help: I have no car.',
    budget: [1500, 4000],
    price: 3000,
    place: 'customer',
    neededIn: null,
  },
]

/** What a store writes, by trade. */
const MESSAGES: Record<TradeKey, string[]> = {
  plumbing: [
    'I can come in the morning and have it working by the afternoon. Parts at cost, receipt shown.',
    'I have done many of these in the area. The price covers labour and standard fittings.',
    'I will look first and tell you if it needs more before I start: no surprises.',
  ],
  electrical: [
    'I will test every circuit first and explain what I find. The price includes the parts.',
    'Twelve years in the trade, and I give three months on my work.',
    'I can come the same week; I bring my own ladder and tester.',
  ],
  tailoring: [
    'Bring it to the workshop for a fitting and I will have it ready in a few days.',
    'I do a lot of wedding work: you will have a second fitting before the day.',
    'Happy to help. The price covers everything, thread and lining included.',
  ],
  kitchen: [
    'We cook for parties most weekends. The price covers cooking, serving and cleaning up.',
    'Happy to cook a tasting plate first so you can choose the dishes.',
    'Fresh ingredients from the market that morning, and we arrive two hours early.',
  ],
  honey: [
    'Pure honey from our own hives near the forest park, never mixed.',
    'I can deliver on the day, or you can collect from the house.',
    'I can add a ribbon and a little label with your names at no extra cost.',
  ],
  lessons: [
    'I have taught maths and English for six years. The first lesson is a short test to see where to start.',
    'I can come after school, or we do it online if that is easier.',
    'I use past papers and give homework each week, with feedback.',
  ],
  hair: [
    'I come to you with everything I need. Hair included in the price.',
    'Happy to do a trial first so the bride can choose.',
    'I do weddings most weekends: we will be done in good time.',
  ],
  'phone-repair': [
    'Bring it in: most repairs are done in an hour, and I test it with you before you pay.',
    'I stock genuine parts and give a month of warranty on the repair.',
    'I will check it for free first and tell you the exact price before repairing.',
  ],
  fish: [
    'Straight from the Tanji boats that morning, cleaned and cut as you like.',
    'I can deliver early so the fish goes straight on ice.',
    'Good catch this season: I can do it at this price if you order ahead.',
  ],
  cleaning: [
    'I bring all my own supplies. Two of us, so it is done in a day.',
    'Reliable and careful: happy to send references from other families.',
    'I can start this week and keep the same days every week.',
  ],
  designs: [
    'First ideas within two days, then changes until you are happy.',
    'I have done logos for shops on the beach road: I can show you some.',
    'You get the files for print and for WhatsApp.',
  ],
  'second-hand': [
    'I have one in good condition: checked, cleaned, and I can send photos.',
    'I can deliver it for a small fee, or you can see it at the shop first.',
    'Just came in, in very good condition. I can hold it for two days.',
  ],
}

const REVISIONS = [
  'Updated: I looked at it again and can do it for a little less.',
  'I have lowered my price: I have other work nearby that week.',
]
const HIRE_NOTES = ['', 'Please call when you are on your way.', 'Thank you! See you then.']
const ADDRESSES = [
  'Behind the Tanji fish market, green gate',
  'Brufut, the house opposite the mosque',
  'Madiyana, third compound after the bakery',
  'Sanyang road, blue gate next to the water tower',
]

export type SeedRequestsInput = {
  site: Site
  /** The printed provider, whose categories get requests to answer, and the printed buyers. */
  provider: DemoStore | undefined
  buyers: Resident[]
  residents: Resident[]
  listings: DemoListing[]
  now: number
}

export type SeededRequests = { requests: number; proposals: number; hired: number }

/** What the story needs to know about a store that may propose. */
type Seller = { store: DemoStore; row: Store }

/** Tells the cast's stories; returns how many requests and proposals were made, and hires. */
export function seedRequests(db: Db, random: Random, input: SeedRequestsInput): SeededRequests {
  const { site, now } = input
  const bus = localBus()
  const depsAt = (at: number): RequestDeps => ({ db, clock: clockAt(at), bus })
  const topOf = cached((categoryId: number) => topCategoryOf(db, categoryId) ?? categoryId)
  const today = calendarDate(new Date(now), site.timeZone)
  const town: Town = {
    db,
    site,
    random,
    depsAt,
    topOf,
    today,
    now,
    input,
    rows: new Map(),
    sellers: new Map(),
    used: new Set(),
    trades: new Set(),
  }
  const seeded: SeededRequests = { requests: 0, proposals: 0, hired: 0 }
  const expiring: ServiceRequest[] = []
  for (const story of CAST) {
    const told = tell(town, story)
    if (!told) continue
    seeded.requests += 1
    seeded.proposals += told.proposals
    if (told.hired) seeded.hired += 1
    if (story.ending === 'expired') expiring.push(told.request)
  }
  // The recurring job, at its first run after each lapse, writes the lapsed requests down.
  const runs = [...new Set(expiring.map((request) => nextJobRun(request.expiresAt.getTime())))]
  for (const at of runs.sort((a, b) => a - b)) expireRequests(depsAt(at))
  for (const request of expiring) {
    const status = db
      .select({ status: serviceRequests.status })
      .from(serviceRequests)
      .where(eq(serviceRequests.id, request.id))
      .get()?.status
    if (status !== 'expired') throw new Error(`demo: request ${request.code} is ${status}`)
  }
  return seeded
}

type Town = {
  db: Db
  site: Site
  random: Random
  depsAt: (at: number) => RequestDeps
  topOf: (categoryId: number) => number
  /** The market's calendar day now. */
  today: string
  now: number
  input: SeedRequestsInput
  /** Store rows by id, read once. */
  rows: Map<number, Store>
  /** For each need, the stores that sell in its category, since when (storesAnswering). */
  sellers: Map<Need, { store: DemoStore; since: number }[]>
  /** Needs already told, and the trades they were for: each is told once, trades in turn. */
  used: Set<Need>
  trades: Set<TradeKey>
}

type Told = { request: ServiceRequest; proposals: number; hired: boolean }

/** One story: when, who, which need, then its proposals and its end, in time order. */
function tell(town: Town, story: Story): Told | undefined {
  const { random, site, now, input } = town
  const { provider } = input
  if (story.provider && !provider) return undefined
  const postDay = addDays(town.today, -between(random, story.posted[0], story.posted[1] + 1))
  const postedAt = Math.min(
    wallClockInstant(postDay, between(random, 7 * 60, 22 * 60), site.timeZone)!.getTime(),
    now - between(random, HOUR, 3 * HOUR),
  )
  const buyer = chooseBuyer(town, story, postedAt)
  if (!buyer) return undefined
  const chosen = chooseNeed(town, story, buyer, { postedAt, postDay })
  if (!chosen) return undefined
  const { need, sellers } = chosen
  town.used.add(need)
  need.trades.forEach((trade) => town.trades.add(trade))

  // The work of an open or hired request is still to come: its days are after today.
  const ahead = story.ending === 'open' || story.ending === 'hired'
  const neededBy = neededByOf(town, need, postDay, ahead)
  const request = post(town, story, need, buyer, { postedAt, postDay, neededBy })
  const expiresAt = request.expiresAt.getTime()
  // The moment the story closes (for an open one: a little before now), and proposals before it.
  const closesAt =
    story.ending === 'hired'
      ? Math.min(awake(town, postedAt + 2 * DAY, postedAt + 5 * DAY), now - HOUR)
      : story.ending === 'withdrawn'
        ? Math.min(awake(town, postedAt + DAY, postedAt + 3 * DAY), now - HOUR)
        : story.ending === 'expired'
          ? expiresAt - HOUR
          : now - 10 * MINUTE
  const times = sellers
    .map(() => awake(town, postedAt + 20 * MINUTE, closesAt - 30 * MINUTE))
    .sort((a, b) => a - b)
  const sent: { proposal: Proposal; seller: Seller }[] = []
  sellers.forEach((seller, index) => {
    const at = times[index]!
    const proposal = send(town, seller, request, need, {
      at,
      earliestVisit: ahead
        ? addDays(town.today, 1)
        : addDays(calendarDate(new Date(at), site.timeZone), 1),
      neededBy,
      // The printed buyer's first request shows a package next to fixed prices.
      package: story.revise && index === 0 ? 'always' : 'sometimes',
    })
    sent.push({ proposal, seller })
  })
  if (story.revise && sent.length > 0) {
    const last = sent[sent.length - 1]!
    const at = awake(town, last.proposal.createdAt.getTime() + 2 * HOUR, closesAt)
    last.proposal = revise(town, last.seller, request, last.proposal, at)
  }
  if (story.withdrawOne && sent.length > 0) {
    const last = sent.pop()!
    const at = awake(town, last.proposal.createdAt.getTime() + HOUR, closesAt)
    const taken = withdrawProposal(town.depsAt(at), last.seller.row, request.code)
    if (!taken.ok) throw new Error(`demo: a proposal on ${request.code} could not be withdrawn`)
  }

  const buyerMember = buyer.member
  let hired = false
  if (story.ending === 'hired') {
    const chosenProposal = pick(random, sent)
    hire(town, buyerMember, request, chosenProposal, closesAt)
    hired = true
  } else if (story.ending === 'withdrawn') {
    const withdrawn = withdrawRequest(town.depsAt(closesAt), buyerMember, request.code)
    if (!withdrawn.ok)
      throw new Error(`demo: request ${request.code} could not be withdrawn: ${withdrawn.reason}`)
  }
  return { request, proposals: sellers.length, hired }
}

/**
 * A moment from `from` to before `to` (`from` itself when there is no room), in waking hours
 * when a few tries find one: people answer requests by day.
 */
function awake(town: Town, from: number, to: number): number {
  const { random, site } = town
  if (to <= from) return from
  let at = from
  for (let tries = 0; tries < 12; tries += 1) {
    at = between(random, from, to)
    const day = calendarDate(new Date(at), site.timeZone)
    const hour = (at - wallClockInstant(day, 0, site.timeZone)!.getTime()) / HOUR
    if (hour >= 7 && hour < 22) return at
  }
  return at
}

/** The printed buyer the story names, if they had joined by then; otherwise someone else. */
function chooseBuyer(town: Town, story: Story, postedAt: number): Resident | undefined {
  const { random, input } = town
  const joined = (resident: Resident | undefined) =>
    resident !== undefined && resident.joinedAt.getTime() < postedAt
  const named = story.buyer === undefined ? undefined : input.buyers[story.buyer]
  if (joined(named)) return named
  // The others are the town's: the printed accounts see only the stories meant for them.
  const printed = new Set([input.provider?.owner.id, ...input.buyers.map((b) => b.member.id)])
  const others = input.residents
    .slice(1)
    .filter((resident) => joined(resident) && !printed.has(resident.member.id))
  return others.length > 0 ? pick(random, others) : undefined
}

/**
 * A need not told yet that the town's stores can answer, with the stores that will: the most
 * proposals the story wants first, then one whose day fits the story, then a trade not asked for
 * yet, so requests spread over the categories the town sells in.
 */
function chooseNeed(
  town: Town,
  story: Story,
  buyer: Resident,
  { postedAt, postDay }: { postedAt: number; postDay: string },
): { need: Need; sellers: Seller[] } | undefined {
  const { random, input } = town
  const ahead = story.ending === 'open' || story.ending === 'hired'
  const providerStore = input.provider
  const options = shuffle(
    random,
    NEEDS.filter((need) => !town.used.has(need)),
  ).flatMap((need) => {
    const able = storesAnswering(town, need, postedAt).filter(
      (store) => store.owner.id !== buyer.member.id,
    )
    const providerAble = providerStore !== undefined && able.some((s) => s.id === providerStore.id)
    if (story.provider && !providerAble) return []
    const others = shuffle(
      random,
      able.filter((store) => !story.provider || store.id !== providerStore?.id),
    )
    const chosen =
      story.provider === 'answered'
        ? [providerStore!, ...others].slice(0, story.proposals)
        : others.slice(0, story.proposals)
    // Every request gets a proposal, except those left for the printed provider to answer first.
    if (chosen.length === 0 && story.provider !== 'to_answer') return []
    // When the work is still ahead, a need whose day is too (neededByOf need not move it).
    const dated =
      !ahead ||
      need.neededIn === null ||
      addDays(postDay, need.neededIn) >= addDays(town.today, SOONEST_NEEDED)
    const fresh = need.trades.some((trade) => !town.trades.has(trade))
    return [{ need, chosen, score: chosen.length * 4 + (dated ? 2 : 0) + (fresh ? 1 : 0) }]
  })
  const best = options.sort((a, b) => b.score - a.score)[0]
  if (!best) return undefined
  return { need: best.need, sellers: best.chosen.map((store) => sellerOf(town, store)) }
}

/**
 * Stores of the need's trades with a listing in its top category that is on sale now and was by
 * `at`. Who sells what is read once per need: a benchmark town has a hundred thousand listings.
 */
function storesAnswering(town: Town, need: Need, at: number): DemoStore[] {
  let sellers = town.sellers.get(need)
  if (!sellers) {
    const top = town.topOf(need.categoryId)
    const since = new Map<number, { store: DemoStore; since: number }>()
    for (const listing of town.input.listings) {
      const { store, publishedAt } = listing
      if (
        publishedAt === null ||
        listing.status !== 'published' ||
        !need.trades.includes(store.trade) ||
        town.topOf(listing.template.categoryId) !== top
      )
        continue
      const known = since.get(store.id)
      if (!known || publishedAt < known.since) since.set(store.id, { store, since: publishedAt })
    }
    sellers = [...since.values()]
    town.sellers.set(need, sellers)
  }
  return sellers.filter((seller) => seller.since < at).map((seller) => seller.store)
}

function sellerOf(town: Town, store: DemoStore): Seller {
  let row = town.rows.get(store.id)
  if (!row) {
    row = findStoreOfMember(town.db, store.owner.id)
    if (!row) throw new Error(`demo: ${store.slug} has no storefront`)
    town.rows.set(store.id, row)
  }
  return { store, row }
}

/** The day it is needed by: when its work is `ahead`, a few days from now at the soonest. */
function neededByOf(town: Town, need: Need, postDay: string, ahead: boolean): string | null {
  if (need.neededIn === null) return null
  const neededBy = addDays(postDay, need.neededIn)
  const soonest = addDays(town.today, SOONEST_NEEDED)
  return ahead && neededBy < soonest ? soonest : neededBy
}

/** The buyer fills in the request form on the day they post; it is read as the form reads it. */
function post(
  town: Town,
  story: Story,
  need: Need,
  buyer: Resident,
  when: { postedAt: number; postDay: string; neededBy: string | null },
): ServiceRequest {
  const { db, site, random } = town
  const [least, most] = need.budget
  const places = listPlaces(db, clockAt(when.postedAt)).map((place) => place.name)
  const form = {
    title: need.title,
    description: need.description,
    categoryId: String(need.categoryId),
    budgetMin: story.budget === 'range' || story.budget === 'from' ? String(least) : '',
    budgetMax: story.budget === 'range' || story.budget === 'up_to' ? String(most) : '',
    place: need.place,
    area: need.place === 'online' || places.length === 0 ? '' : pick(random, places),
    neededBy: when.neededBy ?? '',
    visibility: story.visibility ?? 'everyone',
    openForDays: String(story.openFor),
  }
  const read = requestSchema(site, when.postDay).safeParse(form)
  if (!read.success)
    throw new Error(`demo: the request form refused "${need.title}": ${read.error.message}`)
  const posted = postRequest(town.depsAt(when.postedAt), buyer.member, read.data, [])
  if (!posted.ok) throw new Error(`demo: "${need.title}" was refused: ${posted.reason}`)
  return posted.request
}

/**
 * The store's proposal through the proposal form: one of its packages for this kind of work
 * (the one nearest the usual price) or a price of its own, a day to come, and a message.
 */
function send(
  town: Town,
  seller: Seller,
  request: ServiceRequest,
  need: Need,
  terms: {
    at: number
    earliestVisit: string
    neededBy: string | null
    package: 'always' | 'sometimes'
  },
): Proposal {
  const { random } = town
  const packages = packagesFor(town, seller, need)
  const usePackage = packages.length > 0 && (terms.package === 'always' || random() < 0.4)
  const chosen = usePackage
    ? [...packages].sort(
        (a, b) => Math.abs(a.price - gmd(need.price)) - Math.abs(b.price - gmd(need.price)),
      )[0]!
    : undefined
  const last =
    terms.neededBy && terms.neededBy >= terms.earliestVisit
      ? terms.neededBy
      : addDays(terms.earliestVisit, 10)
  const visitOn = addDays(
    terms.earliestVisit,
    between(random, 0, daysFrom(terms.earliestVisit, last) + 1),
  )
  return proposeThroughForm(town, seller, request, terms.at, {
    unitId: String(chosen?.unitId ?? 0),
    price: chosen ? '' : String(roundDalasi(need.price * (0.8 + random() * 0.4))),
    visitOn,
    message: pick(random, MESSAGES[seller.store.trade]),
  })
}

/** The same store sends its proposal again, cheaper: the model revises it in place. */
function revise(
  town: Town,
  seller: Seller,
  request: ServiceRequest,
  earlier: Proposal,
  at: number,
): Proposal {
  const day = calendarDate(new Date(at), town.site.timeZone)
  return proposeThroughForm(town, seller, request, at, {
    unitId: '0',
    revise: '1',
    price: String(roundDalasi((earlier.price / 100) * 0.9)),
    visitOn: earlier.visitOn > day ? earlier.visitOn : addDays(day, 1),
    message: `${earlier.message}\n\n${pick(town.random, REVISIONS)}`,
  })
}

function proposeThroughForm(
  town: Town,
  seller: Seller,
  request: ServiceRequest,
  at: number,
  form: { unitId: string; revise?: '1'; price: string; visitOn: string; message: string },
): Proposal {
  const day = calendarDate(new Date(at), town.site.timeZone)
  const hasPackages = proposablePackages(town.db, seller.store.id).length > 0
  const read = proposalSchema(town.site, day, hasPackages).safeParse(form)
  if (!read.success)
    throw new Error(`demo: the proposal form refused ${seller.store.slug}: ${read.error.message}`)
  const sent = propose(town.depsAt(at), seller.store.owner, seller.row, request.code, read.data)
  if (!sent.ok)
    throw new Error(
      `demo: ${seller.store.slug} could not propose on ${request.code}: ${sent.reason}`,
    )
  return sent.proposal
}

/** The store's packages on sale that fit the need, as the proposal form offers them. */
function packagesFor(town: Town, seller: Seller, need: Need) {
  if (!need.packages) return []
  return proposablePackages(town.db, seller.store.id).filter((item) =>
    need.packages!.includes(item.listingTitle),
  )
}

/**
 * The buyer hires the proposal as the hire form would: where the work happens (as the request
 * allows, and the package's service offers), the address for a visit, a phone, a way to pay the
 * store takes.
 */
function hire(
  town: Town,
  buyer: Resident['member'],
  request: ServiceRequest,
  sent: { proposal: Proposal; seller: Seller },
  at: number,
) {
  const { random, site } = town
  const { proposal, seller } = sent
  const allowed = placesOf(request.place)
  const template = town.input.listings.find(
    (listing) => listing.id === proposal.listingId,
  )?.template
  const offered =
    template?.kind === 'service'
      ? allowed.filter((place) => (template.serviceLocations as Fulfilment[]).includes(place))
      : []
  const fulfilment = pick(random, offered.length > 0 ? offered : allowed)
  const hired = acceptProposal(
    town.depsAt(at),
    site,
    buyer,
    { code: request.code, proposalId: proposal.id },
    {
      fulfilment,
      address: needsAddress(fulfilment) ? pick(random, ADDRESSES) : '',
      contactPhone: phoneNumber(random),
      paymentMethod: pick(random, storePaymentMethods(site, seller.row)),
      note: pick(random, HIRE_NOTES),
    },
  )
  if (!hired.ok)
    throw new Error(`demo: hiring on ${request.code} was refused: ${JSON.stringify(hired)}`)
}

/** The first run of the request-expiry job at or after `at`. */
function nextJobRun(at: number): number {
  return Math.ceil(at / REQUEST_EXPIRY_INTERVAL) * REQUEST_EXPIRY_INTERVAL
}

/** A price people would ask, in dalasi: to the 5 above 100, to the 50 above 1000. */
function roundDalasi(dalasi: number): number {
  const step = dalasi >= 1000 ? 50 : dalasi >= 100 ? 5 : 1
  return Math.max(step, Math.round(dalasi / step) * step)
}

/** Whole days from one calendar day to a later one. */
function daysFrom(first: string, last: string): number {
  return Math.round((Date.parse(last) - Date.parse(first)) / DAY)
}

function cached<T>(compute: (key: number) => T): (key: number) => T {
  const answers = new Map<number, T>()
  return (key) => {
    if (!answers.has(key)) answers.set(key, compute(key))
    return answers.get(key)!
  }
}

function between(random: Random, least: number, most: number): number {
  return least + Math.floor(random() * Math.max(1, most - least))
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

/** A seeded Fisher–Yates shuffle of a copy. */
function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items]
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1))
    ;[copy[index], copy[other]] = [copy[other]!, copy[index]!]
  }
  return copy
}

function phoneNumber(random: Random): string {
  return `+220 ${7 + Math.floor(random() * 3)}${digits(random, 2)} ${digits(random, 4)}`
}

function digits(random: Random, count: number): string {
  return Array.from({ length: count }, () => Math.floor(random() * 10)).join('')
}
