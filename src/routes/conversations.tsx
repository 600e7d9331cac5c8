import { Hono } from 'hono'
import { z } from 'zod'
import {
  ConversationPage,
  MessagesOutOfBand,
  OlderMessages,
} from '../../views/conversations/conversation-page'
import { InboxPage } from '../../views/conversations/inbox-page'
import {
  CannotMessagePage,
  NewConversationPage,
} from '../../views/conversations/new-conversation-page'
import type { MarketEnv } from '../http/env'
import { parseForm, parseQuery } from '../http/forms'
import { FRAGMENT_VARY, wantsFragment } from '../http/htmx'
import { seeOther } from '../http/redirects'
import { requireMember } from '../http/session'
import { liveFrom, shell } from '../http/shell'
import { publishEvents } from '../live/events'
import { readPageNumber } from '../lib/pagination'
import { multiLine } from '../lib/text'
import {
  checkCanMessage,
  conversationContextCard,
  findConversationBetween,
  findParty,
  resolveContext,
  startConversation,
  type ConversationContext,
} from '../models/conversation'
import { listInbox } from '../models/conversation/inbox'
import {
  conversationPage,
  markConversationRead,
  MESSAGE_MAX,
  newestMessageId,
} from '../models/conversation/messages'
import {
  conversationView,
  messageRateLimit,
  offeredTopic,
  idText,
  orderCodeText,
  ownConversation,
  topicFields,
  refusalMessage,
  tooFastMessage,
} from './conversations/conversation-view'

const newQuery = z.object({
  to: idText,
  listing: idText.optional(),
  order: orderCodeText.optional(),
  request: orderCodeText.optional(),
})

/** `?listing=`, `?order=` or `?request=` for a conversation page to offer as its next topic. */
function topicQuery(
  context: ConversationContext,
  codes: { order?: string | undefined; request?: string | undefined },
): string {
  if (context.orderId !== null && codes.order) return `?order=${encodeURIComponent(codes.order)}`
  if (context.requestId !== null && codes.request)
    return `?request=${encodeURIComponent(codes.request)}`
  if (context.listingId !== null) return `?listing=${context.listingId}`
  return ''
}

const newConversationForm = newQuery.extend({ body: multiLine(MESSAGE_MAX) })

/**
 * GET /conversations — the inbox; GET /conversations/new?to=&listing=|order=|request= — the
 * first message to someone (or their conversation, when there is one); POST /conversations —
 * starts it with that message; GET /conversations/:code — one conversation (`?before=` for older
 * messages). Someone else's conversation is a 404.
 */
