// `npm run bench`: builds the server, seeds a demo town into a temporary database, starts the
// real server on a free port and drives each entry with autocannon, then checkout, then the month
// of a busy provider's free slots (in the model: booking-month.ts), then live updates (live.ts,
// beside Socket.IO). Prints a table and writes src/bench/results/latest.json
// (git-ignored) so two runs can be compared.
import { execFileSync } from 'node:child_process'
import { availableParallelism, loadavg } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startBareServer, type BareServer } from './bare'
import {
  benchBookingMonth,
  formatBookingMonth,
  freshBenchDatabase,
  type BookingMonthResult,
} from './booking-month'
import { benchCheckout, formatCheckout, type CheckoutBenchResult } from './checkout'
import { benchEntries, entryPath, pageViewEntries, type BenchContext } from './entries'
import { benchLive, type LiveBenchResult } from './live'
import { formatLive } from './live-report'
import { closeBenchMarket, openBenchMarket, type Held } from './market'
import { measureEntry, viewPages, type EntryResult } from './measure'
import { residentMb } from './memory'
import { createWorkDir } from './workspace'
import { BenchUsageError, readBenchOptions } from './options'
import { compare, formatMemory, formatTable, formatTargets, writeResults } from './report'

/** The memory check: how much the server holds after this many page views. */
const PAGE_VIEWS = 10_000

const root = fileURLToPath(new URL('../..', import.meta.url))
const resultsPath = join(root, 'src/bench/results/latest.json')

// Ctrl-C stops the load, then the same clean-up as any failure runs. A second Ctrl-C quits at once.
const interruption = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => interruption.abort(new Error(`interrupted (${signal})`)))

