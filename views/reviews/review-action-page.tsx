import type { FormErrors, FormValues } from '../../src/http/forms'
import type { ReviewCard } from '../../src/models/review/reading'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { ReplyForm, ReportForm, ReviewItem, type ReviewsContext } from './reviews-section'

type ReviewActionPageProps = {
  shell: Shell
  review: ReviewCard
  store: { name: string; slug: string }
  context: ReviewsContext
  refused?: { values: FormValues; errors: FormErrors } | undefined
}

/**
 * The store owner's reply on a page of its own: where the dashboard's "Reply" leads, and where a
 * reply sent without JavaScript comes back when something in it must change.
 */
export function ReplyPage(props: ReviewActionPageProps) {
  const { review, store } = props
  return (
    <SiteLayout shell={props.shell} title={`Reply to ${review.authorName}`}>
      <h1>Reply to {review.authorName}</h1>
      <p>
        A review of <a href={`/stores/${store.slug}#reviews`}>{store.name}</a>.
      </p>
      <ol class="review-list">
        <ReviewItem review={review} context={props.context} readOnly />
      </ol>
      {review.reply ? (
        <p class="muted">You have replied to this review: a review gets one reply.</p>
      ) : (
        <ReplyForm review={review} returnTo={props.context.returnTo} refused={props.refused} open />
      )}
    </SiteLayout>
  )
}

/** Reporting a review on a page of its own: for a report sent without JavaScript that must change. */
export function ReportPage(props: ReviewActionPageProps) {
  const { review, store } = props
  return (
    <SiteLayout shell={props.shell} title="Report a review">
      <h1>Report a review</h1>
      <p>
        A review of <a href={`/stores/${store.slug}#reviews`}>{store.name}</a>. The market’s
        moderators read every report and remove reviews that break the market’s rules.
      </p>
      <ol class="review-list">
        <ReviewItem review={review} context={props.context} readOnly />
      </ol>
      {review.reportedByViewer ? (
        <p class="muted">You reported this review already. The market will look at it.</p>
      ) : (
        <ReportForm review={review} returnTo={props.context.returnTo} refused={props.refused} />
      )}
    </SiteLayout>
  )
}
