import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { signInHref } from '../../../views/accounts/account-links'
import { HelpfulButton, helpfulId } from '../../../views/reviews/reviews-section'
import type { MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm, parseQuery } from '../../http/forms'
import { wantsFragment } from '../../http/htmx'
import { safeReturnPath, seeOther } from '../../http/redirects'
import { findReviewedStore } from '../../models/review/reading'
import { voteHelpful, withdrawHelpfulVote, type VoteRefusal } from '../../models/review/votes'
import { backToReview } from './reviews-view'

// The page to come back to, and a plain form's way of saying DELETE; anything odd is ignored.
const voteSchema = z.object({
  returnTo: z.string().optional(),
  _method: z.string().optional(),
})

const REFUSALS: Record<Exclude<VoteRefusal, 'not_found'>, string> = {
  own_review: 'You cannot vote on your own review.',
  own_store: 'Reviews of your own store are for buyers to weigh: you cannot vote on them.',
}

/**
 * POST /reviews/:reviewId/vote counts the member's "helpful" vote; DELETE (or `_method=DELETE`)
 * takes it back. Without htmx the answer is 303 back to the review; with it, the button itself,
 * pressed or not, with the new count. Visitors are sent to sign in and back to the page.
 */
export const reviewVote = new Hono<MarketEnv>()
  .post('/', async (c) => {
    const form = await parseForm(c, voteSchema)
    const fields = form.ok ? form.data : {}
    const withdraw = fields._method?.toUpperCase() === 'DELETE'
    return answer(c, withdraw, fields.returnTo)
  })
  .delete('/', (c) => {
    const query = parseQuery(c, voteSchema)
    return answer(c, true, query.ok ? query.data.returnTo : undefined)
  })

function answer(c: Context<MarketEnv>, withdraw: boolean, returnTo: string | undefined) {
  c.header('Vary', 'HX-Request', { append: true })
  const fragment = wantsFragment(c)
  const reviewId = Number(c.req.param('reviewId'))
  const store = findReviewedStore(c.var.db, reviewId)
  if (!store) return c.notFound()
  const back = backToReview(returnTo, `/stores/${store.slug}`, reviewId)
  const member = c.var.member
  if (!member) {
    const signIn = signInHref(safeReturnPath(returnTo, `/stores/${store.slug}`))
    // htmx would swap the sign-in page into the button; the whole page goes there instead.
    if (fragment) return c.body(null, 204, { 'HX-Redirect': signIn })
    return seeOther(c, signIn)
  }
  const result = withdraw
    ? withdrawHelpfulVote(c.var.db, member.id, reviewId)
    : voteHelpful(c.var.db, c.var.clock, member.id, reviewId)
  if (!result.ok) {
    if (result.reason === 'not_found') return c.notFound()
    if (fragment)
      return c.html(
        <p class="muted" id={helpfulId({ id: reviewId })} role="status">
          {REFUSALS[result.reason]}
        </p>,
        403,
      )
    return flashRedirect(c, back, REFUSALS[result.reason], 'alert')
  }
  if (fragment)
    return c.html(
      <HelpfulButton
        review={{ id: reviewId, helpfulCount: result.helpfulCount, votedByViewer: result.voted }}
        returnTo={safeReturnPath(returnTo, `/stores/${store.slug}`)}
      />,
    )
  return flashRedirect(
    c,
    back,
    result.voted
      ? 'Thank you: your vote helps others find the most useful reviews.'
      : 'Your vote is taken back.',
  )
}
