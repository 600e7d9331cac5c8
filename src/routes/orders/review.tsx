import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { ReviewFormPage, type ReviewFormProps } from '../../../views/reviews/review-form-page'
import type { MarketEnv, MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm, type FormErrors, type FormValues } from '../../http/forms'
import { uploadBodyLimit } from '../../http/photo-uploads'
import { seeOther } from '../../http/redirects'
import { requireMember } from '../../http/session'
import { shell } from '../../http/shell'
import { DAY, HOUR } from '../../lib/clock'
import { dateTimeFormat } from '../../lib/intl'
import { multiLine, singleLine } from '../../lib/text'
import { publishEvents } from '../../live/events'
import type { Image } from '../../models/image'
import { findOrderForMember, orderDetails, type Order } from '../../models/order'
import {
  EDIT_WINDOW,
  editReview,
  findReviewOf,
  MAX_REVIEW_PHOTOS,
  REVIEW_BODY_MAX,
  REVIEW_TITLE_MAX,
  REVIEW_WINDOW,
  reviewDirectionFor,
  reviewEditable,
  reviewEligibility,
  reviewWindowClosesAt,
  writeReview,
  type Review,
  type ReviewDirection,
  type ReviewInput,
  type ReviewRefusal,
} from '../../models/review'
import { photosOfReview } from '../../models/review/order-reviews'
import { readKeptAndNewPhotos } from '../photo-uploads'

/** Who is reviewing whom on this order, for the member asking; undefined: not theirs (404). */
type ReviewContext = {
  order: Order & { ownerId: number }
  direction: ReviewDirection
  /** The store's name to its buyer, the buyer's name to the store. */
  otherName: string
  closesAt: Date | undefined
}

function reviewContext(c: Context<MemberEnv>): ReviewContext | undefined {
  const access = findOrderForMember(c.var.db, c.var.member, c.req.param('code') ?? '')
  if (!access) return undefined
  const details = orderDetails(c.var.db, access.order)
  const order = { ...access.order, ownerId: details.store.memberId }
  const direction = reviewDirectionFor(order, c.var.member.id)
  if (!direction) return undefined
  return {
    order,
    direction,
    otherName: direction === 'of_store' ? details.store.name : details.buyerName,
    closesAt: reviewWindowClosesAt(access.order),
  }
}

/** The words of a review form; the buyer's also says whether they would recommend the store. */
function reviewSchema(context: ReviewContext) {
  return z.object({
    stars: z.enum(['1', '2', '3', '4', '5'], { error: 'Choose from 1 to 5 stars.' }),
    title: singleLine(REVIEW_TITLE_MAX),
    body: multiLine(REVIEW_BODY_MAX, { required: 'Say in a few words how it went.' }),
    recommend:
      context.direction === 'of_store'
        ? z.enum(['yes', 'no'], {
            error: `Say whether you would recommend ${context.otherName}.`,
          })
        : z.enum(['yes', 'no']).optional().catch(undefined),
  })
}

/**
 * GET/POST /orders/:code/review — one side's review of a completed order: the buyer's of the
 * store, or the store owner's of the buyer. GET/POST /orders/:code/review/edit — changing it,
 * freely before publication and for EDIT_WINDOW after (marked as edited). Anyone else's order: 404.
 * Refusals (not completed, window closed, already reviewed, too late) go back to the order page
 * with a message and nothing written.
 */
export const orderReview = new Hono<MarketEnv>()
  .get('/', requireMember, (c) => {
    const context = reviewContext(c)
    if (!context) return c.notFound()
    const own = findReviewOf(c.var.db, context.order.id, context.direction)
    if (own && reviewEditable(own, c.var.clock.now()))
      return seeOther(c, `/orders/${context.order.code}/review/edit`)
    const eligible = reviewEligibility(c.var.db, c.var.clock, context.order, c.var.member.id)
    if (!eligible.ok) return refuse(c, context, eligible.reason)
    return renderForm(c, context, { values: {}, errors: {}, photos: [] })
  })

  .post('/', requireMember, uploadBodyLimit(), async (c) => {
    const context = reviewContext(c)
    if (!context) return c.notFound()
    // Cheap checks first: nothing is encoded for a review that cannot be written.
    const eligible = reviewEligibility(c.var.db, c.var.clock, context.order, c.var.member.id)
    if (!eligible.ok) return refuse(c, context, eligible.reason)
    const read = await readReviewForm(c, context)
    if (!read.ok) return renderForm(c, context, read, 422)
    const result = writeReview(
      c.var.db,
      c.var.clock,
      c.var.member.id,
      context.order.code,
      read.input,
    )
    if (!result.ok) {
      if (result.reason === 'bad_photos') return renderForm(c, context, badPhotos(read), 422)
      return refuse(c, context, result.reason)
    }
    publishEvents(c.var.bus, result.news)
    return flashRedirect(
      c,
      `/orders/${context.order.code}`,
      result.published
        ? `Thank you. Your review and ${context.otherName}’s are published.`
        : `Thank you. Your review is saved: it is published when ${context.otherName} has written theirs, or on ${day(c, context.closesAt!)}.`,
    )
  })

  .get('/edit', requireMember, (c) => {
    const context = reviewContext(c)
    if (!context) return c.notFound()
    const own = findReviewOf(c.var.db, context.order.id, context.direction)
    if (!own) return seeOther(c, `/orders/${context.order.code}/review`)
    if (!reviewEditable(own, c.var.clock.now())) return tooLate(c, context)
    return renderForm(
      c,
      context,
      {
        values: {
          stars: String(own.stars),
          title: own.title,
          body: own.body,
          ...(own.recommend === null ? {} : { recommend: own.recommend ? 'yes' : 'no' }),
        },
        errors: {},
        photos: photosOfReview(c.var.db, own.id),
      },
      200,
      own,
    )
  })

  .post('/edit', requireMember, uploadBodyLimit(), async (c) => {
    const context = reviewContext(c)
    if (!context) return c.notFound()
    const own = findReviewOf(c.var.db, context.order.id, context.direction)
    if (!own) return seeOther(c, `/orders/${context.order.code}/review`)
    if (!reviewEditable(own, c.var.clock.now())) return tooLate(c, context)
    const read = await readReviewForm(c, context)
    if (!read.ok) return renderForm(c, context, read, 422, own)
    const result = editReview(c.var.db, c.var.clock, c.var.member.id, own.id, read.input)
    if (!result.ok) {
      if (result.reason === 'bad_photos') return renderForm(c, context, badPhotos(read), 422, own)
      if (result.reason === 'too_late') return tooLate(c, context)
      return c.notFound()
    }
    return flashRedirect(
      c,
      `/orders/${context.order.code}`,
      result.review.editedAt
        ? 'Your review is changed. It shows as edited.'
        : 'Your review is changed.',
    )
  })

