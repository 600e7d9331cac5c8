import { dateTimeFormat } from '../../src/lib/intl'
import type { InboxRow } from '../../src/models/conversation/inbox'
import { EmptyState } from '../components/empty-state'
import { LATEST_ID } from './conversation-page'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type InboxPageProps = {
  shell: Shell
  rows: InboxRow[]
  page: number
  hasMore: boolean
  timeZone: string
}

/** Messages: every conversation, the newest first, with what was said last and what is unread. */
export function InboxPage({ shell, rows, page, hasMore, timeZone }: InboxPageProps) {
  return (
    <SiteLayout shell={shell} title="Messages">
      <h1>Messages</h1>
      <InboxList rows={rows} locale={shell.locale} timeZone={timeZone} />
      {page > 1 || hasMore ? (
        <nav class="pagination" aria-label="Pages">
          {page > 1 ? (
            <a href={`/conversations?page=${page - 1}`} rel="prev">
              ← Newer conversations
            </a>
          ) : (
            <span aria-hidden="true" />
          )}
          {hasMore ? (
            <a href={`/conversations?page=${page + 1}`} rel="next">
              Older conversations →
            </a>
          ) : (
            <span aria-hidden="true" />
          )}
        </nav>
      ) : null}
    </SiteLayout>
  )
}

/** What a live update replaces when a message arrives or is read. */
export const INBOX_LIST_ID = 'inbox-list'

export function InboxList(props: {
  rows: InboxRow[]
  locale: string
  timeZone: string
  outOfBand?: boolean
}) {
  const when = dateTimeFormat(props.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: props.timeZone,
  })
  return (
    <div id={INBOX_LIST_ID} data-hx-swap-oob={props.outOfBand ? 'true' : undefined}>
      {props.rows.length === 0 ? (
        <EmptyState title="No messages yet">
          <p>
            Message a seller from their listing or storefront, or a buyer from their order; your
            conversations show here.
          </p>
        </EmptyState>
      ) : (
        <ul class="inbox">
          {props.rows.map((row) => (
            <li
              id={`inbox-row-${row.code}`}
              class={row.unread > 0 ? 'inbox-row inbox-row--unread' : 'inbox-row'}
            >
              <a
                href={`/conversations/${row.code}#${LATEST_ID}`}
                aria-label={row.unread > 0 ? `${row.otherName} (${row.unread} unread)` : undefined}
              >
                {row.otherName}
              </a>
              {row.unread > 0 ? (
                <span class="badge badge--new" aria-hidden="true">
                  {row.unread}
                </span>
              ) : null}
              <p class="inbox-row__preview muted">
                {row.lastFromMe ? 'You: ' : ''}
                {row.preview}
              </p>
              {row.lastMessageAt ? (
                <time class="muted" datetime={row.lastMessageAt.toISOString()}>
                  {when.format(row.lastMessageAt)}
                </time>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
