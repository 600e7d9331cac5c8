import { count, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { conversationReports, conversations, images, messages } from '../../db/schema'
import { messageAboutRequestPath } from '../../views/conversations/message-button'
import { DAY } from '../lib/clock'
import { renderEvent } from '../live/fragments'
import { findSite } from '../models/site'
import { deleteOrphanedImages } from '../models/image'
import { findConversationBetween } from '../models/conversation'
import { blockMember } from '../models/conversation/blocks'
import { MESSAGE_MAX, readMarks } from '../models/conversation/messages'
import { unitsOnSale } from '../models/listing/units'
import type { Member } from '../models/member'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  fieldError,
  page,
  type TestMarket,
} from '../test/app'
import { buy } from '../test/checkout'
import { seedListing, seedStore, type TestStore } from '../test/listings'
import { phoneJpeg } from '../test/photos'
import { hire, postTestRequest, proposeOn } from '../test/requests'
import { MESSAGES_PER_MINUTE } from './conversations/conversation-view'

let market: TestMarket
let bakery: TestStore
let buyerId: number
let isatou: Member
let buyer: string
let seller: string
let stranger: string

beforeEach(async () => {
  market = await createOpenMarket()
  bakery = await seedStore(market, { name: 'Fatou Bakes' })
  isatou = await createMember(market, { displayName: 'Isatou', email: 'isatou@example.com' })
  buyerId = isatou.id
  await createMember(market, { displayName: 'Ebrima', email: 'ebrima@example.com' })
  buyer = await market.signIn('isatou@example.com')
  seller = await market.signIn(bakery.owner.email)
  stranger = await market.signIn('ebrima@example.com')
})
afterEach(() => market.cleanup())

const htmx = { 'HX-Request': 'true' }
const messageCount = () => market.db.select({ n: count() }).from(messages).get()!.n

/** The buyer writes first, through the form on /conversations/new; returns the conversation. */
async function startAsBuyer(body = 'Is the sourdough fresh today?') {
  const response = await market.post(
    '/conversations',
    { to: String(bakery.owner.id), body },
    { cookie: buyer },
  )
  expect(response.status).toBe(303)
  const { id, code } = findConversationBetween(market.db, buyerId, bakery.owner.id)!
  return { id, code }
}

