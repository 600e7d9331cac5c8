import { dateTimeFormat } from '../../src/lib/intl'
import type { Notification } from '../../src/models/notification'
import { Button } from '../components/button'
import { EmptyState } from '../components/empty-state'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { notificationHref, notificationText } from './notification-words'

type NotificationsPageProps = {
  shell: Shell
  notifications: Notification[]
  /** The id to read the next page from, when there are older notes. */
  olderThan: number | null
  timeZone: string
}

/** The bell's page: what happened, newest first, each leading to what it is about. */
export function NotificationsPage({
  shell,
  notifications,
  olderThan,
  timeZone,
}: NotificationsPageProps) {
  const unread = notifications.some((note) => note.readAt === null)
  return (
    <SiteLayout shell={shell} title="Notifications">
      <h1>Notifications</h1>
      {unread ? (
        <form method="post" action="/notifications/read">
          <Button variant="secondary">Mark all read</Button>
        </form>
      ) : null}
      <NotificationList notifications={notifications} locale={shell.locale} timeZone={timeZone} />
      {olderThan ? (
        <p>
          <a href={`/notifications?before=${olderThan}`}>Older notifications</a>
        </p>
      ) : null}
    </SiteLayout>
  )
}

/** What a live update replaces when a note arrives or is read. */
export const NOTIFICATION_LIST_ID = 'notification-list'

export function NotificationList(props: {
  notifications: Notification[]
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
    <div id={NOTIFICATION_LIST_ID} data-hx-swap-oob={props.outOfBand ? 'true' : undefined}>
      {props.notifications.length === 0 ? (
        <EmptyState title="Nothing new">
          <p>
            New orders, changes to your orders, reviews and messages you have not seen show here.
          </p>
        </EmptyState>
      ) : (
        <ul class="notifications">
          {props.notifications.map((note) => (
            <li class={note.readAt ? 'notification' : 'notification notification--unread'}>
              <a href={notificationHref(note)}>
                {notificationText(note, props.locale, props.timeZone)}
              </a>
              {note.readAt ? null : <span class="badge badge--new">New</span>}
              <time class="muted" datetime={note.createdAt.toISOString()}>
                {when.format(note.createdAt)}
              </time>
              {note.readAt ? null : (
                <form method="post" action={`/notifications/${note.id}/read`}>
                  <button
                    type="submit"
                    class="button button--quiet button--small"
                    aria-label={`Mark “${notificationText(note, props.locale, props.timeZone)}” read`}
                  >
                    Mark read
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
