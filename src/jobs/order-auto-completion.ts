import type { AppDeps } from '../http/env'
import { MINUTE } from '../lib/clock'
import { autoCompleteOrders } from '../models/order/steps'
import { findSite } from '../models/site'

/** How often delivered orders are checked; an order completes at most this late past its day. */
export const AUTO_COMPLETION_INTERVAL = 15 * MINUTE

/**
 * Delivered orders complete by themselves after the market's number of days (site
 * autoCompleteDays) when the buyer neither confirms nor disputes them. A recurring durable job;
 * it is safe to run any number of times.
 */
export function scheduleOrderAutoCompletion(deps: AppDeps) {
  deps.jobs.every('order-auto-completion', AUTO_COMPLETION_INTERVAL, () => {
    const site = findSite(deps.db)
    if (site) autoCompleteOrders(deps, site.autoCompleteDays)
  })
}
