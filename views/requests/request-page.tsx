import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { dateTimeFormat } from '../../src/lib/intl'
import type {
  Proposal,
  ComparedProposal,
  ProposablePackage,
} from '../../src/models/request/proposal'
import { packageLabel } from '../../src/models/request/proposal'
import { MAX_MESSAGE_LENGTH } from '../../src/models/request/request-input'
import type { RequestDetails } from '../../src/models/request/request'
import { signInHref } from '../accounts/account-links'
import { Button } from '../components/button'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { Money } from '../components/money'
import { Paragraphs } from '../components/paragraphs'
import { Picture } from '../components/picture'
import { RadioGroup } from '../components/radio-group'
import { Rating } from '../components/rating'
import { StoreAvatar } from '../components/store-avatar'
import { TextArea } from '../components/text-area'
import { MessageButton } from '../conversations/message-button'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import {
  answersWithinText,
  budgetText,
  dayText,
  neededByWords,
  placeWords,
  proposalWords,
  STATUS_LABELS,
} from './request-words'

/** What the viewer can do on the request, besides reading it. */
export type RequestRole =
  | { kind: 'buyer'; proposals: ComparedProposal[]; hiredOrderCode: string | undefined }
  | {
      kind: 'provider'
      packages: ProposablePackage[]
      own: Proposal | undefined
      /** The order the buyer's hiring made, when it was this store's proposal. */
      orderCode: string | undefined
      values: FormValues
      errors: Errors
    }
  | { kind: 'member' }
  | { kind: 'visitor' }

export type RequestPageProps = {
  shell: Shell
  request: RequestDetails
  role: RequestRole
  currency: string
  timeZone: string
}

/** The id of the proposal form, where a refused proposal sends the eye back to. */
export const PROPOSAL_FORM_ID = 'propose'

/**
 * A request: what the buyer needs, and what the viewer can do about it — the buyer compares the
 * proposals side by side and hires one (or withdraws the request); a provider sends, changes or
 * withdraws their one proposal; anyone else is told how to answer.
 */
export function RequestPage(props: RequestPageProps) {
  const { request, role, shell } = props
  const date = dateTimeFormat(shell.locale, { dateStyle: 'medium', timeZone: props.timeZone })
  const open = request.statusNow === 'open'
  return (
    <SiteLayout shell={shell} title={request.title}>
      <p>
        <a href="/requests">All requests</a>
      </p>
      <article class="request stack" aria-labelledby="request-heading">
        <h1 id="request-heading">{request.title}</h1>
        <p>
          <span class={`status status--${request.statusNow}`}>
            {STATUS_LABELS[request.statusNow]}
          </span>{' '}
          <span class="muted">
            Posted by {request.buyerName} on {date.format(request.createdAt)}
            {open ? ` · open until ${date.format(request.expiresAt)}` : ''}
          </span>
        </p>
        <ul class="facts">
          <li>
            <strong>{budgetText(request, props.currency, shell.locale)}</strong>
          </li>
          <li>{request.category.name}</li>
          <li>{placeWords(request)}</li>
          <li>{neededByWords(request.neededBy, shell.locale)}</li>
          <li>{proposalWords(request.proposalCount)}</li>
          {request.visibility === 'category' ? (
            <li>Shown only to providers in {request.category.topName}</li>
          ) : null}
        </ul>
        <Paragraphs text={request.description} />
        {request.photos.length > 0 ? (
          <ul class="photo-grid" aria-label="Photos">
            {request.photos.map((image, index) => (
              <li>
                <Picture image={image} alt={`Photo ${index + 1} of the request`} sizes="12rem" />
              </li>
            ))}
          </ul>
        ) : null}
      </article>
      {role.kind === 'buyer' ? <BuyerPart {...props} role={role} /> : null}
      {role.kind === 'provider' ? <ProviderPart {...props} role={role} /> : null}
      {role.kind === 'member' && open ? (
        <p class="notice">
          To send a proposal, <a href="/stores/new">open a storefront</a> first: buyers see who you
          are, your reviews and your work.
        </p>
      ) : null}
      {role.kind === 'visitor' && open ? (
        <p class="notice">
          Providers: <a href={signInHref(shell.returnTo)}>sign in</a> to send a proposal.
        </p>
      ) : null}
    </SiteLayout>
  )
}

