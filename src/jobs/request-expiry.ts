import type { AppDeps } from '../http/env'
import { MINUTE } from '../lib/clock'
import { expireRequests } from '../models/request/request'

/**
 * How often requests past their time are written down as expired. The time itself is enforced
 * as it passes (statusNow): this only records it and tells the proposers, so a quarter of an
 * hour late is soon enough.
 */
export const REQUEST_EXPIRY_INTERVAL = 15 * MINUTE

/** A recurring durable job; safe to run any number of times (a guarded update per request). */
export function scheduleRequestExpiry(deps: AppDeps) {
  deps.jobs.every('request-expiry', REQUEST_EXPIRY_INTERVAL, () => {
    expireRequests(deps)
  })
}
