// Two weeks of listing views for the demo town, so its home page has something trending (and
// the benchmarks score a realistic amount of activity). A few listings are popular, most are
// looked at now and then: popularity follows a steep curve, views per day scatter around it.
import type { Db } from '../src/db'
import {
  activityDay,
  addListingActivity,
  TRENDING_WINDOW_DAYS,
} from '../src/models/listing-activity'
import type { DemoListing } from './demo-listings'

type Random = () => number

/** The most views a day the most popular listing gets. */
const MOST_VIEWS_A_DAY = 40

/** Views of every listing on sale, per day, for the last TRENDING_WINDOW_DAYS days up to `now`. */
export function seedListingViews(db: Db, random: Random, listings: DemoListing[], now: number) {
  const today = activityDay(new Date(now))
  for (const listing of listings) {
    if (listing.status !== 'published') continue
    const popularity = random() ** 4 * MOST_VIEWS_A_DAY
    for (let day = today - TRENDING_WINDOW_DAYS + 1; day <= today; day += 1) {
      const views = Math.floor(popularity * 2 * random())
      if (views > 0) addListingActivity(db, listing.id, 'view', day, views)
    }
  }
}