describe('GET /conversations/new', () => {
  it('shows the listing it is about and a box, and starts nothing until a message is sent', async () => {
    const loaf = seedListing(market.db, market, bakery, { title: 'Sourdough loaf' })
    const response = await market.get(
      `/conversations/new?to=${bakery.owner.id}&listing=${loaf.id}`,
      {
        cookie: buyer,
      },
    )
    expect(response.status).toBe(200)
    const document = await page(response)
    expect(document.querySelector('h1')?.textContent).toBe('Message Fatou Bakes')
    expect(document.querySelector('.context-card')?.textContent).toContain('Sourdough loaf')
    expect(
      document
        .querySelector('form[action="/conversations"] input[name="listing"]')
        ?.getAttribute('value'),
    ).toBe(String(loaf.id))
    expect(market.db.select({ n: count() }).from(conversations).get()!.n).toBe(0)
  })

  it('goes to the pair’s conversation when there is one, whoever started it, offering the new listing as the next message’s topic', async () => {
    const { id, code } = await startAsBuyer()
    const loaf = seedListing(market.db, market, bakery, { title: 'Rye bread' })
    const response = await market.get(
      `/conversations/new?to=${bakery.owner.id}&listing=${loaf.id}`,
      { cookie: buyer },
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/conversations/${code}?listing=${loaf.id}`)
    const fromSeller = await market.get(`/conversations/new?to=${buyerId}`, { cookie: seller })
    expect(fromSeller.headers.get('Location')).toBe(`/conversations/${code}`)

    // Opening the page changes nothing: the box offers the listing, the topic stays.
    const offered = await page(
      await market.get(response.headers.get('Location')!, { cookie: buyer }),
    )
    // One card: the box's (the conversation was about nothing in particular, and still is).
    expect(offered.querySelectorAll('.context-card')).toHaveLength(1)
    expect(offered.querySelector('.composer .context-card')?.textContent).toContain('Rye bread')
    const topic = () => market.db.select().from(conversations).where(eq(conversations.id, id)).get()
    expect(topic()?.listingId).toBeNull()

    // Someone else's listing is never offered.
    const other = await seedStore(market, { name: 'Elsewhere' })
    const theirs = seedListing(market.db, market, other, { title: 'Not theirs' })
    const refused = await page(
      await market.get(`/conversations/${code}?listing=${theirs.id}`, { cookie: buyer }),
    )
    expect(refused.querySelector('.composer .context-card')).toBeNull()

    // Sent with it, the message makes it the topic, for both sides; with htmx the card at the
    // top changes in place.
    const sent = await market.post(
      `/conversations/${code}/messages`,
      { body: 'And the rye?', listing: String(loaf.id) },
      { cookie: buyer, headers: htmx },
    )
    expect(sent.status).toBe(200)
    const card0 = (await page(sent)).getElementById('conversation-topic')
    expect(card0?.getAttribute('data-hx-swap-oob')).toBe('true')
    expect(card0?.textContent).toContain('Rye bread')
    expect(topic()?.listingId).toBe(loaf.id)
    // The seller's open page hears of the message with the new card.
    const news = market.bus.published.filter(
      (p) => p.topic === `member:${bakery.owner.id}` && p.event.type === 'message.sent',
    )
    const sellerPage = await renderEvent(
      {
        db: market.db,
        clock: market.clock,
        site: findSite(market.db)!,
        member: { ...bakery.owner, role: 'member' },
        page: `conversation:${code}`,
      },
      news.at(-1)!.event,
    )
    expect(sellerPage).toMatch(/id="conversation-topic"[^>]*data-hx-swap-oob="true"/)
    expect(sellerPage).toContain('Rye bread')
    const card = (
      await page(await market.get(`/conversations/${code}`, { cookie: seller }))
    ).querySelector('.context-card')
    expect(card?.textContent).toContain('Rye bread')
  })

  it('says clearly why yourself, nobody or a block cannot be messaged', async () => {
    const self = await market.get(`/conversations/new?to=${buyerId}`, { cookie: buyer })
    expect(self.status).toBe(400)
    expect((await page(self)).body.textContent).toContain('You cannot message yourself.')
    const nobody = await market.get('/conversations/new?to=abc', { cookie: buyer })
    expect(nobody.status).toBe(404)
    blockMember(market.db, bakery.owner.id, buyerId, market.clock.now())
    const blocked = await market.get(`/conversations/new?to=${bakery.owner.id}`, { cookie: buyer })
    expect(blocked.status).toBe(403)
    expect((await page(blocked)).body.textContent).toContain(
      'Fatou Bakes is not taking messages from you.',
    )
  })

  it('sends visitors to sign in', async () => {
    const response = await market.get(`/conversations/new?to=${bakery.owner.id}`)
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toMatch(/^\/sign-in\?return_to=/)
  })
})

describe('POST /conversations', () => {
  it('refuses an empty first message with the box again, and leaves no conversation behind', async () => {
    const response = await market.post(
      '/conversations',
      { to: String(bakery.owner.id), body: '  ' },
      { cookie: buyer },
    )
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'body')).toBe('Write a message, or add a photo.')
    expect(market.db.select({ n: count() }).from(conversations).get()!.n).toBe(0)
  })
})

describe('GET /conversations/:code', () => {
  it('shows the history oldest first, its HTML as text, and marks it read for the reader', async () => {
    const { id, code } = await startAsBuyer('<script>alert("hi")</script> & <b>bold</b>')
    const document = await page(await market.get(`/conversations/${code}`, { cookie: seller }))
    const bubbles = document.querySelectorAll('#message-list .message')
    expect(bubbles.length).toBe(1)
    expect(document.querySelector('#message-list script, #message-list b')).toBeNull()
    expect(bubbles[0]!.querySelector('.message__body')?.textContent).toBe(
      '<script>alert("hi")</script> & <b>bold</b>',
    )
    expect(bubbles[0]!.className).toContain('message--theirs')
    expect(readMarks(market.db, id).get(bakery.owner.id)).toBeGreaterThan(0)
    expect(document.getElementById('messages-link')?.getAttribute('aria-label')).toBeNull()
    // Now seen: the buyer's page says so under her message.
    const buyers = await page(await market.get(`/conversations/${code}`, { cookie: buyer }))
    expect(buyers.getElementById('seen')?.textContent).toBe('Seen')
  })

  it('is a 404 for anyone else, and a sign-in for visitors', async () => {
    const { id, code } = await startAsBuyer()
    expect((await market.get(`/conversations/${code}`, { cookie: stranger })).status).toBe(404)
    for (const path of ['messages', 'read', 'typing', 'block', 'unblock', 'report'])
      expect(
        (
          await market.post(
            `/conversations/${code}/${path}`,
            { body: 'x', through: '1', reason: 'x' },
            { cookie: stranger },
          )
        ).status,
      ).toBe(404)
    expect(messageCount()).toBe(1)
    for (const path of [
      '/conversations',
      `/conversations/${code}/messages`,
      `/conversations/${code}/read`,
      `/conversations/${code}/typing`,
      `/conversations/${code}/block`,
      `/conversations/${code}/report`,
    ]) {
      const response = await market.post(path, {
        body: 'x',
        to: String(buyerId),
        through: '1',
        reason: 'x',
      })
      expect(response.status, path).toBe(303)
      expect(response.headers.get('Location'), path).toMatch(/^\/sign-in/)
    }
    const visitor = await market.get(`/conversations/${code}`)
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('Location')).toMatch(/^\/sign-in/)
    expect((await market.get('/conversations')).status).toBe(303)
  })

  it('loads older messages: a link without JavaScript, the messages above with htmx', async () => {
    const { id, code } = await startAsBuyer('Message 1')
    for (let n = 2; n <= 32; n += 1)
      await market.post(
        `/conversations/${code}/messages`,
        { body: `Message ${n}` },
        { cookie: n % 2 ? buyer : seller },
      )
    market.clock.advance(60_000)
    const document = await page(await market.get(`/conversations/${code}`, { cookie: buyer }))
    expect(document.querySelectorAll('#message-list li').length).toBe(30)
    // A full page of messages arrives in one round trip (ARCHITECTURE.md, budgets).
    const compressed = await market.get(`/conversations/${code}`, {
      cookie: buyer,
      headers: { 'Accept-Encoding': 'br' },
    })
    expect(compressed.headers.get('Content-Encoding')).toBe('br')
    expect((await compressed.arrayBuffer()).byteLength).toBeLessThanOrEqual(14 * 1024)
    const older = document.querySelector('#older-messages a')!
    expect(older.getAttribute('href')).toMatch(new RegExp(`^/conversations/${code}\\?before=\\d+$`))
    const plain = await page(await market.get(older.getAttribute('href')!, { cookie: buyer }))
    expect(
      [...plain.querySelectorAll('#message-list .message__body')].map((p) => p.textContent),
    ).toEqual(['Message 1', 'Message 2'])
    const fragment = await market.get(older.getAttribute('href')!, { cookie: buyer, headers: htmx })
    const html = await fragment.text()
    expect(html).not.toContain('<html')
    expect(html).toContain('upsert:#message-list')
    expect(html).toContain('Message 2')
  })
})

describe('POST /conversations/:code/messages', () => {
  it('without JavaScript: 303 back to the new message', async () => {
    const { id, code } = await startAsBuyer()
    const response = await market.post(
      `/conversations/${code}/messages`,
      { body: 'Yes, baked at six.' },
      { cookie: seller },
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toMatch(
      new RegExp(`^/conversations/${code}#message-\\d+$`),
    )
  })

  it('with htmx: an empty box and the message, added once by its id', async () => {
    const { id, code } = await startAsBuyer()
    const response = await market.post(
      `/conversations/${code}/messages`,
      { body: 'Yes, baked at six.' },
      {
        cookie: seller,
        headers: htmx,
      },
    )
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).not.toContain('<html')
    const { document } = await import('linkedom').then(({ parseHTML }) =>
      parseHTML(`<div>${html}</div>`),
    )
    expect(document.querySelector('#message-composer textarea')?.textContent).toBe('')
    const added = document.querySelector('[data-hx-swap-oob="upsert:#message-list"] li')
    expect(added?.id).toMatch(/^message-\d+$/)
    expect(added?.className).toContain('message--mine')
  })

  it('refuses empty, oversized and blocked messages beside the box, text kept, nothing written', async () => {
    const { id, code } = await startAsBuyer()
    const empty = await market.post(
      `/conversations/${code}/messages`,
      { body: ' ' },
      { cookie: buyer },
    )
    expect(empty.status).toBe(422)
    expect(fieldError(await page(empty), 'body')).toBe('Write a message, or add a photo.')
    const long = 'x'.repeat(MESSAGE_MAX + 1)
    const oversized = await market.post(
      `/conversations/${code}/messages`,
      { body: long },
      { cookie: buyer, headers: htmx },
    )
    expect(oversized.status).toBe(422)
    const box = await page(oversized)
    expect(fieldError(box, 'body')).toBe('Use at most 2000 characters.')
    expect(box.querySelector('textarea')?.textContent).toBe(long)
    blockMember(market.db, bakery.owner.id, buyerId, market.clock.now())
    const blocked = await market.post(
      `/conversations/${code}/messages`,
      { body: 'Hello?' },
      { cookie: buyer },
    )
    expect(blocked.status).toBe(422)
    const blockedPage = await page(blocked)
    expect(blockedPage.body.textContent).toContain('Fatou Bakes is not taking messages from you.')
    expect(messageCount()).toBe(1)
  })

  it(`allows ${MESSAGES_PER_MINUTE} a minute, then says to wait, the text kept (429)`, async () => {
    const { id, code } = await startAsBuyer()
    // The first message counted too.
    for (let n = 2; n <= MESSAGES_PER_MINUTE; n += 1)
      expect(
        (
          await market.post(
            `/conversations/${code}/messages`,
            { body: `No. ${n}` },
            { cookie: buyer },
          )
        ).status,
      ).toBe(303)
    const response = await market.post(
      `/conversations/${code}/messages`,
      { body: 'One more' },
      { cookie: buyer, headers: htmx },
    )
    expect(response.status).toBe(429)
    const box = await page(response)
    expect(fieldError(box, 'body')).toMatch(
      /^You're sending messages too fast — wait \d+ seconds?\.$/,
    )
    expect(box.querySelector('textarea')?.textContent).toBe('One more')
    expect(messageCount()).toBe(MESSAGES_PER_MINUTE)
    market.clock.advance(61_000)
    expect(
      (await market.post(`/conversations/${code}/messages`, { body: 'Later' }, { cookie: buyer }))
        .status,
    ).toBe(303)
  })

  it('takes a photo through the photo pipeline and shows it', async () => {
    const { id, code } = await startAsBuyer()
    const response = await market.upload(
      `/conversations/${code}/messages`,
      { photo: [{ name: 'loaf.jpg', bytes: await phoneJpeg() }] },
      { cookie: seller, fields: { body: '' } },
    )
    expect(response.status).toBe(303)
    const document = await page(await market.get(`/conversations/${code}`, { cookie: buyer }))
    expect(
      document.querySelector('#message-list li:last-child picture img')?.getAttribute('alt'),
    ).toBe('Photo from Fatou Bakes')
    const inbox = await page(await market.get('/conversations', { cookie: buyer }))
    expect(inbox.querySelector('.inbox-row__preview')?.textContent).toBe('Photo')
    // A message's photo is attached for good: the orphan sweep leaves it.
    const future = new Date(market.clock.now().getTime() + 30 * DAY)
    expect(deleteOrphanedImages(market.db, market.config.uploadsDir, { olderThan: future })).toBe(0)
    expect(market.db.select().from(images).all()).toHaveLength(1)
  })
})

