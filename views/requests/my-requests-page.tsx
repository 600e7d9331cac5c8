import { dateTimeFormat } from '../../src/lib/intl'
import type { OwnRequest } from '../../src/models/request/request'
import { EmptyState } from '../components/empty-state'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { budgetText, proposalWords, STATUS_LABELS } from './request-words'

export type MyRequestsPageProps = {
  shell: Shell
  requests: OwnRequest[]
  currency: string
  timeZone: string
}

/** A buyer's requests, newest first: each one's state and how many proposals wait on it. */
export function MyRequestsPage(props: MyRequestsPageProps) {
  const { shell } = props
  const date = dateTimeFormat(shell.locale, { dateStyle: 'medium', timeZone: props.timeZone })
  return (
    <SiteLayout shell={shell} title="My requests">
      <h1>My requests</h1>
      <p>
        <a class="button button--primary" href="/requests/new">
          Post a request
        </a>
      </p>
      {props.requests.length === 0 ? (
        <EmptyState title="You have not posted a request yet">
          Need a job done? Post what you need and providers in town send you proposals to compare.
        </EmptyState>
      ) : (
        <ul class="own-requests">
          {props.requests.map((request) => (
            <li class="panel">
              <a href={`/requests/${request.code}`}>
                <strong>{request.title}</strong>
              </a>
              <p>
                <span class={`status status--${request.statusNow}`}>
                  {STATUS_LABELS[request.statusNow]}
                </span>{' '}
                {proposalWords(request.proposalCount)} ·{' '}
                {budgetText(request, props.currency, shell.locale)} · posted{' '}
                {date.format(request.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </SiteLayout>
  )
}
