import { signInHref } from '../accounts/account-links'
import type { Shell } from '../layouts/site-layout'

type MessageButtonProps = {
  shell: Pick<Shell, 'member' | 'returnTo'>
  /** The member to write to. */
  to: number
  /** What it is about: a listing of theirs, an order between the two, or a request. */
  listingId?: number
  orderCode?: string
  requestCode?: string
  label?: string
}

/** Where "Message" leads: the first message, or the pair's conversation when there is one. */
export function newConversationHref(
  to: number,
  about: { listingId?: number; orderCode?: string; requestCode?: string } = {},
) {
  const query = new URLSearchParams({ to: String(to) })
  if (about.listingId) query.set('listing', String(about.listingId))
  if (about.orderCode) query.set('order', about.orderCode)
  if (about.requestCode) query.set('request', about.requestCode)
  return `/conversations/new?${query}`
}

/**
 * Where "Message" on a request leads: its buyer writing to a store that proposed, or a provider
 * writing to its buyer. The request becomes the conversation's topic once they write.
 * @example <a href={messageAboutRequestPath(proposal.store.memberId, request.code)}>Message</a>
 */
export function messageAboutRequestPath(memberId: number, code: string): string {
  return newConversationHref(memberId, { requestCode: code })
}

/** "Message" for members, "Sign in to message" for visitors, nothing on one's own things. */
export function MessageButton({
  shell,
  to,
  listingId,
  orderCode,
  requestCode,
  label = 'Message',
}: MessageButtonProps) {
  if (!shell.member)
    return (
      <a class="button button--secondary" href={signInHref(shell.returnTo)}>
        Sign in to message
      </a>
    )
  if (shell.member.id === to) return null
  return (
    <a
      class="button button--secondary"
      href={newConversationHref(to, { listingId, orderCode, requestCode })}
    >
      {label}
    </a>
  )
}
