// Search on a big town (issue 7): a demo town of 100,000 listings, the production build, and
// autocannon at 32 connections on each kind of search. Prints req/s, p50 and p99, bytes and peak
// memory for each, whether the targets are met, and how long building the index from scratch
// takes (what the migration does for an existing market).
//
// Each search is measured twice. "cached" is a visitor without cookies asking what was asked
// before — answered from the visitor page cache until the database changes, as a popular search
// is. "fresh" sends a cookie (not a session), which the page cache never answers: every request
// runs the search, the facets and the page. The targets hold for fresh searches.
//   npx tsx src/bench/search.ts [--listings N] [--duration S] [--connections N] [--only TEXT]
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../db'
import { systemClock } from '../lib/clock'
import { listCategoryTree } from '../models/category'
import { searchListingsUncached } from '../models/listing/search'
import { readSearchCriteria, searchParamsSchema } from '../models/listing/search-input'
import { listPlaces } from '../models/place'
import type { BenchEntry } from './entries'
import { openBenchMarket, runWithMarket, type Held } from './market'
import { measureEntry, type EntryResult } from './measure'

const root = fileURLToPath(new URL('../..', import.meta.url))
const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: '100000' },
    duration: { type: 'string', default: process.env.BENCH_QUICK === '1' ? '3' : '10' },
    connections: { type: 'string', default: '32' },
    only: { type: 'string' },
  },
})
const listings = Number(values.listings)
const duration = Number(values.duration)
const options = {
  duration,
  warmup: Math.min(2, Math.ceil(duration / 3)),
  connections: Number(values.connections),
}

/** What a phone's browser sends; htmx adds HX-Request for the suggestions it fetches. */
const BROWSER = { Accept: 'text/html', 'Accept-Encoding': 'br' }
/** Any cookie keeps the visitor page cache out of the way; this one means nothing to Souk. */
const FRESH = { ...BROWSER, Cookie: 'bench=fresh' }
const SUGGESTIONS = { ...FRESH, 'HX-Request': 'true' }

const SEARCH_TARGET = { requestsPerSecond: 1000, p99Ms: 50 }
const SUGGESTIONS_TARGET = { p99Ms: 15 }

type SearchEntry = {
  name: string
  path: string
  target?: { requestsPerSecond?: number; p99Ms: number }
}

// Words the demo town's listings use (db/demo-catalog.ts), so each search finds what a town would.
const SEARCHES: SearchEntry[] = [
  { name: 'one word', path: '/search?q=honey', target: SEARCH_TARGET },
  { name: 'two words', path: '/search?q=tap+repair', target: SEARCH_TARGET },
  { name: 'prefix', path: '/search?q=plumb' },
  { name: 'a common word', path: '/search?q=repair' },
  {
    name: 'filters and distance',
    path: '/search?q=repair&kind=service&min=100&max=5000&fulfilment=in-person&near=Brufut&radius=5&sort=nearest',
  },
  { name: 'no match (spelling tried)', path: '/search?q=zqxwvy' },
  { name: 'a typo', path: '/search?q=plumer' },
  { name: 'browse, no words', path: '/search' },
  { name: 'deep page', path: '/search?q=repair&page=40' },
  { name: 'category page', path: '/categories/food-produce' },
]

