// Checkout under load (issue 8), part of `npm run bench`: the production server with the
// database as it always opens it (src/db.ts: WAL, synchronous=FULL — no order is answered before
// the fsync of the commit that wrote it).
//
// Buyers are put straight into the seeded town's database (argon2 would take a minute for 232
// of them) with sessions, and a bakery with two loaves: one with stock enough for the whole run,
// one with a single loaf left. Then, over real HTTP with keep-alive sockets:
//
// - Placing orders/s (the target): 1,000 buyers are made ready first, untimed — the loaf in the
//   cart and checkout open — then 32 connections post their checkouts (POST /checkout), taking
//   the next ready buyer as each answer comes: placed orders over the seconds from the first post
//   to the last answer, and the latency of each post.
// - Journey orders/s: 32 buyers each go round the whole journey as fast as the server answers — add the
//   loaf to the cart (POST /cart/lines), open checkout (GET /checkout, whose fresh checkout key
//   the form carries), place the order (POST /checkout). Orders/s counts placed orders (303 to
//   /orders/…) over the measured seconds, so it is the rate of complete checkouts, three requests
//   each; the latencies are those of each step, "place" being POST /checkout alone.
// - The last-item race: 200 more buyers with the other loaf in their cart and checkout open post
//   at once: orders created, sold-out answers (303 to /cart), anything else, and the time from
//   the first request sent to the last answer.
import { randomBytes } from 'node:crypto'
import { Agent, request } from 'node:http'
import { parseHTML } from 'linkedom'
import { eq } from 'drizzle-orm'
import { listingUnits, orderLines } from '../../db/schema'
import { openDatabase, type Db } from '../db'
import { systemClock } from '../lib/clock'
import { createListing } from '../models/listing'
import { changeListingStatus } from '../models/listing/publication'
import { unitsOnSale } from '../models/listing/units'
import { insertMember } from '../models/member'
import { createSession, type SessionMember } from '../models/session'
import { openStore } from '../models/store'
import { formFields } from '../test/form-fields'

export const CHECKOUT_TARGET = { ordersPerSecond: 300 }
const BUYERS = 32
const RACERS = 200
const PLACERS = 1000

type Fields = Record<string, string>
/** `ready`: the cart holds the unit and `fields` carry a fresh checkout key. */
type Buyer = { cookie: string; fields: Fields; ready: boolean }
type Answer = { status: number; location: string | null; body: string }
type Latencies = { p50Ms: number; p99Ms: number }

export type CheckoutBenchResult = {
  synchronous: string
  placing: { orders: number; errors: number; ordersPerSecond: number } & Latencies
  buyers: number
  seconds: number
  orders: number
  ordersPerSecond: number
  /** Answers other than the expected redirect or page, and failed requests. */
  errors: number
  add: Latencies
  page: Latencies
  place: Latencies
  race: {
    buyers: number
    orders: number
    soldOut: number
    errors: number
    ms: number
    stockAfter: number | null
  }
}

/**
 * Seeds the buyers and loaves into the running server's database, then measures. The server
 * keeps serving meanwhile; the bench's own connection only writes before the load starts.
 */
export async function benchCheckout(
  server: { url: string },
  databasePath: string,
  options: { duration: number; warmup: number },
  signal: AbortSignal,
): Promise<CheckoutBenchResult> {
  const db = openDatabase(databasePath)
  const agent = new Agent({ keepAlive: true, maxSockets: RACERS })
  try {
    const synchronous = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][
      db.$client.pragma('synchronous', { simple: true }) as number
    ]!
    const { plenty, lastOne } = seedBakery(db)
    const client = httpClient(server.url, agent)
    const buyers = await inBatches(seedBuyers(db, 'buyer', BUYERS), (cookie) =>
      atCheckout(client, cookie, plenty),
    )
    signal.throwIfAborted()

    const placers = await inBatches(seedBuyers(db, 'placer', PLACERS), (cookie) =>
      atCheckout(client, cookie, plenty),
    )
    signal.throwIfAborted()
    const placing = await placeAll(client, placers, BUYERS)

    await driveCheckouts(client, buyers, options.warmup, signal)
    const run = await driveCheckouts(client, buyers, options.duration, signal)

    const racers = await inBatches(seedBuyers(db, 'racer', RACERS), (cookie) =>
      atCheckout(client, cookie, lastOne),
    )
    signal.throwIfAborted()
    const race = await raceForLastOne(client, racers)
    const stockAfter =
      db.select().from(listingUnits).where(eq(listingUnits.id, lastOne)).get()?.stock ?? null
    // Counted in the database too: an answer could claim an order that was never written.
    const written = db.select().from(orderLines).where(eq(orderLines.unitId, lastOne)).all().length
    if (written !== race.orders)
      throw new Error(`the race answered ${race.orders} orders but ${written} were written`)
    return {
      synchronous,
      placing,
      buyers: BUYERS,
      seconds: options.duration,
      orders: run.orders,
      ordersPerSecond: run.orders / options.duration,
      errors: run.errors,
      add: percentiles(run.add),
      page: percentiles(run.page),
      place: percentiles(run.place),
      race: { buyers: RACERS, ...race, stockAfter },
    }
  } finally {
    agent.destroy()
    db.$client.close()
  }
}

