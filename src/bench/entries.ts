// What the benchmark measures. Each feature adds its group here, named as a person would say it.
import type { BenchTargets } from './town'

/** What entries may need that only exists once the town is seeded and the server runs. */
export type BenchContext = Omit<BenchTargets, 'providerEmail' | 'providerListingIds'> & {
  /** The signed-in bench member: a provider with listings (see BenchTargets). */
  memberCookie: string
}

export type BenchEntry = {
  name: string
  /** A fixed path, or one found in the seeded town. */
  path: string | ((context: BenchContext) => string)
  headers: (context: BenchContext) => Record<string, string>
}

export function entryPath(entry: BenchEntry, context: BenchContext): string {
  return typeof entry.path === 'string' ? entry.path : entry.path(context)
}

/** What a current browser sends: brotli is the encoding pages are budgeted in. */
const BROWSER = { Accept: 'text/html', 'Accept-Encoding': 'br' }
const signedIn = ({ memberCookie }: BenchContext) => ({ ...BROWSER, Cookie: memberCookie })

// The home page lists the newest listings on sale, so these measure that query too.
const homeEntries: BenchEntry[] = [
  { name: 'home (visitor)', path: '/', headers: () => BROWSER },
  // Every signed-in request looks up and checks its session (a read; a write every few minutes).
  { name: 'home (member)', path: '/', headers: signedIn },
]

const accountEntries: BenchEntry[] = [
  { name: 'sign-in page', path: '/sign-in', headers: () => BROWSER },
]

const marketEntries: BenchEntry[] = [
  { name: 'listing page', path: ({ listingPath }) => listingPath, headers: () => BROWSER },
  { name: 'storefront page', path: ({ storePath }) => storePath, headers: () => BROWSER },
  { name: 'category page', path: ({ categoryPath }) => categoryPath, headers: () => BROWSER },
  { name: 'my listings (provider)', path: '/listings/mine', headers: signedIn },
]

export const benchEntries: BenchEntry[] = [...homeEntries, ...accountEntries, ...marketEntries]
