import { count } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { conversationMembers, conversations, messages, notifications } from '../../db/schema'
import { DAY } from '../lib/clock'
import { LiveStreams } from '../live/streams'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { seedListing, seedStore, type TestStore } from '../test/listings'
import { postTestRequest, proposeOn } from '../test/requests'
import {
  checkCanMessage,
  conversationContextCard,
  findConversationBetween,
  findConversationForMember,
  resolveContext,
  startConversation,
} from './conversation'
import { blockMember, unblockMember } from './conversation/blocks'
import { listInbox, messagePreview } from './conversation/inbox'
import {
  CONVERSATION_READ,
  listMessages,
  markConversationRead,
  MESSAGE_MAX,
  MESSAGE_SENT,
  readMarks,
  sendMessage,
} from './conversation/messages'
import { unreadMessageCount } from './conversation/unread'
import type { Member } from './member'
import { unreadNotificationCount } from './notification'

let market: TestMarket
let streams: LiveStreams
let awa: Member
let bakery: TestStore
const noContext = { listingId: null, orderId: null, requestId: null }

function rowCount(table: SQLiteTable): number {
  return market.db.select({ n: count() }).from(table).get()!.n
}

beforeEach(async () => {
  market = await createOpenMarket()
  streams = new LiveStreams()
  awa = await createMember(market, { displayName: 'Awa Touray' })
  bakery = await seedStore(market, { name: 'Fatou Bakes' })
})
afterEach(() => market.cleanup())

const deps = () => ({ at: market.clock.now(), streams })

function start(from: number, to: number, body = 'Hello') {
  const started = startConversation(market.db, from, to, noContext, { body }, deps())
  if (!started.ok) throw new Error(`could not start: ${started.reason}`)
  return started
}

describe('starting a conversation', () => {
  it('keeps one conversation per pair, whoever starts it', () => {
    const first = start(awa.id, bakery.owner.id)
    const second = start(bakery.owner.id, awa.id, 'Hi back')
    expect(second.conversationId).toBe(first.conversationId)
    expect(rowCount(conversations)).toBe(1)
    expect(rowCount(conversationMembers)).toBe(2)
    expect(findConversationBetween(market.db, bakery.owner.id, awa.id)?.id).toBe(
      first.conversationId,
    )
  })

  it('refuses messaging yourself, and nobody, and writes nothing', () => {
    expect(startConversation(market.db, awa.id, awa.id, noContext, { body: 'Hi' }, deps())).toEqual(
      { ok: false, reason: 'self' },
    )
    expect(checkCanMessage(market.db, awa.id, 99_999)).toEqual({ ok: false, reason: 'no_member' })
    expect(rowCount(conversations)).toBe(0)
  })

  it('refuses either way while a block stands, with no empty conversation left', () => {
    blockMember(market.db, bakery.owner.id, awa.id, market.clock.now())
    expect(checkCanMessage(market.db, awa.id, bakery.owner.id)).toEqual({
      ok: false,
      reason: 'blocked_by_them',
    })
    expect(checkCanMessage(market.db, bakery.owner.id, awa.id)).toEqual({
      ok: false,
      reason: 'blocked_by_me',
    })
    const refused = startConversation(
      market.db,
      awa.id,
      bakery.owner.id,
      noContext,
      { body: 'Hi' },
      deps(),
    )
    expect(refused).toEqual({ ok: false, reason: 'blocked_by_them' })
    expect(rowCount(conversations)).toBe(0)
    unblockMember(market.db, bakery.owner.id, awa.id, market.clock.now())
    expect(checkCanMessage(market.db, awa.id, bakery.owner.id)).toEqual({ ok: true })
  })

  it('is about a listing of either side only, and shows it on its card', () => {
    const loaf = seedListing(market.db, market, bakery, { title: 'Sourdough loaf' })
    const other = seedListing(market.db, market, { ...bakery }, { title: 'Rye' })
    const now = market.clock.now()
    expect(resolveContext(market.db, awa, bakery.owner.id, { listingId: loaf.id }, now)).toEqual({
      ...noContext,
      listingId: loaf.id,
    })
    expect(resolveContext(market.db, awa, 99_999, { listingId: other.id }, now)).toEqual(noContext)
    const started = startConversation(
      market.db,
      awa.id,
      bakery.owner.id,
      { ...noContext, listingId: loaf.id },
      { body: 'Is it fresh?' },
      deps(),
    )
    expect(started.ok).toBe(true)
    const found = findConversationForMember(
      market.db,
      awa.id,
      started.ok ? started.conversationId : 0,
    )!
    expect(conversationContextCard(market.db, found.conversation, now)).toMatchObject({
      kind: 'listing',
      title: 'Sourdough loaf',
    })
  })

  it('is about a request between its buyer and a provider only, its status as of now', async () => {
    // The plumber and the electrician sell home repairs, as the request asks; the bakery does not.
    const plumber = await seedStore(market, { name: 'Lamin Plumbing' })
    seedListing(market.db, market, plumber, { title: 'Tap repair', categoryId: 101 })
    const fundi = await seedStore(market, { name: 'Ebrima Fundi' })
    seedListing(market.db, market, fundi, { title: 'Wiring', categoryId: 102 })
    const request = postTestRequest(market, awa, { visibility: 'category', openForDays: 3 })
    expect(proposeOn(market, plumber, request.code).ok).toBe(true)
    const now = market.clock.now()
    const about = (asker: Member, otherId: number) =>
      resolveContext(market.db, asker, otherId, { requestCode: request.code }, now).requestId

    // The buyer, with a store that proposed; a provider who may read it, with its buyer.
    expect(about(awa, plumber.owner.id)).toBe(request.id)
    expect(about(fundi.owner, awa.id)).toBe(request.id)
    // Not with a store that did not propose, not between two providers, not for a store outside
    // its category (it may not read it), and not about a request that does not exist.
    expect(about(awa, fundi.owner.id)).toBeNull()
    expect(about(fundi.owner, plumber.owner.id)).toBeNull()
    expect(about(bakery.owner, awa.id)).toBeNull()
    expect(
      resolveContext(market.db, awa, plumber.owner.id, { requestCode: 'NOSUCHCODE' }, now),
    ).toEqual(noContext)

    const card = () =>
      conversationContextCard(
        market.db,
        { ...noContext, requestId: request.id },
        market.clock.now(),
      )
    expect(card()).toEqual({
      kind: 'request',
      code: request.code,
      title: 'Fix a leaking kitchen tap',
      status: 'open',
    })
    // Its time ran out: expired on the card, whether or not the job has written it down yet.
    market.clock.advance(3 * DAY)
    expect(card()).toMatchObject({ kind: 'request', status: 'expired' })
  })
})

