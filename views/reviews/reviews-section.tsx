import type { FormErrors, FormValues } from '../../src/http/forms'
import { dateTimeFormat } from '../../src/lib/intl'
import {
  REVIEW_SORTS,
  type ReviewCard,
  type ReviewSort,
  type ReviewsPage,
} from '../../src/models/review/reading'
import { REPLY_MAX } from '../../src/models/review/replies'
import { REVIEW_REPORT_REASON_MAX } from '../../src/models/review/reports'
import { Button } from '../components/button'
import { Pagination } from '../components/pagination'
import { Paragraphs } from '../components/paragraphs'
import { Picture } from '../components/picture'
import { Rating } from '../components/rating'
import { TextArea } from '../components/text-area'

/** Who is reading, and where: what every review on a page needs besides itself. */
export type ReviewsContext = {
  /** The page the reviews are on, with its own query ("/stores/lamin?category=plumbing"). */
  base: string
  /** The member reading; null for visitors. */
  viewerId: number | null
  /** The member reading owns the store: reply forms, and no votes of their own. */
  isOwner: boolean
  storeName: string
  locale: string
  timeZone: string
  /** Where a form posted without JavaScript comes back to. */
  returnTo: string
}

/** The reviews section's id: sort and page links lead back to it. */
export const REVIEWS_ID = 'reviews'
/** What a new sort replaces: the sort links, the list and the way to more. */
export const REVIEW_RESULTS_ID = 'review-results'
const REVIEW_LIST_ID = 'review-list'
const REVIEW_MORE_ID = 'review-more'

export function reviewId(review: Pick<ReviewCard, 'id'>) {
  return `review-${review.id}`
}
export function helpfulId(review: Pick<ReviewCard, 'id'>) {
  return `helpful-${review.id}`
}
export function reportId(review: Pick<ReviewCard, 'id'>) {
  return `report-${review.id}`
}

/** "/listings/12-tap?reviews=lowest&reviews_page=2": a page of the reviews, sorted. */
export function reviewsHref(base: string, sort: ReviewSort, page = 1): string {
  const params = new URLSearchParams()
  if (sort !== 'newest') params.set('reviews', sort)
  if (page > 1) params.set('reviews_page', String(page))
  const query = params.toString()
  return query ? `${base}${base.includes('?') ? '&' : '?'}${query}` : base
}

type ReviewsSectionProps = {
  reviews: ReviewsPage
  context: ReviewsContext
  /** What the reviews are of: "this service", "Lamin Plumbing". */
  subject: string
}

/**
 * Reviews on a listing's or a store's page: the average and count, a bar for each of 5…1 stars,
 * how many would recommend the store, then the reviews themselves, sorted by links that work
 * without JavaScript (with htmx they swap just the list), ten at a time.
 */
export function ReviewsSection({ reviews, context, subject }: ReviewsSectionProps) {
  const { summary } = reviews
  return (
    <section id={REVIEWS_ID} class="reviews" aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">Reviews</h2>
      {reviews.total === 0 ? (
        <p class="muted">
          No reviews of {subject} yet. Buyers review once an order is completed, and only then.
        </p>
      ) : (
        <>
          {summary.count > 0 ? (
            <div class="review-summary">
              <p class="review-summary__average">
                <Rating average={summary.average} count={summary.count} locale={context.locale} />
              </p>
              <ul class="review-bars" aria-label="Reviews by stars">
                {summary.distribution.map((bar) => (
                  <li>
                    <span>
                      {bar.stars} {bar.stars === 1 ? 'star' : 'stars'}
                      <span class="visually-hidden">{': '}</span>
                    </span>
                    <meter min={0} max={summary.count} value={bar.count} aria-hidden="true" />
                    <span>{bar.count}</span>
                  </li>
                ))}
              </ul>
              {summary.recommend.answered > 0 ? (
                <p class="review-summary__recommend">
                  {Math.round((100 * summary.recommend.yes) / summary.recommend.answered)}% would
                  recommend {context.storeName} ({summary.recommend.yes} of{' '}
                  {summary.recommend.answered})
                </p>
              ) : null}
            </div>
          ) : null}
          <ReviewResults reviews={reviews} context={context} />
        </>
      )}
    </section>
  )
}

const SORT_LABELS: Record<ReviewSort, string> = {
  newest: 'Newest',
  helpful: 'Most helpful',
  lowest: 'Lowest rated',
}

/**
 * The sort links, one page of reviews and the way to the next: what a sort link swaps (the route
 * answers htmx with just this). "More reviews" adds the next page's reviews under these.
 */
