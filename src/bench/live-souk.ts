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
 * `pairs` pairs, each member with one stream open on the pair's conversation page (reading it),
 * chatting through sendChatMessage at each pace in turn.
 */
export async function chatOverSouk(
  server: RunningServer,
  db: Db,
  options: { pairs: number; paces: ChatPace[]; signal: AbortSignal },
): Promise<ChatResult[]> {
  const pairs = seedChatPairs(db, options.pairs)
  const run = new ChatRun(pairs.length)
  // Stream 2p is pair p's first member (side 0), 2p + 1 its second (side 1).
  const targets = pairs.flatMap((pair) => [
    { cookie: pair.first.cookie, page: chatPage(pair) },
    { cookie: pair.second.cookie, page: chatPage(pair) },
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
  return `conversation:${pair.code}`
}

/**
 * Sends one chat message from one member of the pair to the other, as their phone would with
 * JavaScript off: a form POST answered by a redirect (with htmx the answer is the message's
 * fragment instead; the write and the publishing are the same).
 */
export function sendChatMessage(
  url: string,
  agent: Agent,
  pair: ChatPair,
  from: Side,
  body: string,
): Promise<boolean> {
  const sender = from === 0 ? pair.first : pair.second
  return post(url, agent, `/conversations/${pair.code}/messages`, sender.cookie, { body }).then(
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
