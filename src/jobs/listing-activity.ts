import type { AppDeps } from '../http/env'
import type { ListingActivity } from '../models/listing-activity'

/**
 * How often counted views are written. Each write also refreshes the visitor page cache, which
 * keeps a page at most 10 s anyway, so flushing more often than that would cost cache hits.
 */
export const ACTIVITY_FLUSH_INTERVAL = 10_000

/** Writes counted views every few seconds, and whatever is left when the server stops. */
export function scheduleListingActivity(
  { jobs, signal, logger }: AppDeps,
  activity: ListingActivity,
) {
  jobs.every('listing-activity', ACTIVITY_FLUSH_INTERVAL, () => activity.flush())
  const close = () => {
    try {
      activity.close()
    } catch (error) {
      logger.error({ err: error }, 'listing views could not be written at shutdown')
    }
  }
  if (signal.aborted) close()
  else signal.addEventListener('abort', close, { once: true })
}
