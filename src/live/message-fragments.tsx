// What messages change on a member's open pages (fragment.ts): the conversation page gets the
// message (added once, by its id), "Seen" and "typing…"; the inbox its list; every page the
// header's Messages count. Each renderer first finds the conversation through the viewer, so a
// stream only ever renders conversations its member is part of.
import type { Child } from 'hono/jsx'
import {
  ConversationTopic,
  MessageComposer,
  MessagesOutOfBand,
  ReadBeacon,
  SeenMarker,
  TypingIndicator,
} from '../../views/conversations/conversation-page'
import { InboxList } from '../../views/conversations/inbox-page'
import { MessagesLink, NotificationsLink } from '../../views/layouts/header-links'
import {
  conversationContextCard,
  findConversationBetween,
  findConversationForMember,
  findParty,
} from '../models/conversation'
import { BLOCK_CHANGED } from '../models/conversation/blocks'
import { listInbox } from '../models/conversation/inbox'
import {
  conversationPage,
  CONVERSATION_READ,
  CONVERSATION_TYPING,
  findMessage,
  MESSAGE_SENT,
} from '../models/conversation/messages'
import { unreadMessageCount } from '../models/conversation/unread'
import { unreadNotificationCount } from '../models/notification'
import { conversationView, seenByOther } from '../routes/conversations/conversation-view'
import type { FragmentRenderer, Viewer } from './fragment'

/** The viewer's conversation the event is about, or undefined (not theirs: nothing is shown). */
function viewersConversation(viewer: Viewer, conversationId: unknown) {
  const id = Number(conversationId)
  if (!Number.isSafeInteger(id)) return undefined
  return findConversationForMember(viewer.db, viewer.member.id, id)
}

function messagesLink({ db, member, page }: Viewer) {
  return (
    <MessagesLink
      count={unreadMessageCount(db, member.id)}
      current={page === 'conversations' || page.startsWith('conversation:')}
      outOfBand
    />
  )
}

function inboxList({ db, member, site }: Viewer) {
  return (
    <InboxList
      rows={listInbox(db, member.id).rows}
      locale={site.locale}
      timeZone={site.timeZone}
      outOfBand
    />
  )
}

/** A message was sent: it joins the conversation page, the inbox moves, the count changes. */
const messageSent: FragmentRenderer = (viewer, event) => {
  const found = viewersConversation(viewer, event.data.conversationId)
  if (!found) return null
  const { db, member, page, site } = viewer
  const id = found.conversation.id
  const parts: Child[] = [messagesLink(viewer)]
  if (page === conversationPage(found.conversation.code)) {
    const message = findMessage(db, id, Number(event.data.messageId))
    if (message) {
      const other = findParty(db, found.otherId)
      if (event.data.topic)
        parts.push(
          <ConversationTopic
            context={conversationContextCard(db, found.conversation, viewer.clock.now())}
            outOfBand
          />,
        )
      parts.push(
        <MessagesOutOfBand
          messages={[message]}
          me={member.id}
          otherName={other?.name ?? 'A member'}
          locale={site.locale}
          timeZone={site.timeZone}
        />,
        <SeenMarker seen={seenByOther(db, member.id, found)} outOfBand />,
      )
      // Theirs: they stopped typing, and the page says it has seen it.
      if (message.senderId !== member.id)
        parts.push(
          <TypingIndicator name={null} outOfBand />,
          <ReadBeacon code={found.conversation.code} through={message.id} outOfBand />,
        )
    }
  }
  if (page === 'conversations') parts.push(inboxList(viewer))
  return <>{parts}</>
}

/** Someone read further: the reader's counts and inbox; the other side's "Seen". */
const conversationRead: FragmentRenderer = (viewer, event) => {
  const found = viewersConversation(viewer, event.data.conversationId)
  if (!found) return null
  const { db, member, page } = viewer
  if (Number(event.data.readerId) === member.id)
    return (
      <>
        {messagesLink(viewer)}
        <NotificationsLink
          count={unreadNotificationCount(db, member.id)}
          current={page === 'notifications'}
          outOfBand
        />
        {page === 'conversations' ? inboxList(viewer) : null}
      </>
    )
  if (page !== conversationPage(found.conversation.code)) return null
  return <SeenMarker seen={seenByOther(db, member.id, found)} outOfBand />
}

/** The other side is typing: said on the conversation page for a few seconds. */
const conversationTyping: FragmentRenderer = (viewer, event) => {
  const found = viewersConversation(viewer, event.data.conversationId)
  if (!found || viewer.page !== conversationPage(found.conversation.code)) return null
  if (Number(event.data.memberId) !== found.otherId) return null
  const name = findParty(viewer.db, found.otherId)?.name ?? 'They'
  return <TypingIndicator name={name} outOfBand />
}

/** A block started or ended between the two: the box on either side's conversation page. */
const blockChanged: FragmentRenderer = (viewer, event) => {
  const { db, member } = viewer
  const otherId =
    Number(event.data.blockerId) === member.id
      ? Number(event.data.blockedId)
      : Number(event.data.blockerId)
  const conversation = findConversationBetween(db, member.id, otherId)
  if (!conversation || viewer.page !== conversationPage(conversation.code)) return null
  const found = findConversationForMember(db, member.id, conversation.id)
  if (!found) return null
  return (
    <MessageComposer view={conversationView(db, member.id, found, viewer.clock.now())} outOfBand />
  )
}

/** The renderers by event type, for fragments.tsx. */
export const messageRenderers: Record<string, FragmentRenderer> = {
  [MESSAGE_SENT]: messageSent,
  [CONVERSATION_READ]: conversationRead,
  [CONVERSATION_TYPING]: conversationTyping,
  [BLOCK_CHANGED]: blockChanged,
}
