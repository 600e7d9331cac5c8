// The kinds of notification mail a member can turn off one by one (account page, or the
// one-click unsubscribe link in each such mail). Account mail — verifying an address, resetting a
// password, a changed address — is not among them: it is sent whatever the preferences say.
export const NOTIFICATION_MAIL_KINDS = [
  'new_order',
  'order_updates',
  'messages',
  'reviews',
  'requests',
] as const

export type NotificationMailKind = (typeof NOTIFICATION_MAIL_KINDS)[number]

/** What each kind is, in the words of the account page's preferences. */
export const NOTIFICATION_MAIL_LABELS: Record<NotificationMailKind, string> = {
  new_order: 'New orders for my store',
  order_updates: 'Changes to my orders (accepted, delivered, paid, disputed)',
  messages: 'Messages I have not read (at most one mail in a while)',
  reviews: 'Reviews of me or my store, and replies to my reviews',
  requests: 'Proposals on my requests, and new requests in what my store sells',
}
