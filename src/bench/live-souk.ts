// Souk's side of the live bench: its real server holding members' GET /events streams, and chat
// between pairs of members delivered over them.
import { Agent, request } from 'node:http'
import type { Db } from '../db'
import type { RunningServer } from './server'
import { ChatRun, type ChatPace, type ChatResult, type Side } from './live-chat'
import { seedChatPairs, seedLiveMembers, type ChatPair } from './live-members'
import { openStreams, type HeldStreams } from './live-streams'

/** Sockets opening at once: well under the listen backlog (see live-streams.ts). */
const OPENING_AT_ONCE = 200

/** `members` members with `perMember` streams each (no page in particular: the header's counts). */
export async function holdSoukStreams(
  server: RunningServer,
  db: Db,
  { members, perMember, signal }: { members: number; perMember: number; signal: AbortSignal },
): Promise<HeldStreams> {
  const seeded = seedLiveMembers(db, 'held', members)
  const targets = seeded.flatMap((member) =>
    Array.from({ length: perMember }, () => ({ cookie: member.cookie })),
  )
  return openStreams(server.url, targets, { concurrency: OPENING_AT_ONCE, signal })
}

/**
 * `pairs` pairs, each member with one stream open on the page of the pair's order (as a member
 * reading the conversation would be), chatting through sendChatMessage at each pace in turn. An
 * even number of messages per pair leaves every order as it started, ready for the next pace.
 */
export async function chatOverSouk(
  server: RunningServer,
  db: Db,
  options: { pairs: number; paces: ChatPace[]; signal: AbortSignal },
): Promise<ChatResult[]> {
  const pairs = seedChatPairs(db, options.pairs)
  const run = new ChatRun(pairs.length)
  // Stream 2p is pair p's provider (side 0), 2p + 1 its buyer (side 1).
  const targets = pairs.flatMap((pair) => [
    { cookie: pair.provider.cookie, page: chatPage(pair) },
    { cookie: pair.buyer.cookie, page: chatPage(pair) },
  ])
  const streams = await openStreams(server.url, targets, {
    concurrency: OPENING_AT_ONCE,
    signal: options.signal,
    onBlock: (index, block) => run.seen(index >> 1, (index & 1) as Side, block),
  })
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  try {
    if (streams.open < targets.length)
      throw new Error(`only ${streams.open} of ${targets.length} chat streams opened`)
    const results: ChatResult[] = []
    for (const [index, pace] of options.paces.entries())
      results.push(
        await run.drive(pace, {
          tag: String(index),
          signal: options.signal,
          send: (pair, from, body) => sendChatMessage(server.url, agent, pairs[pair]!, from, body),
        }),
      )
    return results
  } finally {
    streams.close()
    agent.destroy()
  }
}

/** The page a member reading the pair's conversation has open (src/live/streams.ts names). */
function chatPage(pair: ChatPair): string {
  return `order:${pair.code}`
}

/**
 * Sends one chat message from one member of the pair to the other, as their browser would.
 *
 * Messaging (POST /conversations/:id/messages) is being built on another branch, so for now a
 * message is a step of the pair's service order with the text as its note: the provider marks
 * it delivered, the buyer asks for changes, in turns (live-members.ts). That is the same path a
 * message will take: a member's POST (session, CSRF, form), a transaction that writes the change
 * and a kept event for each member told, publishEvents after the commit, and the event rendered
 * for the recipient's page on their stream, where the note shows in the order's timeline. It is
 * heavier than a message will be (a timeline row and a notification besides), so Souk's numbers
 * are if anything pessimistic.
 *
 * Once messaging is merged: POST `/conversations/${id}/messages` with `{ body }`, chatPage above
 * becomes `conversation:${id}`, and seedChatPairs opens a conversation per pair.
 */
export function sendChatMessage(
  url: string,
  agent: Agent,
  pair: ChatPair,
  from: Side,
  body: string,
): Promise<boolean> {
  const sender = from === 0 ? pair.provider : pair.buyer
  const fields = { action: from === 0 ? 'mark_delivered' : 'request_changes', reason: body }
  return post(url, agent, `/orders/${pair.code}/steps`, sender.cookie, fields).then(
    (status) => status === 303,
  )
}

/** A form POST with the Origin a browser sends (CSRF); resolves the status once answered. */
function post(
  url: string,
  agent: Agent,
  path: string,
  cookie: string,
  fields: Record<string, string>,
): Promise<number> {
  const body = new URLSearchParams(fields).toString()
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${url}${path}`,
      {
        agent,
        method: 'POST',
        headers: {
          Cookie: cookie,
          Origin: url,
          Accept: 'text/html',
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
      },
    )
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}
