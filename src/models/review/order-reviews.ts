// An order's reviews as one member may see them, for the order page and the review form.
// Double-blind (review.ts) decides what that is: an unpublished review is its author's alone —
// the other side learns that it exists (they were told so) and when it publishes, never what it
// says, and nobody else learns even that.
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm'
import { images, members, reviewPhotos, reviews, stores } from '../../../db/schema'
import type { Db } from '../../db'
import { FORMER_MEMBER_NAME } from '../account-deletion'
import type { Image } from '../image'
import type { OrderAccess } from '../order'
import {
  findOrderForReview,
  reviewDirectionFor,
  reviewEditable,
  reviewWindowClosesAt,
  type Review,
  type ReviewDirection,
} from '../review'

/**
 * A review as pages show it: who wrote it (a buyer by name, a store by its name), the store's
 * address ('' once its owner's account is deleted) and its photos.
 */
export type ShownReview = Review & { authorName: string; storeSlug: string; photos: Image[] }

/** What the order page's Review section shows one member. */
export type OrderReviews = {
  /** Which review the member writes here; null for an operator looking on. */
  direction: ReviewDirection | null
  /** When the window closes (or closed); undefined while the order is not completed. */
  closesAt: Date | undefined
  /** The window is open now. */
  open: boolean
  /** The member's own review, published or not. */
  mine: ShownReview | undefined
  /** Whether the member may still change their own. */
  editable: boolean
  /** The other side wrote theirs (said, never shown, before it publishes). */
  theirsWritten: boolean
  /** Published reviews of the order, of the store first: what anyone on the order may read. */
  published: ShownReview[]
}

/**
 * The order's reviews as the member of `access` may see them now.
 * @example const reviews = orderReviews(db, access, clock.now())
 */
export function orderReviews(db: Db, access: OrderAccess, now: Date): OrderReviews {
  const { order } = access
  const found = findOrderForReview(db, order.code)
  const direction = found ? reviewDirectionFor(found, access.memberId) : null
  const rows = shownReviews(db, eq(reviews.orderId, order.id))
  const mine = direction ? rows.find((review) => review.direction === direction) : undefined
  const closesAt = reviewWindowClosesAt(order)
  return {
    direction,
    closesAt,
    open: closesAt !== undefined && now.getTime() < closesAt.getTime(),
    mine,
    editable: mine !== undefined && reviewEditable(mine, now),
    theirsWritten: rows.some((review) => review.direction !== direction && direction !== null),
    published: rows
      .filter((review) => review.publishedAt !== null)
      .sort((a, b) => (a.direction === 'of_store' ? -1 : b.direction === 'of_store' ? 1 : 0)),
  }
}

/**
 * Reviews with their authors' names and photos, newest published first.
 * @example shownReviews(db, and(eq(reviews.subjectId, id), isNotNull(reviews.publishedAt)))
 */
export function shownReviews(
  db: Db,
  where: SQL | undefined,
  options: { limit?: number; offset?: number } = {},
): ShownReview[] {
  let query = db
    .select({
      review: reviews,
      buyerName: members.displayName,
      authorDeletedAt: members.deletedAt,
      storeName: stores.name,
      storeSlug: stores.slug,
    })
    .from(reviews)
    .innerJoin(members, eq(members.id, reviews.authorId))
    .innerJoin(stores, eq(stores.id, reviews.storeId))
    .where(where)
    .orderBy(desc(reviews.publishedAt), desc(reviews.id))
    .$dynamic()
  if (options.limit !== undefined) query = query.limit(options.limit).offset(options.offset ?? 0)
  const rows = query.all()
  const photos = photosOf(
    db,
    rows.map((row) => row.review.id),
  )
  return rows.map(({ review, buyerName, authorDeletedAt, storeName, storeSlug }) => ({
    ...review,
    // A deleted account's reviews stay, under the name it now has everywhere: its store's too.
    authorName: authorDeletedAt
      ? FORMER_MEMBER_NAME
      : review.direction === 'of_buyer'
        ? storeName
        : buyerName,
    storeSlug: authorDeletedAt ? '' : storeSlug,
    photos: photos.get(review.id) ?? [],
  }))
}

/** One review's photos, in their order. */
export function photosOfReview(db: Db, reviewId: number): Image[] {
  return photosOf(db, [reviewId]).get(reviewId) ?? []
}

/** The photos of several reviews, by review, in their order. */
function photosOf(db: Db, reviewIds: number[]): Map<number, Image[]> {
  const byReview = new Map<number, Image[]>()
  if (reviewIds.length === 0) return byReview
  const rows = db
    .select({ reviewId: reviewPhotos.reviewId, image: images })
    .from(reviewPhotos)
    .innerJoin(images, eq(images.id, reviewPhotos.imageId))
    .where(inArray(reviewPhotos.reviewId, reviewIds))
    .orderBy(asc(reviewPhotos.position))
    .all()
  for (const { reviewId, image } of rows)
    byReview.set(reviewId, [...(byReview.get(reviewId) ?? []), image])
  return byReview
}
