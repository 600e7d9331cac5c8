// Reports: a member tells the operator that a conversation they are part of is abuse, spam or a
// scam. Kept with the reporter and their words for the operator's moderation queue; nothing is
// hidden or blocked by a report alone (the member can block for that).
import { conversationReports } from '../../../db/schema'
import type { Db } from '../../db'

/** Most a reason can say: enough for what happened, not a novel. */
export const REPORT_REASON_MAX = 1000

/** Keeps the report for the operator's queue. Look the conversation up through the reporter first. */
export function reportConversation(
  db: Db,
  reporterId: number,
  conversationId: number,
  reason: string,
  at: Date,
): number {
  return db
    .insert(conversationReports)
    .values({ reporterId, conversationId, reason, createdAt: at })
    .returning({ id: conversationReports.id })
    .get().id
}