/** One line for the report, and whether the target holds. */
export function formatCheckout(result: CheckoutBenchResult): string {
  const { race } = result
  const { placing } = result
  const met = placing.ordersPerSecond >= CHECKOUT_TARGET.ordersPerSecond && placing.errors === 0
  return [
    `Placing orders (synchronous=${result.synchronous}; ${PLACERS} ready buyers over ${result.buyers} connections, POST /checkout):`,
    `  ${placing.ordersPerSecond.toFixed(0)} orders/s (${placing.orders} orders, ${placing.errors} errors), p50/p99 ${ms(placing)} ms`,
    `  ${met ? 'met   ' : 'MISSED'}  target ≥ ${CHECKOUT_TARGET.ordersPerSecond} orders/s`,
    `Whole journeys (${result.buyers} buyers, each round: add to cart, open checkout, place; ${result.seconds} s):`,
    `  ${result.ordersPerSecond.toFixed(0)} orders/s (${result.orders} orders, ${result.errors} errors)`,
    `  latency p50/p99 ms — place (POST /checkout) ${ms(result.place)}, open checkout ${ms(result.page)}, add to cart ${ms(result.add)}`,
    `Last-item race (${race.buyers} buyers, 1 left, all posted at once): ${race.orders} order, ` +
      `${race.soldOut} told it sold out, ${race.errors} errors, ${race.ms.toFixed(0)} ms, stock after ${race.stockAfter}`,
  ].join('\n')
}

function ms({ p50Ms, p99Ms }: Latencies) {
  return `${p50Ms.toFixed(1)}/${p99Ms.toFixed(1)}`
}

/** A bakery of its own, so nothing else in the town is bought: a loaf for the run, and the last one. */
function seedBakery(db: Db) {
  const [owner] = seedMembers(db, 'baker', 1)
  const opened = openStore(db, systemClock, owner!, {
    name: `Bench Bakery ${randomBytes(3).toString('hex')}`,
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
  if (!opened.ok) throw new Error(`the bench bakery could not open: ${opened.reason}`)
  const loaf = (title: string, stock: number) => {
    const created = createListing(db, systemClock, owner!, {
      kind: 'product',
      title,
      description: 'Baked for the checkout bench.',
      tags: [],
      categoryId: 101,
      price: 7500,
      stock,
      variants: [],
      pickup: true,
      delivery: false,
      deliveryFee: null,
    })
    if (!created.ok) throw new Error(`"${title}" was refused: ${created.reason}`)
    const published = changeListingStatus(db, systemClock, owner!, created.listing.id, 'publish')
    if (!published.ok) throw new Error(`"${title}" could not be published`)
    return unitsOnSale(db, [created.listing.id])[0]!.id
  }
  return { plenty: loaf('Bench loaf', 1_000_000), lastOne: loaf('Last loaf', 1) }
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
        // Never signed in with: the session below is made directly.
        passwordHash: 'not a password hash',
      },
      'member',
      { emailVerified: true },
    )!
    return { id: row.id, email: row.email, displayName: row.displayName, role: row.role }
  })
}

/** Session cookies for `count` new members. */
function seedBuyers(db: Db, kind: string, count: number): string[] {
  return seedMembers(db, kind, count).map(
    (member) => `souk_session=${createSession(db, systemClock, member.id).token}`,
  )
}

type Client = ReturnType<typeof httpClient>

function httpClient(url: string, agent: Agent) {
  const origin = new URL(url)
  const send = (method: 'GET' | 'POST', path: string, cookie: string, fields?: Fields) =>
    new Promise<Answer>((resolve, reject) => {
      const body = fields ? new URLSearchParams(fields).toString() : undefined
      const outgoing = request(
        {
          agent,
          host: origin.hostname,
          port: origin.port,
          method,
          path,
          headers: {
            Cookie: cookie,
            Accept: 'text/html',
            ...(body === undefined
              ? {}
              : {
                  Origin: url,
                  'Content-Type': 'application/x-www-form-urlencoded',
                  'Content-Length': Buffer.byteLength(body),
                }),
          },
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              location: response.headers.location ?? null,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          )
          response.on('error', reject)
        },
      )
      outgoing.on('error', reject)
      outgoing.end(body)
    })
  return {
    get: (path: string, cookie: string) => send('GET', path, cookie),
    post: (path: string, cookie: string, fields: Fields) => send('POST', path, cookie, fields),
  }
}

