import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { ForbiddenPage } from '../../../views/errors/error-page'
import { ReplyPage } from '../../../views/reviews/review-action-page'
import { ReviewItem } from '../../../views/reviews/reviews-section'
import type { MemberEnv, MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm, type FormErrors, type FormValues } from '../../http/forms'
import { wantsFragment } from '../../http/htmx'
import { safeReturnPath } from '../../http/redirects'
import { requireMember } from '../../http/session'
import { shell } from '../../http/shell'
import { multiLine } from '../../lib/text'
import { findReviewCard, findReviewedStore } from '../../models/review/reading'
import { REPLY_MAX, replyToReview } from '../../models/review/replies'
import { backToReview, reviewsContextOf } from './reviews-view'

const replySchema = z.object({
  body: multiLine(REPLY_MAX, { required: 'Write your reply, then publish it.' }),
  returnTo: z.string().optional(),
})

const ALREADY_REPLIED = 'This review has your reply already: a review gets one reply.'

/**
 * GET /reviews/:reviewId/reply — the store owner's reply form on a page of its own (the
 * dashboard's way in); POST publishes the one reply. Only the owner of the store the review is
 * of may reply (anyone else: 403 with the reason); a second reply is refused and nothing is
 * written. With htmx the answer is the review itself, swapped in place.
 */
export const reviewReply = new Hono<MarketEnv>()
  .get('/', requireMember, (c) => {
    const found = findForOwner(c)
    if (found === 'not_found') return c.notFound()
    if ('refused' in found) return notYours(c, found.refused)
    const returnTo = safeReturnPath(c.req.query('return_to'), `/stores/${found.store.slug}`)
    return c.html(replyPage(c, found, returnTo))
  })

  .post('/', requireMember, async (c) => {
    const found = findForOwner(c)
    if (found === 'not_found') return c.notFound()
    if ('refused' in found) return notYours(c, found.refused)
    const { store, review } = found
    const form = await parseForm(c, replySchema)
    const returnTo = safeReturnPath(form.values.returnTo, `/stores/${store.slug}`)
    const back = backToReview(returnTo, `/stores/${store.slug}`, review.id)
    const fragment = wantsFragment(c)
    c.header('Vary', 'HX-Request', { append: true })
    if (!form.ok) {
      const refused = { values: form.values, errors: form.errors }
      if (fragment) return c.html(item(c, found, returnTo, { reply: refused }), 422)
      return c.html(replyPage(c, found, returnTo, refused), 422)
    }
    const result = replyToReview(c.var.db, c.var.clock, c.var.member.id, review.id, form.data.body)
    if (!result.ok && result.reason === 'not_found') return c.notFound()
    if (!result.ok && result.reason === 'not_your_store') return notYours(c, store.name)
    const notice = result.ok ? 'Your reply is published under the review.' : ALREADY_REPLIED
    if (fragment)
      return c.html(
        item(
          c,
          { store, review: findReviewCard(c.var.db, review.id, c.var.member.id)! },
          returnTo,
          {
            notice,
          },
        ),
        result.ok ? 200 : 409,
      )
    return flashRedirect(c, back, notice, result.ok ? 'notice' : 'alert')
  })

type Found = {
  store: NonNullable<ReturnType<typeof findReviewedStore>>
  review: NonNullable<ReturnType<typeof findReviewCard>>
}

/** The review and its store, when the member owns the store; otherwise why not (404 or 403). */
function findForOwner(c: Context<MemberEnv>): Found | 'not_found' | { refused: string } {
  const reviewId = Number(c.req.param('reviewId'))
  const store = findReviewedStore(c.var.db, reviewId)
  const review = store && findReviewCard(c.var.db, reviewId, c.var.member.id)
  if (!store || !review || review.hiddenAt) return 'not_found'
  if (store.ownerId !== c.var.member.id) return { refused: store.name }
  return { store, review }
}

function notYours(c: Context<MemberEnv>, storeName: string) {
  return c.html(
    <ForbiddenPage
      shell={shell(c)}
      requestId={c.var.requestId}
      message={`Only the owner of ${storeName} can reply to its reviews.`}
    />,
    403,
  )
}

function replyPage(
  c: Context<MemberEnv>,
  { store, review }: Found,
  returnTo: string,
  refused?: { values: FormValues; errors: FormErrors },
) {
  return (
    <ReplyPage
      shell={shell(c)}
      review={review}
      store={store}
      context={reviewsContextOf(c, `/stores/${store.slug}`, store, true, returnTo)}
      refused={refused}
    />
  )
}

function item(
  c: Context<MemberEnv>,
  { store, review }: Found,
  returnTo: string,
  extra: { reply?: { values: FormValues; errors: FormErrors }; notice?: string },
) {
  return (
    <ReviewItem
      review={review}
      context={reviewsContextOf(c, `/stores/${store.slug}`, store, true, returnTo)}
      {...extra}
    />
  )
}
