import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { HirePage } from '../../views/requests/hire-page'
import { MyRequestsPage } from '../../views/requests/my-requests-page'
import { WithdrawRequestPage } from '../../views/requests/withdraw-request-page'
import { signInHref } from '../../views/accounts/account-links'
import { RequestFormPage } from '../../views/requests/request-form-page'
import { PROPOSAL_FORM_ID, RequestPage, type RequestRole } from '../../views/requests/request-page'
import type { MarketEnv, MemberEnv } from '../http/env'
import { flashRedirect } from '../http/flash'
import { parseForm, type FormErrors, type FormValues } from '../http/forms'
import { uploadBodyLimit } from '../http/photo-uploads'
import { requireMember } from '../http/session'
import { liveFrom, shell } from '../http/shell'
import { calendarDate } from '../lib/dates'
import { moneyExamples, moneyInputValue } from '../lib/money'
import { PHONE_PATTERN } from '../lib/phone'
import { listCategoryTree } from '../models/category'
import { MAX_ADDRESS_LENGTH, MAX_NOTE_LENGTH } from '../models/checkout'
import { lastContactPhone } from '../models/order'
import { storePaymentMethods } from '../models/payment-methods'
import { listPlaces } from '../models/place'
import {
  acceptProposal,
  hiredOrderCode,
  placesOf,
  type HireProblem,
} from '../models/request/hiring'
import {
  proposablePackages,
  propose,
  proposalsToCompare,
  storeProposal,
  withdrawProposal,
  type Proposal,
  type ProposeRefusal,
} from '../models/request/proposal'
import {
  findRequestFor,
  listOwnRequests,
  requestCodeExists,
  MAX_REQUESTS_PER_DAY,
  postRequest,
  requestPath,
  withdrawRequest,
  type RequestDetails,
} from '../models/request/request'
import { MAX_REQUEST_PHOTOS, proposalSchema, requestSchema } from '../models/request/request-input'
import { findStoreOfMember, type Store } from '../models/store'
import { readKeptAndNewPhotos } from './photo-uploads'
import type { Image } from '../models/image'

const CODE = ':code{[A-Z0-9]{10}}'

/** The market's calendar day now: needed-by and visit days are refused before it. */
function today<E extends MarketEnv>(c: Context<E>): string {
  return calendarDate(c.var.clock.now(), c.var.site.timeZone)
}

/** Whether any request has the code in the address, whoever may read it. */
function requestExists<E extends MarketEnv>(c: Context<E>): boolean {
  return requestCodeExists(c.var.db, c.req.param('code') ?? '')
}

function findRequest<E extends MarketEnv>(c: Context<E>): RequestDetails | undefined {
  return findRequestFor(c.var.db, c.var.member, c.req.param('code') ?? '', c.var.clock.now())
}

function renderRequestForm(
  c: Context<MemberEnv>,
  form: { values: FormValues; errors: FormErrors; photos: Image[]; photoErrors: string[] },
  status: 200 | 422,
) {
  const examples = moneyExamples(c.var.site.currency, c.var.site.locale)
  return c.html(
    <RequestFormPage
      shell={shell(c)}
      categories={listCategoryTree(c.var.db)}
      places={listPlaces(c.var.db, c.var.clock).map((place) => place.name)}
      moneyHint={`${examples.thousands} or ${examples.decimal}`}
      {...form}
    />,
    status,
  )
}

/** What the viewer can do on the request page (see RequestRole). */
function roleOf<E extends MarketEnv>(
  c: Context<E>,
  request: RequestDetails,
  form?: { values: FormValues; errors: FormErrors },
): RequestRole {
  const { db, member } = c.var
  if (!member) return { kind: 'visitor' }
  if (member.id === request.buyerId)
    return {
      kind: 'buyer',
      proposals: proposalsToCompare(db, request),
      hiredOrderCode: hiredOrderCode(c.var, request.id),
    }
  const store = findStoreOfMember(db, member.id)
  if (!store) return { kind: 'member' }
  const own = storeProposal(db, store.id, request.id)
  return {
    kind: 'provider',
    packages: proposablePackages(db, store.id),
    own,
    orderCode: own?.status === 'accepted' ? hiredOrderCode(c.var, request.id) : undefined,
    values: form?.values ?? (own ? proposalValues(own, c.var.site.currency) : {}),
    errors: form?.errors ?? {},
  }
}

/** A proposal as its form shows it, to change. */
function proposalValues(own: Proposal, currency: string): FormValues {
  return {
    unitId: String(own.unitId ?? 0),
    price: own.unitId === null ? moneyInputValue(own.price, currency) : '',
    visitOn: own.visitOn,
    message: own.message,
  }
}

function renderRequest<E extends MarketEnv>(
  c: Context<E>,
  request: RequestDetails,
  role: RequestRole,
  status: 200 | 422 = 200,
) {
  return c.html(
    <RequestPage
      shell={shell(c, { live: liveFrom(c, `request:${request.code}`) })}
      request={request}
      role={role}
      currency={c.var.site.currency}
      timeZone={c.var.site.timeZone}
    />,
    status,
  )
}

