import { Hono, type Context } from 'hono'
import { z } from 'zod'
import {
  ConversationTopic,
  MessageComposer,
  MessagesOutOfBand,
  type Composer,
} from '../../../views/conversations/conversation-page'
import { ConversationPage } from '../../../views/conversations/conversation-page'
import type { MarketEnv, MemberEnv } from '../../http/env'
import { parseForm } from '../../http/forms'
import {
  photoFileMessage,
  photoRefusalMessage,
  readPhotoFiles,
  uploadBodyLimit,
} from '../../http/photo-uploads'
import { seeOther } from '../../http/redirects'
import { requireMember } from '../../http/session'
import { liveFrom, shell } from '../../http/shell'
import { publishEvents } from '../../live/events'
import { multiLine } from '../../lib/text'
import type { MemberConversation } from '../../models/conversation'
import { blockBetween } from '../../models/conversation/blocks'
import {
  conversationPage,
  findMessage,
  MESSAGE_MAX,
  sendMessage,
} from '../../models/conversation/messages'
import { savePhoto } from '../../models/image'
import {
  conversationView,
  messageRateLimit,
  offeredTopic,
  ownConversation,
  topicFields,
  refusalMessage,
  tooFastMessage,
} from './conversation-view'

const messageForm = z.object({ body: multiLine(MESSAGE_MAX) })

/**
 * POST /conversations/:code/messages — a message, with an optional photo. Without JavaScript:
 * 303 back to the conversation, at the new message. With htmx: the box comes back empty and the
 * message is added to the list (by id, so the copy the event stream brings is the same element).
 * "Seen" is left to the event stream, whose events arrive in order: set here, it could land after
 * the other side's read had already said "Seen", and hide it.
 * A refused message comes back in its box, the text kept, its reason beside it: 422, or 429 for
 * more than MESSAGES_PER_MINUTE in a minute.
 */
export const conversationMessages = new Hono<MarketEnv>().post(
  '/',
  requireMember,
  uploadBodyLimit(),
  async (c) => {
    const found = ownConversation(c)
    if (!found) return c.notFound()
    const fragment = c.req.header('HX-Request') === 'true'
    c.header('Vary', 'HX-Request', { append: true })
    const form = await parseForm(c, messageForm)
    const now = c.var.clock.now()
    const about = offeredTopic(c.var.db, c.var.member, found, topicFields.parse(form.values), now)
    const refuse = (composer: Composer, status: 422 | 429) =>
      renderComposer(c, found, { values: form.values, about, ...composer }, status, fragment)

    const wait = messageRateLimit(c)
    if (wait !== null) {
      c.header('Retry-After', String(wait))
      return refuse({ errors: { body: tooFastMessage(wait) } }, 429)
    }
    if (!form.ok) return refuse({ errors: form.errors }, 422)
    // A block is told before a photo is encoded for nothing.
    const block = blockBetween(c.var.db, c.var.member.id, found.otherId)
    if (block !== 'none') return refuse({ errors: { form: refusalMessage(block) } }, 422)

    const { photos, refusals } = await readPhotoFiles(c, 'photo', { max: 1 })
    if (refusals.length > 0) return refuse({ photoErrors: refusals.map(photoFileMessage) }, 422)
    let imageId: number | null = null
    if (photos[0]) {
      const saved = await savePhoto(
        c.var.db,
        c.var.config.uploadsDir,
        c.var.member.id,
        photos[0].bytes,
        {
          clock: c.var.clock,
        },
      )
      if (!saved.ok)
        return refuse({ photoErrors: [photoRefusalMessage(photos[0].name, saved.reason)] }, 422)
      imageId = saved.image.id
    }

    const sent = sendMessage(
      c.var.db,
      c.var.member.id,
      found.conversation.id,
      { body: form.data.body, imageId, about: about?.context },
      { at: c.var.clock.now(), streams: c.var.streams },
    )
    if (!sent.ok) {
      if (sent.reason === 'not_found') return c.notFound()
      const field = sent.reason === 'empty' || sent.reason === 'too_long' ? 'body' : 'form'
      return refuse({ errors: { [field]: refusalMessage(sent.reason) } }, 422)
    }
    publishEvents(c.var.bus, sent.events)
    const at = `/conversations/${found.conversation.code}#message-${sent.messageId}`
    const message = fragment
      ? findMessage(c.var.db, found.conversation.id, sent.messageId)
      : undefined
    if (!message) return seeOther(c, at)
    const view = conversationView(c.var.db, c.var.member.id, found, now)
    return c.html(
      <>
        <MessageComposer view={view} refocus />
        {about ? <ConversationTopic context={about.card} outOfBand /> : null}
        <MessagesOutOfBand
          messages={[message]}
          me={c.var.member.id}
          otherName={view.other.name}
          locale={c.var.site.locale}
          timeZone={c.var.site.timeZone}
        />
      </>,
    )
  },
)

/** The box again with its problem: alone for htmx, in its page without JavaScript. */
function renderComposer<E extends MemberEnv>(
  c: Context<E>,
  found: MemberConversation,
  composer: Composer,
  status: 422 | 429,
  fragment: boolean,
) {
  const view = conversationView(c.var.db, c.var.member.id, found, c.var.clock.now())
  if (fragment) return c.html(<MessageComposer view={view} {...composer} refocus />, status)
  return c.html(
    <ConversationPage
      shell={shell(c, { live: liveFrom(c, conversationPage(found.conversation.code)) })}
      view={view}
      timeZone={c.var.site.timeZone}
      composer={composer}
    />,
    status,
  )
}
