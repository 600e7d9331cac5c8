// Demo orders: the last weeks of the town's trade, so every page of cart, checkout, orders, sales
// and balances has something to show. Each order is a story told through the models, as the
// people in it would: the buyer adds a unit to their cart (addToCart) and checks out
// (placeOrdersAlone), then the provider, the buyer and the operator take its steps
// (takeOrderStep, recordPayment, autoCompleteOrders) — each with a clock stopped at its moment.
// So stock, coupon uses, the timeline and the ledger are the models' own; nothing here writes an
// order row.
//
// A fixed cast of stories gives every status at least once (placed … refunded, declined and
// disputed with their reasons, coupons of a store and of the whole market), told first to the
// accounts `npm run demo` prints: the provider's store sells in most of them, the buyers and the
// operator buy. More stories, mostly completed, follow for the rest of the town, in proportion to
// its size. Choices come from their own seeded stream, so orders change no listing or member.
// Order codes are the model's random ones (lib/tokens): they differ from run to run.
import type { Db } from '../src/db'
import { clockAt, DAY, HOUR } from '../src/lib/clock'
import { localBus } from '../src/live/bus'
import { addToCart } from '../src/models/cart'
import {
  placeOrdersAlone,
  planCheckout,
  needsAddress,
  type Fulfilment,
} from '../src/models/checkout'
import { createCoupon, type Coupon, type CouponInput } from '../src/models/coupon'
import { recordPayout, storeBalance } from '../src/models/ledger'
import { unitsOnSale } from '../src/models/listing/units'
import { findOrderForMember, type Order } from '../src/models/order'
import {
  autoCompleteOrders,
  recordPayment,
  takeOrderStep,
  type OrderDeps,
} from '../src/models/order/steps'
import type { OrderAction } from '../src/models/order/transitions'
import type { PaymentMethod } from '../src/models/payment-methods'
import type { SessionMember } from '../src/models/session'
import type { Site } from '../src/models/site'
import type { DemoListing } from './demo-listings'
import type { DemoStore, Resident } from './demo-stores'

type Random = () => number

/** How an order's story ends; several end in the same status by different roads. */
type Ending =
  | 'placed'
  | 'accepted'
  | 'in_progress'
  | 'ready_for_pickup'
  | 'out_for_delivery'
  | 'delivered'
  | 'completed'
  | 'completed_after_changes'
  | 'completed_by_itself'
  | 'released'
  | 'cancelled_by_buyer'
  | 'declined'
  | 'cancelled_by_provider'
  | 'disputed_by_buyer'
  | 'disputed_by_provider'
  | 'refunded'

/** Who buys in a story of the cast: a printed buyer, the operator, or anyone. */
type Story = {
  ending: Ending
  buyer?: 0 | 1 | 'operator'
  /** Sold by the printed provider's store when it sells something that fits. */
  shownStore?: true
  coupon?: 'store' | 'market'
}

/** The cast: every status at least once, the printed accounts in most. */
const CAST: Story[] = [
  { ending: 'placed', buyer: 0, shownStore: true },
  { ending: 'placed', buyer: 'operator' },
  { ending: 'accepted', buyer: 1, shownStore: true },
  { ending: 'in_progress', buyer: 0, shownStore: true },
  { ending: 'ready_for_pickup', buyer: 1 },
  { ending: 'out_for_delivery', buyer: 0, shownStore: true },
  { ending: 'delivered', buyer: 0, shownStore: true },
  { ending: 'delivered', buyer: 1 },
  { ending: 'completed', buyer: 0, shownStore: true, coupon: 'store' },
  { ending: 'completed', buyer: 1, coupon: 'market' },
  { ending: 'completed', buyer: 'operator', shownStore: true },
  { ending: 'completed_after_changes', buyer: 1 },
  { ending: 'completed_by_itself', buyer: 0 },
  { ending: 'released', buyer: 1, shownStore: true },
  { ending: 'cancelled_by_buyer', buyer: 0 },
  { ending: 'declined', buyer: 1, shownStore: true },
  { ending: 'cancelled_by_provider', buyer: 0 },
  { ending: 'disputed_by_buyer', buyer: 0, shownStore: true },
  { ending: 'disputed_by_provider', buyer: 1 },
  { ending: 'refunded', buyer: 0 },
]

