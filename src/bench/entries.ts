// What the benchmark measures. Each feature adds its group here, named as a person would say it.
import type { BenchTargets } from './town'

/** What entries may need that only exists once the town is seeded and the server runs. */
export type BenchContext = Omit<BenchTargets, 'providerEmail' | 'providerListingIds'> & {
  /** The signed-in bench member: a provider with listings (see BenchTargets). */
  memberCookie: string
}

/**
 * What an entry is compared with, measured in the same run on a bare Hono app (bare-server.mjs):
 * its hello world, or the very bytes Souk answered for the entry's page replayed as they are.
 */
export type Baseline = 'hello world' | 'same page'

export type BenchEntry = {
  name: string
  /** A fixed path, or one found in the seeded town. */
  path: string | ((context: BenchContext) => string)
  headers: (context: BenchContext) => Record<string, string>
  baseline?: Baseline
  /** The least share of the baseline's req/s, and the slowest p99, that count as fast enough. */
  target?: { ratio: number; p99Ms?: number }
}

export function entryPath(entry: BenchEntry, context: BenchContext): string {
  return typeof entry.path === 'string' ? entry.path : entry.path(context)
}

/** What a current browser sends: brotli is the encoding pages are budgeted in. */
const BROWSER = { Accept: 'text/html', 'Accept-Encoding': 'br' }
const signedIn = ({ memberCookie }: BenchContext) => ({ ...BROWSER, Cookie: memberCookie })

/** Pages a visitor reads most: a fifth of what the adapter alone does, and no slow tail. */
const PAGE_TARGET = { ratio: 0.2, p99Ms: 50 }

/** No database, no rendering: only the middleware chain stands between it and hello world. */
const healthEntries: BenchEntry[] = [
  {
    name: 'healthz',
    path: '/healthz',
    headers: () => ({}),
    baseline: 'hello world',
    target: { ratio: 0.5 },
  },
]

// The home page lists the newest listings on sale, so these measure that query too.
const homeEntries: BenchEntry[] = [
  {
    name: 'home (visitor)',
    path: '/',
    headers: () => BROWSER,
    baseline: 'same page',
    target: PAGE_TARGET,
  },
  // Every signed-in request looks up and checks its session (a read; a write every few minutes).
  { name: 'home (member)', path: '/', headers: signedIn },
]

const accountEntries: BenchEntry[] = [
  { name: 'sign-in page', path: '/sign-in', headers: () => BROWSER },
]

const marketEntries: BenchEntry[] = [
  {
    name: 'listing page',
    path: ({ listingPath }) => listingPath,
    headers: () => BROWSER,
    baseline: 'same page',
    target: PAGE_TARGET,
  },
  {
    name: 'storefront page',
    path: ({ storePath }) => storePath,
    headers: () => BROWSER,
    baseline: 'same page',
    target: PAGE_TARGET,
  },
  {
    name: 'category page',
    path: ({ categoryPath }) => categoryPath,
    headers: () => BROWSER,
    baseline: 'same page',
    target: PAGE_TARGET,
  },
  { name: 'my listings (provider)', path: '/listings/mine', headers: signedIn },
]

export const benchEntries: BenchEntry[] = [
  ...healthEntries,
  ...homeEntries,
  ...accountEntries,
  ...marketEntries,
]

/** The pages a visitor browses, for the memory check after 10,000 page views. */
export const pageViewEntries = benchEntries.filter((entry) => entry.baseline === 'same page')
