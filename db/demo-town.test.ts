import { count, eq } from 'drizzle-orm'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase, type Db } from '../src/db'
import type { Clock } from '../src/lib/clock'
import { signInMember } from '../src/models/member'
import { passwordProblem } from '../src/models/password'
import { issueSetupToken } from '../src/models/site'
import { DEMO_PASSWORD, DEMO_SITE, seedDemoTown } from './demo-town'
import { members, setupTokens, site, stores } from './schema'

const clock: Clock = { now: () => new Date('2026-03-01T10:00:00Z') }
const opened: { db: Db; dir: string }[] = []

function freshDatabase(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'souk-demo-'))
  const db = openDatabase(join(dir, 'souk.sqlite'))
  migrateDatabase(db)
  opened.push({ db, dir })
  return db
}

afterEach(() => {
  for (const { db, dir } of opened.splice(0)) {
    db.$client.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

function emails(db: Db): string[] {
  return db
    .select({ email: members.email })
    .from(members)
    .orderBy(members.id)
    .all()
    .map((row) => row.email)
}

describe('seedDemoTown', () => {
  it('gives the same townspeople for the same seed, and others for another seed', async () => {
    const first = freshDatabase()
    const again = freshDatabase()
    const other = freshDatabase()
    await seedDemoTown(first, { seed: 5, members: 30, clock })
    await seedDemoTown(again, { seed: 5, members: 30, clock })
    await seedDemoTown(other, { seed: 6, members: 30, clock })

    expect(emails(first)).toHaveLength(31)
    expect(emails(again)).toEqual(emails(first))
    expect(emails(other)).not.toEqual(emails(first))
    expect(emails(first).every((email) => /^[a-z]+\.[a-z]+\d*@demo\.souk$/.test(email))).toBe(true)
  })

  it('sets up the site with one operator and the requested members, and withdraws the setup link', async () => {
    const db = freshDatabase()
    expect(issueSetupToken(db)).not.toBeNull()

    const result = await seedDemoTown(db, { seed: 1, members: 250, clock })

    expect(result.ok && result.town.memberCount).toBe(250)
    expect(db.select().from(site).get()).toMatchObject({ id: 1, ...DEMO_SITE })
    const byRole = db
      .select({ role: members.role, count: count() })
      .from(members)
      .groupBy(members.role)
      .orderBy(members.role)
      .all()
    expect(byRole).toEqual([
      { role: 'member', count: 250 },
      { role: 'operator', count: 1 },
    ])
    expect(db.select().from(setupTokens).all()).toEqual([])
    expect(issueSetupToken(db)).toBeNull()
  })

  it('opens storefronts for about a third of the members, with unique addresses', async () => {
    const db = freshDatabase()
    const result = await seedDemoTown(db, { seed: 2, members: 300, clock })
    const opened = db.select().from(stores).all()
    expect(result.ok && result.town.storeCount).toBe(opened.length)
    expect(opened.length).toBeGreaterThan(60)
    expect(opened.length).toBeLessThan(150)
    expect(new Set(opened.map((store) => store.slug)).size).toBe(opened.length)
    expect(new Set(opened.map((store) => store.memberId)).size).toBe(opened.length)
    const operator = db.select().from(members).where(eq(members.role, 'operator')).get()!
    expect(opened.some((store) => store.memberId === operator.id)).toBe(false)
  })

  it('refuses a marketplace that is already set up and changes nothing', async () => {
    const db = freshDatabase()
    await seedDemoTown(db, { seed: 1, members: 10, clock })
    const before = emails(db)

    const second = await seedDemoTown(db, { seed: 2, members: 20, clock })

    expect(second).toEqual({ ok: false, reason: 'already_set_up' })
    expect(emails(db)).toEqual(before)
  })

  it('lets the operator and members sign in with the printed password', async () => {
    const db = freshDatabase()
    const result = await seedDemoTown(db, { seed: 1, members: 5, clock })
    if (!result.ok) throw new Error('seeding failed')
    const { operator, signIns } = result.town

    const signedIn = await signInMember(db, clock, {
      email: operator.email,
      password: DEMO_PASSWORD,
      address: '127.0.0.1',
    })
    expect(signedIn).toMatchObject({
      ok: true,
      member: { email: operator.email, role: 'operator' },
    })
    const member = signIns.find((signIn) => signIn.role === 'member')!
    const memberSignIn = await signInMember(db, clock, {
      email: member.email,
      password: DEMO_PASSWORD,
      address: '127.0.0.1',
    })
    expect(memberSignIn).toMatchObject({ ok: true, member: { role: 'member' } })
    expect(signIns).toHaveLength(4)
  })

  it('prints a password the sign-up rules would accept', () => {
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull()
  })
})
