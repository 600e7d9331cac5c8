// The members the live bench connects, put straight into the running server's database through
// the models, as checkout.ts seeds its buyers: insertMember with a placeholder hash (argon2 for
// two thousand members would take minutes, and nobody signs in with a password here) and a
// session each from createSession, whose token is the cookie.
//
// Chat pairs are a provider and a buyer of one service order that is in progress: the closest
// thing to a conversation the live-bench branch has (see sendChatMessage in live-chat.ts). The
// provider marks it delivered, the buyer asks for changes, and round it goes for as long as the
// bench wants, each step carrying a note both sides' order pages show.
import { randomBytes } from 'node:crypto'
import type { Db } from '../db'
import { systemClock } from '../lib/clock'
import { localBus } from '../live/bus'
import { addToCart } from '../models/cart'
import { placeOrdersAlone, planCheckout } from '../models/checkout'
import { createListing } from '../models/listing'
import { changeListingStatus } from '../models/listing/publication'
import { unitsOnSale } from '../models/listing/units'
import { insertMember } from '../models/member'
import { findOrderForMember } from '../models/order'
import { takeOrderStep, type OrderDeps } from '../models/order/steps'
import { createSession, type SessionMember } from '../models/session'
import { findSite } from '../models/site'
import { openStore } from '../models/store'

export type BenchMember = { id: number; cookie: string }
/** One order between two members; `code` names it in URLs and in its page's stream. */
export type ChatPair = { code: string; provider: BenchMember; buyer: BenchMember }

/** `count` new members with a session each, in one transaction (one fsync, not thousands). */
export function seedLiveMembers(db: Db, kind: string, count: number): BenchMember[] {
  const run = randomBytes(3).toString('hex')
  return db.transaction(() =>
    Array.from({ length: count }, (_, index) => {
      const member = insertBenchMember(db, `${kind}-${run}-${index}`)
      return signedIn(db, member)
    }),
  )
}

/**
 * `count` providers, each with a store, a service on sale and one order of it from a buyer of
 * their own, already accepted and started. Steps taken here are told to a bus nobody listens to:
 * the server only hears of what the bench does over HTTP.
 */
export function seedChatPairs(db: Db, count: number): ChatPair[] {
  const site = findSite(db)
  if (!site) throw new Error('the bench database has no marketplace')
  const categoryId = serviceCategory(db)
  const deps: OrderDeps = { db, clock: systemClock, bus: localBus() }
  const run = randomBytes(3).toString('hex')
  return db.transaction(() =>
    Array.from({ length: count }, (_, index) => {
      const provider = insertBenchMember(db, `provider-${run}-${index}`)
      const buyer = insertBenchMember(db, `client-${run}-${index}`)
      const unitId = openServiceStore(db, provider, `Bench Studio ${run} ${index}`, categoryId)
      const added = addToCart(db, systemClock, buyer.id, unitId, 1)
      if (!added.ok) throw new Error(`a bench buyer could not add the service: ${added.reason}`)
      const group = planCheckout(db, site, buyer.id).groups[0]!
      const placed = placeOrdersAlone(deps, site, buyer, {
        checkoutKey: randomBytes(8).toString('hex'),
        contactPhone: '+220 700 0000',
        seen: group.lines.map(({ unitId, quantity, price }) => ({ unitId, quantity, price })),
        orders: [
          {
            storeId: group.storeId,
            kind: group.kind,
            fulfilment: 'online',
            address: '',
            note: '',
            paymentMethod: group.paymentMethods[0],
            coupon: '',
          },
        ],
      })
      if (!placed.ok) throw new Error(`a bench order could not be placed: ${placed.reason}`)
      const code = placed.orders[0]!.code
      for (const action of ['accept', 'start'] as const) {
        const access = findOrderForMember(db, provider, code)!
        const moved = takeOrderStep(deps, access, action, '')
        if (!moved.ok) throw new Error(`a bench order could not ${action}: ${moved.reason}`)
      }
      return { code, provider: signedIn(db, provider), buyer: signedIn(db, buyer) }
    }),
  )
}

function insertBenchMember(db: Db, name: string): SessionMember {
  const row = insertMember(
    db,
    systemClock,
    {
      email: `bench-live-${name}@example.com`,
      displayName: `Bench ${name}`,
      // Never signed in with: the session is made directly.
      passwordHash: 'not a password hash',
    },
    'member',
  )
  if (!row) throw new Error(`bench member ${name} already exists`)
  return { id: row.id, email: row.email, displayName: row.displayName, role: row.role }
}

function signedIn(db: Db, member: SessionMember): BenchMember {
  return {
    id: member.id,
    cookie: `souk_session=${createSession(db, systemClock, member.id).token}`,
  }
}

/** A store with one published online service; returns the unit an order buys. */
function openServiceStore(db: Db, owner: SessionMember, name: string, categoryId: number): number {
  const opened = openStore(db, systemClock, owner, {
    name,
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
  if (!opened.ok) throw new Error(`a bench store could not open: ${opened.reason}`)
  const created = createListing(db, systemClock, owner, {
    kind: 'service',
    title: 'Logo design, revised until you like it',
    description: 'Made for the live bench.',
    tags: [],
    categoryId,
    packages: [{ name: 'Basic', included: 'One logo', price: 50000, turnaroundDays: 3 }],
    serviceLocations: ['online'],
    durationMinutes: null,
  })
  if (!created.ok) throw new Error(`a bench service was refused: ${created.reason}`)
  const published = changeListingStatus(db, systemClock, owner, created.listing.id, 'publish')
  if (!published.ok) throw new Error('a bench service could not be published')
  const unit = unitsOnSale(db, [created.listing.id])[0]
  if (!unit) throw new Error('a bench service has no unit on sale')
  return unit.id
}

/** A category the demo town files services under. */
function serviceCategory(db: Db): number {
  const row = db.$client
    .prepare("select category_id as id from listings where kind = 'service' limit 1")
    .get() as { id: number } | undefined
  if (!row) throw new Error('the demo town has no service to borrow a category from')
  return row.id
}
