import type { AppDeps } from '../http/env'
import { DAY, HOUR } from '../lib/clock'
import { pruneEvents } from '../live/events'
import { deleteOldAccountTokens } from '../models/account-token'
import { deleteOrphanedImages } from '../models/image'
import { deleteOldListingActivity } from '../models/listing-activity'
import { deleteOldSearchLog } from '../models/search-log'
import { deleteExpiredSessions } from '../models/session'
import { deleteOldSecondFactorFailures } from '../models/second-factor-throttle'
import { deleteExpiredSignInChallenges } from '../models/sign-in-challenge'
import { deleteOldSignIns } from '../models/sign-in-history'
import { deleteOldSignInFailures } from '../models/sign-in-throttle'
import { deleteDoneJobs } from './queue'

/**
 * Every hour: forget expired sessions and half-done sign-ins, old sign-in failures, wrong codes
 * and sign-in history past 90 days, mailed tokens a day past their expiry, delete photos nobody attached within a day of uploading
 * them, drop listing activity older than trending needs and
 * searches older than the log keeps, live events older than a page may replay and jobs done a
 * week ago, and refresh the query planner's statistics.
 */
export function scheduleHousekeeping({
  jobs,
  db,
  clock,
  config,
}: Pick<AppDeps, 'jobs' | 'db' | 'clock' | 'config'>) {
  jobs.every('housekeeping', HOUR, () => {
    deleteExpiredSessions(db, clock)
    deleteExpiredSignInChallenges(db, clock)
    deleteOldSignInFailures(db, clock)
    deleteOldSecondFactorFailures(db, clock)
    deleteOldSignIns(db, clock)
    deleteOldAccountTokens(db, clock)
    deleteOldListingActivity(db, clock)
    deleteOldSearchLog(db, clock)
    pruneEvents(db, clock.now())
    deleteDoneJobs(db, clock)
    deleteOrphanedImages(db, config.uploadsDir, {
      olderThan: new Date(clock.now().getTime() - DAY),
    })
    // Keeps the query planner's statistics current as the town grows (see openDatabase).
    db.$client.pragma('optimize')
  })
}