/** The rest of the town: mostly happy endings, as in any market. */
const ENDING_SHARES: [Ending, number][] = [
  ['completed', 0.56],
  ['completed_by_itself', 0.08],
  ['completed_after_changes', 0.02],
  ['cancelled_by_buyer', 0.07],
  ['declined', 0.05],
  ['cancelled_by_provider', 0.03],
  ['placed', 0.04],
  ['accepted', 0.03],
  ['delivered', 0.03],
  ['released', 0.02],
  ['refunded', 0.03],
  ['disputed_by_buyer', 0.02],
  ['disputed_by_provider', 0.02],
]
/**
 * Stories beyond the cast per member, and at most this many. Each order costs a few dozen
 * queries through the models (cart, checkout, every step, the books): a 2000-member benchmark
 * town gets a hundred and seeds a few seconds slower, not twice as slow.
 */
const STORIES_PER_MEMBER = 0.05
const MOST_STORIES = 500
/** How far back the cast's coupons were made; every coupon story happens after that. */
const COUPONS_AGE = 40 * DAY
/** How many random picks to try before a story gives up on finding something that fits. */
const TRIES = 60

export type SeedOrdersInput = {
  site: Site
  operator: Resident
  /** The printed provider, whose store sells in most of the cast, and the printed buyers. */
  provider: DemoStore | undefined
  buyers: Resident[]
  residents: Resident[]
  listings: DemoListing[]
  now: number
}

type Seller = { listing: DemoListing; store: DemoStore }
type Told = { order: Order; buyer: SessionMember; seller: Seller }

/**
 * Tells the cast's stories and the town's, then pays the printed provider out half of what the
 * store is owed; returns how many orders were placed.
 */
export function seedOrders(db: Db, random: Random, input: SeedOrdersInput): number {
  const { site, operator, provider, buyers, residents, listings, now } = input
  const bus = localBus()
  const depsAt = (at: number): OrderDeps => ({ db, clock: clockAt(at), bus })
  const onSale = listings.filter((listing) => listing.status === 'published')
  const coupons = makeCoupons(db, operator, provider, now)
  const stories = [
    ...CAST,
    ...Array.from(
      { length: Math.min(MOST_STORIES, Math.round(residents.length * STORIES_PER_MEMBER)) },
      (): Story => ({ ending: pickShare(random, ENDING_SHARES) }),
    ),
  ]
  let placed = 0
  stories.forEach((story, index) => {
    const steps = plan(random, story.ending, site.autoCompleteDays)
    const took = steps.reduce((sum, step) => sum + step.after, 0)
    const placedAt = now - took - slack(random, story.ending)
    const buyer = chooseBuyer(random, story, { operator, buyers, residents }, placedAt)
    const coupon = story.coupon && coupons[story.coupon]
    const earliest = Math.max(placedAt, coupon ? coupon.createdAt.getTime() : 0)
    const seller =
      buyer &&
      chooseSeller(random, story, onSale, {
        buyer,
        shownStore: story.shownStore && provider,
        couponStore: coupon?.storeId ?? null,
        before: earliest,
      })
    // A small town may sell nothing that fits this story: it is left untold.
    if (!buyer || !seller || placedAt < earliest) return
    const told = place(db, site, random, depsAt(placedAt), {
      buyer: buyer.member,
      seller,
      story,
      coupon,
      key: `demo-${index}`,
    })
    if (!told) return
    placed += 1
    let at = placedAt
    for (const step of steps) {
      at += step.after
      takeStep(depsAt(at), random, site, operator.member, told, step)
    }
  })
  if (provider) payOut(db, operator.member, provider, now)
  return placed
}

/** A step of a story, `after` milliseconds after the one before. */
type StoryStep = {
  /** 'under_way': start, mark ready or send out, whichever the order's kind takes. */
  action: OrderAction | 'under_way'
  by: 'buyer' | 'provider' | 'operator' | 'system'
  note: string
  after: number
}