function BuyerPart(props: RequestPageProps & { role: Extract<RequestRole, { kind: 'buyer' }> }) {
  const { request, role, shell } = props
  const open = request.statusNow === 'open'
  return (
    <>
      {role.hiredOrderCode ? (
        <p class="notice">
          You hired a provider for this request:{' '}
          <a href={`/orders/${role.hiredOrderCode}`}>order {role.hiredOrderCode}</a>.
        </p>
      ) : null}
      <ProposalsSection
        request={request}
        proposals={role.proposals}
        viewer={shell}
        currency={props.currency}
      />
      {open ? (
        <p>
          <a href={`/requests/${request.code}/withdraw`}>Withdraw this request…</a>
        </p>
      ) : null}
    </>
  )
}

/** The id of the buyer's proposals, which a live update replaces. */
export const PROPOSALS_ID = 'proposals'

type ProposalsProps = {
  request: RequestDetails
  proposals: ComparedProposal[]
  /** The buyer, for the Message buttons. */
  viewer: Pick<Shell, 'member' | 'returnTo' | 'locale'>
  currency: string
  /** Sent on the buyer's live stream when a proposal comes, changes or goes. */
  outOfBand?: boolean
}

/** The proposals on the buyer's request, side by side, cheapest first. */
export function ProposalsSection(props: ProposalsProps) {
  const open = props.request.statusNow === 'open'
  return (
    <section
      id={PROPOSALS_ID}
      aria-labelledby="proposals-heading"
      class="stack"
      data-hx-swap-oob={props.outOfBand ? 'true' : undefined}
    >
      <h2 id="proposals-heading">Proposals ({props.proposals.length})</h2>
      {props.proposals.length === 0 ? (
        <p class="muted">
          {open
            ? 'No proposals yet. Providers who sell in this category have been told; most answer within a day.'
            : 'No proposals came.'}
        </p>
      ) : (
        <ul class="proposals">
          {props.proposals.map((proposal) => (
            <ProposalCard {...props} proposal={proposal} open={open} />
          ))}
        </ul>
      )}
    </section>
  )
}

function ProposalCard(props: ProposalsProps & { proposal: ComparedProposal; open: boolean }) {
  const { proposal, request } = props
  const shell = props.viewer
  const store = proposal.store
  const headingId = `proposal-${proposal.id}`
  return (
    <li class="proposal panel" aria-labelledby={headingId}>
      <p class="proposal__store">
        <StoreAvatar avatar={store.avatar} name={store.name} />{' '}
        <a id={headingId} href={`/stores/${store.slug}`}>
          {store.name}
        </a>
      </p>
      <p class="proposal__price">
        <strong>
          <Money amount={proposal.price} currency={props.currency} locale={shell.locale} />
        </strong>
        {proposal.packageName ? <span class="muted"> · {proposal.packageName}</span> : null}
      </p>
      <ul class="facts">
        <li>Can come or deliver {dayText(proposal.visitOn, shell.locale)}</li>
        <li>
          {store.rating ? <Rating {...store.rating} locale={shell.locale} /> : 'No reviews yet'}
        </li>
        <li>
          {store.completedOrders === 1
            ? '1 order completed'
            : `${store.completedOrders} orders completed`}
        </li>
        {store.answersWithin !== null ? <li>{answersWithinText(store.answersWithin)}</li> : null}
      </ul>
      <Paragraphs text={proposal.message} />
      <p class="proposal__actions">
        {proposal.status === 'accepted' ? (
          <strong>Hired</strong>
        ) : props.open ? (
          <a
            class="button button--primary"
            href={`/requests/${request.code}/proposals/${proposal.id}/accept`}
            aria-describedby={headingId}
          >
            Accept
          </a>
        ) : null}{' '}
        <MessageButton
          shell={shell}
          to={store.memberId}
          requestCode={request.code}
          label={`Message ${store.name}`}
        />
      </p>
    </li>
  )
}

