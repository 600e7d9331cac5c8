import type { AppDeps } from '../http/env'
import { DAY, HOUR } from '../lib/clock'
import { deleteOrphanedImages } from '../models/image'
import { deleteExpiredSessions } from '../models/session'
import { deleteOldSignInFailures } from '../models/sign-in-throttle'

/**
 * Every hour: forget expired sessions and old sign-in failures, and delete photos nobody
 * attached within a day of uploading them.
 */
export function scheduleHousekeeping({ jobs, db, clock, config }: AppDeps) {
  jobs.every('housekeeping', HOUR, () => {
    deleteExpiredSessions(db, clock)
    deleteOldSignInFailures(db, clock)
    deleteOrphanedImages(db, config.uploadsDir, {
      olderThan: new Date(clock.now().getTime() - DAY),
    })
  })
}
