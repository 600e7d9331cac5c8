// The members the live bench connects, put straight into the running server's database through
// the models, as checkout.ts seeds its buyers: insertMember with a placeholder hash (argon2 for
// two thousand members would take minutes, and nobody signs in with a password here) and a
// session each from createSession, whose token is the cookie.
//
// Chat pairs are two members with a conversation, started through the model with its first
// message, as the inbox would have it; the bench then sends over HTTP like their phones would.
import { randomBytes } from 'node:crypto'
import type { Db } from '../db'
import { systemClock } from '../lib/clock'
import { LiveStreams } from '../live/streams'
import { startConversation } from '../models/conversation'
import { insertMember } from '../models/member'
import { createSession, type SessionMember } from '../models/session'

export type BenchMember = { id: number; cookie: string }
/** Two members and their conversation; `code` names it in URLs and in its page's stream. */
export type ChatPair = { code: string; first: BenchMember; second: BenchMember }

/** `count` new members with a session each, in one transaction (one fsync, not thousands). */
export function seedLiveMembers(db: Db, kind: string, count: number): BenchMember[] {
  const run = randomBytes(3).toString('hex')
  return db.transaction(() =>
    Array.from({ length: count }, (_, index) => {
      const member = insertBenchMember(db, `${kind}-${run}-${index}`)
      return signedIn(db, member)
    }),
  )
}

/**
 * `count` pairs of new members, each pair with a conversation. The events of its first message
 * are kept but told to nobody: the server only hears of what the bench does over HTTP.
 */
export function seedChatPairs(db: Db, count: number): ChatPair[] {
  const run = randomBytes(3).toString('hex')
  const deps = { at: systemClock.now(), streams: new LiveStreams() }
  return db.transaction(() =>
    Array.from({ length: count }, (_, index) => {
      const first = insertBenchMember(db, `first-${run}-${index}`)
      const second = insertBenchMember(db, `second-${run}-${index}`)
      const noContext = { listingId: null, orderId: null, requestId: null }
      const started = startConversation(db, first.id, second.id, noContext, { body: 'Hi' }, deps)
      if (!started.ok) throw new Error(`a bench conversation was refused: ${started.reason}`)
      return {
        code: started.conversationCode,
        first: signedIn(db, first),
        second: signedIn(db, second),
      }
    }),
  )
}

function insertBenchMember(db: Db, name: string): SessionMember {
  const row = insertMember(
    db,
    systemClock,
    {
      email: `bench-live-${name}@example.com`,
      displayName: `Bench ${name}`,
      // Never signed in with: the session is made directly.
      passwordHash: 'not a password hash',
    },
    'member',
    { emailVerified: true },
  )
  if (!row) throw new Error(`bench member ${name} already exists`)
  return { id: row.id, email: row.email, displayName: row.displayName, role: row.role }
}

function signedIn(db: Db, member: SessionMember): BenchMember {
  return {
    id: member.id,
    cookie: `souk_session=${createSession(db, systemClock, member.id).token}`,
  }
}
