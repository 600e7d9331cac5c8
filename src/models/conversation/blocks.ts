// Blocks: a member who blocks another hears nothing more from them, and cannot write to them
// either, while the block stands. Either side's block stops the conversation both ways; only
// the one who blocked can lift it.
import { and, eq, or, sql } from 'drizzle-orm'
import { memberBlocks } from '../../../db/schema'
import type { Db } from '../../db'
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

/** `blockerId` stops hearing from `blockedId` (twice is once). */
export function blockMember(db: Db | Tx, blockerId: number, blockedId: number, at: Date) {
  if (blockerId === blockedId) return
  db.insert(memberBlocks)
    .values({ blockerId, blockedId, createdAt: at })
    .onConflictDoNothing()
    .run()
}

/** Lifts `blockerId`'s own block of `blockedId`; a block the other side made stands. */
export function unblockMember(db: Db | Tx, blockerId: number, blockedId: number) {
  db.delete(memberBlocks)
    .where(and(eq(memberBlocks.blockerId, blockerId), eq(memberBlocks.blockedId, blockedId)))
    .run()
}