describe('the inbox, read, typing, block and report', () => {
  it('lists conversations with unread counts, cleared by reading', async () => {
    const { id, code } = await startAsBuyer()
    const inbox = await page(await market.get('/conversations', { cookie: seller }))
    expect(
      inbox.querySelector(`a[href="/conversations/${code}#latest"]`)?.getAttribute('aria-label'),
    ).toBe('Isatou (1 unread)')
    expect(inbox.getElementById('messages-link')?.getAttribute('aria-label')).toBe(
      'Messages (1 unread)',
    )
    const read = await market.post(
      `/conversations/${code}/read`,
      { through: '999999' },
      { cookie: seller, headers: htmx },
    )
    expect(read.status).toBe(204)
    const after = await page(await market.get('/conversations', { cookie: seller }))
    expect(after.getElementById('messages-link')?.getAttribute('aria-label')).toBeNull()
  })

  it('passes typing on to the other side without keeping it', async () => {
    const { id, code } = await startAsBuyer()
    const before = market.bus.published.length
    const response = await market.post(
      `/conversations/${code}/typing`,
      {},
      { cookie: buyer, headers: htmx },
    )
    expect(response.status).toBe(204)
    const typed = market.bus.published.slice(before)
    expect(typed).toEqual([
      {
        topic: `member:${bakery.owner.id}`,
        event: { type: 'conversation.typing', data: { conversationId: id, memberId: buyerId } },
      },
    ])
  })

  it('blocks and unblocks, and keeps a report for the operator', async () => {
    const { id, code } = await startAsBuyer()
    const blocked = await market.post(`/conversations/${code}/block`, {}, { cookie: seller })
    expect(blocked.status).toBe(303)
    const shown = await page(
      await market.get(`/conversations/${code}`, { cookie: `${seller}; ${cookiesFrom(blocked)}` }),
    )
    expect(shown.body.textContent).toContain('You blocked Isatou: neither of you can send messages')
    expect(shown.querySelector('#message-composer form')).toBeNull()
    await market.post(`/conversations/${code}/unblock`, {}, { cookie: seller })
    expect(
      (await page(await market.get(`/conversations/${code}`, { cookie: seller }))).querySelector(
        '#message-composer form',
      ),
    ).not.toBeNull()

    const report = await market.post(
      `/conversations/${code}/report`,
      { reason: 'Asks me to pay outside the market.' },
      { cookie: seller },
    )
    expect(report.status).toBe(303)
    const thanks = await page(
      await market.get(`/conversations/${code}`, { cookie: `${seller}; ${cookiesFrom(report)}` }),
    )
    expect(thanks.body.textContent).toContain('Thanks — the operator will look at it.')
    expect(market.db.select().from(conversationReports).all()).toMatchObject([
      {
        conversationId: id,
        reporterId: bakery.owner.id,
        reason: 'Asks me to pay outside the market.',
      },
    ])
  })
})