const PROPOSE_REFUSALS: Record<Exclude<ProposeRefusal, 'not_found'>, string> = {
  own_request: 'This is your own request: providers answer it.',
  no_store: 'Open a storefront to send proposals.',
  closed: 'This request is closed: it no longer takes proposals.',
  package: 'Choose one of your packages on sale, or give your own price.',
  accepted: 'The buyer has already decided on your proposal.',
  already_proposed: 'You have already sent a proposal on this request: change it below instead.',
}

const hireSchema = z.object({
  fulfilment: z.enum(['customer', 'provider', 'online'], { message: 'Choose where it happens.' }),
  address: z
    .string()
    .max(MAX_ADDRESS_LENGTH, `Use at most ${MAX_ADDRESS_LENGTH} characters.`)
    .default(''),
  note: z.string().max(MAX_NOTE_LENGTH, `Use at most ${MAX_NOTE_LENGTH} characters.`).default(''),
  contactPhone: z
    .string()
    .default('')
    .pipe(
      z
        .string()
        .trim()
        .regex(
          PHONE_PATTERN,
          'Give a phone number the provider can reach you on, like 0712 345 678.',
        ),
    ),
  paymentMethod: z.enum(['cash', 'mobile_money', 'bank_transfer'], {
    message: 'Choose how you pay.',
  }),
})

const HIRE_PROBLEMS: Record<HireProblem, string> = {
  fulfilment: 'Choose where it happens.',
  address: 'Say where: the address for the visit.',
  paymentMethod: 'Choose how you pay.',
}

/** The buyer's request and one standing proposal on it, to hire; undefined: 404. */
function findHire(c: Context<MemberEnv>) {
  const request = findRequest(c)
  if (!request || request.buyerId !== c.var.member.id) return undefined
  const id = Number(c.req.param('proposal'))
  const proposal = proposalsToCompare(c.var.db, request).find((one) => one.id === id)
  return proposal ? { request, proposal } : undefined
}

function renderHire(
  c: Context<MemberEnv>,
  found: NonNullable<ReturnType<typeof findHire>>,
  form: { values: FormValues; errors: FormErrors },
  status: 200 | 422,
) {
  const store = findStoreOfMember(c.var.db, found.proposal.store.memberId)
  return c.html(
    <HirePage
      shell={shell(c)}
      request={found.request}
      proposal={found.proposal}
      places={placesOf(found.request.place)}
      paymentMethods={store ? storePaymentMethods(c.var.site, store) : ['cash']}
      currency={c.var.site.currency}
      {...form}
    />,
    status,
  )
}

/**
 * /requests/new — post a request; /requests/mine — the buyer's own; /requests/:code — one
 * request (proposals compared for its buyer, the proposal form for a provider), withdrawing it,
 * proposing on it and withdrawing a proposal; /requests/:code/proposals/:id/accept — hiring.
 * (The list of open requests, /requests, is routes/requests/browse.tsx.)
 */
