import autocannon, { type Options, type Result } from 'autocannon'
import { entryPath, type BenchContext, type BenchEntry } from './entries'
import { watchMemory } from './memory'
import type { BenchOptions } from './options'

export type EntryResult = {
  entry: string
  path: string
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Connection errors and timeouts. */
  errors: number
  non2xx: number
  /** Average bytes received per response, headers included: what a phone actually downloads. */
  bytesPerRequest: number
  peakRssMb: number
  /** Set for entries with a baseline: the bare app's numbers and how this entry compares. */
  versus?: {
    baseline: string
    requestsPerSecond: number
    ratio: number
    target?: { ratio: number; p99Ms?: number }
    met?: boolean
  }
}

/**
 * Drives one entry at fixed concurrency, sampling the server's memory meanwhile. A warm-up run
 * comes first and is thrown away, so JIT compilation does not count against the entry.
 */
export async function measureEntry(
  server: { url: string; pid: number },
  entry: BenchEntry,
  context: BenchContext,
  options: Pick<BenchOptions, 'duration' | 'warmup' | 'connections'>,
  signal: AbortSignal,
  path = entryPath(entry, context),
): Promise<EntryResult> {
  const load: Options = {
    url: `${server.url}${path}`,
    connections: options.connections,
    headers: entry.headers(context),
  }
  await drive({ ...load, duration: options.warmup }, signal)
  signal.throwIfAborted()
  const memory = watchMemory(server.pid)
  const result = await drive({ ...load, duration: options.duration }, signal).finally(memory.stop)
  signal.throwIfAborted()
  return {
    entry: entry.name,
    path,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerRequest: result.requests.total
      ? Math.round(result.throughput.total / result.requests.total)
      : 0,
    peakRssMb: memory.peakMb(),
  }
}

/**
 * Requests `total` pages, spread evenly over `paths`, as fast as `connections` allow: the
 * traffic after which the bench reports the server's memory.
 */
export async function viewPages(
  url: string,
  pages: { path: string; headers: Record<string, string> }[],
  total: number,
  signal: AbortSignal,
) {
  const each = Math.ceil(total / pages.length)
  for (const page of pages) {
    await drive(
      { url: `${url}${page.path}`, headers: page.headers, amount: each, connections: 8 },
      signal,
    )
    signal.throwIfAborted()
  }
}

/** Runs autocannon, ending it at once on Ctrl-C so the server can drain and stop. */
async function drive(options: Options, signal: AbortSignal): Promise<Result> {
  // Without a callback autocannon returns its running instance, which is also a promise.
  const instance = autocannon(options) as Promise<Result> & { stop: () => void }
  const stop = () => instance.stop()
  signal.addEventListener('abort', stop, { once: true })
  try {
    return await instance
  } finally {
    signal.removeEventListener('abort', stop)
  }
}