/** The steps from placed to the story's end, with their gaps; the road depends on the order. */
function plan(random: Random, ending: Ending, autoCompleteDays: number): StoryStep[] {
  const step = (
    action: StoryStep['action'],
    by: StoryStep['by'],
    hours: [number, number],
    notes: readonly string[] = [''],
  ): StoryStep => ({
    action,
    by,
    note: pick(random, notes),
    after: Math.round((hours[0] + random() * (hours[1] - hours[0])) * HOUR),
  })
  const accepted = [step('accept', 'provider', [0.5, 8])]
  const underWay = [...accepted, step('under_way', 'provider', [4, 30])]
  const delivered = [...underWay, step('mark_delivered', 'provider', [2, 24])]
  const disputed = (by: 'buyer' | 'provider') => [
    ...delivered,
    step('dispute', by, [2, 48], by === 'buyer' ? BUYER_DISPUTES : PROVIDER_DISPUTES),
  ]
  switch (ending) {
    case 'placed':
      return []
    case 'accepted':
      return accepted
    case 'in_progress':
    case 'ready_for_pickup':
    case 'out_for_delivery':
      return underWay
    case 'delivered':
      return delivered
    case 'completed':
      return [...delivered, step('confirm', 'buyer', [1, 48])]
    case 'completed_after_changes':
      return [
        ...delivered,
        step('request_changes', 'buyer', [2, 24], CHANGES_ASKED),
        step('mark_delivered', 'provider', [12, 48], ['Changed as you asked.']),
        step('confirm', 'buyer', [1, 24]),
      ]
    case 'completed_by_itself':
      // The scheduled check, a few hours after the market's days have passed.
      return [
        ...delivered,
        step('auto_complete', 'system', [autoCompleteDays * 24 + 1, autoCompleteDays * 24 + 6]),
      ]
    case 'released':
      return [...disputed('buyer'), step('release', 'operator', [12, 72], RELEASES)]
    case 'cancelled_by_buyer':
      return [step('cancel', 'buyer', [0.2, 6], BUYER_CANCELS)]
    case 'declined':
      return [step('decline', 'provider', [0.5, 12], DECLINES)]
    case 'cancelled_by_provider':
      return [...accepted, step('cancel', 'provider', [12, 48], PROVIDER_CANCELS)]
    case 'disputed_by_buyer':
      return disputed('buyer')
    case 'disputed_by_provider':
      return disputed('provider')
    case 'refunded':
      return [...disputed('buyer'), step('refund', 'operator', [12, 72], REFUNDS)]
  }
}

/**
 * How long before now the story's last step happened: a new order hours ago, one under way or
 * delivered a day or three ago (sooner than the market's auto-completion), a finished one up to
 * six weeks back.
 */
function slack(random: Random, ending: Ending): number {
  const [least, most] =
    ending === 'placed'
      ? [1 * HOUR, 30 * HOUR]
      : FINISHED.has(ending)
        ? [1 * DAY, 42 * DAY]
        : [1 * HOUR, 3 * DAY]
  return least + Math.floor(random() * (most - least))
}

const FINISHED = new Set<Ending>([
  'completed',
  'completed_after_changes',
  'completed_by_itself',
  'released',
  'cancelled_by_buyer',
  'declined',
  'cancelled_by_provider',
  'refunded',
])

function chooseBuyer(
  random: Random,
  story: Story,
  people: { operator: Resident; buyers: Resident[]; residents: Resident[] },
  placedAt: number,
): Resident | undefined {
  const wanted =
    story.buyer === 'operator'
      ? people.operator
      : story.buyer === undefined
        ? undefined
        : people.buyers[story.buyer]
  if (wanted && wanted.joinedAt.getTime() < placedAt) return wanted
  for (let tries = 0; tries < TRIES; tries += 1) {
    const resident = pick(random, people.residents)
    if (resident.joinedAt.getTime() < placedAt) return resident
  }
  return undefined
}

/** A listing on sale since before the story, with stock, that fits its ending and buyer. */
function chooseSeller(
  random: Random,
  story: Story,
  onSale: DemoListing[],
  wants: {
    buyer: Resident
    shownStore: DemoStore | false | undefined
    couponStore: number | null
    before: number
  },
): Seller | undefined {
  const fits = (listing: DemoListing) =>
    listing.store.owner.id !== wants.buyer.member.id &&
    listing.publishedAt !== null &&
    listing.publishedAt < wants.before &&
    (wants.couponStore === null || listing.store.id === wants.couponStore) &&
    suits(story.ending, listing)
  const store = wants.couponStore ?? (wants.shownStore ? wants.shownStore.id : null)
  const own = store === null ? [] : onSale.filter((listing) => listing.store.id === store)
  const candidates = own.filter(fits)
  if (candidates.length > 0) return sellerOf(pick(random, candidates))
  if (wants.couponStore !== null) return undefined
  for (let tries = 0; tries < TRIES; tries += 1) {
    const listing = pick(random, onSale)
    if (listing && fits(listing)) return sellerOf(listing)
  }
  return undefined
}

function sellerOf(listing: DemoListing): Seller {
  return { listing, store: listing.store }
}

