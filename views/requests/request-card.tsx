import { dateTimeFormat, formatTimeAgo } from '../../src/lib/intl'
import type { RequestRow } from '../../src/models/request/browse'
import { requestPath, type ServiceRequest } from '../../src/models/request/request'
import { Picture } from '../components/picture'
import { distanceAway } from '../search/search-hit-card'
import { budgetText, neededByWords, placeWords, proposalWords } from './request-words'

type RequestCardProps = {
  request: RequestRow
  currency: string
  locale: string
  now: Date
  /** Its title's heading level: under the page's h1 (2), or under a section's h2 (3). */
  level?: 2 | 3
}

/**
 * A request in a list, with what a provider weighs before opening it: what is needed and in
 * which category, the budget, where and by when, how many have proposed already, and how fresh
 * it is. The title is the link; the stylesheet stretches it over the whole card.
 */
export function RequestCard({ request, currency, locale, now, level = 2 }: RequestCardProps) {
  const link = <a href={requestPath(request)}>{request.title}</a>
  return (
    <li class="request-card">
      {level === 3 ? (
        <h3 class="request-card__title">{link}</h3>
      ) : (
        <h2 class="request-card__title">{link}</h2>
      )}
      <p class="request-card__what">
        {request.categoryName} ·{' '}
        <Budget
          min={request.budgetMin}
          max={request.budgetMax}
          currency={currency}
          locale={locale}
        />
      </p>
      {request.summary ? <p class="request-card__summary">{request.summary}</p> : null}
      <ul class="request-card__facts">
        <li>{placeWords(request)}</li>
        <li>{neededByWords(request.neededBy, locale)}</li>
        <li>
          {proposalWords(request.proposalCount)}
          {request.ownProposal === 'active' ? (
            <strong class="request-card__mine"> · yours among them</strong>
          ) : null}
        </li>
        {request.distanceKm !== null ? <li>{distanceAway(request.distanceKm, locale)}</li> : null}
        <li>
          Posted{' '}
          <time datetime={request.createdAt.toISOString()}>
            {formatTimeAgo(request.createdAt, now, locale)}
          </time>
        </li>
      </ul>
      {request.photo ? (
        <Picture image={request.photo} alt="" sizes="5rem" class="request-card__photo" />
      ) : null}
    </li>
  )
}

type BudgetProps = { min: number | null; max: number | null; currency: string; locale: string }

/** What the buyer means to spend: "500 – 800", "up to 800", "from 500", or "Budget open". */
export function Budget({ min, max, currency, locale }: BudgetProps) {
  return (
    <span class="request-card__budget">
      {budgetText({ budgetMin: min, budgetMax: max }, currency, locale)}
    </span>
  )
}