export function ReviewResults(props: {
  reviews: ReviewsPage
  context: ReviewsContext
  fragment?: boolean
}) {
  const { reviews, context } = props
  const { page, sort } = reviews
  const more = page.number < page.totalPages
  const pagination = (
    <Pagination
      page={page.number}
      totalPages={page.totalPages}
      href={(number) => `${reviewsHref(context.base, sort, number)}#${REVIEWS_ID}`}
    />
  )
  return (
    <div id={REVIEW_RESULTS_ID} class="review-results">
      {reviews.total > 1 ? (
        <nav aria-label="Sort reviews">
          <ul class="chips">
            {REVIEW_SORTS.map((value) => (
              <li>
                <a
                  class="chip"
                  href={`${reviewsHref(context.base, value)}#${REVIEWS_ID}`}
                  aria-current={value === sort ? 'true' : undefined}
                  data-hx-get={reviewsHref(context.base, value)}
                  data-hx-target={`#${REVIEW_RESULTS_ID}`}
                  data-hx-swap="outerHTML"
                  data-hx-push-url="true"
                >
                  {SORT_LABELS[value]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <ol id={REVIEW_LIST_ID} class="review-list">
        {reviews.reviews.map((review) => (
          <ReviewItem review={review} context={context} />
        ))}
      </ol>
      <div id={REVIEW_MORE_ID}>
        {more ? (
          <a
            class="button button--secondary"
            href={`${reviewsHref(context.base, sort, page.number + 1)}#${REVIEWS_ID}`}
            data-hx-get={reviewsHref(context.base, sort, page.number + 1)}
            data-hx-select={`#${REVIEW_LIST_ID} > li`}
            data-hx-select-oob={`#${REVIEW_MORE_ID}`}
            data-hx-target={`#${REVIEW_LIST_ID}`}
            data-hx-swap="beforeend"
            data-hx-push-url="false"
          >
            More reviews
          </a>
        ) : null}
        {props.fragment ? <noscript>{pagination}</noscript> : pagination}
      </div>
    </div>
  )
}

type ReviewItemProps = {
  review: ReviewCard
  context: ReviewsContext
  /** A reply that was refused, shown in its form as typed. */
  reply?: { values: FormValues; errors: FormErrors } | undefined
  /** A report that was refused, shown in its form as typed. */
  report?: { values: FormValues; errors: FormErrors } | undefined
  /** Said after a change swapped the review in place. */
  notice?: string | undefined
  /** Only the review, with nothing to do (the page around it has the one form). */
  readOnly?: boolean
}

/**
 * One review: stars, title and words, photos, who wrote it and when, what they ordered, the
 * store's reply; then what the reader may do — vote it helpful, report it, reply (its store's
 * owner). A review the market removed is its note and nothing else.
 */
export function ReviewItem(props: ReviewItemProps) {
  const { review, context, reply, report, notice } = props
  const date = dateTimeFormat(context.locale, { dateStyle: 'medium', timeZone: context.timeZone })
  const published = (
    <time datetime={review.publishedAt.toISOString()}>{date.format(review.publishedAt)}</time>
  )
  if (review.hiddenAt)
    return (
      <li class="review review--removed" id={reviewId(review)}>
        <p>This review was removed by the market: {review.hiddenNote}</p>
        <p class="muted">Published {published}</p>
      </li>
    )
  const own = context.viewerId === review.authorId
  return (
    <li class="review" id={reviewId(review)}>
      <p class="review__head">
        <Stars stars={review.stars} />
        {review.title ? <strong class="review__title">{review.title}</strong> : null}
      </p>
      <p class="review__meta muted">
        {review.authorName} · {published}
        {review.editedAt ? ' · edited' : ''}
      </p>
      {review.ordered.length > 0 ? (
        <p>
          <span class="badge badge--verified">Verified order</span>{' '}
          <span class="muted">{review.ordered.join(', ')}</span>
        </p>
      ) : null}
      {review.body ? <Paragraphs text={review.body} /> : null}
      {review.photos.length > 0 ? (
        <ul class="review__photos" aria-label={`Photos from ${review.authorName}`}>
          {review.photos.map((photo, index) => (
            <li>
              <Picture
                image={photo.image}
                alt={`Photo ${index + 1} of ${review.photos.length} from ${review.authorName}’s review`}
                sizes="6rem"
                square
              />
            </li>
          ))}
        </ul>
      ) : null}
      {review.recommend !== null ? (
        <p class="muted">
          {review.recommend
            ? `Would recommend ${context.storeName}`
            : `Would not recommend ${context.storeName}`}
        </p>
      ) : null}
      {review.reply ? (
        <div class="review__reply">
          <p>
            <strong>Reply from {context.storeName}</strong>{' '}
            <time class="muted" datetime={review.reply.createdAt.toISOString()}>
              {date.format(review.reply.createdAt)}
            </time>
          </p>
          <Paragraphs text={review.reply.body} />
        </div>
      ) : null}
      {props.readOnly ? null : (
        <div class="review__actions">
          {own || context.isOwner ? (
            review.helpfulCount > 0 ? (
              <p class="muted">{review.helpfulCount} found this helpful</p>
            ) : null
          ) : (
            <HelpfulButton review={review} returnTo={context.returnTo} />
          )}
          {context.viewerId === null || own ? null : (
            <ReportDisclosure review={review} returnTo={context.returnTo} refused={report} />
          )}
        </div>
      )}
      {context.isOwner && !review.reply && !props.readOnly ? (
        <ReplyForm review={review} returnTo={context.returnTo} refused={reply} />
      ) : null}
      {context.isOwner ? (
        <p class="muted review__notice" role="status">
          {notice ?? ''}
        </p>
      ) : null}
    </li>
  )
}

/** A single review's stars, said in words: "4 out of 5 stars". */
function Stars({ stars }: { stars: number }) {
  return (
    <span class="rating" role="img" aria-label={`${stars} out of 5 stars`}>
      <span class={`rating__stars rating__stars--${stars * 20}`} aria-hidden="true">
        ★★★★★
      </span>
    </span>
  )
}

/**
 * "Helpful (3)": a real form that votes (POST) or takes the vote back (a DELETE, said with
 * `_method` by a plain form), pressed once the reader has voted. htmx swaps just this form, and
 * the button keeps focus because its id stays. Visitors get it too: the server asks them to
 * sign in.
 */
export function HelpfulButton(props: {
  review: Pick<ReviewCard, 'id' | 'helpfulCount' | 'votedByViewer'>
  returnTo: string
}) {
  const { review } = props
  const action = `/reviews/${review.id}/vote`
  const voted = review.votedByViewer
  return (
    <form
      method="post"
      action={action}
      id={helpfulId(review)}
      class="helpful"
      data-hx-post={voted ? undefined : action}
      data-hx-delete={voted ? action : undefined}
      data-hx-target="this"
      data-hx-swap="outerHTML"
    >
      {voted ? <input type="hidden" name="_method" value="DELETE" /> : null}
      <input type="hidden" name="returnTo" value={props.returnTo} />
      <button
        type="submit"
        id={`${helpfulId(review)}-button`}
        class="button button--secondary button--small"
        aria-pressed={voted ? 'true' : 'false'}
      >
        Helpful ({review.helpfulCount})
      </button>
    </form>
  )
}

/** "Report" behind a disclosure: a reason, sent to the market's moderators. */
export function ReportDisclosure(props: {
  review: Pick<ReviewCard, 'id' | 'reportedByViewer'>
  returnTo: string
  refused?: { values: FormValues; errors: FormErrors } | undefined
  /** Said once the report is sent. */
  sent?: boolean
}) {
  const { review, refused } = props
  if (props.sent || review.reportedByViewer)
    return (
      <p class="muted" id={reportId(review)} role="status">
        {props.sent
          ? 'Thank you: the market will look at this review.'
          : 'You reported this review.'}
      </p>
    )
  return (
    <details class="review__report" id={reportId(review)} open={refused ? true : undefined}>
      <summary>Report</summary>
      <ReportForm review={review} returnTo={props.returnTo} refused={refused} swap />
    </details>
  )
}

/** Why the review should go: the form behind "Report", and the whole report page without JavaScript. */
export function ReportForm(props: {
  review: Pick<ReviewCard, 'id'>
  returnTo: string
  refused?: { values: FormValues; errors: FormErrors } | undefined
  /** In a review on a page: htmx swaps the disclosure for a thank-you. */
  swap?: boolean
}) {
  const { review, refused } = props
  const action = `/reviews/${review.id}/report`
  return (
    <form
      method="post"
      action={action}
      data-hx-post={props.swap ? action : undefined}
      data-hx-target={props.swap ? `#${reportId(review)}` : undefined}
      data-hx-swap={props.swap ? 'outerHTML' : undefined}
    >
      <input type="hidden" name="returnTo" value={props.returnTo} />
      <TextArea
        label="What is wrong with this review?"
        name="reason"
        id={`${reportId(review)}-reason`}
        rows={3}
        maxlength={REVIEW_REPORT_REASON_MAX}
        hint="Abuse, someone’s private details, a review of something else. The market’s moderators read it."
        value={refused?.values.reason}
        error={refused?.errors.reason}
        required
      />
      <Button variant="secondary">Send report</Button>
    </form>
  )
}

/** The store owner's one public reply, under the review; htmx swaps the whole review after it. */
export function ReplyForm(props: {
  review: Pick<ReviewCard, 'id' | 'authorName'>
  returnTo: string
  refused?: { values: FormValues; errors: FormErrors } | undefined
  /** On the reply page the form is the page: open, not behind a disclosure. */
  open?: boolean
}) {
  const { review, refused } = props
  const action = `/reviews/${review.id}/reply`
  const form = (
    <form
      method="post"
      action={action}
      class="review__reply-form"
      data-hx-post={props.open ? undefined : action}
      data-hx-target={props.open ? undefined : `#${reviewId(review)}`}
      data-hx-swap={props.open ? undefined : 'outerHTML'}
    >
      <input type="hidden" name="returnTo" value={props.returnTo} />
      <TextArea
        label={`Your public reply to ${review.authorName}`}
        name="body"
        id={`reply-${review.id}-body`}
        rows={4}
        maxlength={REPLY_MAX}
        hint="Everyone can read it under the review. You can reply once."
        value={refused?.values.body}
        error={refused?.errors.body}
        required
      />
      <Button variant="primary">Publish reply</Button>
    </form>
  )
  if (props.open) return form
  return (
    <details class="review__reply-disclosure" open={refused ? true : undefined}>
      <summary>Reply</summary>
      {form}
    </details>
  )
}
