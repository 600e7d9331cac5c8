// Demo reviews: what the town said of its completed orders, through the models as the people
// would — writeReview by the buyer and by the store's owner, each at its moment, the hourly
// publishDueReviews, and the owners' replies (replyToReview) — so ratings on stores and listings
// are the models' own. Most buyers review (mostly kindly, as in any market), about half the
// providers review their buyer, and some orders are still in their window with one side
// waiting: double-blind, unpublished. A couple of buyers add a photo (their own upload, as the
// model asks); owners answer every complaint and some of the praise. The first printed buyer
// keeps one completed order unreviewed, to try the form on.
import { and, asc, count, eq, isNotNull } from 'drizzle-orm'
import { orders, reviews, stores } from './schema'
import type { Db } from '../src/db'
import { clockAt, DAY, HOUR } from '../src/lib/clock'
import { recordProcessedPhoto } from '../src/models/image'
import { publishDueReviews, REVIEW_WINDOW, writeReview } from '../src/models/review'
import { replyToReview } from '../src/models/review/replies'
import type { DemoPhoto } from './demo-photos'

type Random = () => number

/** Stars a buyer gives, and how often: most orders go well. */
const STAR_SHARES: [number, number][] = [
  [5, 0.55],
  [4, 0.25],
  [3, 0.1],
  [2, 0.05],
  [1, 0.05],
]

const OF_STORE: Record<number, { title: string; body: string }[]> = {
  5: [
    {
      title: 'Quick and careful',
      body: 'Came when promised and left everything clean. Will ask again.',
    },
    {
      title: 'Exactly as described',
      body: 'Just like the photos, and ready on the day we agreed.',
    },
    { title: 'Highly recommend', body: 'Friendly, fair price, and good advice on top.' },
    { title: '', body: 'Very happy. Thank you!' },
  ],
  4: [
    { title: 'Good work', body: 'A little late, but the job itself was well done.' },
    { title: 'Happy overall', body: 'Good quality. Pickup took a while to arrange.' },
    { title: '', body: 'Solid, would use again.' },
  ],
  3: [
    { title: 'Fine', body: 'It does the job. Communication could be better.' },
    { title: 'Average', body: 'Not bad, not great: about what I expected for the price.' },
  ],
  2: [{ title: 'Took too long', body: 'Three days later than agreed, and no message about it.' }],
  1: [{ title: 'Disappointed', body: 'Not what was described. I had to go back twice.' }],
}

const OF_BUYER = [
  { stars: 5, body: 'Clear about what they needed and paid at once. A pleasure.' },
  { stars: 5, body: 'Easy to arrange with, on time for pickup.' },
  { stars: 4, body: 'Good buyer; answered messages a bit slowly.' },
]

/** How many reviews were written, and how many of them are published. */
export type DemoReviews = { written: number; published: number }

export function seedReviews(
  db: Db,
  random: Random,
  input: {
    keepOpenFor: number | undefined
    now: number
    /** Photos on disk for buyers to add to kind reviews (one each), when the town has photos. */
    photos: readonly DemoPhoto[]
  },
): DemoReviews {
  const photos = [...input.photos]
  const completed = db
    .select({
      code: orders.code,
      buyerId: orders.buyerId,
      ownerId: stores.memberId,
      completedAt: orders.completedAt,
    })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(eq(orders.status, 'completed'))
    .orderBy(asc(orders.id))
    .all()
  const keptOpen = [...completed]
    .reverse()
    .find(
      (order) =>
        order.buyerId === input.keepOpenFor &&
        order.completedAt &&
        order.completedAt.getTime() + REVIEW_WINDOW > input.now + DAY,
    )
  let written = 0
  for (const order of completed) {
    if (!order.completedAt || order === keptOpen) continue
    const done = order.completedAt.getTime()
    const writes = [
      random() < 0.75 && { by: order.buyerId, at: done + between(random, 2 * HOUR, 6 * DAY) },
      random() < 0.55 && { by: order.ownerId, at: done + between(random, HOUR, 9 * DAY) },
    ]
      .filter((write): write is { by: number; at: number } => write !== false)
      // Not yet: whoever would write later than today has not written.
      .filter((write) => write.at <= input.now)
      .sort((a, b) => a.at - b.at)
    for (const write of writes) {
      const ofStore = write.by === order.buyerId
      const stars = ofStore ? pickShare(random, STAR_SHARES) : 0
      const words = ofStore ? pick(random, OF_STORE[stars] ?? []) : pick(random, OF_BUYER)
      const clock = clockAt(write.at)
      const photo = ofStore && stars >= 4 ? photos.shift() : undefined
      const photoIds = photo ? [recordProcessedPhoto(db, write.by, photo, { clock }).id] : []
      const result = writeReview(db, clock, write.by, order.code, {
        stars: ofStore ? stars : (words as (typeof OF_BUYER)[number]).stars,
        title: 'title' in words ? words.title : '',
        body: words.body,
        recommend: ofStore ? stars >= 4 : null,
        photoIds,
      })
      if (!result.ok) throw new Error(`a demo review was refused: ${result.reason}`)
      written += 1
    }
  }
  // The hourly job, caught up: lone reviews whose window has closed are public by now.
  publishDueReviews(db, clockAt(input.now))
  replyToSome(db, random, input.now)
  const published = db
    .select({ count: count() })
    .from(reviews)
    .where(isNotNull(reviews.publishedAt))
    .get()
  return { written, published: published?.count ?? 0 }
}

const REPLIES = {
  thanks: [
    'Thank you! It was a pleasure.',
    'Thanks for the kind words — see you next time.',
    'Glad it worked out. Thank you for choosing us.',
  ],
  sorry: [
    'I am sorry it took so long. Message me and I will make it right.',
    'Sorry to hear this. Please come back and I will sort it out at no charge.',
  ],
}

/** Owners answer every complaint (three stars or fewer) and about a third of the praise. */
function replyToSome(db: Db, random: Random, now: number) {
  const published = db
    .select({
      id: reviews.id,
      stars: reviews.stars,
      publishedAt: reviews.publishedAt,
      ownerId: stores.memberId,
    })
    .from(reviews)
    .innerJoin(stores, eq(stores.id, reviews.storeId))
    .where(and(eq(reviews.direction, 'of_store'), isNotNull(reviews.publishedAt)))
    .orderBy(asc(reviews.id))
    .all()
  for (const review of published) {
    const complaint = review.stars <= 3
    if (!complaint && random() >= 0.35) continue
    const at = Math.min(
      now,
      (review.publishedAt?.getTime() ?? now) + between(random, HOUR, 2 * DAY),
    )
    const body = pick(random, complaint ? REPLIES.sorry : REPLIES.thanks)
    const replied = replyToReview(db, clockAt(at), review.ownerId, review.id, body)
    if (!replied.ok) throw new Error(`a demo reply was refused: ${replied.reason}`)
  }
}

function between(random: Random, least: number, most: number): number {
  return Math.round(least + random() * (most - least))
}

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new Error('picked from nothing')
  return item
}

function pickShare<T>(random: Random, shares: [T, number][]): T {
  let roll = random()
  for (const [value, share] of shares) {
    roll -= share
    if (roll < 0) return value
  }
  const last = shares.at(-1)
  if (!last) throw new Error('picked from no shares')
  return last[0]
}
