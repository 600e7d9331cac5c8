// Sessions after Lucia's design (the guide that replaced the retired `lucia` package):
// the token is `id.secret`; the database keeps the id and only a SHA-256 hash of the secret, so a
// leaked database cannot be replayed as cookies. Expiry slides: a session used in the second half
// of its life is extended.
import { and, desc, eq, lt, ne, sql } from 'drizzle-orm'
import { members, sessions } from '../../db/schema'
import type { Db } from '../db'
import { DAY, MINUTE, type Clock } from '../lib/clock'
import { hashesMatch, hashToken, randomToken } from '../lib/tokens'
import { prepared } from './prepared'

export const SESSION_LIFETIME = 30 * DAY
/** "Last used" on the account page is shown to the minute; nobody needs it finer than this. */
const LAST_SEEN_PRECISION = 5 * MINUTE

export type SessionMember = Pick<
  typeof members.$inferSelect,
  'id' | 'email' | 'displayName' | 'role'
>
export type Session = typeof sessions.$inferSelect

/** Starts a new session for a member who has just proved who they are; returns the cookie token. */
export function createSession(db: Db, clock: Clock, memberId: number, userAgent = '') {
  const id = randomToken()
  const secret = randomToken()
  const now = clock.now()
  const session = db
    .insert(sessions)
    .values({
      id,
      secretHash: hashToken(secret),
      memberId,
      userAgent: userAgent.slice(0, 200),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME),
    })
    .returning()
    .get()
  return { token: `${id}.${secret}`, session }
}

export type ValidSession = { session: Session; member: SessionMember; refreshed: boolean }

/** Looks up a cookie token; null when it is malformed, unknown, forged or expired. */
export function validateSessionToken(db: Db, clock: Clock, token: string): ValidSession | null {
  const [id, secret, ...rest] = token.split('.')
  if (!id || !secret || rest.length > 0) return null
  const row = prepared(db, sessionWithMember).get({ id })
  if (!row || !hashesMatch(row.session.secretHash, hashToken(secret))) return null

  const now = clock.now().getTime()
  if (now >= row.session.expiresAt.getTime()) {
    db.delete(sessions).where(eq(sessions.id, id)).run()
    return null
  }
  const refreshed = row.session.expiresAt.getTime() - now < SESSION_LIFETIME / 2
  // Most requests only read: a page view writes (and fsyncs) at most every few minutes.
  const stale = now - row.session.lastSeenAt.getTime() >= LAST_SEEN_PRECISION
  if (!refreshed && !stale) return { session: row.session, member: row.member, refreshed }
  const session = db
    .update(sessions)
    .set({
      lastSeenAt: new Date(now),
      ...(refreshed ? { expiresAt: new Date(now + SESSION_LIFETIME) } : {}),
    })
    .where(eq(sessions.id, id))
    .returning()
    .get()!
  return { session, member: row.member, refreshed }
}

export function deleteSession(db: Db, sessionId: string) {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run()
}

/** "Sign out everywhere else": every session of the member except the one in use. */
export function deleteOtherSessions(db: Db, memberId: number, keepSessionId: string): number {
  return db
    .delete(sessions)
    .where(and(eq(sessions.memberId, memberId), ne(sessions.id, keepSessionId)))
    .run().changes
}

/**
 * Signs out one of the member's own sessions (a device on the account page). Scoped to the
 * member: another member's session id changes nothing and answers false, as an unknown one does.
 */
export function deleteMemberSession(db: Db, memberId: number, sessionId: string): boolean {
  return (
    db
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.memberId, memberId)))
      .run().changes > 0
  )
}

/** The member's sessions, the one used last first. */
export function listSessions(db: Db, memberId: number): Session[] {
  return db
    .select()
    .from(sessions)
    .where(eq(sessions.memberId, memberId))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
    .all()
}

export function deleteExpiredSessions(db: Db, clock: Clock): number {
  return db.delete(sessions).where(lt(sessions.expiresAt, clock.now())).run().changes
}

// Every signed-in request reads its session: built and compiled once (see prepared.ts).
const sessionWithMember = (db: Db) =>
  db
    .select({
      session: sessions,
      member: {
        id: members.id,
        email: members.email,
        displayName: members.displayName,
        role: members.role,
      },
    })
    .from(sessions)
    .innerJoin(members, eq(members.id, sessions.memberId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare()