describe('sendMessage', () => {
  it('writes the message, both inbox times and the sender’s read mark, and tells both sides', () => {
    const { conversationId } = start(awa.id, bakery.owner.id)
    market.clock.advance(60_000)
    const sent = sendMessage(
      market.db,
      bakery.owner.id,
      conversationId,
      { body: '  Yes, today  ' },
      deps(),
    )
    if (!sent.ok) throw new Error(sent.reason)
    const stored = market.db.select().from(messages).all().at(-1)!
    expect(stored.body).toBe('Yes, today')
    const kept = sent.events.filter((event) => event.type === MESSAGE_SENT)
    expect(kept.map((event) => event.memberId).sort()).toEqual([awa.id, bakery.owner.id].sort())
    expect(readMarks(market.db, conversationId).get(bakery.owner.id)).toBe(sent.messageId)
    const times = market.db.select().from(conversationMembers).all()
    expect(
      times.every((row) => row.lastMessageAt?.getTime() === market.clock.now().getTime()),
    ).toBe(true)
    expect(unreadMessageCount(market.db, awa.id)).toBe(1)
  })

  it('refuses empty, too long, and strangers’ conversations, writing nothing', () => {
    const { conversationId } = start(awa.id, bakery.owner.id)
    const stranger = rowCount(messages)
    for (const [body, reason] of [
      ['   \n ', 'empty'],
      ['x'.repeat(MESSAGE_MAX + 1), 'too_long'],
    ] as const)
      expect(sendMessage(market.db, awa.id, conversationId, { body }, deps())).toEqual({
        ok: false,
        reason,
      })
    expect(
      sendMessage(market.db, awa.id, conversationId, { body: 'x'.repeat(MESSAGE_MAX) }, deps()).ok,
    ).toBe(true)
    expect(sendMessage(market.db, 99_999, conversationId, { body: 'Hi' }, deps())).toEqual({
      ok: false,
      reason: 'not_found',
    })
    blockMember(market.db, awa.id, bakery.owner.id, market.clock.now())
    const before = rowCount(notifications)
    expect(sendMessage(market.db, bakery.owner.id, conversationId, { body: 'Hi' }, deps())).toEqual(
      {
        ok: false,
        reason: 'blocked_by_them',
      },
    )
    expect(rowCount(messages)).toBe(stranger + 1)
    expect(rowCount(notifications)).toBe(before)
  })

  it('notes the message for the recipient only when they are not looking at the conversation', () => {
    const { conversationId, conversationCode } = start(awa.id, bakery.owner.id)
    expect(unreadNotificationCount(market.db, bakery.owner.id)).toBe(1)
    markConversationRead(market.db, bakery.owner.id, conversationId, 1e9, market.clock.now())
    expect(unreadNotificationCount(market.db, bakery.owner.id)).toBe(0)
    const ticket = streams.open(bakery.owner.id, `conversation:${conversationCode}`)!
    sendMessage(market.db, awa.id, conversationId, { body: 'Are you there?' }, deps())
    expect(unreadNotificationCount(market.db, bakery.owner.id)).toBe(0)
    ticket.close()
    streams.open(bakery.owner.id, 'conversations')
    sendMessage(market.db, awa.id, conversationId, { body: 'Hello?' }, deps())
    expect(unreadNotificationCount(market.db, bakery.owner.id)).toBe(1)
  })
})

