import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mails, members, notifications } from '../../../db/schema'
import { HOUR } from '../../lib/clock'
import { memberTopic } from '../../live/bus'
import { createOpenMarket, type TestMarket } from '../../test/app'
import { seedCompletedSale } from '../../test/reviews'
import { NOTIFICATION_MAIL_DELAY } from '../notification'
import { ORDER_CHANGED } from '../order/news'
import { publishDueReviews, REVIEW_WINDOW, writeReview, type ReviewInput } from '../review'

let market: TestMarket
let sale: Awaited<ReturnType<typeof seedCompletedSale>>
beforeEach(async () => {
  market = await createOpenMarket()
  sale = await seedCompletedSale(market)
})
afterEach(() => market.cleanup())

const words: ReviewInput = {
  stars: 4,
  title: '',
  body: 'Paid on time, easy to deal with.',
  recommend: true,
  photoIds: [],
}

const notesOf = (memberId: number) =>
  market.db
    .select({ kind: notifications.kind, subject: notifications.subject, data: notifications.data })
    .from(notifications)
    .where(eq(notifications.memberId, memberId))
    .all()
    .map((note) => ({ ...note, data: JSON.parse(note.data) as Record<string, unknown> }))

const write = (memberId: number) =>
  writeReview(market.db, market.clock, memberId, sale.order.code, words)

describe('review news', () => {
  it('tells the other side a review waits for theirs, and when it publishes anyway — not what it says', () => {
    const result = write(sale.buyer.id)
    if (!result.ok) throw new Error(result.reason)
    const closesAt = sale.order.completedAt!.getTime() + REVIEW_WINDOW
    expect(notesOf(sale.seller.owner.id)).toEqual([
      {
        kind: 'review.written',
        subject: `order:${sale.order.code}`,
        data: { code: sale.order.code, by: 'Isatou Bah', closesAt },
      },
    ])
    expect(notesOf(sale.buyer.id), 'the author is not told of their own review').toEqual([])
    // Both sides' open pages of the order change; the note changes the provider's bell.
    expect(result.news.map((event) => [event.memberId, event.type])).toEqual([
      [sale.buyer.id, ORDER_CHANGED],
      [sale.seller.owner.id, ORDER_CHANGED],
      [sale.seller.owner.id, 'notifications.changed'],
    ])
  })

  it('names the store, not its owner, when the store reviews the buyer', () => {
    write(sale.seller.owner.id)
    expect(notesOf(sale.buyer.id)).toMatchObject([
      { kind: 'review.written', data: { by: 'Lamin Plumbing' } },
    ])
  })

  it('tells each side its review from the other is published when the second is written', () => {
    write(sale.buyer.id)
    market.clock.advance(HOUR)
    const second = write(sale.seller.owner.id)
    expect(second).toMatchObject({ ok: true, published: true })
    expect(notesOf(sale.buyer.id)).toEqual([
      {
        kind: 'review.published',
        subject: `order:${sale.order.code}`,
        data: { code: sale.order.code, by: 'Lamin Plumbing', direction: 'of_buyer' },
      },
    ])
    expect(notesOf(sale.seller.owner.id).map((note) => [note.kind, note.data.by])).toEqual([
      ['review.written', 'Isatou Bah'],
      ['review.published', 'Isatou Bah'],
    ])
  })

  it('tells the member reviewed when the window closes on a lone review, and their open pages hear it', () => {
    write(sale.seller.owner.id)
    market.clock.advance(REVIEW_WINDOW)
    expect(publishDueReviews(market.db, market.clock, market.bus)).toBe(1)
    expect(notesOf(sale.buyer.id).map((note) => note.kind)).toEqual([
      'review.written',
      'review.published',
    ])
    expect(notesOf(sale.seller.owner.id), 'nothing was published about the store').toEqual([])
    const heard = market.bus.published
      .filter((sent) => sent.event.type === ORDER_CHANGED)
      .map((sent) => sent.topic)
    expect(heard).toEqual([memberTopic(sale.buyer.id), memberTopic(sale.seller.owner.id)])
    // Run again: nothing more to publish, nobody told twice.
    expect(publishDueReviews(market.db, market.clock, market.bus)).toBe(0)
    expect(notesOf(sale.buyer.id)).toHaveLength(2)
  })

  it("mails the note as the 'reviews' kind, without the review's words", async () => {
    market.db
      .update(members)
      .set({ emailVerifiedAt: market.clock.now() })
      .where(eq(members.id, sale.seller.owner.id))
      .run()
    write(sale.buyer.id)
    market.clock.advance(NOTIFICATION_MAIL_DELAY)
    await market.jobs.runJobs()
    const mail = market.db
      .select()
      .from(mails)
      .where(and(eq(mails.memberId, sale.seller.owner.id), eq(mails.kind, 'reviews')))
      .get()
    expect(mail?.subject).toBe(`Isatou Bah reviewed order ${sale.order.code} — write yours`)
    expect(mail?.text).toContain('both are published when you write yours, or on 7 December 2026')
    expect(mail?.text).toContain(`/orders/${sale.order.code}/review`)
    expect(mail?.text).not.toContain(words.body)
    expect(mail?.unsubscribeUrl).toMatch(/\/reviews$/)
  })
})