describe('conversations about a request', () => {
  let plumber: TestStore
  let request: ReturnType<typeof postTestRequest>
  let plumberCookie: string
  const requestOf = (id: number) =>
    market.db.select().from(conversations).where(eq(conversations.id, id)).get()?.requestId

  beforeEach(async () => {
    plumber = await seedStore(market, { name: 'Lamin Plumbing' })
    seedListing(market.db, market, plumber, { title: 'Tap repair', categoryId: 101 })
    plumberCookie = await market.signIn(plumber.owner.email)
    // Only providers in home repairs may read it.
    request = postTestRequest(market, isatou, { visibility: 'category' })
  })

  it('a provider who may read it writes to its buyer: the card shows it, and the conversation is about it', async () => {
    const path = messageAboutRequestPath(buyerId, request.code)
    expect(path).toBe(`/conversations/new?to=${buyerId}&request=${request.code}`)
    const document = await page(await market.get(path, { cookie: plumberCookie }))
    const card = document.querySelector('.context-card')
    expect(card?.textContent).toContain('Fix a leaking kitchen tap')
    expect(card?.textContent).toContain('Open')
    expect(card?.querySelector('a')?.getAttribute('href')).toBe(`/requests/${request.code}`)
    const field = document.querySelector('form[action="/conversations"] input[name="request"]')
    expect(field?.getAttribute('value')).toBe(request.code)

    const sent = await market.post(
      '/conversations',
      { to: String(buyerId), request: request.code, body: 'Is it the hot tap or the cold?' },
      { cookie: plumberCookie },
    )
    expect(sent.status).toBe(303)
    const { id, code } = findConversationBetween(market.db, buyerId, plumber.owner.id)!
    expect(requestOf(id)).toBe(request.id)
    const buyers = await page(await market.get(`/conversations/${code}`, { cookie: buyer }))
    expect(buyers.querySelector('#conversation-topic .context-card')?.textContent).toContain(
      'Fix a leaking kitchen tap',
    )
  })

  it('its buyer writes to a store that proposed: their conversation is offered it as the next topic, and hiring shows it hired', async () => {
    const proposed = proposeOn(market, plumber, request.code)
    if (!proposed.ok) throw new Error(proposed.reason)
    const plain = await market.post(
      '/conversations',
      { to: String(plumber.owner.id), body: 'Hello' },
      { cookie: buyer },
    )
    expect(plain.status).toBe(303)
    const { id, code } = findConversationBetween(market.db, buyerId, plumber.owner.id)!
    expect(requestOf(id)).toBeNull()

    const response = await market.get(messageAboutRequestPath(plumber.owner.id, request.code), {
      cookie: buyer,
    })
    expect(response.status).toBe(303)
    const offered = response.headers.get('Location')!
    expect(offered).toBe(`/conversations/${code}?request=${request.code}`)
    const composer = (await page(await market.get(offered, { cookie: buyer }))).querySelector(
      '.composer',
    )
    expect(composer?.querySelector('.context-card')?.textContent).toContain(
      'Fix a leaking kitchen tap',
    )
    expect(composer?.querySelector('input[name="request"]')?.getAttribute('value')).toBe(
      request.code,
    )
    const sent = await market.post(
      `/conversations/${code}/messages`,
      { body: 'Can you come before Wednesday?', request: request.code },
      { cookie: buyer },
    )
    expect(sent.status).toBe(303)
    expect(requestOf(id)).toBe(request.id)

    expect(hire(market, isatou, { code: request.code, proposalId: proposed.proposal.id }).ok).toBe(
      true,
    )
    const card = (
      await page(await market.get(`/conversations/${code}`, { cookie: plumberCookie }))
    ).querySelector('#conversation-topic .context-card')
    expect(card?.textContent).toContain('Hired')
  })

  it('is no topic for a member who may not read it: no card, nothing recorded', async () => {
    // A store, but not in home repairs: the category-only request does not exist for the bakery.
    const path = messageAboutRequestPath(buyerId, request.code)
    const response = await market.get(path, { cookie: seller })
    expect(response.status).toBe(200)
    const document = await page(response)
    expect(document.querySelector('.context-card')).toBeNull()
    expect(document.querySelector('input[name="request"]')).toBeNull()
    expect(document.body.textContent).not.toContain('Fix a leaking kitchen tap')
    const sent = await market.post(
      '/conversations',
      { to: String(buyerId), request: request.code, body: 'What do you need?' },
      { cookie: seller },
    )
    expect(sent.status).toBe(303)
    const started = await page(await market.get(sent.headers.get('Location')!, { cookie: seller }))
    expect(started.querySelector('.context-card')).toBeNull()
    const { id, code } = findConversationBetween(market.db, buyerId, bakery.owner.id)!
    expect(requestOf(id)).toBeNull()
    // Nor offered in their conversation, nor taken with a message.
    const offered = await page(
      await market.get(`/conversations/${code}?request=${request.code}`, { cookie: seller }),
    )
    expect(offered.querySelector('.context-card')).toBeNull()
    await market.post(
      `/conversations/${code}/messages`,
      { body: 'Still there?', request: request.code },
      { cookie: seller },
    )
    expect(requestOf(id)).toBeNull()
  })

  it('leaves someone else’s conversation a 404, request or not', async () => {
    proposeOn(market, plumber, request.code)
    await market.post(
      '/conversations',
      { to: String(plumber.owner.id), request: request.code, body: 'Hello' },
      { cookie: buyer },
    )
    const { id, code } = findConversationBetween(market.db, buyerId, plumber.owner.id)!
    expect(requestOf(id)).toBe(request.id)
    const peek = await market.get(`/conversations/${code}?request=${request.code}`, {
      cookie: stranger,
    })
    expect(peek.status).toBe(404)
    expect(await peek.text()).not.toContain('Fix a leaking kitchen tap')
    const write = await market.post(
      `/conversations/${code}/messages`,
      { body: 'Me too', request: request.code },
      { cookie: stranger },
    )
    expect(write.status).toBe(404)
    expect(messageCount()).toBe(1)
  })
})