await runWithMarket('search bench', async (held: Held, signal: AbortSignal) => {
  const market = await openBenchMarket(held, {
    root,
    members: Math.max(2000, listings / 10),
    listings,
    signal,
    say,
  })
  say(`${market.town.listingCount} listings in ${market.town.storeCount} storefronts.`)
  say(`Index build: ${indexBuildSeconds(market.databasePath).toFixed(1)} s (target ≤ 30 s).`)
  say('Each search cold, in the model alone (no answer kept), median of 15:')
  for (const search of SEARCHES)
    if (search.path.startsWith('/search'))
      say(
        `  ${search.name.padEnd(28)} ${coldSearchMs(market.databasePath, search.path).toFixed(1)} ms`,
      )
  const results: { result: EntryResult; target?: SearchEntry['target'] }[] = []
  const measure = async (
    name: string,
    path: string,
    headers: Record<string, string>,
    target?: SearchEntry['target'],
  ) => {
    if (values.only && !name.includes(values.only)) return
    say(`  measuring ${name}…`)
    const entry: BenchEntry = { name, path, headers: () => headers }
    results.push({
      result: await measureEntry(market.server, entry, market.context, options, signal),
      target,
    })
  }
  for (const search of SEARCHES) {
    await measure(`${search.name} (fresh)`, search.path, FRESH, search.target)
    await measure(`${search.name} (cached)`, search.path, BROWSER)
  }
  for (const typed of ['ho', 'plum']) {
    const path = `/search/suggestions?q=${typed}`
    await measure(`suggestions "${typed}" (fresh)`, path, SUGGESTIONS, SUGGESTIONS_TARGET)
    await measure(`suggestions "${typed}" (cached)`, path, { ...BROWSER, 'HX-Request': 'true' })
  }
  say('')
  say(report(results))
  if (results.some(({ result, target }) => target && !met(result, target))) process.exitCode = 1
})

/** The median time of one search for `path`'s criteria, run each time, nothing kept. */
function coldSearchMs(databasePath: string, path: string): number {
  const db = openDatabase(databasePath)
  try {
    const params = new URL(path, 'http://bench').searchParams
    const entries: [string, string][] = [...params]
    const fields: Record<string, string | string[]> = {}
    for (const [name, value] of entries) {
      const before = fields[name]
      fields[name] = before === undefined ? value : [before, value].flat()
    }
    const { criteria } = readSearchCriteria(searchParamsSchema.parse(fields), {
      categories: listCategoryTree(db),
      places: listPlaces(db, systemClock),
      currency: 'GMD',
      locale: 'en-GM',
    })
    const times: number[] = []
    for (let run = 0; run < 15; run += 1) {
      const started = performance.now()
      searchListingsUncached(db, systemClock, criteria)
      times.push(performance.now() - started)
    }
    return times.sort((a, b) => a - b)[7]!
  } finally {
    db.$client.close()
  }
}

/** Seconds to rebuild the whole index in one transaction, as migration 0004 builds it. */
function indexBuildSeconds(databasePath: string): number {
  const db = openDatabase(databasePath)
  try {
    const started = performance.now()
    db.$client.transaction(() => {
      db.$client.exec('DELETE FROM listing_search')
      db.$client.exec(
        `INSERT INTO listing_search (rowid, title, category, store, tags, options, description)
         SELECT * FROM listing_search_documents`,
      )
    })()
    return (performance.now() - started) / 1000
  } finally {
    db.$client.close()
  }
}

function met(result: EntryResult, target: NonNullable<SearchEntry['target']>): boolean {
  return (
    result.errors === 0 &&
    result.non2xx === 0 &&
    result.p99Ms <= target.p99Ms &&
    result.requestsPerSecond >= (target.requestsPerSecond ?? 0)
  )
}

function report(results: { result: EntryResult; target?: SearchEntry['target'] }[]): string {
  const rows = results.map(({ result, target }) => [
    result.entry,
    Math.round(result.requestsPerSecond).toLocaleString('en'),
    String(result.p50Ms),
    String(result.p99Ms),
    `${(result.bytesPerRequest / 1024).toFixed(1)} KB`,
    `${Math.round(result.peakRssMb)} MB`,
    target
      ? `${met(result, target) ? 'met' : 'MISSED'} (${target.requestsPerSecond ? `≥ ${target.requestsPerSecond} req/s, ` : ''}p99 ≤ ${target.p99Ms} ms)`
      : result.errors + result.non2xx > 0
        ? `${result.errors} errors, ${result.non2xx} non-2xx`
        : '',
  ])
  const header = ['search', 'req/s', 'p50 ms', 'p99 ms', 'bytes', 'peak RSS', 'target']
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  )
  const line = (cells: string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')
  return [line(header), ...rows.map(line)].join('\n')
}

function say(text: string) {
  process.stdout.write(`${text}\n`)
}
