// Fixtures for the browser journeys: a fresh real server per test, seeding through its database,
// and a watch on the browser for script errors and CSP violations.
import { test as base, devices, expect, type BrowserContext, type Page } from '@playwright/test'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { eq } from 'drizzle-orm'
import { seedDemoTown, type DemoTown } from '../../../db/demo-town'
import { stores } from '../../../db/schema'
import { openDatabase, type Db } from '../../db'
import { systemClock } from '../../lib/clock'
import {
  createListing,
  type Listing,
  type ListingInput,
  type ProductInput,
  type ServiceInput,
} from '../../models/listing'
import { changeListingStatus } from '../../models/listing/publication'
import type { ListingAction, ListingStatus } from '../../models/listing/status'
import { takeStock, unitsOnSale } from '../../models/listing/units'
import { localBus } from '../../live/bus'
import { randomToken } from '../../lib/tokens'
import { addToCart } from '../../models/cart'
import { needsAddress, placeOrdersAlone, planCheckout } from '../../models/checkout'
import { findSessionMember, findMemberByEmail, signUpMember } from '../../models/member'
import { findOrderForMember, type Order } from '../../models/order'
import { recordPayment, takeOrderStep } from '../../models/order/steps'
import type { OrderAction } from '../../models/order/transitions'
import type { SessionMember } from '../../models/session'
import { createCoupon, type Coupon, type CouponInput } from '../../models/coupon'
import { completeSetup, findSite } from '../../models/site'
import { findStoreOfMember, openStore, type Store, type StoreFields } from '../../models/store'
import { startMailServer, type ReceivedMail } from '../mail-server'
import { writeReview, type ReviewInput } from '../../models/review'
import { setWeeklyHours } from '../../models/booking/availability'
import { propose, type Proposal } from '../../models/request/proposal'
import { postRequest, type ServiceRequest } from '../../models/request/request'
import type { ProposalInput, RequestInput } from '../../models/request/request-input'
import type { WeeklyHours } from '../../models/booking/slots'
import { repoRoot } from './paths'

/** A password that passes Souk's rules (long enough, not a common one). */
export const PASSWORD = 'quiet harbour lanterns'

export type Credentials = { displayName: string; email: string; password: string }

/** One running `node .build/server.js` with its own empty database and uploads folder. */
export type SoukServer = {
  baseURL: string
  /** The first-run link the server printed, token included. */
  setupLink: string
  databasePath: string
  /** Everything the server wrote to stdout and stderr so far. */
  output: () => string
  /** Sends SIGTERM and resolves with the exit code once the process is gone. */
  stop: () => Promise<number | null>
  /** True when the process ended before stop() asked it to (a crash, or a signal from elsewhere). */
  endedEarly: () => boolean
}

type LogLine = { msg?: string; port?: number; level?: number }

// A start (loading sharp and argon2, migrating a new database) takes about a second, ~2 s on a
// busy machine; one that has not started in 30 s is stuck, not slow. Stopping allows for the
// server's own 10 s grace for requests in flight.
const START_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 12_000