type ReadForm =
  | { ok: true; input: ReviewInput; values: FormValues; photos: Image[] }
  | { ok: false; values: FormValues; errors: FormErrors; photos: Image[]; photoErrors: string[] }

/**
 * The form's words and photos. Photos chosen alongside a mistake in the words are saved anyway
 * and come back ticked, so a phone on a slow network uploads them once.
 */
async function readReviewForm(c: Context<MemberEnv>, context: ReviewContext): Promise<ReadForm> {
  const form = await parseForm(c, reviewSchema(context))
  const errors: FormErrors = form.ok ? {} : { ...form.errors }
  let photos: Image[] = []
  let photoErrors: string[] = []
  if (context.direction === 'of_store') {
    const read = await readKeptAndNewPhotos(c, {
      field: 'photos',
      max: MAX_REVIEW_PHOTOS,
      noun: 'A review',
    })
    photos = read.photos
    photoErrors = read.errors
    if (photoErrors[0]) errors.photos = photoErrors[0]
  }
  if (!form.ok || Object.keys(errors).length > 0)
    return { ok: false, values: form.values, errors, photos, photoErrors }
  const { stars, title, body, recommend } = form.data
  return {
    ok: true,
    values: form.values,
    photos,
    input: {
      stars: Number(stars),
      title: context.direction === 'of_store' ? title : '',
      body,
      recommend: context.direction === 'of_store' ? recommend === 'yes' : null,
      photoIds: photos.map((image) => image.id),
    },
  }
}

/** The model found a photo that is not the author's: show the form again without it. */
function badPhotos(read: Extract<ReadForm, { ok: true }>) {
  const message =
    'One of these photos was first uploaded by someone else, so it cannot be used here. Choose another.'
  return {
    values: read.values,
    errors: { photos: message },
    photos: [],
    photoErrors: [message],
  }
}

function renderForm(
  c: Context<MemberEnv>,
  context: ReviewContext,
  form: { values: FormValues; errors: FormErrors; photos: Image[]; photoErrors?: string[] },
  status: 200 | 422 = 200,
  editing?: Review,
) {
  const props: ReviewFormProps = {
    code: context.order.code,
    direction: context.direction,
    otherName: context.otherName,
    closesAt: context.closesAt ?? c.var.clock.now(),
    timeZone: c.var.site.timeZone,
    editing: editing
      ? {
          published: editing.publishedAt !== null,
          until: editing.publishedAt ? new Date(editing.publishedAt.getTime() + EDIT_WINDOW) : null,
        }
      : undefined,
    values: form.values,
    errors: form.errors,
    photos: form.photos,
    photoErrors: form.photoErrors ?? [],
  }
  return c.html(<ReviewFormPage shell={shell(c)} {...props} />, status)
}

/** Why this member cannot write a review of the order now, as a message on the order page. */
function refuse(c: Context<MemberEnv>, context: ReviewContext, reason: ReviewRefusal) {
  const back = `/orders/${context.order.code}`
  switch (reason) {
    case 'not_found':
      return c.notFound()
    case 'not_completed':
      return flashRedirect(c, back, 'You can review this order once it is completed.', 'alert')
    case 'already_reviewed':
      return flashRedirect(
        c,
        back,
        `You have already reviewed this order.${c.req.method === 'POST' ? ' Nothing was changed.' : ''}`,
        'alert',
      )
    case 'window_closed':
      return flashRedirect(
        c,
        back,
        `Reviews of this order closed on ${day(c, context.closesAt!)}, ${REVIEW_WINDOW / DAY} days after it was completed.`,
        'alert',
      )
    case 'bad_photos':
      // The form shows this one beside the photos (badPhotos); eligibility never gives it.
      throw new Error('a refusal of photos reached the order page')
  }
}

function tooLate(c: Context<MemberEnv>, context: ReviewContext) {
  return flashRedirect(
    c,
    `/orders/${context.order.code}`,
    `A review can be changed for ${EDIT_WINDOW / HOUR} hours after it is published; this one no longer can. Nothing was changed.`,
    'alert',
  )
}

function day(c: Context<MemberEnv>, at: Date): string {
  return dateTimeFormat(c.var.site.locale, {
    dateStyle: 'long',
    timeZone: c.var.site.timeZone,
  }).format(at)
}