/** Adds the unit to the buyer's cart and reads the checkout form as the page has it. */
async function atCheckout(client: Client, cookie: string, unitId: number): Promise<Buyer> {
  const added = await client.post('/cart/lines', cookie, { unitId: String(unitId), quantity: '1' })
  if (added.status !== 303) throw new Error(`adding to the cart answered ${added.status}`)
  const page = await client.get('/checkout', cookie)
  if (page.status !== 200) throw new Error(`opening checkout answered ${page.status}`)
  const form = parseHTML(page.body).document.querySelector('form.checkout')
  if (!form) throw new Error('the checkout page has no form')
  const fields = formFields(form)
  if (fields['lines.0.unitId'] !== String(unitId) || !fields['orders.0.fulfilment'])
    throw new Error(`the checkout form is not the one expected: ${JSON.stringify(fields)}`)
  return {
    cookie,
    fields: { ...fields, contactPhone: '0712 345 678', intent: 'place' },
    ready: true,
  }
}

/** Each buyer round and round the journey until `seconds` are up; what each step took. */
async function driveCheckouts(
  client: Client,
  buyers: Buyer[],
  seconds: number,
  signal: AbortSignal,
) {
  const until = performance.now() + seconds * 1000
  const run = {
    orders: 0,
    errors: 0,
    add: [] as number[],
    page: [] as number[],
    place: [] as number[],
  }
  const timed = async (into: number[], send: () => Promise<Answer>) => {
    const started = performance.now()
    const answer = await send()
    into.push(performance.now() - started)
    return answer
  }
  const round = async (buyer: Buyer) => {
    let fields = buyer.fields
    if (!buyer.ready) {
      const added = await timed(run.add, () =>
        client.post('/cart/lines', buyer.cookie, {
          unitId: buyer.fields['lines.0.unitId']!,
          quantity: '1',
        }),
      )
      if (added.status !== 303) return false
      const page = await timed(run.page, () => client.get('/checkout', buyer.cookie))
      const key = /name="checkoutKey" value="([a-z0-9]+)"/.exec(page.body)?.[1]
      if (page.status !== 200 || !key) return false
      fields = { ...buyer.fields, checkoutKey: key }
    }
    buyer.ready = false
    const placed = await timed(run.place, () => client.post('/checkout', buyer.cookie, fields))
    return placed.status === 303 && (placed.location ?? '').startsWith('/orders/')
  }
  await Promise.all(
    buyers.map(async (buyer) => {
      while (performance.now() < until && !signal.aborted) {
        const ok = await round(buyer).catch(() => false)
        if (ok) run.orders += 1
        else run.errors += 1
      }
    }),
  )
  return run
}

/** Ready buyers place their orders over `connections` at a time; the rate and each post's time. */
async function placeAll(client: Client, ready: Buyer[], connections: number) {
  const queue = [...ready]
  const took: number[] = []
  let orders = 0
  let errors = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let buyer = queue.shift(); buyer; buyer = queue.shift()) {
        const sent = performance.now()
        const answer = await client.post('/checkout', buyer.cookie, buyer.fields).catch(() => null)
        took.push(performance.now() - sent)
        if (answer?.status === 303 && (answer.location ?? '').startsWith('/orders/')) orders += 1
        else errors += 1
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  return { orders, errors, ordersPerSecond: orders / seconds, ...percentiles(took) }
}

/** Every racer posts at once; who got it, who was told it sold out, and how long it took. */
async function raceForLastOne(client: Client, racers: Buyer[]) {
  const started = performance.now()
  const answers = await Promise.all(
    racers.map((racer) => client.post('/checkout', racer.cookie, racer.fields).catch(() => null)),
  )
  const ms = performance.now() - started
  const orders = answers.filter((answer) => answer?.location?.startsWith('/orders/')).length
  const soldOut = answers.filter(
    (answer) => answer?.status === 303 && answer.location === '/cart',
  ).length
  return { orders, soldOut, errors: racers.length - orders - soldOut, ms }
}

/** Runs `work` over `items` a few at a time, keeping their order. */
async function inBatches<Item, Result>(
  items: Item[],
  work: (item: Item) => Promise<Result>,
  size = 16,
): Promise<Result[]> {
  const results: Result[] = []
  for (let start = 0; start < items.length; start += size)
    results.push(...(await Promise.all(items.slice(start, start + size).map(work))))
  return results
}

function percentiles(samples: number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (share: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]! : 0
  return { p50Ms: at(0.5), p99Ms: at(0.99) }
}