/** Whether an order of this listing can reach the ending: its kind and ways of receiving. */
function suits(ending: Ending, listing: DemoListing): boolean {
  const { template } = listing
  if (template.kind === 'service') {
    // A bookable service is booked at a time (demo-bookings.ts), not ordered through the cart.
    if (template.booking) return false
    if (template.serviceLocations.length === 0) return false
    return ending !== 'ready_for_pickup' && ending !== 'out_for_delivery'
  }
  if (!template.pickup && !template.delivery) return false
  if (ending === 'in_progress' || ending === 'completed_after_changes') return false
  if (ending === 'ready_for_pickup') return template.pickup
  if (ending === 'out_for_delivery') return template.delivery
  return true
}

/** The buyer puts a unit in their cart and checks out with the choices the story needs. */
function place(
  db: Db,
  site: Site,
  random: Random,
  deps: OrderDeps,
  told: {
    buyer: SessionMember
    seller: Seller
    story: Story
    coupon: Coupon | undefined
    key: string
  },
): Told | undefined {
  const { buyer, seller, story, coupon } = told
  const units = unitsOnSale(db, [seller.listing.id]).filter((unit) => unit.stock !== 0)
  const unit = units.length > 0 ? pick(random, units) : undefined
  if (!unit) return undefined
  const quantity = unit.stock === null ? 1 : 1 + Math.floor(random() * Math.min(3, unit.stock))
  const added = addToCart(db, deps.clock, buyer.id, unit.id, quantity)
  if (!added.ok)
    throw new Error(`demo: ${buyer.email} could not add unit ${unit.id}: ${added.reason}`)
  const [group] = planCheckout(db, site, buyer.id).groups
  if (!group) throw new Error(`demo: ${buyer.email}'s cart has nothing to check out`)
  const fulfilment = chooseFulfilment(random, story.ending, group.fulfilments)
  // A provider who cancels an accepted order was paid ahead: the buyer sees the refund.
  const byPhone = story.ending === 'cancelled_by_provider' || random() < 0.4
  const paymentMethod: PaymentMethod =
    byPhone && group.paymentMethods.includes('mobile_money') ? 'mobile_money' : 'cash'
  const result = placeOrdersAlone(deps, site, buyer, {
    checkoutKey: told.key,
    contactPhone: phoneNumber(random),
    seen: group.lines.map((line) => ({
      unitId: line.unitId,
      quantity: line.quantity,
      price: line.price,
    })),
    orders: [
      {
        storeId: group.storeId,
        kind: group.kind,
        fulfilment,
        address: needsAddress(fulfilment) ? pick(random, ADDRESSES) : '',
        note: group.kind === 'service' ? pick(random, SERVICE_NOTES) : '',
        paymentMethod,
        coupon: coupon?.code ?? '',
      },
    ],
  })
  if (!result.ok)
    throw new Error(`demo: checkout of unit ${unit.id} for ${buyer.email} failed: ${result.reason}`)
  return { order: result.orders[0]!, buyer, seller }
}

function chooseFulfilment(random: Random, ending: Ending, offered: Fulfilment[]): Fulfilment {
  if (ending === 'ready_for_pickup') return 'pickup'
  if (ending === 'out_for_delivery') return 'delivery'
  return pick(random, offered)
}

/** One step, as the member it belongs to (found through their reach, as the order page does). */
function takeStep(
  deps: OrderDeps,
  random: Random,
  site: Site,
  operator: SessionMember,
  told: Told,
  step: StoryStep,
) {
  const code = told.order.code
  if (step.action === 'auto_complete') {
    // Every other order delivered this long ago has moved on already: only this one is due.
    const completed = autoCompleteOrders(deps, site.autoCompleteDays)
    if (completed !== 1) throw new Error(`demo: order ${code} did not complete by itself`)
    return
  }
  const { order } = told
  // Mobile money is sent, and checked, once the provider accepts; cash changes hands on delivery.
  const paysByPhone = order.paymentMethod === 'mobile_money'
  if (step.action === 'mark_delivered' && !paysByPhone && !order.paidAt)
    pay(deps, told, order.kind === 'service' ? 'Cash when the work was done' : 'Cash at the door')
  const action: OrderAction =
    step.action !== 'under_way'
      ? step.action
      : order.kind === 'service'
        ? 'start'
        : order.fulfilment === 'delivery'
          ? 'send_out'
          : 'mark_ready'
  const member =
    step.by === 'buyer' ? told.buyer : step.by === 'operator' ? operator : told.seller.store.owner
  const access = findOrderForMember(deps.db, member, code)
  if (!access) throw new Error(`demo: ${member.email} cannot see order ${code}`)
  const moved = takeOrderStep(deps, access, action, step.note)
  if (!moved.ok) throw new Error(`demo: ${action} on order ${code} was refused: ${moved.reason}`)
  told.order = moved.order
  if (action === 'accept' && paysByPhone) pay(deps, told, `Wave ${digits(random, 10)}`)
}

