// How search orders listings for "best match", in one place. A listing's score is
//
//   relevance × freshness × nearness × rating
//
// - relevance: FTS5's bm25 with column weights, so a word in the title counts ten times one in
//   the description: title 10 > category 5 > store 4 > tags 3 > package and variant names 2 >
//   description 1. Browsing without words, every listing is equally relevant (1).
// - freshness: 1 + FRESHNESS_WEIGHT × H / (H + age in days), H = FRESHNESS_HALF_LIFE_DAYS. A
//   listing published today scores up to 30 % above one a year old with the same text; at H
//   days old it keeps half of that lift. Small on purpose: relevance decides, freshness breaks
//   near-ties, so a provider cannot climb by republishing.
// - nearness, when the buyer gives a place: 1 / (1 + km / NEARNESS_SCALE_KM), so a listing 5 km
//   away counts half as much as one next door with the same text.
// - rating: 1 + RATING_WEIGHT × (weighted − mean), where weighted is the listing's Bayesian
//   rating (weightedRating in src/models/review.ts) and mean the market's mean stars. A listing
//   without reviews sits exactly at the mean (factor 1); each star its weighted rating stands
//   above the mean lifts it 20 %, each star below sinks it as much. With a town's mean near 4.3
//   a glowing record lifts a listing by up to ~14 % — about what freshness gives — while a poor
//   one (weighted 2) loses nearly half: relevance still decides, and bad service sinks.
//
// "Top rated" orders by the weighted rating alone (ties: more reviews, then newer). Why a
// Bayesian rating rather than the plain average: one 5-star review is not better evidence than
// forty averaging 4.8. The rating starts from PRIOR_WEIGHT imaginary reviews at the market's mean
// and moves towards the listing's own average as real ones come — with PRIOR_WEIGHT 5, one 5★
// review makes (5 × 4.3 + 5) / 6 = 4.42 while forty at 4.8 make (5 × 4.3 + 192) / 45 = 4.74.
// Five is about how many neighbours one would ask before trusting a tradesperson: few enough
// that a good newcomer climbs within a handful of orders, enough that one friend's review cannot
// put them on top. Both read the stored counts (listings.rating_count, rating_sum), so ranking
// adds no join; the market's mean is read once per search (marketMeanRating) and bound.
import { PRIOR_WEIGHT } from '../review'

/** bm25 weights in the order of listing_search's columns (db/migrations/0004_search.sql). */
export const COLUMN_WEIGHTS = {
  title: 10,
  category: 5,
  store: 4,
  tags: 3,
  options: 2,
  description: 1,
}
export const FRESHNESS_WEIGHT = 0.3
export const FRESHNESS_HALF_LIFE_DAYS = 30
export const NEARNESS_SCALE_KM = 5
/** How much each star of weighted rating above (or below) the market's mean lifts (or sinks) a score. */
export const RATING_WEIGHT = 0.2
const DAY_MS = 86_400_000

/**
 * The listing's Bayesian rating as SQL over `l` (listings), with `:marketMean` bound: the same
 * number as weightedRating(l.rating_sum, l.rating_count, marketMean).
 */
export const weightedRatingSql = `((${PRIOR_WEIGHT}.0 * :marketMean + l.rating_sum) / (${PRIOR_WEIGHT}.0 + l.rating_count))`

/**
 * The rating factor of a score, as SQL: 1 for a listing at the market's mean. Never below 0.2
 * (weighted 1 against a mean of 5), so a score keeps its sign.
 */
export const ratingFactorSql = `(1 + ${RATING_WEIGHT} * (${weightedRatingSql} - :marketMean))`

/** bm25 is negative, best first; relevance is positive, larger is better. */
export const relevanceSql = `-bm25(listing_search, ${Object.values(COLUMN_WEIGHTS).join(', ')})`

/**
 * The score of "best match" as SQL over `l` (listings) — with `relevance` when words were typed
 * and `distanceKm` when a place was given — ordered descending by the caller. `:now` is bound to
 * the clock's time so tests can age listings, `:marketMean` to marketMeanRating().
 */
export function bestMatchScoreSql(options: {
  words: boolean
  distanceKmSql: string | null
}): string {
  const relevance = options.words ? `(${relevanceSql})` : '1.0'
  const age = `max(0, (:now - coalesce(l.published_at, l.created_at)) / ${DAY_MS}.0)`
  const freshness = `(1 + ${FRESHNESS_WEIGHT} * ${FRESHNESS_HALF_LIFE_DAYS}.0 / (${FRESHNESS_HALF_LIFE_DAYS}.0 + ${age}))`
  const nearness = options.distanceKmSql
    ? ` * (1 / (1 + (${options.distanceKmSql}) / ${NEARNESS_SCALE_KM}.0))`
    : ''
  return `${relevance} * ${freshness}${nearness} * ${ratingFactorSql}`
}
