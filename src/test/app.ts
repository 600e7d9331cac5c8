// Test support: a real app on a freshly migrated temporary SQLite file, plus request helpers.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { parseHTML } from 'linkedom'
import { createApp } from '../app'
import { readConfig, type Config } from '../config'
import { migrateDatabase, openDatabase, type Db } from '../db'
import { loadAssets } from '../http/assets'
import { manualScheduler } from '../jobs/scheduler'
import { jobWorker } from '../jobs/worker'
import { recordingBus } from '../live/bus'
import type { Clock } from '../lib/clock'
import { signUpMember, type Member } from '../models/member'
import { completeSetup, issueSetupToken } from '../models/site'

export const ORIGIN = 'http://souk.test'
export const PASSWORD = 'quiet harbour lanterns'

/** A clock the test moves by hand. */
export function testClock(start = new Date('2026-11-23T09:00:00Z')) {
  let now = start.getTime()
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms
    },
  } satisfies Clock & { advance: (ms: number) => void }
}

export type TestMarket = ReturnType<typeof createTestMarket>

/** A fresh marketplace: temporary database, migrated, with an app on top. Not yet set up. */
export function createTestMarket(overrides: Partial<Config> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'souk-test-'))
  const parsed = readConfig({
    DATABASE_PATH: join(dir, 'souk.sqlite'),
    UPLOADS_DIR: join(dir, 'uploads'),
  })
  if (!parsed.ok) throw new Error(parsed.message)
  const config = { ...parsed.config, ...overrides }
  const db: Db = openDatabase(config.databasePath)
  migrateDatabase(db)
  const clock = testClock()
  const logger = pino({ level: 'silent' })
  const jobs = manualScheduler(jobWorker({ db, clock, logger }))
  const bus = recordingBus()
  const shutdown = new AbortController()
  const app = createApp({
    db,
    clock,
    config,
    logger,
    assets: loadAssets(),
    jobs,
    bus,
    signal: shutdown.signal,
  })
  const cleanup = () => {
    shutdown.abort()
    if (db.$client.open) db.$client.close()
    rmSync(dir, { recursive: true, force: true })
  }
  /** What the server does first on SIGTERM: streams listening to the signal end. */
  const shutDown = () => shutdown.abort()
  return { app, db, clock, config, jobs, bus, shutDown, cleanup, ...requests(app) }
}

/** The same, already set up by an operator, as most tests want. */
export async function createOpenMarket(overrides: Partial<Config> = {}) {
  const market = createTestMarket(overrides)
  const token = issueSetupToken(market.db)!
  const result = await completeSetup(
    market.db,
    market.clock,
    token,
    {
      marketName: 'Tanji Market',
      town: 'Tanji',
      currency: 'GMD',
      locale: 'en-GB',
      timeZone: 'Africa/Banjul',
    },
    { displayName: 'Awa Operator', email: 'awa@example.com', password: PASSWORD },
  )
  if (!result.ok) throw new Error(`setup failed: ${result.reason}`)
  return market
}

let memberCount = 0
/**
 * Creates a member directly in the database (tests seed through models, not the UI), with their
 * address confirmed unless `emailVerified: false` says otherwise.
 */
export async function createMember(
  market: TestMarket,
  fields: Partial<{ displayName: string; email: string; emailVerified: boolean }> = {},
) {
  memberCount += 1
  const result = await signUpMember(
    market.db,
    market.clock,
    {
      displayName: fields.displayName ?? `Member ${memberCount}`,
      email: fields.email ?? `member${memberCount}@example.com`,
      password: PASSWORD,
    },
    { emailVerified: fields.emailVerified ?? true },
  )
  if (!result.ok) throw new Error(`sign-up failed: ${result.reason}`)
  return result.member as Member
}

type App = ReturnType<typeof createApp>

