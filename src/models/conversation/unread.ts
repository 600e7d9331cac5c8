import { and, count, eq, gt, ne, sql } from 'drizzle-orm'
import { conversationMembers, messages } from '../../../db/schema'
import type { Db } from '../../db'
import { prepared } from '../prepared'

/** Messages sent to the member that they have not read yet, all conversations together. */
export function unreadMessageCount(db: Db, memberId: number): number {
  return prepared(db, unreadMessages).get({ memberId })?.count ?? 0
}

// On every page a member opens (the header's "Messages (3)"): built once per connection.
const unreadMessages = (db: Db) =>
  db
    .select({ count: count() })
    .from(conversationMembers)
    .innerJoin(
      messages,
      and(
        eq(messages.conversationId, conversationMembers.conversationId),
        gt(messages.id, conversationMembers.readThrough),
      ),
    )
    .where(
      and(
        eq(conversationMembers.memberId, sql.placeholder('memberId')),
        ne(messages.senderId, sql.placeholder('memberId')),
      ),
    )
    .prepare()
