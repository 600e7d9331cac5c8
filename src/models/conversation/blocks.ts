// Blocks: a member who blocks another hears nothing more from them, and cannot write to them
// either, while the block stands. Either side's block stops the conversation both ways; only
// the one who blocked can lift it.
import { and, eq, or, sql } from 'drizzle-orm'
import { memberBlocks } from '../../../db/schema'
import type { Db } from '../../db'
import { recordEvent, type LiveEvent } from '../../live/events'
import { prepared } from '../prepared'
import type { Tx } from '../transaction'

/** Whether a block stands between the two, from `memberId`'s side. */
export type BlockState = 'none' | 'blocked_by_me' | 'blocked_by_them'

export function blockBetween(
  db: Pick<Db, 'select'>,
  memberId: number,
  otherId: number,
): BlockState {
  const rows = prepared(db as Db, blocksBetween).all({ memberId, otherId })
  if (rows.some((row) => row.blockerId === memberId)) return 'blocked_by_me'
  return rows.length > 0 ? 'blocked_by_them' : 'none'
}

// Checked on every message sent and every conversation page: built once per connection.
const blocksBetween = (db: Db) => {
  const [member, other] = [sql.placeholder('memberId'), sql.placeholder('otherId')]
  return db
    .select({ blockerId: memberBlocks.blockerId })
    .from(memberBlocks)
    .where(
      or(
        and(eq(memberBlocks.blockerId, member), eq(memberBlocks.blockedId, other)),
        and(eq(memberBlocks.blockerId, other), eq(memberBlocks.blockedId, member)),
      ),
    )
    .prepare()
}

/** The event both sides' open pages hear when a block starts or ends: their message box changes. */
export const BLOCK_CHANGED = 'conversation.block_changed'

/**
 * `blockerId` stops hearing from `blockedId` (twice is once).
 * @returns the events telling both sides' open pages: publish them after it returns
 */
export function blockMember(db: Db, blockerId: number, blockedId: number, at: Date): LiveEvent[] {
  if (blockerId === blockedId) return []
  return db.transaction((tx) => {
    const added = tx
      .insert(memberBlocks)
      .values({ blockerId, blockedId, createdAt: at })
      .onConflictDoNothing()
      .run().changes
    return added === 0 ? [] : told(tx, blockerId, blockedId, at)
  })
}

/**
 * Lifts `blockerId`'s own block of `blockedId`; a block the other side made stands.
 * @returns the events telling both sides' open pages: publish them after it returns
 */
export function unblockMember(db: Db, blockerId: number, blockedId: number, at: Date): LiveEvent[] {
  return db.transaction((tx) => {
    const removed = tx
      .delete(memberBlocks)
      .where(and(eq(memberBlocks.blockerId, blockerId), eq(memberBlocks.blockedId, blockedId)))
      .run().changes
    return removed === 0 ? [] : told(tx, blockerId, blockedId, at)
  })
}

function told(tx: Tx, blockerId: number, blockedId: number, at: Date): LiveEvent[] {
  return recordEvent(tx, [blockerId, blockedId], BLOCK_CHANGED, { blockerId, blockedId }, at)
}
