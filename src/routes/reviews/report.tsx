import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { ForbiddenPage } from '../../../views/errors/error-page'
import { ReportPage } from '../../../views/reviews/review-action-page'
import { ReportDisclosure } from '../../../views/reviews/reviews-section'
import type { MarketEnv, MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm, type FormErrors, type FormValues } from '../../http/forms'
import { wantsFragment } from '../../http/htmx'
import { safeReturnPath } from '../../http/redirects'
import { requireMember } from '../../http/session'
import { shell } from '../../http/shell'
import { multiLine } from '../../lib/text'
import { findReviewCard, findReviewedStore } from '../../models/review/reading'
import { reportReview, REVIEW_REPORT_REASON_MAX } from '../../models/review/reports'
import { backToReview, reviewsContextOf } from './reviews-view'

const reportSchema = z.object({
  reason: multiLine(REVIEW_REPORT_REASON_MAX, {
    required: 'Say what is wrong with the review, then send the report.',
  }),
  returnTo: z.string().optional(),
})

const OWN_REVIEW = 'You cannot report your own review.'
const ALREADY_REPORTED = 'You reported this review already. The market will look at it.'

/**
 * GET /reviews/:reviewId/report — the report form on a page of its own; POST puts the member's
 * report in the operator's queue (/admin/reviews), once per member and review. Not for the
 * review's author. With htmx the answer replaces the "Report" disclosure.
 */
export const reviewReport = new Hono<MarketEnv>()
  .get('/', requireMember, (c) => {
    const found = findToReport(c)
    if (found === 'not_found') return c.notFound()
    if (found === 'refused') return ownReview(c)
    const returnTo = safeReturnPath(c.req.query('return_to'), `/stores/${found.store.slug}`)
    return c.html(reportPage(c, found, returnTo))
  })

  .post('/', requireMember, async (c) => {
    const found = findToReport(c)
    if (found === 'not_found') return c.notFound()
    if (found === 'refused') return ownReview(c)
    const { store, review } = found
    const form = await parseForm(c, reportSchema)
    const returnTo = safeReturnPath(form.values.returnTo, `/stores/${store.slug}`)
    const fragment = wantsFragment(c)
    c.header('Vary', 'HX-Request', { append: true })
    if (!form.ok) {
      const refused = { values: form.values, errors: form.errors }
      if (fragment)
        return c.html(
          <ReportDisclosure review={review} returnTo={returnTo} refused={refused} />,
          422,
        )
      return c.html(reportPage(c, found, returnTo, refused), 422)
    }
    const result = reportReview(c.var.db, c.var.clock, c.var.member.id, review.id, form.data.reason)
    if (!result.ok && result.reason === 'not_found') return c.notFound()
    if (!result.ok && result.reason === 'own_review') return ownReview(c)
    if (fragment)
      return c.html(
        <ReportDisclosure
          review={{ ...review, reportedByViewer: true }}
          returnTo={returnTo}
          sent={result.ok}
        />,
        result.ok ? 200 : 409,
      )
    return flashRedirect(
      c,
      backToReview(returnTo, `/stores/${store.slug}`, review.id),
      result.ok ? 'Thank you: the market will look at this review.' : ALREADY_REPORTED,
      result.ok ? 'notice' : 'alert',
    )
  })

type Found = {
  store: NonNullable<ReturnType<typeof findReviewedStore>>
  review: NonNullable<ReturnType<typeof findReviewCard>>
}

/** A published, visible review someone else wrote; otherwise why not (404 or 403). */
function findToReport(c: Context<MemberEnv>): Found | 'not_found' | 'refused' {
  const reviewId = Number(c.req.param('reviewId'))
  const store = findReviewedStore(c.var.db, reviewId)
  const review = store && findReviewCard(c.var.db, reviewId, c.var.member.id)
  if (!store || !review || review.hiddenAt) return 'not_found'
  if (review.authorId === c.var.member.id) return 'refused'
  return { store, review }
}

function ownReview(c: Context<MemberEnv>) {
  return c.html(
    <ForbiddenPage shell={shell(c)} requestId={c.var.requestId} message={OWN_REVIEW} />,
    403,
  )
}

function reportPage(
  c: Context<MemberEnv>,
  { store, review }: Found,
  returnTo: string,
  refused?: { values: FormValues; errors: FormErrors },
) {
  return (
    <ReportPage
      shell={shell(c)}
      review={review}
      store={store}
      context={reviewsContextOf(
        c,
        `/stores/${store.slug}`,
        store,
        store.ownerId === c.var.member.id,
        returnTo,
      )}
      refused={refused}
    />
  )
}
