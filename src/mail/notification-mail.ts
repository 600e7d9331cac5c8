// Notification mail: the jobs notify() enqueues (src/models/notification.ts) turn a note into a
// mail in the outbox, when it runs and not before — notify has no config, and a little later
// knows better whether the member still needs to hear of it.
//
// A note is mailed only to a member whose address is verified, whose account still exists, and
// who wants that kind of mail; not when it was read meanwhile (they have seen it), freshened
// away by a newer one of its kind (that one's mail tells it), or followed by a newer note about
// the same subject whose mail will go. Messages are never mailed one by one: a digest per
// member, at most one in MESSAGES_DIGEST_WINDOW, says how many wait unread — and nothing when
// they were read meanwhile. New requests for providers likewise: a digest per provider, at most
// one in REQUESTS_DIGEST_WINDOW, lists those still open and unread — and nothing when none are.
import { z } from 'zod'
import type { Config } from '../config'
import type { AppDeps } from '../http/env'
import { DAY, type Clock } from '../lib/clock'
import type { Db } from '../db'
import { mailPreferences } from '../models/mail-preferences'
import {
  MESSAGES_DIGEST_JOB,
  NOTIFICATION_MAIL_JOB,
  REQUESTS_DIGEST_JOB,
  type Notification,
  type NotificationKind,
} from '../models/notification'
import {
  mailRecipient,
  noteToMail,
  orderForMail,
  unreadMessagesDigest,
  unreadRequestsDigest,
  type MailRecipient,
} from '../models/notification-mail'
import { findSite } from '../models/site'
import type { Tx } from '../models/transaction'
import { messagesDigestMail } from '../../views/mail/messages-digest-mail'
import { orderMail } from '../../views/mail/order-mail'
import { payoutMail } from '../../views/mail/payout-mail'
import { requestMail } from '../../views/mail/request-mail'
import { requestsDigestMail } from '../../views/mail/requests-digest-mail'
import { reviewMail } from '../../views/mail/review-mail'
import { NOTIFICATION_MAIL_LABELS, type NotificationMailKind } from './kinds'
import { marketUrl } from './links'
import { queueMail, type MailContent } from './outbox'

/** Which preference a note's mail answers to. */
export const MAIL_KIND_OF: Record<NotificationKind, NotificationMailKind> = {
  'order.placed': 'new_order',
  'order.changed': 'order_updates',
  'order.paid': 'order_updates',
  'order.disputed': 'order_updates',
  'payout.recorded': 'order_updates',
  'message.received': 'messages',
  'review.written': 'reviews',
  'review.published': 'reviews',
  'request.posted': 'requests',
  'request.closed': 'requests',
  'proposal.received': 'requests',
}

const notePayload = z.object({ notificationId: z.number().int() })
const digestPayload = z.object({ memberId: z.number().int() })

type Deps = Pick<AppDeps, 'jobs' | 'db' | 'clock' | 'config'>

/** Registers the jobs that turn notes into mail (createApp calls it, beside handleMailJobs). */
export function handleNotificationMail({ jobs, db, clock, config }: Deps) {
  // Both read and queue in one transaction: what they decide on is what they write about.
  jobs.handle(NOTIFICATION_MAIL_JOB, (payload, job) => {
    if (stale(clock, job.runAt)) return
    const { notificationId } = notePayload.parse(payload)
    const market = marketOf(db)
    db.transaction((tx) => mailNote(tx, clock, config, market, notificationId))
  })
  jobs.handle(MESSAGES_DIGEST_JOB, (payload, job) => {
    if (stale(clock, job.runAt)) return
    const { memberId } = digestPayload.parse(payload)
    const market = marketOf(db)
    db.transaction((tx) => mailDigest(tx, clock, config, market, memberId))
  })
  jobs.handle(REQUESTS_DIGEST_JOB, (payload, job) => {
    if (stale(clock, job.runAt)) return
    const { memberId } = digestPayload.parse(payload)
    const market = marketOf(db)
    db.transaction((tx) => mailRequestsDigest(tx, clock, config, market, memberId))
  })
}

/**
 * Past this, news is not worth a mail: the member has been on the market since, or will find it
 * on the bell. It keeps a market back from a long outage (or the demo town, seeded with months
 * of history) from mailing everyone about old orders at once.
 */
export const STALE_AFTER = DAY

function stale(clock: Clock, due: Date) {
  return clock.now().getTime() - due.getTime() > STALE_AFTER
}

type Market = { name: string; locale: string; timeZone: string; currency: string }

function marketOf(db: Db): Market {
  const site = findSite(db)
  return {
    name: site?.marketName ?? 'Souk',
    locale: site?.locale ?? 'en',
    timeZone: site?.timeZone ?? 'UTC',
    // Without a site there are no requests either, so no budget is ever told in it.
    currency: site?.currency ?? 'USD',
  }
}

