// The inbox: a member's conversations, the one with the newest message first, each with who it
// is with (their store's name when they have one), the last message in a line, and how many
// messages to them are unread. Sorted on conversation_members' own copy of last_message_at, so
// a page of the inbox is one index range, whatever the number of conversations.
import { sql } from 'drizzle-orm'
import type { Db } from '../../db'

/** Conversations the inbox shows at once. */
export const INBOX_PAGE = 20
/** The longest preview of a message, in characters. */
export const PREVIEW_LENGTH = 80

export type InboxRow = {
  conversationId: number
  /** The conversation's name in its address. */
  code: string
  otherId: number
  otherName: string
  lastMessageAt: Date | null
  /** The last message in a line ("Photo" for a photo alone), or '' before any. */
  preview: string
  lastFromMe: boolean
  unread: number
}

type Row = {
  conversationId: number
  code: string
  otherId: number
  displayName: string
  storeName: string | null
  lastMessageAt: number | null
  body: string | null
  imageId: number | null
  senderId: number | null
  unread: number
}

/** A page of the member's conversations, newest first; `hasMore` when an older page follows. */
export function listInbox(
  db: Db,
  memberId: number,
  options: { page?: number; size?: number } = {},
): { rows: InboxRow[]; hasMore: boolean } {
  const size = options.size ?? INBOX_PAGE
  const offset = (Math.max(1, options.page ?? 1) - 1) * size
  const rows = db.all<Row>(sql`${inboxQuery(memberId)}
    order by cm.last_message_at desc, cm.conversation_id desc
    limit ${size + 1} offset ${offset}`)
  return {
    rows: rows.slice(0, size).map((row) => toInboxRow(row, memberId)),
    hasMore: rows.length > size,
  }
}

/** One conversation as its inbox row, for the member in it; undefined when it is not theirs. */
export function findInboxRow(
  db: Db,
  memberId: number,
  conversationId: number,
): InboxRow | undefined {
  const row = db.get<Row | undefined>(
    sql`${inboxQuery(memberId)} and cm.conversation_id = ${conversationId}`,
  )
  return row ? toInboxRow(row, memberId) : undefined
}

/** A message in one line: its text shortened, or "Photo" for a photo alone. */
export function messagePreview(body: string, hasPhoto: boolean): string {
  const line = body.replace(/\s+/g, ' ').trim()
  if (line === '') return hasPhoto ? 'Photo' : ''
  return line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH - 1)}…` : line
}

function inboxQuery(memberId: number) {
  return sql`
    select
      cm.conversation_id as conversationId,
      c.code as code,
      other.id as otherId,
      other.display_name as displayName,
      s.name as storeName,
      cm.last_message_at as lastMessageAt,
      last.body as body,
      last.image_id as imageId,
      last.sender_id as senderId,
      (select count(*) from messages m
        where m.conversation_id = cm.conversation_id and m.id > cm.read_through
          and m.sender_id <> ${memberId}) as unread
    from conversation_members cm
    join conversations c on c.id = cm.conversation_id
    join members other on other.id = case when c.member_a = ${memberId} then c.member_b else c.member_a end
    -- A deleted member is "Former member", without the store they had.
    left join stores s on s.member_id = other.id and other.deleted_at is null
    left join messages last on last.id =
      (select max(id) from messages where conversation_id = cm.conversation_id)
    where cm.member_id = ${memberId}`
}

function toInboxRow(row: Row, memberId: number): InboxRow {
  return {
    conversationId: row.conversationId,
    code: row.code,
    otherId: row.otherId,
    otherName: row.storeName ?? row.displayName,
    lastMessageAt: row.lastMessageAt === null ? null : new Date(row.lastMessageAt),
    preview: messagePreview(row.body ?? '', row.imageId !== null),
    lastFromMe: row.senderId === memberId,
    unread: row.unread,
  }
}
