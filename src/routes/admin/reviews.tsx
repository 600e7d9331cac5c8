import { Hono } from 'hono'
import { z } from 'zod'
import { ReviewReportsPage } from '../../../views/admin/review-reports-page'
import type { MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm } from '../../http/forms'
import { requireMember, requireOperator } from '../../http/session'
import { shell } from '../../http/shell'
import { singleLine } from '../../lib/text'
import {
  hideReview,
  keepReview,
  listReportedReviews,
  REMOVAL_NOTE_MAX,
} from '../../models/review/reports'

const removalSchema = z.object({
  note: singleLine(REMOVAL_NOTE_MAX, {
    required: 'Write the note buyers will read in the review’s place.',
  }),
})

const REVIEW = '/:reviewId{[0-9]+}'

/**
 * /admin/reviews — reported reviews for the operator to decide: POST …/:reviewId/removal hides
 * the review with a note (and takes it out of the ratings); POST …/:reviewId/dismissal keeps it.
 * Operators only: anyone else gets 404. The operator console will build on this page.
 */
export const adminReviews = new Hono<MarketEnv>()
  .use(requireMember)
  .use(requireOperator)
  .get('/', (c) =>
    c.html(
      <ReviewReportsPage
        shell={shell(c)}
        reported={listReportedReviews(c.var.db)}
        timeZone={c.var.site.timeZone}
      />,
    ),
  )
  .post(`${REVIEW}/removal`, async (c) => {
    const reviewId = Number(c.req.param('reviewId'))
    const form = await parseForm(c, removalSchema)
    if (!form.ok)
      return c.html(
        <ReviewReportsPage
          shell={shell(c)}
          reported={listReportedReviews(c.var.db)}
          timeZone={c.var.site.timeZone}
          refused={{ reviewId, values: form.values, errors: form.errors }}
        />,
        422,
      )
    const result = hideReview(c.var.db, c.var.clock, c.var.member.id, reviewId, form.data.note)
    return flashRedirect(
      c,
      '/admin/reviews',
      result.ok
        ? 'The review is hidden, with your note in its place; it no longer counts in any rating.'
        : 'That review is not published, or is hidden already.',
      result.ok ? 'notice' : 'alert',
    )
  })
  .post(`${REVIEW}/dismissal`, (c) => {
    const reviewId = Number(c.req.param('reviewId'))
    const result = keepReview(c.var.db, c.var.clock, c.var.member.id, reviewId)
    return flashRedirect(
      c,
      '/admin/reviews',
      result.ok ? 'The review stays; its reports are closed.' : 'No report of that review is open.',
      result.ok ? 'notice' : 'alert',
    )
  })