const held: Held & { bare?: BareServer } = {}
try {
  await bench(interruption.signal)
} catch (error) {
  process.exitCode = interruption.signal.aborted ? 130 : error instanceof BenchUsageError ? 2 : 1
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`)
} finally {
  // Always: no server or temporary town is left behind, whatever happened above.
  await held.bare?.stop()
  await closeBenchMarket(held)
}

async function bench(signal: AbortSignal) {
  const options = readBenchOptions()
  // src/db.ts finds the migrations relative to the working directory, as the server does.
  if (relative(process.cwd(), root) !== '')
    throw new Error(`run from the repository root (${root}), e.g. with npm run bench`)
  const entries = benchEntries.filter((entry) => !options.only || entry.name.includes(options.only))
  // Checkout writes orders, so it runs after the pages are measured (src/bench/checkout.ts).
  const checkout = !options.only || 'checkout'.includes(options.only)
  // The month of free slots is read in the model, on the town's database after checkout.
  const bookingMonth = !options.only || 'booking month'.includes(options.only)
  // Live updates hold ten thousand connections: last, so nothing else is measured beside them.
  const live = !options.only || 'live'.includes(options.only)
  if (entries.length === 0 && !checkout && !bookingMonth && !live)
    throw new BenchUsageError(`no entry matches --only ${options.only}`)
  // Asked for alone, the month needs no server or town: a database of its own, in seconds.
  if (entries.length === 0 && !checkout && !live) {
    held.workDir = createWorkDir()
    say(
      'Measuring the month of free slots on a database of its own ' +
        `(${availableParallelism()} CPUs, load ${loadavg()[0]!.toFixed(1)})…`,
    )
    const result = benchBookingMonth(freshBenchDatabase(held.workDir), say)
    say(`\n${formatBookingMonth(result)}\n`)
    writeResults(resultsPath, [], {
      options,
      memory: null,
      commit: currentCommit(),
      bookingMonth: result,
    })
    say(`Results written to ${relative(process.cwd(), resultsPath)}`)
    return
  }

  const { server, town, context, databasePath } = await openBenchMarket(held, {
    root,
    members: options.members,
    signal,
    say,
  })

  // The page views of the memory check mean nothing to the live bench alone.
  const memory =
    entries.length > 0 || checkout ? await measureMemory(server, context, signal) : null

  // The bare baseline replays the bytes of exactly the pages measured here.
  const pages = entries.filter((entry) => entry.baseline === 'same page')
  const bare = await startBareServer(
    pages.map((entry) => ({
      url: `${server.url}${entryPath(entry, context)}`,
      headers: entry.headers(context),
    })),
    held.workDir!,
  )
  held.bare = bare

  const load =
    entries.length > 0
      ? `${entries.length} entries × ${options.duration} s (after ${options.warmup} s warm-up), ` +
        `${options.connections} connections, `
      : ''
  say(
    `${load}${options.members} members ` +
      `(${town.storeCount} storefronts, ${town.listingCount} listings); ` +
      `${availableParallelism()} CPUs, load ${loadavg()[0]!.toFixed(1)} (autocannon shares them)`,
  )
  const results: EntryResult[] = []
  const baselines = new Map<string, EntryResult>()
  for (const entry of entries) {
    say(`  measuring ${entry.name}…`)
    const result = await measureEntry(server, entry, context, options, signal)
    if (entry.baseline) {
      const path = entry.baseline === 'hello world' ? '/hello' : bare.pagePath(pages.indexOf(entry))
      if (!baselines.has(path)) {
        say(`  measuring the bare baseline for ${entry.name}…`)
        baselines.set(path, await measureEntry(bare, entry, context, options, signal, path))
      }
      results.push(compare(result, entry, baselines.get(path)!))
    } else results.push(result)
  }
  let checkoutResult: CheckoutBenchResult | undefined
  if (checkout) {
    say('  measuring checkout and the last-item race…')
    checkoutResult = await benchCheckout(server, databasePath, options, signal)
  }
  let bookingMonthResult: BookingMonthResult | undefined
  if (bookingMonth) {
    say('  measuring the month of free slots…')
    bookingMonthResult = benchBookingMonth(databasePath, say)
  }
  let liveResult: LiveBenchResult | undefined
  if (live) {
    say('  measuring live updates beside Socket.IO…')
    liveResult = await benchLive({ root, databasePath, workDir: held.workDir!, signal, say })
  }

  if (results.length > 0) {
    say(`\n${formatTable(results)}\n`)
    say(`${formatTargets(results)}\n`)
  }
  if (checkoutResult) say(`${formatCheckout(checkoutResult)}\n`)
  if (bookingMonthResult) say(`${formatBookingMonth(bookingMonthResult)}\n`)
  if (liveResult) say(`${formatLive(liveResult)}\n`)
  if (memory) say(`${formatMemory(memory, PAGE_VIEWS)}\n`)
  const warnings = server.output()
  if (warnings.length > 0)
    say(`The server warned (last ${warnings.length} lines):\n${warnings.join('\n')}\n`)
  writeResults(resultsPath, results, {
    options,
    memory,
    commit: currentCommit(),
    checkout: checkoutResult,
    bookingMonth: bookingMonthResult,
    live: liveResult,
  })
  say(`Results written to ${relative(process.cwd(), resultsPath)}`)
}

/** Resident memory right after start, and after PAGE_VIEWS views of the pages a visitor reads. */
async function measureMemory(
  server: { url: string; pid: number },
  context: BenchContext,
  signal: AbortSignal,
) {
  const afterStartMb = residentMb(server.pid)
  const pages = pageViewEntries.map((entry) => ({
    path: entryPath(entry, context),
    headers: entry.headers(context),
  }))
  await viewPages(server.url, pages, PAGE_VIEWS, signal)
  // A moment for the last responses' buffers to be let go.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  return { afterStartMb, afterPageViewsMb: residentMb(server.pid) }
}

function currentCommit(): string | null {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return commit.trim()
  } catch {
    return null
  }
}

function say(text: string) {
  process.stdout.write(`${text}\n`)
}
