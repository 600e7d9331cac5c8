import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { dateTimeFormat } from '../../src/lib/intl'
import type { ContextCard, ConversationContext, Party } from '../../src/models/conversation'
import { requestPath } from '../../src/models/request/request'
import type { BlockState } from '../../src/models/conversation/blocks'
import { MESSAGE_MAX, type Message } from '../../src/models/conversation/messages'
import { REPORT_REASON_MAX } from '../../src/models/conversation/reports'
import { Button } from '../components/button'
import { PhotoInput } from '../components/photo-input'
import { Picture } from '../components/picture'
import { TextArea } from '../components/text-area'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { STATUS_LABELS } from '../orders/order-words'
import { memberHref } from '../members/member-page'
import { STATUS_LABELS as REQUEST_STATUS_LABELS } from '../requests/request-words'

/** Everything a conversation page shows, for the member reading it. */
export type ConversationView = {
  /** Its name in its address. */
  code: string
  /** The reader's member id: their messages are "mine". */
  me: number
  other: Party
  context: ContextCard
  messages: Message[]
  /** Where older messages start, when there are any. */
  olderThan: number | null
  /** Whether the other side has read the reader's newest message. */
  seen: boolean
  block: BlockState
}

export type Composer = {
  values?: FormValues | undefined
  errors?: Errors | undefined
  photoErrors?: string[] | undefined
  /** What the next message will be about, when the member came from something else to talk of. */
  about?: NewTopic | undefined
  /**
   * Sent back to htmx after a send: the box takes focus again, so a phone's keyboard stays up
   * between messages. Never on a page load, which would pop the keyboard up unasked.
   */
  refocus?: boolean | undefined
  /** Sent on the event stream: replaces the box where it is (a block started or ended). */
  outOfBand?: boolean | undefined
}

/** A listing, order or request the member came from ("Message" on it): the topic once they write. */
export type NewTopic = {
  listingId: number | null
  orderCode: string | null
  requestCode: string | null
  card: ContextCard
  /** The same, as the model takes it. */
  context: ConversationContext
}

type ConversationPageProps = {
  shell: Shell
  view: ConversationView
  timeZone: string
  composer?: Composer
  /** A page of older messages (`?before=`): a way back to the newest ones. */
  older?: boolean
}

export const MESSAGE_LIST_ID = 'message-list'
export const COMPOSER_ID = 'message-composer'
export const TYPING_ID = 'typing'
export const SEEN_ID = 'seen'
export const READ_BEACON_ID = 'read-beacon'
export const OLDER_MESSAGES_ID = 'older-messages'
/** Just under the newest message: where the inbox's links land, the box in view below it. */
export const LATEST_ID = 'latest'

/** The element id of a message: the SSE copy and the sender's own copy of it are one element. */
export function messageElementId(message: Pick<Message, 'id'>) {
  return `message-${message.id}`
}

/**
 * One conversation: what it is about, the messages oldest first (older ones load above), whether
 * the other side has seen the last one, whether they are typing, the box to write in, and ways to
 * block or report. Live updates add messages and change "Seen" and "typing…" in place.
 */
export function ConversationPage({
  shell,
  view,
  timeZone,
  composer,
  older,
}: ConversationPageProps) {
  const base = `/conversations/${view.code}`
  return (
    <SiteLayout shell={shell} title={`Messages with ${view.other.name}`}>
      <h1>
        {view.other.storeSlug ? (
          <a href={`/stores/${view.other.storeSlug}`}>{view.other.name}</a>
        ) : view.other.deleted ? (
          view.other.name
        ) : (
          <a href={memberHref(view.other.id)}>{view.other.name}</a>
        )}
      </h1>
      <p>
        <a href="/conversations">← All messages</a>
      </p>
      <ConversationTopic context={view.context} />
      <section class="conversation" aria-label="Messages">
        <OlderMessages code={view.code} olderThan={view.olderThan} />
        {/* A log: screen readers announce the messages that arrive, not the page's others. */}
        <div role="log" aria-label="Messages in this conversation">
          <ol id={MESSAGE_LIST_ID} class="messages">
            {view.messages.map((message) => (
              <MessageItem
                message={message}
                mine={message.senderId === view.me}
                otherName={view.other.name}
                locale={shell.locale}
                timeZone={timeZone}
              />
            ))}
          </ol>
        </div>
        {view.messages.length === 0 ? <p class="muted">No messages here yet.</p> : null}
        {older ? (
          <p>
            <a href={base}>Newer messages</a>
          </p>
        ) : null}
        <div class="seen" id={LATEST_ID} aria-live="polite">
          <SeenMarker seen={view.seen} />
        </div>
        <div class="typing" aria-live="polite">
          <TypingIndicator name={null} />
        </div>
        <ReadBeacon code={view.code} through={null} />
      </section>
      <MessageComposer view={view} {...composer} />
      <ConversationSafety view={view} />
    </SiteLayout>
  )
}