describe('markConversationRead', () => {
  it('moves forward only, never past the newest message, and tells both sides', () => {
    const { conversationId, messageId } = start(awa.id, bakery.owner.id)
    const second = sendMessage(market.db, awa.id, conversationId, { body: 'Second' }, deps())
    if (!second.ok) throw new Error(second.reason)
    const told = markConversationRead(
      market.db,
      bakery.owner.id,
      conversationId,
      1e9,
      market.clock.now(),
    )
    expect(readMarks(market.db, conversationId).get(bakery.owner.id)).toBe(second.messageId)
    expect(
      told
        .filter((event) => event.type === CONVERSATION_READ)
        .map((event) => event.memberId)
        .sort(),
    ).toEqual([awa.id, bakery.owner.id].sort())
    expect(
      markConversationRead(
        market.db,
        bakery.owner.id,
        conversationId,
        messageId,
        market.clock.now(),
      ),
    ).toEqual([])
    expect(readMarks(market.db, conversationId).get(bakery.owner.id)).toBe(second.messageId)
    expect(unreadMessageCount(market.db, bakery.owner.id)).toBe(0)
  })

  it('changes nothing in someone else’s conversation', async () => {
    const { conversationId } = start(awa.id, bakery.owner.id)
    const stranger = await createMember(market)
    expect(
      markConversationRead(market.db, stranger.id, conversationId, 1e9, market.clock.now()),
    ).toEqual([])
    expect(findConversationForMember(market.db, stranger.id, conversationId)).toBeUndefined()
  })
})

describe('history and inbox', () => {
  it('shows the newest page oldest first, older ones by `before`', () => {
    const { conversationId } = start(awa.id, bakery.owner.id, 'Message 1')
    for (let n = 2; n <= 35; n += 1)
      sendMessage(
        market.db,
        n % 2 ? awa.id : bakery.owner.id,
        conversationId,
        { body: `Message ${n}` },
        deps(),
      )
    const newest = listMessages(market.db, conversationId)
    expect(newest.messages.map((message) => message.body).at(0)).toBe('Message 6')
    expect(newest.messages.map((message) => message.body).at(-1)).toBe('Message 35')
    const older = listMessages(market.db, conversationId, { before: newest.olderThan! })
    expect(older.messages.map((message) => message.body)).toEqual([
      'Message 1',
      'Message 2',
      'Message 3',
      'Message 4',
      'Message 5',
    ])
    expect(older.olderThan).toBeNull()
  })

  it('lists conversations newest first, with the other side’s store name, preview and unread count', async () => {
    const lamin = await createMember(market, { displayName: 'Lamin Sowe' })
    const withBakery = start(awa.id, bakery.owner.id, 'Bread?')
    market.clock.advance(1000)
    start(lamin.id, awa.id, 'Hi Awa')
    market.clock.advance(1000)
    sendMessage(
      market.db,
      bakery.owner.id,
      withBakery.conversationId,
      { body: 'Yes, ' + 'fresh '.repeat(30) },
      deps(),
    )
    const { rows } = listInbox(market.db, awa.id)
    expect(rows.map((row) => [row.otherName, row.unread])).toEqual([
      ['Fatou Bakes', 1],
      ['Lamin Sowe', 1],
    ])
    expect(rows[0]!.preview.endsWith('…')).toBe(true)
    expect(rows[0]!.preview.length).toBeLessThanOrEqual(80)
    expect(listInbox(market.db, bakery.owner.id).rows[0]).toMatchObject({
      otherName: 'Awa Touray',
      unread: 0,
      lastFromMe: true,
    })
    expect(messagePreview('', true)).toBe('Photo')
  })
})