function requests(app: App) {
  /** GET as a browser would, optionally with a session cookie. */
  const get = (path: string, options: { cookie?: string; headers?: Record<string, string> } = {}) =>
    app.request(`${ORIGIN}${path}`, {
      headers: { ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
    })

  /** POST a same-origin form, as a browser submitting one of our forms; a list repeats a name. */
  const post = (
    path: string,
    form: Record<string, string | string[]>,
    options: { cookie?: string; headers?: Record<string, string> } = {},
  ) =>
    app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      body: new URLSearchParams(
        Object.entries(form).flatMap(([name, value]) =>
          [value].flat().map((one): [string, string] => [name, one]),
        ),
      ),
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: ORIGIN,
        ...(options.cookie ? { Cookie: options.cookie } : {}),
        ...options.headers,
      },
    })

  /** POST a same-origin multipart form with files, as a browser uploading photos. */
  const upload = (
    path: string,
    files: Record<string, { name: string; bytes: Uint8Array }[]>,
    options: {
      cookie?: string
      fields?: Record<string, string>
      headers?: Record<string, string>
    } = {},
  ) => {
    const body = new FormData()
    for (const [name, value] of Object.entries(options.fields ?? {})) body.append(name, value)
    for (const [field, list] of Object.entries(files))
      for (const file of list) body.append(field, new File([new Uint8Array(file.bytes)], file.name))
    return app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      body,
      headers: {
        Origin: ORIGIN,
        ...(options.cookie ? { Cookie: options.cookie } : {}),
        ...options.headers,
      },
    })
  }

  /** Signs in through the real form and returns the session cookie to send with later requests. */
  const signIn = async (email: string, password = PASSWORD) => {
    const response = await post('/sign-in', { email, password })
    if (response.status !== 303) throw new Error(`sign-in failed with ${response.status}`)
    return sessionCookie(response)!
  }

  return { get, post, upload, signIn }
}

/** The `name=value` of the session cookie a response set, if it set one. */
export function sessionCookie(response: Response): string | undefined {
  const cookie = response.headers
    .getSetCookie()
    .find((line) => /^(__Host-)?souk_session=[^;]+/.test(line))
  return cookie?.split(';')[0]
}

/** The flash cookie a redirect set, to follow it like a browser does. */
export function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .filter((pair) => !pair!.endsWith('='))
    .join('; ')
}

/** Parses an HTML response into a DOM to assert on what a person would see. */
export async function page(response: Response) {
  const { document } = parseHTML(await response.text())
  return document
}

/** The error message shown beside a field, if any. */
export function fieldError(document: Document, name: string): string | null {
  return document.getElementById(`field-${name}-error`)?.textContent ?? null
}

/** A member with a storefront, signed in: the usual provider in listing tests. */
export async function createProvider(
  market: TestMarket,
  email = `provider${++memberCount}@example.com`,
) {
  const member = await createMember(market, { displayName: 'Lamin Sowe', email })
  const cookie = await market.signIn(email)
  const store = await market.post(
    '/stores',
    { name: `Lamin ${memberCount}`, area: 'Tanji', phone: '+220 700 1234', showPhone: 'on' },
    { cookie },
  )
  if (store.status !== 303) throw new Error(`opening the storefront failed with ${store.status}`)
  return { member, cookie }
}

/** A service listing form as a provider fills it in (prices in GMD). */
export const serviceForm = {
  kind: 'service',
  title: 'Leaking tap repair',
  categoryId: '101',
  description: 'I fix leaking taps and replace washers.\n\nSame day in Tanji.',
  tags: 'Plumbing, taps',
  'packages.0.name': 'Call-out',
  'packages.0.included': 'Diagnosis and small repair',
  'packages.0.price': '350',
  'packages.0.turnaroundDays': '0',
  'packages.1.name': 'Half day',
  'packages.1.included': 'Up to four hours of work',
  'packages.1.price': '1200',
  'packages.2.name': 'Full day',
  'packages.2.price': '2000.50',
  serviceLocations: 'customer',
  durationMinutes: '60',
}

/** A product listing with two variants. */
export const productForm = {
  kind: 'product',
  title: 'Mango jam',
  categoryId: '127',
  description: 'From our own trees.',
  'variants.0.name': 'Small jar',
  'variants.0.price': '75',
  'variants.0.stock': '12',
  'variants.1.name': 'Large jar',
  'variants.1.price': '140',
  'variants.1.stock': '0',
  pickup: 'on',
  delivery: 'on',
  deliveryFee: '25',
}

/** What the flash on the next page says, following the redirect like a browser. */
export async function flashAfter(
  market: Pick<TestMarket, 'get'>,
  response: Response,
  cookie = '',
): Promise<string | null> {
  const next = await page(
    await market.get(response.headers.get('Location') ?? '/', {
      cookie: [cookie, cookiesFrom(response)].filter(Boolean).join('; '),
    }),
  )
  return next.querySelector('.flash')?.textContent ?? null
}
