import { afterEach, describe, expect, it } from 'vitest'
import { sessions } from '../../db/schema'
import { DAY, MINUTE } from '../lib/clock'
import { hashToken } from '../lib/tokens'
import { createOpenMarket, createMember, type TestMarket } from '../test/app'
import {
  createSession,
  deleteExpiredSessions,
  deleteMemberSession,
  deleteOtherSessions,
  SESSION_LIFETIME,
  validateSessionToken,
} from './session'

let market: TestMarket
afterEach(() => market.cleanup())

describe('sessions', () => {
  it('stores only a hash of the secret, never the token', async () => {
    market = await createOpenMarket()
    const member = await createMember(market)
    const { token } = createSession(market.db, market.clock, member.id)
    const [id, secret] = token.split('.') as [string, string]
    const row = market.db.select().from(sessions).get()!
    expect(row.id).toBe(id)
    expect(Buffer.compare(row.secretHash, hashToken(secret))).toBe(0)
    const dump = JSON.stringify(market.db.$client.prepare('select * from sessions').all())
    expect(dump).not.toContain(secret)
  })

  it('rejects a forged secret, a malformed token and an unknown id', async () => {
    market = await createOpenMarket()
    const member = await createMember(market)
    const { token } = createSession(market.db, market.clock, member.id)
    const [id] = token.split('.')
    expect(validateSessionToken(market.db, market.clock, `${id}.forgedsecret`)).toBeNull()
    expect(validateSessionToken(market.db, market.clock, id!)).toBeNull()
    expect(validateSessionToken(market.db, market.clock, `${token}.extra`)).toBeNull()
    expect(validateSessionToken(market.db, market.clock, 'unknown.secret')).toBeNull()
    expect(validateSessionToken(market.db, market.clock, token)?.member.id).toBe(member.id)
  })

  it('writes "last used" at most every five minutes, so page views stay reads', async () => {
    market = await createOpenMarket()
    const member = await createMember(market)
    const { token, session } = createSession(market.db, market.clock, member.id)
    market.clock.advance(4 * MINUTE)
    expect(validateSessionToken(market.db, market.clock, token)!.session.lastSeenAt).toEqual(
      session.lastSeenAt,
    )
    market.clock.advance(MINUTE)
    const later = validateSessionToken(market.db, market.clock, token)!
    expect(later.session.lastSeenAt).toEqual(market.clock.now())
    expect(market.db.select().from(sessions).get()!.lastSeenAt).toEqual(market.clock.now())
  })

  it('expires after its lifetime and is then deleted', async () => {
    market = await createOpenMarket()
    const member = await createMember(market)
    const { token } = createSession(market.db, market.clock, member.id)
    market.clock.advance(SESSION_LIFETIME)
    expect(validateSessionToken(market.db, market.clock, token)).toBeNull()
    expect(market.db.select().from(sessions).all()).toHaveLength(0)
  })

  it('slides its expiry when used in the second half of its life', async () => {
    market = await createOpenMarket()
    const member = await createMember(market)
    const { token, session } = createSession(market.db, market.clock, member.id)

    market.clock.advance(5 * DAY)
    const early = validateSessionToken(market.db, market.clock, token)!
    expect(early.refreshed).toBe(false)
    expect(early.session.expiresAt).toEqual(session.expiresAt)

    market.clock.advance(20 * DAY)
    const late = validateSessionToken(market.db, market.clock, token)!
    expect(late.refreshed).toBe(true)
    expect(late.session.expiresAt.getTime()).toBe(market.clock.now().getTime() + SESSION_LIFETIME)

    market.clock.advance(SESSION_LIFETIME - DAY)
    expect(validateSessionToken(market.db, market.clock, token)).not.toBeNull()
  })

  it('signs out everywhere else but here', async () => {
    market = await createOpenMarket()
    const member = await createMember(market)
    const other = await createMember(market)
    const here = createSession(market.db, market.clock, member.id)
    const phone = createSession(market.db, market.clock, member.id)
    const theirs = createSession(market.db, market.clock, other.id)
    expect(deleteOtherSessions(market.db, member.id, here.session.id)).toBe(1)
    expect(validateSessionToken(market.db, market.clock, here.token)).not.toBeNull()
    expect(validateSessionToken(market.db, market.clock, phone.token)).toBeNull()
    expect(validateSessionToken(market.db, market.clock, theirs.token)).not.toBeNull()
  })

  it('forgets expired sessions during housekeeping', async () => {
    market = await createOpenMarket()
    const member = await createMember(market)
    createSession(market.db, market.clock, member.id)
    market.clock.advance(SESSION_LIFETIME + DAY)
    createSession(market.db, market.clock, member.id)
    expect(deleteExpiredSessions(market.db, market.clock)).toBe(1)
    expect(market.db.select().from(sessions).all()).toHaveLength(1)
  })

  it("signs out one of the member's own sessions, never another member's", async () => {
    market = await createOpenMarket()
    const awa = await createMember(market)
    const amadou = await createMember(market)
    const { session: awas } = createSession(market.db, market.clock, awa.id)
    const { session: amadous } = createSession(market.db, market.clock, amadou.id)
    expect(deleteMemberSession(market.db, awa.id, amadous.id)).toBe(false)
    expect(market.db.select().from(sessions).all()).toHaveLength(2)
    expect(deleteMemberSession(market.db, awa.id, awas.id)).toBe(true)
    expect(
      market.db
        .select()
        .from(sessions)
        .all()
        .map((row) => row.id),
    ).toEqual([amadous.id])
  })
})
