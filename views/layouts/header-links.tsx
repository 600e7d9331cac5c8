// The header's links that carry a count, each with the id a live update replaces it by (an
// out-of-band swap). Counts are heard as part of the name ("Messages (3 unread)"); hidden words
// inside the link would be heard with stray spaces around the badge.

export const SALES_LINK_ID = 'sales-link'
export const MESSAGES_LINK_ID = 'messages-link'
export const NOTIFICATIONS_LINK_ID = 'notifications-link'

type CountLinkProps = {
  count: number
  current?: boolean
  /** Sent on the event stream, to replace the header's link where it is. */
  outOfBand?: boolean
}

/** "Sales" and a badge with its new orders; heard as "Sales (2 new)". */
export function SalesLink({ count, current, outOfBand }: CountLinkProps) {
  return (
    <CountLink
      id={SALES_LINK_ID}
      href="/sales"
      label="Sales"
      counted="new"
      {...{ count, current, outOfBand }}
    />
  )
}

/** "Messages" and a badge with the messages not read yet. */
export function MessagesLink({ count, current, outOfBand }: CountLinkProps) {
  return (
    <CountLink
      id={MESSAGES_LINK_ID}
      href="/conversations"
      label="Messages"
      counted="unread"
      {...{ count, current, outOfBand }}
    />
  )
}

/** The bell: "Notifications" and a badge with the ones not read yet. */
export function NotificationsLink({ count, current, outOfBand }: CountLinkProps) {
  return (
    <CountLink
      id={NOTIFICATIONS_LINK_ID}
      href="/notifications"
      label="Notifications"
      counted="unread"
      {...{ count, current, outOfBand }}
    />
  )
}

function CountLink(
  props: CountLinkProps & { id: string; href: string; label: string; counted: string },
) {
  const { id, href, label, counted, count, current, outOfBand } = props
  return (
    <a
      href={href}
      id={id}
      data-hx-swap-oob={outOfBand ? 'true' : undefined}
      aria-current={current ? 'page' : undefined}
      aria-label={count > 0 ? `${label} (${count} ${counted})` : undefined}
    >
      {label}
      {count > 0 ? (
        <>
          {' '}
          <span class="count" aria-hidden="true">
            {count}
          </span>
        </>
      ) : null}
    </a>
  )
}
