import { afterEach, describe, expect, it } from 'vitest'
import { createMember, createOpenMarket, type TestMarket } from '../test/app'
import {
  findNotification,
  listNotifications,
  markNotificationsRead,
  markSubjectRead,
  notify,
  NOTIFICATIONS_CHANGED,
  unreadNotificationCount,
} from './notification'

let market: TestMarket
afterEach(() => market.cleanup())

describe('notifications', () => {
  it('keeps one unread note per subject and kind, freshened by a second happening', async () => {
    market = await createOpenMarket()
    const awa = await createMember(market)
    const note = { memberId: awa.id, kind: 'message.received' as const, subject: 'conversation:7' }
    const told = notify(market.db, { ...note, data: { senderName: 'Lamin' } }, market.clock.now())
    expect(told.map((event) => event.type)).toEqual([NOTIFICATIONS_CHANGED])
    market.clock.advance(60_000)
    notify(market.db, { ...note, data: { senderName: 'Lamin' } }, market.clock.now())
    notify(
      market.db,
      { ...note, subject: 'order:AB12CD', kind: 'order.placed', data: { code: 'AB12CD' } },
      market.clock.now(),
    )
    expect(unreadNotificationCount(market.db, awa.id)).toBe(2)

    // Once read, the next happening is a new note.
    markSubjectRead(market.db, awa.id, 'conversation:7', market.clock.now())
    notify(market.db, { ...note, data: { senderName: 'Lamin' } }, market.clock.now())
    expect(
      listNotifications(market.db, awa.id).map((one) => [one.subject, one.readAt === null]),
    ).toEqual([
      ['conversation:7', true],
      ['order:AB12CD', true],
      ['conversation:7', false],
    ])
  })

  it('marks only the member’s own notes read, one or all, and tells their pages once', async () => {
    market = await createOpenMarket()
    const awa = await createMember(market)
    const lamin = await createMember(market)
    const at = market.clock.now()
    const [mine] = notify(
      market.db,
      { memberId: awa.id, kind: 'order.placed', subject: 'order:A', data: { code: 'A' } },
      at,
    )
    notify(market.db, { memberId: awa.id, kind: 'order.paid', subject: 'order:B', data: {} }, at)
    notify(market.db, { memberId: lamin.id, kind: 'order.paid', subject: 'order:C', data: {} }, at)
    const laminsNote = listNotifications(market.db, lamin.id)[0]!

    expect(markNotificationsRead(market.db, awa.id, at, laminsNote.id)).toEqual([])
    expect(findNotification(market.db, lamin.id, laminsNote.id)?.readAt).toBeNull()
    expect(findNotification(market.db, awa.id, laminsNote.id)).toBeUndefined()

    const noteId = Number(mine!.data.notificationId)
    expect(markNotificationsRead(market.db, awa.id, at, noteId)).toHaveLength(1)
    expect(unreadNotificationCount(market.db, awa.id)).toBe(1)
    expect(markNotificationsRead(market.db, awa.id, at)).toHaveLength(1)
    expect(markNotificationsRead(market.db, awa.id, at)).toEqual([])
    expect(unreadNotificationCount(market.db, awa.id)).toBe(0)
    expect(unreadNotificationCount(market.db, lamin.id)).toBe(1)
  })
})