export const TOPIC_ID = 'conversation-topic'

/**
 * What the conversation is about, at the top of its page: replaced in place (out of band) when a
 * message sent with a new topic changes it, on both sides' pages.
 */
export function ConversationTopic(props: { context: ContextCard; outOfBand?: boolean }) {
  return (
    <div id={TOPIC_ID} data-hx-swap-oob={props.outOfBand ? 'true' : undefined}>
      <ContextCardView context={props.context} />
    </div>
  )
}

/** The listing, order or request the conversation is about. */
export function ContextCardView({ context }: { context: ContextCard }) {
  if (!context) return null
  return (
    <aside class="panel context-card" aria-label="About">
      {context.kind === 'listing' ? (
        <p>
          About <a href={`/listings/${context.id}-${context.slug}`}>{context.title}</a>
          {context.onSale ? null : <span class="muted"> · no longer on sale</span>}
        </p>
      ) : context.kind === 'request' ? (
        <p>
          About the request <a href={requestPath(context)}>{context.title}</a>{' '}
          <span class="muted">· {REQUEST_STATUS_LABELS[context.status]}</span>
        </p>
      ) : (
        <p>
          About order <a href={`/orders/${context.code}`}>{context.code}</a>{' '}
          <span class="muted">· {STATUS_LABELS[context.status]}</span>
        </p>
      )}
    </aside>
  )
}

/** "Older messages": a link without JavaScript; with htmx it loads them in above. */
export function OlderMessages(props: {
  code: string
  olderThan: number | null
  outOfBand?: boolean
}) {
  const href = `/conversations/${props.code}?before=${props.olderThan}`
  return (
    <p id={OLDER_MESSAGES_ID} data-hx-swap-oob={props.outOfBand ? 'true' : undefined}>
      {props.olderThan ? (
        <a
          href={href}
          data-hx-get={href}
          data-hx-target={`#${OLDER_MESSAGES_ID}`}
          data-hx-swap="outerHTML"
          data-hx-push-url="false"
        >
          Older messages
        </a>
      ) : null}
    </p>
  )
}

type MessageItemProps = {
  message: Message
  mine: boolean
  otherName: string
  locale: string
  timeZone: string
}

/** One message, as a bubble: the reader's own on one side, the other's on the other. */
export function MessageItem({ message, mine, otherName, locale, timeZone }: MessageItemProps) {
  const when = dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
  return (
    <li
      id={messageElementId(message)}
      class={mine ? 'message message--mine' : 'message message--theirs'}
    >
      <p class="message__meta">
        {mine ? 'You' : otherName} ·{' '}
        <time datetime={message.createdAt.toISOString()}>{when.format(message.createdAt)}</time>
      </p>
      {message.image ? (
        <Picture
          image={message.image}
          alt={mine ? 'Photo you sent' : `Photo from ${otherName}`}
          sizes="16rem"
          class="message__photo"
        />
      ) : null}
      {message.body ? <p class="message__body">{message.body}</p> : null}
    </li>
  )
}

/**
 * Messages for the list, sent out of band: htmx adds each where its id belongs, once (upsert),
 * so a message the sender's page already added, or a replay, never shows twice.
 */
export function MessagesOutOfBand({
  messages,
  me,
  ...item
}: Omit<MessageItemProps, 'message' | 'mine'> & { messages: Message[]; me: number }) {
  return (
    <div data-hx-swap-oob={`upsert:#${MESSAGE_LIST_ID}`}>
      {messages.map((message) => (
        <MessageItem {...item} message={message} mine={message.senderId === me} />
      ))}
    </div>
  )
}

/** "Seen" under the conversation when the other side has read the reader's last message. */
export function SeenMarker({ seen, outOfBand }: { seen: boolean; outOfBand?: boolean }) {
  return (
    <p id={SEEN_ID} class="muted" data-hx-swap-oob={outOfBand ? 'true' : undefined}>
      {seen ? 'Seen' : ''}
    </p>
  )
}

/** "… is typing": shown when the other side types, gone by itself after five seconds (CSS). */
export function TypingIndicator({ name, outOfBand }: { name: string | null; outOfBand?: boolean }) {
  return (
    <p
      id={TYPING_ID}
      class={name ? 'typing__text' : undefined}
      data-hx-swap-oob={outOfBand ? 'true' : undefined}
    >
      {name ? `${name} is typing…` : ''}
    </p>
  )
}

