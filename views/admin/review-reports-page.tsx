import type { FormErrors, FormValues } from '../../src/http/forms'
import { dateTimeFormat } from '../../src/lib/intl'
import { REMOVAL_NOTE_MAX, type ReportedReview } from '../../src/models/review/reports'
import { Button } from '../components/button'
import { EmptyState } from '../components/empty-state'
import { TextArea } from '../components/text-area'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { ReviewItem } from '../reviews/reviews-section'

type ReviewReportsPageProps = {
  shell: Shell
  reported: ReportedReview[]
  timeZone: string
  /** A removal refused for its note, shown under its review as typed. */
  refused?: { reviewId: number; values: FormValues; errors: FormErrors } | undefined
}

/**
 * /admin/reviews — the operator's queue of reported reviews, the longest-waiting first: each
 * review as buyers see it, every open report of it, and the two decisions.
 */
export function ReviewReportsPage({ shell, reported, timeZone, refused }: ReviewReportsPageProps) {
  const when = dateTimeFormat(shell.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
  return (
    <SiteLayout shell={shell} title="Reported reviews">
      <h1>Reported reviews</h1>
      {reported.length === 0 ? (
        <EmptyState title="No reports waiting">
          <p>When a member reports a review, it waits here for you to keep it or remove it.</p>
        </EmptyState>
      ) : (
        <>
          <p>
            <strong>Hide</strong> a review that breaks the market’s rules: buyers then see your note
            in its place, and it no longer counts in the store’s rating. <strong>Keep</strong> it
            when it is an honest opinion, however unwelcome.
          </p>
          <ol class="reported-reviews">
            {reported.map(({ review, store, reports }) => {
              const own = refused?.reviewId === review.id ? refused : undefined
              const context = {
                base: `/stores/${store.slug}`,
                viewerId: null,
                isOwner: false,
                storeName: store.name,
                locale: shell.locale,
                timeZone,
                returnTo: '/admin/reviews',
              }
              return (
                <li class="panel" id={`reported-${review.id}`}>
                  <h2>
                    A review of <a href={`/stores/${store.slug}#reviews`}>{store.name}</a>
                  </h2>
                  <ol class="review-list">
                    <ReviewItem review={review} context={context} readOnly />
                  </ol>
                  <h3>{reports.length === 1 ? '1 report' : `${reports.length} reports`}</h3>
                  <ul class="reported-reviews__reports">
                    {reports.map((report) => (
                      <li>
                        <p class="pre-line">{report.reason}</p>
                        <p class="muted">
                          {report.reporterName},{' '}
                          <time datetime={report.createdAt.toISOString()}>
                            {when.format(report.createdAt)}
                          </time>
                        </p>
                      </li>
                    ))}
                  </ul>
                  <form method="post" action={`/admin/reviews/${review.id}/removal`}>
                    <TextArea
                      label="Note shown in its place"
                      name="note"
                      id={`note-${review.id}`}
                      rows={2}
                      maxlength={REMOVAL_NOTE_MAX}
                      hint="Buyers read: “This review was removed by the market: …”. Say which rule it broke."
                      value={own?.values.note}
                      error={own?.errors.note}
                      required
                    />
                    <Button variant="danger">Hide (abusive)</Button>
                  </form>
                  <form method="post" action={`/admin/reviews/${review.id}/dismissal`}>
                    <Button variant="secondary">Keep</Button>
                  </form>
                </li>
              )
            })}
          </ol>
        </>
      )}
    </SiteLayout>
  )
}