function mailNote(tx: Tx, clock: Clock, config: Config, market: Market, id: number) {
  const found = noteToMail(tx, id)
  if (!found) return
  const { note, newerKinds } = found
  const kind = MAIL_KIND_OF[note.kind]
  const recipient = mailRecipient(tx, note.memberId)
  if (!recipient) return
  const wanted = mailPreferences(tx, recipient.id)
  if (!wanted[kind] || newerKinds.some((newer) => wanted[MAIL_KIND_OF[newer]])) return
  const unsubscribe = unsubscribeFor(config, recipient, kind)
  const content = noteContent(tx, config, market, note, recipient, unsubscribe)
  if (!content) return
  queueMail(tx, clock, {
    key: `note:${note.id}:${recipient.id}`,
    kind,
    to: recipient.email,
    memberId: recipient.id,
    content,
    unsubscribeUrl: unsubscribe.url,
  })
}

/** The words of a note's mail; undefined when what it is about is gone (or it is a message). */
function noteContent(
  tx: Tx,
  config: Config,
  market: Market,
  note: Notification,
  recipient: MailRecipient,
  unsubscribe: { url: string; kindLabel: string },
): MailContent | undefined {
  const common = { marketName: market.name, recipientName: recipient.displayName, unsubscribe }
  switch (note.kind) {
    case 'payout.recorded': {
      const slug = note.subject.split(':')[1] ?? ''
      return payoutMail({
        ...common,
        locale: market.locale,
        amount: Number(note.data.amount),
        currency: String(note.data.currency),
        reference: String(note.data.reference ?? ''),
        balanceUrl: marketUrl(config, `/stores/${encodeURIComponent(slug)}/balance`),
      })
    }
    case 'message.received':
      return undefined // messages go in the digest
    case 'request.posted':
      return undefined // new requests go in the providers' digest (mailRequestsDigest)
    case 'proposal.received':
    case 'request.closed': {
      const code = String(note.data.code ?? '')
      return requestMail({
        ...common,
        kind: note.kind,
        title: String(note.data.title ?? ''),
        store: String(note.data.store ?? 'A store'),
        revised: note.data.revised === true,
        status: String(note.data.status ?? ''),
        url: marketUrl(
          config,
          note.kind === 'proposal.received' ? `/requests/${encodeURIComponent(code)}` : '/requests',
        ),
      })
    }
    case 'review.written':
    case 'review.published': {
      const code = String(note.data.code ?? '')
      const path = `/orders/${encodeURIComponent(code)}`
      return reviewMail({
        ...common,
        locale: market.locale,
        timeZone: market.timeZone,
        kind: note.kind,
        code,
        by: String(note.data.by ?? 'A member'),
        closesAt: note.data.closesAt ? new Date(Number(note.data.closesAt)) : null,
        url: marketUrl(config, note.kind === 'review.written' ? `${path}/review` : path),
      })
    }
    default: {
      const code = String(note.data.code ?? '')
      const order = orderForMail(tx, code, recipient.id)
      if (!order) return undefined
      return orderMail({
        ...common,
        locale: market.locale,
        timeZone: market.timeZone,
        kind: note.kind,
        action: String(note.data.action ?? ''),
        order,
        orderUrl: marketUrl(config, `/orders/${encodeURIComponent(code)}`),
      })
    }
  }
}

function mailDigest(tx: Tx, clock: Clock, config: Config, market: Market, memberId: number) {
  const recipient = mailRecipient(tx, memberId)
  if (!recipient || !mailPreferences(tx, memberId).messages) return
  const digest = unreadMessagesDigest(tx, memberId)
  if (!digest) return
  const unsubscribe = unsubscribeFor(config, recipient, 'messages')
  queueMail(tx, clock, {
    // One mail per state of the inbox: a digest job run twice, or a second one finding nothing
    // newer, writes nothing more.
    key: `messages:${memberId}:${digest.newestNoteId}`,
    kind: 'messages',
    to: recipient.email,
    memberId,
    content: messagesDigestMail({
      marketName: market.name,
      recipientName: recipient.displayName,
      digest,
      inboxUrl: marketUrl(config, '/conversations'),
      unsubscribe,
    }),
    unsubscribeUrl: unsubscribe.url,
  })
}

function mailRequestsDigest(
  tx: Tx,
  clock: Clock,
  config: Config,
  market: Market,
  memberId: number,
) {
  const recipient = mailRecipient(tx, memberId)
  if (!recipient || !mailPreferences(tx, memberId).requests) return
  const digest = unreadRequestsDigest(tx, memberId, clock.now())
  if (!digest) return
  const unsubscribe = unsubscribeFor(config, recipient, 'requests')
  queueMail(tx, clock, {
    // One mail per state of the list: a job run twice, or the next one finding no newer open
    // request (the new one closed meanwhile), writes nothing more.
    key: `requests:${memberId}:${digest.newestNoteId}`,
    kind: 'requests',
    to: recipient.email,
    memberId,
    content: requestsDigestMail({
      marketName: market.name,
      recipientName: recipient.displayName,
      locale: market.locale,
      currency: market.currency,
      digest,
      requestsUrl: marketUrl(config, '/requests'),
      unsubscribe,
    }),
    unsubscribeUrl: unsubscribe.url,
  })
}

/** The one-click link that turns this kind of mail off (routes/unsubscribe.tsx). */
function unsubscribeFor(config: Config, recipient: MailRecipient, kind: NotificationMailKind) {
  return {
    url: marketUrl(config, `/unsubscribe/${recipient.unsubscribeToken}/${kind}`),
    kindLabel: NOTIFICATION_MAIL_LABELS[kind],
  }
}
