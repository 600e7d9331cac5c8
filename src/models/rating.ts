/** A rating as cards and pages show it: the average stars of `count` reviews. */
export type RatingSummary = { average: number; count: number }

/**
 * The rating a store's or listing's stored counts make (src/models/review.ts keeps them), or
 * undefined before its first review: no stars are better than "0 out of 5".
 * @example ratingOf({ ratingCount: 4, ratingSum: 18 }) // { average: 4.5, count: 4 }
 */
export function ratingOf(row: {
  ratingCount: number
  ratingSum: number
}): RatingSummary | undefined {
  if (row.ratingCount <= 0) return undefined
  return { average: row.ratingSum / row.ratingCount, count: row.ratingCount }
}