/** Starts the built server on a random free port with a temp data dir; resolves once it has printed its setup link. */
export async function startServer(env: Record<string, string> = {}): Promise<SoukServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'souk-e2e-'))
  const databasePath = join(dataDir, 'souk.sqlite')
  const child = spawn(process.execPath, ['.build/server.js'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      UPLOADS_DIR: join(dataDir, 'uploads'),
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      PUBLIC_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  let stopping = false
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  const started = new Promise<{ baseURL: string; setupLink: string }>((resolve, reject) => {
    let baseURL: string | undefined
    const timer = setTimeout(
      () => reject(new Error(`server did not start in time:\n${output.join('\n')}`)),
      START_TIMEOUT_MS,
    )
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited (${code}) before it was ready:\n${output.join('\n')}`))
    })
    createInterface({ input: child.stderr! }).on('line', (line) => output.push(line))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line)
      const entry = parseLogLine(line)
      const listening = entry?.msg?.match(/^Souk is listening on (http:\/\/\S+)$/)
      if (listening) baseURL = listening[1]
      const setup = entry?.msg?.match(/(http:\/\/\S+\/setup\?token=\S+)/)
      if (setup && baseURL) {
        clearTimeout(timer)
        resolve({ baseURL, setupLink: setup[1]! })
      }
    })
  })
  try {
    const { baseURL, setupLink } = await started
    return {
      baseURL,
      setupLink,
      databasePath,
      output: () => output.join('\n'),
      endedEarly: () => !stopping && (child.exitCode !== null || child.signalCode !== null),
      stop: async () => {
        stopping = true
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
        const code = await withTimeout(exited, STOP_TIMEOUT_MS, () => child.kill('SIGKILL'))
        rmSync(dataDir, { recursive: true, force: true })
        return code
      },
    }
  } catch (error) {
    child.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
}

function parseLogLine(line: string): LogLine | null {
  try {
    return JSON.parse(line) as LogLine
  } catch {
    return null
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void) {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms)
  })
  const result = await Promise.race([promise, timeout])
  clearTimeout(timer)
  if (result === 'timeout') {
    onTimeout()
    throw new Error(`server did not exit within ${ms} ms of SIGTERM`)
  }
  return result
}

/** The actions that take a new draft to each status. */
const STATUS_PATH: Record<ListingStatus, ListingAction[]> = {
  draft: [],
  published: ['publish'],
  paused: ['publish', 'pause'],
  archived: ['publish', 'archive'],
}

/** Writes straight into the server's database, the way the request tests seed (not through the UI). */
export class Seed {
  readonly #server: SoukServer
  #connection: Db | undefined
  #memberCount = 0

  constructor(server: SoukServer) {
    this.#server = server
  }

  /** Completes first-run setup with the server's own token; returns the operator's credentials. */
  async site(settings: { marketName?: string; town?: string } = {}) {
    const operator: Credentials = {
      displayName: 'Fatou Jallow',
      email: 'fatou@example.com',
      password: PASSWORD,
    }
    const token = new URL(this.#server.setupLink).searchParams.get('token')!
    const result = await completeSetup(
      this.#db,
      systemClock,
      token,
      {
        marketName: settings.marketName ?? 'Tanji Market',
        town: settings.town ?? 'Tanji',
        currency: 'GMD',
        locale: 'en-GB',
        timeZone: 'Africa/Banjul',
      },
      operator,
    )
    if (!result.ok) throw new Error(`seeding the site failed: ${result.reason}`)
    return { operator, marketName: result.site.marketName }
  }

  /**
   * The demo town (db/demo-town.ts) with its photos, written through the models as `npm run
   * demo` does: the same town for the same seed, for pages that need a whole market.
   */
  async demoTown(seed = 1): Promise<DemoTown> {
    const uploadsDir = join(dirname(this.#server.databasePath), 'uploads')
    const result = await seedDemoTown(this.#db, { seed, uploadsDir })
    if (!result.ok) throw new Error(`seeding the demo town failed: ${result.reason}`)
    return result.town
  }

  /** A member who signed up earlier (and confirmed their address). */
  async member(input: Partial<Credentials> = {}): Promise<Credentials> {
    this.#memberCount += 1
    const member: Credentials = {
      displayName: input.displayName ?? `Neighbour ${this.#memberCount}`,
      email: input.email ?? `neighbour${this.#memberCount}@example.com`,
      password: input.password ?? PASSWORD,
    }
    const result = await signUpMember(this.#db, systemClock, member, { emailVerified: true })
    if (!result.ok) throw new Error(`seeding a member failed: ${result.reason}`)
    return member
  }

  /** Opens `owner`'s storefront, as if they had filled the form with just these fields. */
  store(owner: Credentials, fields: Partial<StoreFields> & { name: string }): Store {
    const result = openStore(this.#db, systemClock, this.#sessionMember(owner), {
      bio: '',
      area: '',
      latitude: null,
      longitude: null,
      phone: '',
      showPhone: false,
      whatsapp: '',
      showWhatsapp: false,
      mobileMoney: '',
      bankDetails: '',
      skills: [],
      ...fields,
    })
    if (!result.ok) throw new Error(`seeding a storefront failed: ${result.reason}`)
    return result.store
  }

  /** A listing in `owner`'s storefront, moved on to `status` (on sale unless told otherwise). */
  listing(owner: Credentials, input: ListingInput, status: ListingStatus = 'published'): Listing {
    const member = this.#sessionMember(owner)
    const created = createListing(this.#db, systemClock, member, input)
    if (!created.ok) throw new Error(`seeding a listing failed: ${created.reason}`)
    let listing = created.listing
    for (const action of STATUS_PATH[status]) {
      const moved = changeListingStatus(this.#db, systemClock, member, listing.id, action)
      if (!moved.ok) throw new Error(`seeding a listing: ${action} failed: ${moved.reason}`)
      listing = moved.listing
    }
    return listing
  }

  /** Sells `quantity` of goods without variants, as a buyer's checkout will (takeStock). */
  sell(listing: Pick<Listing, 'id'>, quantity: number) {
    const [unit] = unitsOnSale(this.#db, [listing.id])
    if (!unit || !takeStock(this.#db, unit.id, quantity))
      throw new Error(`seeding a sale of ${quantity} failed`)
  }

  /**
   * An order of one of `listing` by `buyer`, placed through the cart and checkout and taken to
   * completed step by step as its provider and buyer would (paid in cash on the way): an order
   * to review.
   */
  completedOrder(buyer: Credentials, listing: Pick<Listing, 'id'>): Order {
    const db = this.#db
    const deps = { db, clock: systemClock, bus: localBus() }
    const site = findSite(db)
    const member = this.#sessionMember(buyer)
    const [unit] = unitsOnSale(db, [listing.id])
    if (!site || !unit) throw new Error('seeding a completed order needs a site and a unit')
    const added = addToCart(db, systemClock, member.id, unit.id, 1, listing.id)
    if (!added.ok) throw new Error(`seeding a completed order: the cart said ${added.reason}`)
    const [group] = planCheckout(db, site, member.id).groups
    if (!group) throw new Error('seeding a completed order: the cart has nothing to check out')
    const placed = placeOrdersAlone(deps, site, member, {
      checkoutKey: randomToken(),
      contactPhone: '0712 345 678',
      seen: group.lines.map(({ unitId, quantity, price }) => ({ unitId, quantity, price })),
      orders: [
        {
          storeId: group.storeId,
          kind: group.kind,
          fulfilment: group.fulfilments[0],
          address: needsAddress(group.fulfilments[0]) ? 'Behind the mosque, blue gate' : '',
          note: '',
          paymentMethod: 'cash',
          coupon: '',
        },
      ],
    })
    if (!placed.ok) throw new Error(`seeding a completed order: checkout said ${placed.reason}`)
    const code = placed.orders[0]!.code
    const store = db.select().from(stores).where(eq(stores.id, group.storeId)).get()
    const provider = store && findSessionMember(db, store.memberId)
    if (!provider) throw new Error('seeding a completed order: the store has no owner')
    const take = (as: SessionMember, action: OrderAction) => {
      const access = findOrderForMember(db, as, code)
      const moved = access && takeOrderStep(deps, access, action, '')
      if (!moved?.ok) throw new Error(`seeding a completed order: ${action} was refused`)
      return moved.order
    }
    const steps: OrderAction[] =
      group.kind === 'service'
        ? ['accept', 'start', 'mark_delivered']
        : [
            'accept',
            group.fulfilments[0] === 'delivery' ? 'send_out' : 'mark_ready',
            'mark_delivered',
          ]
    for (const action of steps) take(provider, action)
    const paid = recordPayment(deps, findOrderForMember(db, provider, code)!, 'Cash')
    if (!paid.ok) throw new Error(`seeding a completed order: payment said ${paid.reason}`)
    return take(member, 'confirm')
  }

  /** A coupon for `owner`'s store (or the market's, for the operator), as the coupons page makes. */
  coupon(owner: Credentials, input: Partial<CouponInput> & Pick<CouponInput, 'code'>): Coupon {
    const result = createCoupon(this.#db, systemClock, this.#sessionMember(owner), {
      kind: 'percent',
      value: 10,
      minSpend: 0,
      maxDiscount: null,
      expiresAt: null,
      usageLimit: null,
      scope: 'store',
      ...input,
    })
    if (!result.ok) throw new Error(`seeding a coupon failed: ${result.reason}`)
    return result.coupon
  }

  /**
   * A published review of `listing`'s store by `buyer`: a completed order (completedOrder),
   * reviewed by both sides so double-blind publishes them.
   */
  publishedReview(
    buyer: Credentials,
    provider: Credentials,
    listing: Pick<Listing, 'id'>,
    review: Partial<ReviewInput> = {},
  ): { orderCode: string; reviewId: number } {
    const db = this.#db
    const { code } = this.completedOrder(buyer, listing)
    const buyerMember = this.#sessionMember(buyer)
    const providerMember = this.#sessionMember(provider)
    const written = writeReview(db, systemClock, buyerMember.id, code, {
      stars: 5,
      title: 'Fixed in an hour',
      body: 'Came on time and cleaned up after.',
      recommend: true,
      photoIds: [],
      ...review,
    })
    if (!written.ok) throw new Error(`seeding a review: the buyer's was refused: ${written.reason}`)
    const other = writeReview(db, systemClock, providerMember.id, code, {
      stars: 5,
      title: '',
      body: 'Paid on time.',
      recommend: null,
      photoIds: [],
    })
    if (!other.ok) throw new Error(`seeding a review: the store's was refused: ${other.reason}`)
    return { orderCode: code, reviewId: written.review.id }
  }

  /** Sets a storefront's weekly hours for bookings, as its Hours page would. */
  hours(store: Pick<Store, 'id'>, hours: WeeklyHours) {
    setWeeklyHours(this.#db, store.id, hours)
  }

  /**
   * A request posted by `buyer`, as the request form posts it (no photos): a plumbing job at
   * their place, budget 500–800, open a fortnight, unless told otherwise.
   */
  request(buyer: Credentials, input: Partial<RequestInput> = {}): ServiceRequest {
    const posted = postRequest(
      { db: this.#db, clock: systemClock, bus: localBus() },
      this.#sessionMember(buyer),
      {
        title: 'Fix a leaking kitchen tap',
        description: 'The tap drips all night; the washer may be gone.',
        categoryId: CATEGORY.plumbing,
        budgetMin: 50_000,
        budgetMax: 80_000,
        place: 'customer',
        area: 'Tanji',
        neededBy: null,
        visibility: 'everyone',
        openForDays: 14,
        ...input,
      },
      [],
    )
    if (!posted.ok) throw new Error(`seeding a request failed: ${posted.reason}`)
    return posted.request
  }

  /** `provider`'s store's proposal on the request, as its form sends it: a fixed price unless a package (`unitId`) is given. */
  proposal(
    provider: Credentials,
    request: Pick<ServiceRequest, 'code'>,
    input: Partial<ProposalInput> & Pick<ProposalInput, 'visitOn'>,
  ): Proposal {
    const member = this.#sessionMember(provider)
    const store = findStoreOfMember(this.#db, member.id)
    const sent = propose(
      { db: this.#db, clock: systemClock, bus: localBus() },
      member,
      store,
      request.code,
      {
        unitId: 0,
        revise: false,
        price: 65_000,
        message: 'I can come with a new washer.',
        ...input,
      },
    )
    if (!sent.ok) throw new Error(`seeding a proposal failed: ${sent.reason}`)
    return sent.proposal
  }

  close() {
    this.#connection?.$client.close()
  }

  #sessionMember(credentials: Credentials): SessionMember {
    const member = findMemberByEmail(this.#db, credentials.email)
    if (!member) throw new Error(`no member ${credentials.email} to seed for`)
    return member
  }

  get #db() {
    this.#connection ??= openDatabase(this.#server.databasePath)
    return this.#connection
  }
}

/** Category ids from the default tree (db/migrations/0002_default-categories.sql). */
export const CATEGORY = { plumbing: 101, honeyPreserves: 127, secondHand: 11, bikes: 146 }

/** A service to seed, in minor units (GMD: 100 bututs to the dalasi); override what matters. */
export function serviceListing(input: Partial<ServiceInput> = {}): ServiceInput {
  return {
    kind: 'service',
    title: 'Leaking tap repair',
    description: 'I fix dripping taps and leaking pipes the same day.',
    categoryId: CATEGORY.plumbing,
    tags: ['taps', 'leaks'],
    packages: [
      { name: 'Call-out', included: 'Look and small fix', price: 15000, turnaroundDays: 0 },
      { name: 'Half day', included: 'Parts not included', price: 60000, turnaroundDays: 1 },
    ],
    serviceLocations: ['customer'],
    durationMinutes: 60,
    booking: null,
    ...input,
  }
}

/** Goods to seed: a price and stock, no variants unless given. */
export function productListing(input: Partial<ProductInput> = {}): ProductInput {
  return {
    kind: 'product',
    title: 'Mangrove honey, 500 g jar',
    description: 'Raw honey from the hives by the creek.',
    categoryId: CATEGORY.honeyPreserves,
    tags: ['honey'],
    price: 25000,
    stock: 8,
    variants: [],
    pickup: true,
    delivery: false,
    deliveryFee: null,
    ...input,
  }
}

/**
 * What went wrong in the browser: uncaught exceptions, console errors (a failed stylesheet or
 * script included) and CSP violations. A test that provokes an error response on purpose (422,
 * 404, 503) allows Chromium's "Failed to load resource" line for that status.
 */
export class BrowserProblems {
  readonly seen: string[] = []
  #allowedStatuses = new Set<number>()

  allowStatus(status: number) {
    this.#allowedStatuses.add(status)
  }

  async watch(target: BrowserContext) {
    const watchPage = (page: Page) => {
      page.on('pageerror', (error) => this.seen.push(`uncaught: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() !== 'error') return
        const url = message.location().url
        if (!this.#isExpected(message.text(), url)) this.seen.push(`${message.text()} (${url})`)
      })
    }
    // The DOM's own report of a violation, in case one is not echoed to the console.
    await target.exposeBinding('__soukReportCspViolation', (_source, text: string) =>
      this.seen.push(`CSP violation: ${text}`),
    )
    await target.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as Record<string, (text: string) => void>)
          .__soukReportCspViolation
        report?.(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`)
      })
    })
    target.pages().forEach(watchPage)
    target.on('page', watchPage)
  }

  #isExpected(text: string, url: string) {
    const failed = text.match(
      /^Failed to load resource: the server responded with a status of (\d+)/,
    )
    if (!failed) return false
    // A failed stylesheet or script is never expected.
    const path = new URL(url, 'http://x').pathname
    return !path.startsWith('/static/') && this.#allowedStatuses.has(Number(failed[1]))
  }
}

/** The mail server every test's market sends to (a real SMTP server on loopback). */
export type Mailbox = {
  /** smtp://127.0.0.1:<port>, the market's SMTP_URL */
  url: string
  received: ReceivedMail[]
  /** The first mail to `to` whose subject matches, once it has arrived. */
  waitFor: (to: string, subject: RegExp) => Promise<ReceivedMail>
}

type Fixtures = {
  mailbox: Mailbox
  server: SoukServer
  seed: Seed
  problems: BrowserProblems
  /** Opens a page in a browser context of its own: another device, with its own cookies. */
  openDevice: (device?: keyof typeof devices) => Promise<Page>
}

export const test = base.extend<Fixtures>({
  mailbox: async ({}, use) => {
    const mailServer = await startMailServer()
    const find = (to: string, subject: RegExp) =>
      mailServer.received.find(
        (mail) => mail.to.includes(to) && subject.test(mail.headers.get('subject')?.[0] ?? ''),
      )
    await use({
      url: mailServer.url,
      received: mailServer.received,
      waitFor: async (to, subject) => {
        // The market sends from its job worker, a moment after the request that caused the mail.
        await expect
          .poll(() => find(to, subject) !== undefined, { message: `a mail to ${to}: ${subject}` })
          .toBe(true)
        return find(to, subject) as ReceivedMail
      },
    })
    await mailServer.close()
  },

  server: async ({ mailbox }, use, testInfo) => {
    const server = await startServer({ SMTP_URL: mailbox.url })
    await use(server)
    const endedEarly = server.endedEarly()
    const exitCode = await server.stop().catch((error: Error) => error.message)
    if (testInfo.status !== testInfo.expectedStatus || endedEarly || exitCode !== 0)
      await testInfo.attach('server output', { body: server.output(), contentType: 'text/plain' })
    expect(endedEarly, 'the server kept running until the test was done').toBe(false)
    expect(exitCode, 'the server exits cleanly on SIGTERM').toBe(0)
  },

  baseURL: async ({ server }, use) => use(server.baseURL),

  seed: async ({ server }, use) => {
    const seed = new Seed(server)
    await use(seed)
    seed.close()
  },

  problems: async ({}, use) => {
    const problems = new BrowserProblems()
    await use(problems)
    expect(problems.seen, 'no script errors or CSP violations in the browser').toEqual([])
  },

  context: async ({ context, problems }, use) => {
    await problems.watch(context)
    await use(context)
  },

  openDevice: async ({ browser, baseURL, problems }, use) => {
    const contexts: BrowserContext[] = []
    await use(async (device = 'Desktop Chrome') => {
      const context = await browser.newContext({ ...devices[device], baseURL })
      contexts.push(context)
      await problems.watch(context)
      return context.newPage()
    })
    await Promise.all(contexts.map((context) => context.close()))
  },
})

export { expect }
