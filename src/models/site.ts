import { site, setupTokens } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { hashesMatch, hashToken, randomToken } from '../lib/tokens'
import { databaseVersion } from './data-version'
import { prepared } from './prepared'
import {
  insertMember,
  prepareMember,
  type Member,
  type NewMember,
  type PreparedMember,
} from './member'

export type Site = typeof site.$inferSelect
/** What first-run setup names; the rest of the settings start at their defaults. */
export type SiteSettings = Pick<Site, 'marketName' | 'town' | 'currency' | 'locale' | 'timeZone'>
/** Everything an operator may change later. */
export type SiteChanges = Partial<Omit<Site, 'id' | 'setupCompletedAt'>>

/**
 * The site row, which every request needs, read from the database only when it may have changed
 * (see databaseVersion): setup and a settings change are seen by the very next request. Before
 * setup there is nothing to keep, so an empty marketplace asks every time.
 */
export function findSite(db: Db): Site | undefined {
  const version = databaseVersion(db)
  const known = kept.get(db)
  if (known && known.version === version) return known.site
  const row = prepared(db, siteRow).get()
  if (row) kept.set(db, { site: row, version })
  else kept.delete(db)
  return row
}

const kept = new WeakMap<Db, { site: Site; version: string }>()
// Read again after every write (a busy checkout writes many times a second): compiled once.
const siteRow = (db: Db) => db.select().from(site).prepare()

/** Changes the marketplace's settings; every request after this one sees them. */
export function updateSiteSettings(db: Db, settings: SiteChanges): Site | undefined {
  return db.update(site).set(settings).returning().get()
}

/**
 * Issues a fresh one-time setup token for an empty marketplace (earlier ones stop working), or
 * null once setup is done. The server prints it as a link at start.
 */
export function issueSetupToken(db: Db): string | null {
  const token = randomToken()
  const issued = db.transaction((tx) => {
    if (tx.select().from(site).get()) return false
    tx.delete(setupTokens).run()
    tx.insert(setupTokens)
      .values({ tokenHash: hashToken(token) })
      .run()
    return true
  })
  return issued ? token : null
}

export function isSetupTokenValid(db: Db, token: string): boolean {
  const stored = db.select().from(setupTokens).get()
  return stored !== undefined && hashesMatch(stored.tokenHash, hashToken(token))
}

export type SetupResult =
  | { ok: true; site: Site; operator: Member }
  | { ok: false; reason: 'wrong_token' | 'already_set_up' | 'email_taken' }
  | { ok: false; reason: 'weak_password'; message: string }

/** Names the marketplace and creates its operator, consuming the setup token. */
export async function completeSetup(
  db: Db,
  clock: Clock,
  token: string,
  settings: SiteSettings,
  operator: NewMember,
): Promise<SetupResult> {
  if (findSite(db)) return { ok: false, reason: 'already_set_up' }
  if (!isSetupTokenValid(db, token)) return { ok: false, reason: 'wrong_token' }
  const prepared = await prepareMember(db, operator)
  if (!prepared.ok) return prepared
  // Checked again inside the transaction so two racing submissions cannot both win, and a
  // loser leaves nothing half-written.
  return db.transaction((tx): SetupResult => {
    if (!tx.select().from(setupTokens).get()) return { ok: false, reason: 'already_set_up' }
    return openMarketplace(tx, clock, settings, prepared.values)
  })
}

/**
 * Setup's writes, without the token: withdraws any setup link, creates the operator from a
 * prepared (already hashed) member and names the marketplace, all or nothing. completeSetup
 * calls it after checking the token; the demo town calls it directly.
 */
export function openMarketplace(
  db: Pick<Db, 'transaction'>,
  clock: Clock,
  settings: SiteSettings,
  operator: PreparedMember,
): SetupResult {
  return db.transaction((tx): SetupResult => {
    if (tx.select().from(site).get()) return { ok: false, reason: 'already_set_up' }
    tx.delete(setupTokens).run()
    // Whoever holds the setup token runs the server; there may be no mail server yet to prove
    // the address with, and the operator must be able to open the market's own store.
    const member = insertMember(tx, clock, operator, 'operator', { emailVerified: true })
    if (!member) return { ok: false, reason: 'email_taken' }
    const created = tx
      .insert(site)
      .values({ id: 1, ...settings, setupCompletedAt: clock.now() })
      .returning()
      .get()
    return { ok: true, site: created, operator: member }
  })
}
