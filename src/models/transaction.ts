import { TransactionRollbackError } from 'drizzle-orm'
import type { Db } from '../db'

/** The handle `db.transaction` passes to its callback: what model functions write through. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/**
 * Runs `work` in one transaction that keeps nothing when it returns a refusal (`ok: false`): a
 * guarded stock change can be found wanting after other writes of the same save were made.
 * @example return transactionUnlessRefused(db, (tx) => (takeStock(tx, id, 1) ? { ok: true } : { ok: false, reason: 'sold_out' }))
 */
export function transactionUnlessRefused<Result extends { ok: boolean }>(
  db: Db,
  work: (tx: Tx) => Result,
  /**
   * `immediate` takes the write lock before the first read: for work that reads, then writes
   * what it read (checkout), so a write from another connection cannot land in between and make
   * the first write fail with SQLITE_BUSY instead of waiting its turn.
   */
  behavior: 'deferred' | 'immediate' = 'deferred',
): Result {
  let refusal: Result | undefined
  try {
    return db.transaction(
      (tx) => {
        const result = work(tx)
        if (!result.ok) {
          refusal = result
          tx.rollback()
        }
        return result
      },
      { behavior },
    )
  } catch (error) {
    if (refusal && error instanceof TransactionRollbackError) return refusal
    throw error
  }
}
