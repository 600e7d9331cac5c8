import type { AppDeps } from '../http/env'

/** Counts kept in memory between writes: listing views, searches. */
type Counts = { flush(): void; close(): void }

/**
 * How often counted views are written. Each write also refreshes the visitor page cache, which
 * keeps a page at most 10 s anyway, so flushing more often than that would cost cache hits.
 */
export const ACTIVITY_FLUSH_INTERVAL = 10_000
/** Searches only feed the operator's log: a minute late is soon enough. */
export const SEARCH_LOG_FLUSH_INTERVAL = 60_000

/** Writes what `counts` holds every `interval`, and whatever is left when the server stops. */
export function scheduleCounts(
  { jobs, signal, logger }: AppDeps,
  name: string,
  interval: number,
  counts: Counts,
) {
  // A plain timer, not a durable job: what it writes lives in this process's memory, so a run
  // left in the table after a restart would have nothing to write, and a row per flush every
  // ten seconds would be most of the jobs table.
  jobs.every(name, interval, () => counts.flush(), { durable: false })
  const close = () => {
    try {
      counts.close()
    } catch (error) {
      logger.error({ err: error, job: name }, 'counts could not be written at shutdown')
    }
  }
  if (signal.aborted) close()
  else signal.addEventListener('abort', close, { once: true })
}