describe('Message buttons', () => {
  it('on a listing’s seller card and a storefront for members, "Sign in to message" for visitors, none for the owner', async () => {
    const loaf = seedListing(market.db, market, bakery, { title: 'Sourdough loaf' })
    const path = `/listings/${loaf.id}-${loaf.slug}`
    const asBuyer = await page(await market.get(path, { cookie: buyer }))
    expect(
      asBuyer.querySelector('.seller a[href^="/conversations/new"]')?.getAttribute('href'),
    ).toBe(`/conversations/new?to=${bakery.owner.id}&listing=${loaf.id}`)
    const asVisitor = await page(await market.get(path))
    expect(asVisitor.querySelector('.seller')?.textContent).toContain('Sign in to message')
    const asOwner = await page(await market.get(path, { cookie: seller }))
    expect(asOwner.querySelector('a[href^="/conversations/new"]')).toBeNull()
    const store = await page(await market.get(`/stores/${bakery.store.slug}`, { cookie: buyer }))
    expect(store.querySelector('a[href^="/conversations/new"]')?.getAttribute('href')).toBe(
      `/conversations/new?to=${bakery.owner.id}`,
    )
  })

  it('on an order page, between its buyer and the store', async () => {
    const listing = seedListing(market.db, market, bakery, {
      title: 'Loaf',
      kind: 'product',
      price: 7500,
      stock: 5,
      pickup: true,
    })
    const code = await buy(market, buyer, unitsOnSale(market.db, [listing.id])[0]!.id, 1, {
      'orders.0.fulfilment': 'pickup',
    })
    const asBuyer = await page(await market.get(`/orders/${code}`, { cookie: buyer }))
    expect(asBuyer.querySelector('a[href^="/conversations/new"]')?.getAttribute('href')).toBe(
      `/conversations/new?to=${bakery.owner.id}&order=${code}`,
    )
    const asSeller = await page(await market.get(`/orders/${code}`, { cookie: seller }))
    expect(asSeller.querySelector('a[href^="/conversations/new"]')?.getAttribute('href')).toBe(
      `/conversations/new?to=${buyerId}&order=${code}`,
    )
  })
})