/**
 * Tells the server how far the reader has read: sent on the stream with a new message, it posts
 * once as it arrives (htmx's `load`). Empty on a page as rendered (opening it marked it read).
 */
export function ReadBeacon(props: { code: string; through: number | null; outOfBand?: boolean }) {
  if (props.through === null)
    return (
      <span id={READ_BEACON_ID} hidden data-hx-swap-oob={props.outOfBand ? 'true' : undefined} />
    )
  return (
    <span
      id={READ_BEACON_ID}
      hidden
      data-hx-swap-oob={props.outOfBand ? 'true' : undefined}
      data-hx-post={`/conversations/${props.code}/read`}
      data-hx-trigger="load"
      data-hx-vals={JSON.stringify({ through: String(props.through) })}
      data-hx-swap="none"
    />
  )
}

/**
 * The box to write in, with an optional photo; a plain form without JavaScript. With htmx the box
 * is sent back empty (or with its error and the text kept) and the message is added to the list.
 * While the member types, a ping every few seconds tells the other side (no script: htmx's
 * throttled trigger on a hidden element outside the form, so the ping carries no form data).
 */
export function MessageComposer(
  props: Composer & { view: Pick<ConversationView, 'code' | 'other' | 'block'> },
) {
  const { view, values = {}, errors = {}, photoErrors, about, refocus, outOfBand } = props
  const oob = outOfBand ? 'true' : undefined
  const action = `/conversations/${view.code}/messages`
  if (view.block !== 'none')
    return (
      <div id={COMPOSER_ID} class="composer" data-hx-swap-oob={oob}>
        <p class="flash flash--alert">
          {view.block === 'blocked_by_me'
            ? `You blocked ${view.other.name}. Unblock them to send messages again.`
            : `${view.other.name} is not taking messages from you.`}
        </p>
      </div>
    )
  return (
    <div id={COMPOSER_ID} class="composer" data-hx-swap-oob={oob}>
      <form
        method="post"
        action={action}
        enctype="multipart/form-data"
        data-hx-post={action}
        data-hx-target={`#${COMPOSER_ID}`}
        data-hx-swap="outerHTML"
      >
        {errors.form ? (
          <p class="field__error" role="alert">
            {errors.form}
          </p>
        ) : null}
        {about ? (
          <>
            <p class="muted">Your message will be about:</p>
            <ContextCardView context={about.card} />
            <TopicFields
              listingId={about.listingId}
              orderCode={about.orderCode}
              requestCode={about.requestCode}
            />
          </>
        ) : null}
        <TextArea
          label="Message"
          name="body"
          rows={3}
          maxlength={MESSAGE_MAX}
          value={values.body}
          error={errors.body}
          autofocus={refocus}
        />
        <PhotoInput
          label="Photo (optional)"
          name="photo"
          multiple={false}
          progress={false}
          errors={photoErrors}
        />
        <Button>Send</Button>
      </form>
      <span
        hidden
        data-hx-post={`/conversations/${view.code}/typing`}
        data-hx-trigger="input throttle:3s from:#field-body"
        data-hx-swap="none"
      />
    </div>
  )
}

/** What a message is about, sent with it: a listing's id, or an order's or a request's code. */
export function TopicFields(props: {
  listingId: number | null
  orderCode: string | null
  requestCode: string | null
}) {
  return (
    <>
      {props.listingId ? (
        <input type="hidden" name="listing" value={String(props.listingId)} />
      ) : null}
      {props.orderCode ? <input type="hidden" name="order" value={props.orderCode} /> : null}
      {props.requestCode ? <input type="hidden" name="request" value={props.requestCode} /> : null}
    </>
  )
}

/** Block (or unblock) the other side, and report the conversation to the operator. */
function ConversationSafety({ view }: { view: ConversationView }) {
  const base = `/conversations/${view.code}`
  return (
    <details class="conversation-safety">
      <summary>Block or report</summary>
      {view.block === 'blocked_by_me' ? (
        <form method="post" action={`${base}/unblock`}>
          <Button variant="secondary">Unblock {view.other.name}</Button>
        </form>
      ) : (
        <form method="post" action={`${base}/block`}>
          <p class="muted">A blocked member cannot message you, and you cannot message them.</p>
          <Button variant="danger">Block {view.other.name}</Button>
        </form>
      )}
      <form method="post" action={`${base}/report`}>
        <TextArea
          label="Report this conversation"
          name="reason"
          id="field-reason"
          rows={3}
          maxlength={REPORT_REASON_MAX}
          hint="Tell the operator what is wrong: spam, a scam, abuse."
          required
        />
        <Button variant="secondary">Report</Button>
      </form>
    </details>
  )
}
