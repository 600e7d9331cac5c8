// Events kept for replay. A model that changes something members' open pages show writes one
// `events` row per member told, in the transaction that made the change (recordEvent), and hands
// the rows to the bus once that transaction committed (publishEvents): never announced before it
// is on disk, never lost because it was announced while a phone was off the network. The row id
// is the stream's SSE id; a page that comes back says the last id it saw (`Last-Event-ID`) and is
// given what it missed (missedEvents), within a bounded window: a page away for longer, or that
// missed more than a page's worth, is told to reload instead, which shows everything at once.
//
// Rows hold ids and codes, never rendered HTML: the stream renders each event for the member and
// the page it is sent to when it sends it (src/live/fragments.tsx), so a replay shows things as
// they are now, and a member's stream can only ever render what that member may see.
import { and, asc, eq, gt, lt, max, min, sql } from 'drizzle-orm'
import { events } from '../../db/schema'
import type { Db } from '../db'
import type { Tx } from '../models/transaction'
import { prepared } from '../models/prepared'
import { memberTopic, type Bus, type EventData } from './bus'

/** A kept event, as recorded and as replayed. */
export type LiveEvent = { id: number; memberId: number; type: string; data: EventData; at: Date }

/** How long events are kept for a page that dropped off the network to catch up. */
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000
/** More missed events than this, and the page is better off reloading. */
export const MAX_REPLAY = 200

/**
 * Keeps one event per member told, inside the caller's transaction; publish the returned rows
 * after it commits (publishEvents). The same member twice is told once.
 * @example news.push(...recordEvent(tx, [order.buyerId, owner], 'order.changed', { code }, at))
 */
export function recordEvent(
  tx: Tx | Db,
  memberIds: readonly number[],
  type: string,
  data: EventData,
  at: Date,
): LiveEvent[] {
  const json = JSON.stringify(data)
  return [...new Set(memberIds)].map((memberId) => {
    const row = prepared(tx as Db, insertEvent).get({
      memberId,
      type,
      data: json,
      at: at.getTime(),
    })
    if (!row) throw new Error('an event insert returned nothing')
    return { id: row.id, memberId, type, data, at }
  })
}

/** Announces committed events, each on its member's topic. */
export function publishEvents(bus: Bus, recorded: readonly LiveEvent[]) {
  for (const event of recorded)
    bus.publish(memberTopic(event.memberId), { type: event.type, id: event.id, data: event.data })
}

export type Replay = { ok: true; events: LiveEvent[] } | { ok: false; reason: 'reload' }

/**
 * What the member's page missed after the event `afterId`, oldest first — or `reload` when that
 * cannot be told: the id is older than what is kept, newer than any event there is (forged, or
 * from a database that was restored), or more than MAX_REPLAY events were missed.
 */
export function missedEvents(db: Db, memberId: number, afterId: number): Replay {
  const bounds = prepared(db, eventBounds).get()
  const newest = bounds?.newest ?? 0
  const oldest = bounds?.oldest ?? newest + 1
  if (afterId > newest) return { ok: false, reason: 'reload' }
  if (afterId < oldest - 1) return { ok: false, reason: 'reload' }
  const rows = prepared(db, eventsAfter).all({ memberId, afterId, limit: MAX_REPLAY + 1 })
  if (rows.length > MAX_REPLAY) return { ok: false, reason: 'reload' }
  return {
    ok: true,
    events: rows.map((row) => ({ ...row, data: JSON.parse(row.data) as EventData })),
  }
}

/** The newest event id there is: where a page rendered now starts listening from. */
export function newestEventId(db: Db): number {
  return prepared(db, eventBounds).get()?.newest ?? 0
}

/**
 * Forgets events older than the window (housekeeping). The newest row is always kept, so the
 * ids a page holds stay comparable with what is there.
 * @returns how many were forgotten
 */
export function pruneEvents(db: Db, now: Date): number {
  const newest = newestEventId(db)
  return db
    .delete(events)
    .where(and(lt(events.at, new Date(now.getTime() - REPLAY_WINDOW_MS)), lt(events.id, newest)))
    .run().changes
}

const insertEvent = (db: Db) =>
  db
    .insert(events)
    .values({
      memberId: sql.placeholder('memberId'),
      type: sql.placeholder('type'),
      data: sql.placeholder('data'),
      at: sql`${sql.placeholder('at')}`,
    })
    .returning({ id: events.id })
    .prepare()

const eventBounds = (db: Db) =>
  db
    .select({ oldest: min(events.id), newest: max(events.id) })
    .from(events)
    .prepare()

const eventsAfter = (db: Db) =>
  db
    .select({
      id: events.id,
      memberId: events.memberId,
      type: events.type,
      data: events.data,
      at: events.at,
    })
    .from(events)
    .where(
      and(
        eq(events.memberId, sql.placeholder('memberId')),
        gt(events.id, sql.placeholder('afterId')),
      ),
    )
    .orderBy(asc(events.id))
    .limit(sql.placeholder('limit'))
    .prepare()