/** The provider says the buyer paid, quoting the reference. */
function pay(deps: OrderDeps, told: Told, reference: string) {
  const access = findOrderForMember(deps.db, told.seller.store.owner, told.order.code)
  if (!access) throw new Error(`demo: the provider cannot see order ${told.order.code}`)
  const paid = recordPayment(deps, access, reference)
  if (!paid.ok) throw new Error(`demo: payment of ${told.order.code} refused: ${paid.reason}`)
  told.order = paid.order
}

/**
 * A store coupon of the printed provider's and a market-wide one of the operator's, made some
 * weeks ago and good for a while yet, so buyers can still try them.
 */
function makeCoupons(
  db: Db,
  operator: Resident,
  provider: DemoStore | undefined,
  now: number,
): { store?: Coupon; market?: Coupon } {
  const made = (creator: SessionMember, at: number, input: CouponInput) => {
    const result = createCoupon(db, clockAt(at), creator, input)
    if (!result.ok) throw new Error(`demo: coupon ${input.code} refused: ${result.reason}`)
    return result.coupon
  }
  const expiresAt = new Date(now + 60 * DAY)
  const market = made(operator.member, now - COUPONS_AGE, {
    code: 'TANJI-WELCOME',
    kind: 'percent',
    value: 10,
    minSpend: 0,
    maxDiscount: 10_000,
    expiresAt,
    usageLimit: 500,
    scope: 'market',
  })
  if (!provider) return { market }
  const store = made(provider.owner, Math.max(provider.openedAt, now - COUPONS_AGE) + HOUR, {
    code: 'THANKS-20',
    kind: 'fixed',
    value: 2_000,
    minSpend: 0,
    maxDiscount: null,
    expiresAt,
    usageLimit: null,
    scope: 'store',
  })
  return { store, market }
}

/** The operator hands the printed provider half of what the store is owed, so its page has a payout. */
function payOut(db: Db, operator: SessionMember, provider: DemoStore, now: number) {
  const { owed } = storeBalance(db, provider.id, { number: 1, size: 1 })
  const amount = Math.floor(owed / 2 / 100) * 100
  if (amount <= 0) return
  const at = new Date(now - 2 * HOUR)
  const paid = recordPayout(db, operator, provider.id, amount, 'Cash, receipt 1', at)
  if (!paid.ok) throw new Error(`demo: the payout was refused: ${paid.reason}`)
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
  'Ghana Town, ask for the tailor’s shop on the corner',
  'Sanyang road, blue gate next to the water tower',
]
const SERVICE_NOTES = [
  'Please call before you come; the gate is locked in the afternoon.',
  'Mornings suit me best.',
  'Any day this week is fine.',
  '',
]
const BUYER_CANCELS = ['Ordered twice by mistake.', 'My sister already bought one.', '']
const DECLINES = [
  'Sorry, I am away in Kombo for a funeral until next week.',
  'Sold out at the market this morning — I should have paused the listing.',
  'I cannot come out that far this week.',
]
const PROVIDER_CANCELS = [
  'The van broke down, so I cannot deliver this week. Your money goes back to you.',
  'The part I need will not come until next month. Your money goes back to you.',
]
const CHANGES_ASKED = [
  'Could you take the waist in a little more?',
  'The colours should be brighter, like we said.',
  'The tap in the yard still drips.',
]
const BUYER_DISPUTES = [
  'Half of it was not what I ordered.',
  'The work was not finished: it leaks again since yesterday.',
  'Only one of the two arrived.',
]
const PROVIDER_DISPUTES = [
  'The buyer says it never arrived, but I handed it over at the gate myself.',
  'The buyer asks for more than the package includes.',
]
const RELEASES = [
  'The photos show the work done as agreed; the money goes to the store.',
  'Both agree it arrived; released to the store.',
]
const REFUNDS = [
  'The provider agrees it was not right: a full refund.',
  'No proof it was handed over: refunded to the buyer.',
]
