// How search orders listings for "best match", in one place. A listing's score is
//
//   relevance × freshness × nearness
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
//
// Ratings join the product when reviews exist (issue 11): a Bayesian average of the listing's
// stars, with the market's mean as prior, as one more factor here.

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
const DAY_MS = 86_400_000

/** bm25 is negative, best first; relevance is positive, larger is better. */
export const relevanceSql = `-bm25(listing_search, ${Object.values(COLUMN_WEIGHTS).join(', ')})`

/**
 * The score of "best match" as SQL over `l` (listings) — with `relevance` when words were typed
 * and `distanceKm` when a place was given — ordered descending by the caller. `:now` is bound to
 * the clock's time so tests can age listings.
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
  return `${relevance} * ${freshness}${nearness}`
}
