import type { AppDeps } from '../http/env'
import { HOUR } from '../lib/clock'
import { publishDueReviews } from '../models/review'

/**
 * Every hour: reviews that waited for the other side publish once their order's 14-day window
 * has closed (models/review.ts). Safe to run any number of times.
 */
export function scheduleReviewPublication({
  jobs,
  db,
  clock,
  bus,
}: Pick<AppDeps, 'jobs' | 'db' | 'clock' | 'bus'>) {
  jobs.every('review-publication', HOUR, () => {
    publishDueReviews(db, clock, bus)
  })
}