export const conversationPages = new Hono<MarketEnv>()
  .get('/', requireMember, (c) => {
    const page = readPageNumber(c.req.query('page'))
    const { rows, hasMore } = listInbox(c.var.db, c.var.member.id, { page })
    return c.html(
      <InboxPage
        // Live updates redraw the first page; later pages keep only the header's counts live.
        shell={shell(c, { live: liveFrom(c, page === 1 ? 'conversations' : '') })}
        rows={rows}
        page={page}
        hasMore={hasMore}
        timeZone={c.var.site.timeZone}
      />,
    )
  })

  .get('/new', requireMember, (c) => {
    const query = parseQuery(c, newQuery)
    const cannot = (message: string, status: 400 | 403 | 404) =>
      c.html(<CannotMessagePage shell={shell(c)} message={message} />, status)
    if (!query.ok) return cannot('There is no such member.', 404)
    const me = c.var.member.id
    const now = c.var.clock.now()
    const { to, listing, order, request } = query.data
    const party = findParty(c.var.db, to)
    const allowed = checkCanMessage(c.var.db, me, to)
    if (!party) return cannot(refusalMessage('no_member'), 404)
    if (!allowed.ok)
      return cannot(
        refusalMessage(allowed.reason, party.name),
        allowed.reason === 'self' ? 400 : 403,
      )
    const context = resolveContext(
      c.var.db,
      c.var.member,
      to,
      { listingId: listing, orderCode: order, requestCode: request },
      now,
    )
    // The pair talks in one conversation: theirs, with what they came from offered as the topic
    // of their next message. Opening a page changes nothing; only a message sent does.
    const existing = findConversationBetween(c.var.db, me, to)
    if (existing)
      return seeOther(
        c,
        `/conversations/${existing.code}${topicQuery(context, { order, request })}`,
      )
    return c.html(
      <NewConversationPage
        shell={shell(c)}
        to={party}
        context={conversationContextCard(c.var.db, context, now)}
        listingId={context.listingId}
        orderCode={context.orderId !== null ? (order ?? null) : null}
        requestCode={context.requestId !== null ? (request ?? null) : null}
      />,
    )
  })

  .post('/', requireMember, async (c) => {
    const form = await parseForm(c, newConversationForm)
    const values = form.values
    const me = c.var.member.id
    const now = c.var.clock.now()
    const to = findParty(c.var.db, Number(values.to))
    if (!to)
      return c.html(<CannotMessagePage shell={shell(c)} message="There is no such member." />, 404)
    const context = resolveContext(
      c.var.db,
      c.var.member,
      to.id,
      {
        listingId: Number(values.listing) || undefined,
        orderCode: values.order,
        requestCode: values.request,
      },
      now,
    )
    const again = (errors: Record<string, string>, status: 422 | 429) =>
      c.html(
        <NewConversationPage
          shell={shell(c)}
          to={to}
          context={conversationContextCard(c.var.db, context, now)}
          listingId={context.listingId}
          orderCode={context.orderId !== null ? (values.order ?? null) : null}
          requestCode={context.requestId !== null ? (values.request ?? null) : null}
          values={values}
          errors={errors}
        />,
        status,
      )
    const wait = messageRateLimit(c)
    if (wait !== null) {
      c.header('Retry-After', String(wait))
      return again({ body: tooFastMessage(wait) }, 429)
    }
    if (!form.ok) return again(form.errors, 422)
    const started = startConversation(
      c.var.db,
      me,
      to.id,
      context,
      { body: form.data.body },
      { at: now, streams: c.var.streams },
    )
    if (!started.ok) {
      const message = refusalMessage(started.reason, to.name)
      if (started.reason === 'empty' || started.reason === 'too_long')
        return again({ body: message }, 422)
      return c.html(<CannotMessagePage shell={shell(c)} message={message} />, 403)
    }
    publishEvents(c.var.bus, started.events)
    return seeOther(c, `/conversations/${started.conversationCode}#message-${started.messageId}`)
  })

  .get('/:code{[A-Z0-9]{10}}', requireMember, async (c) => {
    const found = ownConversation(c)
    if (!found) return c.notFound()
    const id = found.conversation.id
    const me = c.var.member.id
    const before = Number(c.req.query('before'))
    const older = Number.isSafeInteger(before) && before > 0 ? before : undefined
    c.header('Vary', FRAGMENT_VARY, { append: true })
    const now = c.var.clock.now()
    const view = conversationView(c.var.db, me, found, now, older)
    if (older && wantsFragment(c))
      return c.html(
        <>
          <OlderMessages code={found.conversation.code} olderThan={view.olderThan} />
          <MessagesOutOfBand
            messages={view.messages}
            me={me}
            otherName={view.other.name}
            locale={c.var.site.locale}
            timeZone={c.var.site.timeZone}
          />
        </>,
      )
    // Opening the conversation is reading it: before the header counts are read for the page.
    publishEvents(
      c.var.bus,
      markConversationRead(c.var.db, me, id, newestMessageId(c.var.db, id), now),
    )
    return c.html(
      <ConversationPage
        shell={shell(c, { live: liveFrom(c, conversationPage(found.conversation.code)) })}
        view={view}
        timeZone={c.var.site.timeZone}
        older={older !== undefined}
        composer={{
          about: offeredTopic(c.var.db, c.var.member, found, topicFields.parse(c.req.query()), now),
        }}
      />,
    )
  })