export const requestPages = new Hono<MarketEnv>()
  .get('/new', requireMember, (c) =>
    renderRequestForm(c, { values: {}, errors: {}, photos: [], photoErrors: [] }, 200),
  )
  .post('/new', requireMember, uploadBodyLimit(), async (c) => {
    const form = await parseForm(c, requestSchema(c.var.site, today(c)))
    const photos = await readKeptAndNewPhotos(c, {
      field: 'photos',
      max: MAX_REQUEST_PHOTOS,
      noun: 'A request',
    })
    const errors: FormErrors = form.ok ? {} : { ...form.errors }
    if (photos.errors[0]) errors.photos = photos.errors[0]
    if (!form.ok || Object.keys(errors).length > 0)
      return renderRequestForm(
        c,
        { values: form.values, errors, photos: photos.photos, photoErrors: photos.errors },
        422,
      )
    const posted = postRequest(
      c.var,
      c.var.member,
      form.data,
      photos.photos.map((image) => image.id),
    )
    if (!posted.ok)
      return renderRequestForm(
        c,
        {
          values: form.values,
          errors:
            posted.reason === 'category'
              ? { categoryId: 'Choose a category from the list.' }
              : {
                  title: `You have posted ${MAX_REQUESTS_PER_DAY} requests today, the most in a day: post this one tomorrow, or add it to one you posted.`,
                },
          photos: photos.photos,
          photoErrors: [],
        },
        422,
      )
    return flashRedirect(
      c,
      requestPath(posted.request),
      'Your request is posted. Providers who sell in its category have been told.',
    )
  })
  .get('/mine', requireMember, (c) =>
    c.html(
      <MyRequestsPage
        shell={shell(c)}
        requests={listOwnRequests(c.var.db, c.var.member.id, c.var.clock.now())}
        currency={c.var.site.currency}
        timeZone={c.var.site.timeZone}
      />,
    ),
  )
  .get(`/${CODE}`, (c) => {
    const request = findRequest(c)
    // A provider signed out who follows the link in their mail is asked who they are first; the
    // code is too long to guess, so this tells a stranger nothing worth knowing.
    if (!request && !c.var.member && requestExists(c))
      return c.redirect(signInHref(c.req.path), 303)
    if (!request) return c.notFound()
    return renderRequest(c, request, roleOf(c, request))
  })
  // A refused form is shown at the address it posted to: reloading it, or sharing it, leads back.
  .get(`/${CODE}/proposal`, (c) =>
    c.redirect(`/requests/${c.req.param('code')}#${PROPOSAL_FORM_ID}`, 303),
  )
  .get(`/${CODE}/withdraw`, requireMember, (c) => {
    const request = findRequest(c)
    if (!request || request.buyerId !== c.var.member.id) return c.notFound()
    return c.html(<WithdrawRequestPage shell={shell(c)} request={request} />)
  })
  .post(`/${CODE}/withdraw`, requireMember, (c) => {
    const code = c.req.param('code')
    const result = withdrawRequest(c.var, c.var.member, code)
    if (!result.ok && result.reason === 'not_found') return c.notFound()
    return flashRedirect(
      c,
      `/requests/${code}`,
      result.ok
        ? 'Your request is withdrawn. Providers who proposed have been told.'
        : 'This request was already closed.',
      result.ok ? 'notice' : 'alert',
    )
  })
  .post(`/${CODE}/proposal`, requireMember, async (c) => {
    const request = findRequest(c)
    if (!request) return c.notFound()
    const store: Store | undefined = findStoreOfMember(c.var.db, c.var.member.id)
    const hasPackages = store ? proposablePackages(c.var.db, store.id).length > 0 : false
    const form = await parseForm(c, proposalSchema(c.var.site, today(c), hasPackages))
    if (!form.ok) return renderRequest(c, request, roleOf(c, request, form), 422)
    const result = propose(c.var, c.var.member, store, request.code, form.data)
    if (result.ok)
      return flashRedirect(
        c,
        `${requestPath(request)}#${PROPOSAL_FORM_ID}`,
        result.revised
          ? 'Your proposal is saved. The buyer has been told it changed.'
          : 'Your proposal is sent. The buyer has been told.',
      )
    if (result.reason === 'not_found') return c.notFound()
    if (result.reason === 'package')
      return renderRequest(
        c,
        request,
        roleOf(c, request, { values: form.values, errors: { unitId: PROPOSE_REFUSALS.package } }),
        422,
      )
    return flashRedirect(c, requestPath(request), PROPOSE_REFUSALS[result.reason], 'alert')
  })
  .post(`/${CODE}/proposal/withdraw`, requireMember, (c) => {
    const request = findRequest(c)
    const store = findStoreOfMember(c.var.db, c.var.member.id)
    if (!request || !store) return c.notFound()
    const result = withdrawProposal(c.var, store, request.code)
    return flashRedirect(
      c,
      requestPath(request),
      result.ok ? 'Your proposal is withdrawn.' : 'You have no proposal standing on this request.',
      result.ok ? 'notice' : 'alert',
    )
  })
  .get(`/${CODE}/proposals/:proposal{[0-9]+}/accept`, requireMember, (c) => {
    const found = findHire(c)
    if (!found) return c.notFound()
    if (found.request.statusNow !== 'open' || found.proposal.status !== 'active')
      return flashRedirect(c, requestPath(found.request), 'This request is closed.', 'alert')
    const places = placesOf(found.request.place)
    const values: FormValues = {
      contactPhone: lastContactPhone(c.var.db, c.var.member.id),
      fulfilment: places.length === 1 ? (places[0] ?? '') : '',
    }
    return renderHire(c, found, { values, errors: {} }, 200)
  })
  .post(`/${CODE}/proposals/:proposal{[0-9]+}/accept`, requireMember, async (c) => {
    const found = findHire(c)
    if (!found) return c.notFound()
    const form = await parseForm(c, hireSchema)
    if (!form.ok) return renderHire(c, found, form, 422)
    const result = acceptProposal(
      c.var,
      c.var.site,
      c.var.member,
      { code: found.request.code, proposalId: found.proposal.id },
      form.data,
    )
    if (result.ok)
      return flashRedirect(
        c,
        `/orders/${result.order.code}`,
        found.request.proposalCount > 1
          ? `You hired ${found.proposal.store.name}. They have been told, and so have the others who proposed.`
          : `You hired ${found.proposal.store.name}. They have been told.`,
      )
    if (result.reason === 'not_found') return c.notFound()
    if (result.reason === 'closed')
      return flashRedirect(
        c,
        requestPath(found.request),
        'This request is closed, or that proposal was withdrawn: nothing was ordered.',
        'alert',
      )
    const errors = Object.fromEntries(result.problems.map((field) => [field, HIRE_PROBLEMS[field]]))
    return renderHire(c, found, { values: form.values, errors }, 422)
  })