function ProviderPart(
  props: RequestPageProps & { role: Extract<RequestRole, { kind: 'provider' }> },
) {
  const { request, role, shell } = props
  const open = request.statusNow === 'open'
  const own = role.own
  const standing = own?.status === 'active'
  return (
    <section aria-labelledby="your-proposal-heading" class="stack">
      <h2 id="your-proposal-heading">Your proposal</h2>
      {own ? <OwnProposalState {...props} own={own} orderCode={role.orderCode} /> : null}
      {open && own?.status !== 'accepted' && own?.status !== 'declined' ? (
        <ProposalForm {...props} role={role} />
      ) : null}
      {!open && !own ? <p class="muted">This request is closed to new proposals.</p> : null}
      {open && standing ? (
        <form method="post" action={`/requests/${request.code}/proposal/withdraw`}>
          <Button variant="secondary">Withdraw your proposal</Button>
        </form>
      ) : null}
      <p>
        <MessageButton
          shell={shell}
          to={request.buyerId}
          requestCode={request.code}
          label={`Message ${request.buyerName}`}
        />
      </p>
    </section>
  )
}

function OwnProposalState(
  props: RequestPageProps & { own: Proposal; orderCode: string | undefined },
) {
  const { own, shell } = props
  const price = <Money amount={own.price} currency={props.currency} locale={shell.locale} />
  const said = {
    active: 'You proposed',
    withdrawn: 'You withdrew your proposal of',
    accepted: 'The buyer hired you for',
    declined: 'The buyer chose another provider; you had proposed',
  }[own.status]
  return (
    <p class="notice">
      {said} {price}
      {own.packageName ? ` (${own.packageName})` : ''} for {dayText(own.visitOn, shell.locale)}.
      {props.orderCode ? (
        <>
          {' '}
          <a href={`/orders/${props.orderCode}`}>Open order {props.orderCode}</a>
        </>
      ) : null}
    </p>
  )
}

function ProposalForm(
  props: RequestPageProps & { role: Extract<RequestRole, { kind: 'provider' }> },
) {
  const { request, role, shell } = props
  const { values, errors } = role
  const revising = role.own?.status === 'active'
  return (
    <form
      method="post"
      action={`/requests/${request.code}/proposal`}
      class="form"
      id={PROPOSAL_FORM_ID}
      novalidate
    >
      <FormErrors errors={errors} />
      {revising ? <input type="hidden" name="revise" value="1" /> : null}
      {role.packages.length > 0 ? (
        <RadioGroup
          legend="Price"
          name="unitId"
          required
          value={values.unitId ?? '0'}
          error={errors.unitId}
          choices={[
            { value: '0', label: 'My price for this job (below)' },
            ...role.packages.map((item) => ({
              value: String(item.unitId),
              label: (
                <>
                  {packageLabel(item)} —{' '}
                  <Money amount={item.price} currency={props.currency} locale={shell.locale} />
                </>
              ),
            })),
          ]}
        />
      ) : (
        <input type="hidden" name="unitId" value="0" />
      )}
      <Field
        label={role.packages.length > 0 ? 'Your price (if not a package)' : 'Your price'}
        name="price"
        inputmode="decimal"
        value={values.price}
        error={errors.price}
        hint="What the buyer pays you in all, for the job as described."
      />
      <Field
        label="Day you can come or deliver"
        name="visitOn"
        type="date"
        value={values.visitOn}
        error={errors.visitOn}
        required
      />
      <TextArea
        label="Message to the buyer"
        name="message"
        rows={4}
        maxlength={MAX_MESSAGE_LENGTH}
        value={values.message}
        error={errors.message}
        hint="How you would do it, what the price covers, questions you have."
        required
      />
      <p>
        <Button variant="primary">{revising ? 'Save your proposal' : 'Send your proposal'}</Button>
      </p>
    </form>
  )
}
