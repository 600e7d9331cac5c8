// What the pages that show reviews (a listing, a storefront) and the routes that change one (a
// vote, a reply, a report) share: reading the sort and page from the address, who is reading,
// and where a form posted without JavaScript comes back to.
import type { Context } from 'hono'
import type { ReviewsContext } from '../../../views/reviews/reviews-section'
import type { MarketEnv } from '../../http/env'
import { safeReturnPath } from '../../http/redirects'
import { readPageNumber } from '../../lib/pagination'
import { listReviews, readReviewSort, type ReviewScope } from '../../models/review/reading'

/** The scope's reviews as `?reviews=` sorts and `?reviews_page=` pages them. */
export function readReviews<E extends MarketEnv>(c: Context<E>, scope: ReviewScope) {
  return listReviews(c.var.db, scope, {
    sort: readReviewSort(c.req.query('reviews')),
    page: readPageNumber(c.req.query('reviews_page')),
    viewerId: c.var.member?.id ?? null,
  })
}

/** Who reads the reviews on the page at `base`, and what they may do there. */
export function reviewsContextOf<E extends MarketEnv>(
  c: Context<E>,
  base: string,
  store: { name: string },
  isOwner: boolean,
  returnTo?: string,
): ReviewsContext {
  const url = new URL(c.req.url)
  return {
    base,
    viewerId: c.var.member?.id ?? null,
    isOwner,
    storeName: store.name,
    locale: c.var.site.locale,
    timeZone: c.var.site.timeZone,
    returnTo: returnTo ?? safeReturnPath(url.pathname + url.search),
  }
}

/** Where a review's form comes back to: the page it was sent from, at the review. */
export function backToReview(returnTo: string | undefined, fallback: string, reviewId: number) {
  return `${safeReturnPath(returnTo, fallback).split('#')[0]}#review-${reviewId}`
}
