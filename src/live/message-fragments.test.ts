// What the event stream carries about messages, for each member and the page they are on: the
// message for the two sides' conversation pages (once, by its id), the inbox and the counts —
// and nothing at all for anyone else, whichever page they claim to be on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findConversationBetween } from '../models/conversation'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import { listen, openStream, type OpenStream } from '../test/event-stream'

let market: TestMarket
let server: { url: string; close: () => void }
let awaId: number
let laminId: number
let awa: string
let lamin: string
let stranger: string
const streams: OpenStream[] = []

beforeEach(async () => {
  market = await createOpenMarket()
  server = await listen(market)
  awaId = (await createMember(market, { displayName: 'Awa', email: 'awa.t@example.com' })).id
  laminId = (await createMember(market, { displayName: 'Lamin', email: 'lamin@example.com' })).id
  await createMember(market, { displayName: 'Ebrima', email: 'ebrima@example.com' })
  awa = await market.signIn('awa.t@example.com')
  lamin = await market.signIn('lamin@example.com')
  stranger = await market.signIn('ebrima@example.com')
})

afterEach(() => {
  for (const stream of streams.splice(0)) stream.close()
  server.close()
  market.cleanup()
})

async function open(cookie: string, page: string) {
  const stream = await openStream(server.url, cookie, { path: `/events?page=${page}` })
  streams.push(stream)
  await stream.next() // ": live"
  return stream
}

const seen = async (stream: OpenStream) =>
  (await stream.drain()).map((event) => event.data ?? '').join('\n')

async function conversation() {
  const response = await market.post(
    '/conversations',
    { to: String(laminId), body: 'Hello Lamin' },
    { cookie: awa },
  )
  expect(response.status).toBe(303)
  return findConversationBetween(market.db, awaId, laminId)!.code
}

describe('message events on the stream', () => {
  it('adds the message to both conversation pages by id, moves the inbox and changes the count, for members only', async () => {
    const code = await conversation()
    const awaPage = await open(awa, `conversation:${code}`)
    const laminInbox = await open(lamin, 'conversations')
    const laminElsewhere = await open(lamin, 'orders')
    const nosy = await open(stranger, `conversation:${code}`)

    const sent = await market.post(
      `/conversations/${code}/messages`,
      { body: '<img src=x onerror=alert(1)> Hi' },
      { cookie: awa },
    )
    expect(sent.status).toBe(303)
    const messageId = sent.headers.get('Location')!.split('#message-')[1]

    const toAwa = await seen(awaPage)
    expect(toAwa).toContain('data-hx-swap-oob="upsert:#message-list"')
    expect(toAwa).toContain(`id="message-${messageId}"`)
    expect(toAwa).toContain('message--mine')
    expect(toAwa).toContain('&lt;img src=x onerror=alert(1)&gt; Hi')
    expect(toAwa).not.toContain('<img src=x')
    const toLamin = await seen(laminInbox)
    expect(toLamin).toContain('id="inbox-list"')
    expect(toLamin).toContain('Messages (2 unread)')
    expect(toLamin).not.toContain(`id="message-${messageId}"`)
    const laminOther = await seen(laminElsewhere)
    expect(laminOther).toContain('Messages (2 unread)')
    expect(laminOther).not.toContain('inbox-list')
    expect(await nosy.drain()).toEqual([])
  })

  it('on the recipient’s open page: the message, the typing cleared, and a read sent back; then "Seen" for the sender', async () => {
    const code = await conversation()
    const laminPage = await open(lamin, `conversation:${code}`)
    const awaPage = await open(awa, `conversation:${code}`)

    await market.post(
      `/conversations/${code}/typing`,
      {},
      { cookie: awa, headers: { 'HX-Request': 'true' } },
    )
    const typing = await laminPage.drain()
    expect(typing).toHaveLength(1)
    expect(typing[0]!.id).toBeUndefined()
    expect(typing[0]!.data).toContain('Awa is typing…')
    expect(await awaPage.drain()).toEqual([])

    await market.post(
      `/conversations/${code}/messages`,
      { body: 'Are you there?' },
      { cookie: awa },
    )
    const toLamin = await seen(laminPage)
    expect(toLamin).toContain('message--theirs')
    expect(toLamin).toContain(`data-hx-post="/conversations/${code}/read"`)
    expect(toLamin).toContain('data-hx-trigger="load"')
    expect(toLamin).toMatch(/<p id="typing"[^>]*><\/p>/)
    await awaPage.drain()

    // What the beacon does: Lamin's page says how far it has read.
    const read = await market.post(
      `/conversations/${code}/read`,
      { through: '999999' },
      { cookie: lamin, headers: { 'HX-Request': 'true' } },
    )
    expect(read.status).toBe(204)
    expect(await seen(awaPage)).toMatch(/<p id="seen"[^>]*>Seen<\/p>/)
    expect(await seen(laminPage)).toContain('id="messages-link"')
  })

  it('changes both sides’ message box when a block starts or ends, and tells nobody else', async () => {
    const code = await conversation()
    const laminPage = await open(lamin, `conversation:${code}`)
    const awaPage = await open(awa, `conversation:${code}`)
    const nosy = await open(stranger, `conversation:${code}`)

    await market.post(`/conversations/${code}/block`, {}, { cookie: awa })
    const toLamin = await seen(laminPage)
    expect(toLamin).toContain('id="message-composer"')
    expect(toLamin).toContain('Awa is not taking messages from you.')
    expect(toLamin).not.toContain('<form')
    expect(await seen(awaPage)).toContain('You blocked Lamin.')

    await market.post(`/conversations/${code}/unblock`, {}, { cookie: awa })
    expect(await seen(laminPage)).toContain(`action="/conversations/${code}/messages"`)
    expect(await seen(awaPage)).toContain(`action="/conversations/${code}/messages"`)
    expect(await nosy.drain()).toEqual([])
  })
})
