import { bookingRulesOf, type BookingRulesInput } from '../src/models/booking/rules'
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase, type Db } from '../src/db'
import { clockAt, DAY, MINUTE, type Clock } from '../src/lib/clock'
import { VARIANT_FORMATS, variantFileName } from '../src/lib/images'
import { imageWidths } from '../src/models/image'
import { escrowHeld, ledgerBalances } from '../src/models/ledger'
import { isFinal, ORDER_STATUSES } from '../src/models/order/transitions'
import { weeklyHours } from '../src/models/booking/availability'
import { completePastBookings, expireBookingRequests } from '../src/models/booking/lifecycle'
import { isoWeekday } from '../src/lib/dates'
import { localBus } from '../src/live/bus'
import {
  createListing,
  fromPrice,
  listingLocations,
  listingTags,
  MAX_PACKAGES,
  MAX_VARIANTS,
  type ListingInput,
} from '../src/models/listing'
import { changeListingStatus } from '../src/models/listing/publication'
import type { ListingAction } from '../src/models/listing/status'
import { insertMember, signInMember } from '../src/models/member'
import { passwordProblem } from '../src/models/password'
import type { SessionMember } from '../src/models/session'
import { issueSetupToken } from '../src/models/site'
import { openStore, storeSkills, type StoreFields } from '../src/models/store'
import { slugify } from '../src/lib/slug'
import { CATALOG } from './demo-catalog'
import { NEEDS } from './demo-requests'
import { TRADES } from './demo-stores'
import { DEMO_PASSWORD, DEMO_SITE, seedDemoTown } from './demo-town'
import { listInbox } from '../src/models/conversation/inbox'
import { proposalsToCompare } from '../src/models/request/proposal'
import {
  expireRequests,
  findRequestFor,
  listOwnRequests,
  storeTopCategories,
  topCategoryOf,
} from '../src/models/request/request'
import { unreadMessageCount } from '../src/models/conversation/unread'
import {
  bookingRules,
  bookings,
  conversations,
  images,
  ledgerEntries,
  listingPhotos,
  listings,
  listingUnits,
  members,
  orderEvents,
  orderLines,
  orders,
  portfolioItems,
  proposals,
  reviewPhotos,
  reviewReplies,
  reviews,
  serviceRequests,
  setupTokens,
  site,
  storeDaysOff,
  storeHours,
  stores,
} from './schema'

const clock: Clock = { now: () => new Date('2026-03-01T10:00:00Z') }
const opened: { db: Db; dir: string }[] = []

function freshDatabase(): Db {
  return freshMarket().db
}

/** A migrated database and an uploads folder beside it, both removed after the test. */
function freshMarket(): { db: Db; uploadsDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'souk-demo-'))
  const db = openDatabase(join(dir, 'souk.sqlite'))
  migrateDatabase(db)
  opened.push({ db, dir })
  return { db, uploadsDir: join(dir, 'uploads') }
}

afterEach(() => {
  for (const { db, dir } of opened.splice(0)) {
    db.$client.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

/**
 * Every listing with its units on sale, in id order: packages, variants, and the price and stock
 * of goods without variants (their default unit's).
 */
function allListings(db: Db) {
  const units = db
    .select()
    .from(listingUnits)
    .where(isNull(listingUnits.retiredAt))
    .orderBy(asc(listingUnits.position))
    .all()
  return db
    .select()
    .from(listings)
    .orderBy(listings.id)
    .all()
    .map((listing) => {
      const own = units.filter((unit) => unit.listingId === listing.id)
      const defaultUnit = own.find((unit) => unit.kind === 'default')
      return {
        ...listing,
        packages: own.filter((unit) => unit.kind === 'package'),
        variants: own
          .filter((unit) => unit.kind === 'variant')
          .map((unit) => ({ ...unit, stock: unit.stock! })),
        price: defaultUnit?.price ?? null,
        stock: defaultUnit?.stock ?? null,
      }
    })
}

/** Listings with the stock their units had before any order: what is left plus what orders hold. */
function withStockSold(db: Db, seeded: ReturnType<typeof allListings>) {
  const held = new Map(
    db
      .select({ unitId: orderLines.unitId, quantity: sql<number>`sum(${orderLines.quantity})` })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(sql`${orderLines.stocked} AND ${orders.status} <> 'cancelled'`)
      .groupBy(orderLines.unitId)
      .all()
      .map((row) => [row.unitId, row.quantity]),
  )
  const plus = <Unit extends { id: number; stock: number | null }>(unit: Unit): Unit =>
    unit.stock === null ? unit : { ...unit, stock: unit.stock + (held.get(unit.id) ?? 0) }
  return seeded.map((listing) => {
    const defaultUnit = db
      .select()
      .from(listingUnits)
      .where(sql`${listingUnits.listingId} = ${listing.id} AND ${listingUnits.kind} = 'default'`)
      .get()
    return {
      ...listing,
      variants: listing.variants.map(plus),
      stock: defaultUnit && listing.stock !== null ? plus(defaultUnit).stock : listing.stock,
    }
  })
}

function emails(db: Db): string[] {
  return db
    .select({ email: members.email })
    .from(members)
    .orderBy(members.id)
    .all()
    .map((row) => row.email)
}

describe('seedDemoTown', () => {
  it('gives the same townspeople for the same seed, and others for another seed', async () => {
    const first = freshDatabase()
    const again = freshDatabase()
    const other = freshDatabase()
    await seedDemoTown(first, { seed: 5, members: 30, clock })
    await seedDemoTown(again, { seed: 5, members: 30, clock })
    await seedDemoTown(other, { seed: 6, members: 30, clock })

    expect(emails(first)).toHaveLength(31)
    expect(emails(again)).toEqual(emails(first))
    expect(emails(other)).not.toEqual(emails(first))
    expect(emails(first).every((email) => /^[a-z]+\.[a-z]+\d*@demo\.souk$/.test(email))).toBe(true)
  })

  it('sets up the site with one operator and the requested members, and withdraws the setup link', async () => {
    const db = freshDatabase()
    expect(issueSetupToken(db)).not.toBeNull()

    const result = await seedDemoTown(db, { seed: 1, members: 250, clock })

    expect(result.ok && result.town.memberCount).toBe(250)
    expect(db.select().from(site).get()).toMatchObject({ id: 1, ...DEMO_SITE })
    const byRole = db
      .select({ role: members.role, count: count() })
      .from(members)
      .groupBy(members.role)
      .orderBy(members.role)
      .all()
    expect(byRole).toEqual([
      { role: 'member', count: 250 },
      { role: 'operator', count: 1 },
    ])
    expect(db.select().from(setupTokens).all()).toEqual([])
    expect(issueSetupToken(db)).toBeNull()
  })

  it('opens storefronts for about a third of the members, with unique addresses', async () => {
    const db = freshDatabase()
    const result = await seedDemoTown(db, { seed: 2, members: 300, clock })
    const opened = db.select().from(stores).all()
    expect(result.ok && result.town.storeCount).toBe(opened.length)
    expect(opened.length).toBeGreaterThan(60)
    expect(opened.length).toBeLessThan(150)
    expect(new Set(opened.map((store) => store.slug)).size).toBe(opened.length)
    expect(new Set(opened.map((store) => store.memberId)).size).toBe(opened.length)
    const operator = db.select().from(members).where(eq(members.role, 'operator')).get()!
    expect(opened.some((store) => store.memberId === operator.id)).toBe(false)
  })

  it('gives every storefront one to four listings its trade would sell', async () => {
    const db = freshDatabase()
    const result = await seedDemoTown(db, { seed: 3, members: 200, clock })
    const seeded = allListings(db)
    expect(result.ok && result.town.listingCount).toBe(seeded.length)

    for (const store of db.select().from(stores).all()) {
      const own = seeded.filter((listing) => listing.storeId === store.id)
      expect(own.length).toBeGreaterThanOrEqual(1)
      expect(own.length).toBeLessThanOrEqual(4)
      const trade = TRADES.find((candidate) => candidate.skills === store.skills)!
      const templates = CATALOG[trade.key].listings
      for (const listing of own)
        expect(templates.map((template) => template.title)).toContain(listing.title)
    }
    const statuses = new Set(seeded.map((listing) => listing.status))
    expect(statuses).toEqual(new Set(['published', 'draft', 'paused', 'archived']))
    const published = seeded.filter((listing) => listing.status === 'published')
    expect(published.length / seeded.length).toBeGreaterThan(0.6)
  })

  it('prices every listing from its cheapest package, variant or price', async () => {
    const db = freshDatabase()
    await seedDemoTown(db, { seed: 4, members: 200, clock })

    for (const listing of allListings(db)) {
      const expected =
        listing.kind === 'service'
          ? fromPrice({ ...serviceBasics, packages: listing.packages })
          : fromPrice({ ...productBasics, price: listing.price, variants: listing.variants })
      expect(listing.fromPrice, listing.title).toBe(expected)
      expect(listing.fromPrice).toBeGreaterThan(0)
      // Whole dalasi: nobody asks 1234.56 for a tap repair.
      expect(listing.fromPrice % 100).toBe(0)
    }
  })

  it('gives services one to three packages, and goods a price and stock or variants', async () => {
    const db = freshDatabase()
    await seedDemoTown(db, { seed: 5, members: 200, clock })
    const seeded = allListings(db)

    for (const listing of seeded.filter((l) => l.kind === 'service')) {
      expect(listing.packages.length).toBeGreaterThanOrEqual(1)
      expect(listing.packages.length).toBeLessThanOrEqual(MAX_PACKAGES)
      expect(listing).toMatchObject({ price: null, stock: null, variants: [] })
    }
    for (const listing of seeded.filter((l) => l.kind === 'product')) {
      expect(listing.packages).toEqual([])
      if (listing.variants.length === 0) {
        expect(listing.price).toBeGreaterThan(0)
        expect(listing.stock).toBeGreaterThanOrEqual(0)
      } else {
        expect(listing.variants.length).toBeLessThanOrEqual(MAX_VARIANTS)
        expect(listing).toMatchObject({ price: null, stock: null })
      }
    }
    const kinds = seeded.map((listing) => listing.kind)
    expect(kinds).toContain('service')
    expect(kinds).toContain('product')
    const secondHand = seeded.filter((listing) => [144, 146, 148].includes(listing.categoryId))
    expect(secondHand.length).toBeGreaterThan(0)
    // One of a kind: stocked one, and at most sold once.
    const asCreated = withStockSold(db, secondHand)
    expect(asCreated.every((listing) => listing.stock === 1)).toBe(true)
  })

  it('dates listings within their store’s life: drafts unpublished, the rest published', async () => {
    const db = freshDatabase()
    await seedDemoTown(db, { seed: 6, members: 150, clock })
    const openedAt = new Map(
      db
        .select()
        .from(stores)
        .all()
        .map((store) => [store.id, store.createdAt.getTime()]),
    )

    for (const listing of allListings(db)) {
      expect(listing.createdAt.getTime()).toBeGreaterThanOrEqual(openedAt.get(listing.storeId)!)
      expect(listing.updatedAt.getTime()).toBeLessThanOrEqual(clock.now().getTime())
      if (listing.status === 'draft') expect(listing.publishedAt).toBeNull()
      else {
        expect(listing.publishedAt!.getTime()).toBeGreaterThanOrEqual(listing.createdAt.getTime())
        expect(listing.updatedAt.getTime()).toBeGreaterThanOrEqual(listing.publishedAt!.getTime())
      }
    }
  })

  it('gives the same listings for the same seed, and others for another seed', async () => {
    const first = freshDatabase()
    const again = freshDatabase()
    const other = freshDatabase()
    await seedDemoTown(first, { seed: 8, members: 120, clock })
    await seedDemoTown(again, { seed: 8, members: 120, clock })
    await seedDemoTown(other, { seed: 9, members: 120, clock })

    expect(allListings(again)).toEqual(allListings(first))
    expect(allListings(other)).not.toEqual(allListings(first))
  })

  // Two towns of 300 members and 2500 listings, with their orders: seconds each on a busy machine.
  it('makes about as many listings as asked, spread over every storefront', async () => {
    const few = freshDatabase()
    const many = freshDatabase()
    const fewResult = await seedDemoTown(few, { seed: 2, members: 300, listings: 40, clock })
    const manyResult = await seedDemoTown(many, { seed: 2, members: 300, listings: 2500, clock })

    expect(fewResult.ok && fewResult.town.listingCount).toBe(40)
    expect(tally(few).count).toBe(40)
    const storeCount = manyResult.ok ? manyResult.town.storeCount : 0
    expect(tally(many).count).toBe(2500)
    // Far more than four per store: each store got more, but none was left without.
    expect(2500 / storeCount).toBeGreaterThan(10)
    expect(tally(many).stores).toBe(storeCount)

    function tally(database: Db) {
      return database
        .select({ count: count(), stores: sql<number>`count(distinct ${listings.storeId})` })
        .from(listings)
        .get()!
    }
  }, 120_000)

  it('with an uploads folder, stores a dozen pictures and shows them on listings and storefronts', async () => {
    const { db, uploadsDir } = freshMarket()
    const plain = freshDatabase()
    const result = await seedDemoTown(db, { seed: 7, members: 120, uploadsDir, clock })
    await seedDemoTown(plain, { seed: 7, members: 120, clock })

    const stored = db.select().from(images).all()
    const pictures = stored.filter((image) => image.uploadedBy === null)
    expect(result.ok && result.town.pictureCount).toBe(pictures.length)
    expect(pictures.length).toBe(12)
    for (const image of stored)
      for (const width of imageWidths(image))
        for (const format of VARIANT_FORMATS)
          expect(existsSync(join(uploadsDir, variantFileName(image.hash, width, format)))).toBe(
            true,
          )

    // A couple of buyers added a photo to a review: their own upload, as the model asks.
    const onReviews = db
      .select({ authorId: reviews.authorId, uploadedBy: images.uploadedBy })
      .from(reviewPhotos)
      .innerJoin(reviews, eq(reviews.id, reviewPhotos.reviewId))
      .innerJoin(images, eq(images.id, reviewPhotos.imageId))
      .all()
    expect(onReviews.length).toBeGreaterThan(0)
    for (const photo of onReviews) expect(photo.uploadedBy).toBe(photo.authorId)

    const photos = db.select().from(listingPhotos).all()
    const imageIds = new Set(pictures.map((image) => image.id))
    expect(photos.every((photo) => imageIds.has(photo.imageId))).toBe(true)
    const titles = new Map(
      db
        .select()
        .from(listings)
        .all()
        .map((listing) => [listing.id, listing.title]),
    )
    for (const id of titles.keys()) {
      const own = photos.filter((photo) => photo.listingId === id)
      expect(own.length).toBeGreaterThanOrEqual(1)
      expect(own.length).toBeLessThanOrEqual(3)
      expect(own.map((photo) => photo.position).sort()).toEqual(own.map((_, i) => i))
    }
    // Alt text describes the listing it is on: "Jar of mango jam with a red lid" on mango jam.
    const altsByTitle = new Map(
      Object.values(CATALOG)
        .flatMap((trade) => trade.listings)
        .map((template) => [template.title, template.photos.map((photo) => photo.alt)]),
    )
    for (const photo of photos)
      expect(altsByTitle.get(titles.get(photo.listingId)!)).toContain(photo.alt)

    expect(
      db.select().from(stores).where(isNotNull(stores.coverImageId)).all().length,
    ).toBeGreaterThan(0)
    expect(
      db.select().from(stores).where(isNotNull(stores.avatarImageId)).all().length,
    ).toBeGreaterThan(0)
    expect(db.select().from(portfolioItems).all().length).toBeGreaterThan(0)
    // Photos draw from their own stream: turning them on changes no listing.
    expect(allListings(db)).toEqual(allListings(plain))
  }, 120_000)

  it('writes exactly what the models write: the same town replayed through them is identical', async () => {
    const demo = freshDatabase()
    await seedDemoTown(demo, { seed: 10, members: 80, clock })
    const replay = freshDatabase()

    // Every member, storefront and listing again, in id order, through the model functions a
    // sign-up, "Open your storefront" and the listing form and buttons use, each at its moment.
    const memberRows = demo.select().from(members).orderBy(members.id).all()
    const owners = new Map<number, SessionMember>()
    for (const row of memberRows) {
      const { email, displayName, passwordHash, role, createdAt } = row
      const member = insertMember(
        replay,
        clockAt(createdAt),
        { email, displayName, passwordHash },
        role,
        { emailVerified: true },
      )!
      owners.set(row.id, { id: member.id, email, displayName, role })
    }
    const storeRows = demo.select().from(stores).orderBy(stores.id).all()
    const storeOwners = new Map<number, SessionMember>()
    for (const row of storeRows) {
      const owner = owners.get(row.memberId)!
      storeOwners.set(row.id, owner)
      expect(openStore(replay, clockAt(row.createdAt), owner, storeFieldsOf(row)).ok).toBe(true)
    }
    // Orders took stock since (cancelled ones gave theirs back): a listing began with both.
    const asCreated = withStockSold(demo, allListings(demo))
    for (const listing of asCreated) {
      const owner = storeOwners.get(listing.storeId)!
      const created = createListing(
        replay,
        clockAt(listing.createdAt),
        owner,
        inputOf(demo, listing),
      )
      if (!created.ok) throw new Error(created.reason)
      const moves: [ListingAction, Date | null][] = [
        ['publish', listing.publishedAt],
        ['pause', listing.status === 'paused' ? listing.updatedAt : null],
        ['archive', listing.status === 'archived' ? listing.updatedAt : null],
      ]
      for (const [action, at] of moves)
        if (at)
          expect(
            changeListingStatus(replay, clockAt(at), owner, created.listing.id, action).ok,
          ).toBe(true)
    }

    // Ids, slugs (storefront addresses deduplicated as the model does), from prices, and the
    // status timestamps (created, first published, last changed) all agree.
    // Unsubscribe tokens are random, as the model makes them.
    const withoutTokens = (rows: (typeof members.$inferSelect)[]) =>
      rows.map(({ unsubscribeToken: _token, ...member }) => member)
    expect(withoutTokens(replay.select().from(members).orderBy(members.id).all())).toEqual(
      withoutTokens(memberRows),
    )
    // Ratings come from the town's reviews, written later in its history (a test of their own).
    const unrated = <Row extends { ratingCount: number; ratingSum: number }>(rows: Row[]) =>
      rows.map(({ ratingCount: _count, ratingSum: _sum, ...row }) => row)
    expect(unrated(replay.select().from(stores).orderBy(stores.id).all())).toEqual(
      unrated(storeRows),
    )
    expect(unrated(allListings(replay))).toEqual(unrated(asCreated))
    const statuses = new Set(allListings(demo).map((listing) => listing.status))
    expect(statuses).toEqual(new Set(['published', 'draft', 'paused', 'archived']))
  })

  it('dates each status as the model does: drafts untouched, published once, paused or archived later', async () => {
    const db = freshDatabase()
    await seedDemoTown(db, { seed: 12, members: 150, clock })
    for (const listing of allListings(db)) {
      expect(listing.slug).toBe(slugify(listing.title))
      const { createdAt, publishedAt, updatedAt } = listing
      if (listing.status === 'draft') {
        expect(publishedAt).toBeNull()
        expect(updatedAt).toEqual(createdAt)
      } else if (listing.status === 'published') expect(updatedAt).toEqual(publishedAt)
      else expect(updatedAt.getTime()).toBeGreaterThanOrEqual(publishedAt!.getTime())
    }
  })

  it('refuses a marketplace that is already set up and changes nothing', async () => {
    const db = freshDatabase()
    await seedDemoTown(db, { seed: 1, members: 10, clock })
    const before = emails(db)

    const second = await seedDemoTown(db, { seed: 2, members: 20, clock })

    expect(second).toEqual({ ok: false, reason: 'already_set_up' })
    expect(emails(db)).toEqual(before)
  })

  describe('orders', () => {
    // One town for the checks that only read it: seeding costs seconds.
    let town: { db: Db; dir: string; result: Awaited<ReturnType<typeof seedDemoTown>> }
    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'souk-demo-orders-'))
      const db = openDatabase(join(dir, 'souk.sqlite'))
      migrateDatabase(db)
      town = { db, dir, result: await seedDemoTown(db, { seed: 1, members: 40, clock }) }
    })
    afterAll(() => {
      town.db.$client.close()
      rmSync(town.dir, { recursive: true, force: true })
    })

    it('tells orders in every status, through checkout, for the same seed the same', async () => {
      for (const seed of [2, 3]) {
        const db = freshDatabase()
        const result = await seedDemoTown(db, { seed, members: 40, clock })
        const statuses = new Set(
          db
            .select({ status: orders.status })
            .from(orders)
            .all()
            .map((row) => row.status),
        )
        expect([...statuses].sort(), `seed ${seed}`).toEqual([...ORDER_STATUSES].sort())
        expect(result.ok && result.town.orderCount).toBe(db.select().from(orders).all().length)
      }
      const first = freshDatabase()
      const again = freshDatabase()
      await seedDemoTown(first, { seed: 4, members: 40, clock })
      await seedDemoTown(again, { seed: 4, members: 40, clock })
      // Codes are the model's random ones (a hire's checkout key names its request's code);
      // everything else follows from the seed.
      const withoutCodes = (db: Db) =>
        db
          .select()
          .from(orders)
          .orderBy(orders.id)
          .all()
          .map(({ code: _code, checkoutKey, ...order }) => ({
            ...order,
            checkoutKey: checkoutKey.replace(/^request:.*/, 'request:'),
          }))
      expect(withoutCodes(again)).toEqual(withoutCodes(first))
    })

    it('declines, cancels and disputes with reasons both sides see; coupons of a store and the market', async () => {
      const { db } = town
      const events = db.select().from(orderEvents).all()
      const took = (action: string, actor: string) =>
        events.filter((event) => event.action === action && event.actor === actor)
      expect(took('decline', 'provider').every((event) => event.note !== '')).toBe(true)
      expect(took('decline', 'provider').length).toBeGreaterThan(0)
      expect(took('cancel', 'buyer').length).toBeGreaterThan(0)
      expect(took('cancel', 'provider').every((event) => event.note !== '')).toBe(true)
      expect(took('dispute', 'buyer').length + took('dispute', 'provider').length).toBeGreaterThan(
        0,
      )
      expect(took('refund', 'operator').length).toBeGreaterThan(0)
      expect(took('release', 'operator').length).toBeGreaterThan(0)
      expect(took('auto_complete', 'system').length).toBeGreaterThan(0)
      expect(took('request_changes', 'buyer').length).toBeGreaterThan(0)
      for (const order of db.select().from(orders).all()) {
        if (['disputed', 'refunded'].includes(order.status)) expect(order.reason).not.toBe('')
        // Every step happened in the past, after the order was placed.
        expect(order.updatedAt.getTime()).toBeLessThanOrEqual(clock.now().getTime())
        expect(order.updatedAt.getTime()).toBeGreaterThanOrEqual(order.placedAt.getTime())
      }
      const discounted = db
        .select()
        .from(orders)
        .all()
        .filter((order) => order.couponCode !== '')
      expect(discounted.map((order) => order.discountByMarket).sort()).toEqual([false, true])
      expect(discounted.every((order) => order.discount > 0)).toBe(true)
    })

    it('keeps the books: every transaction balances, escrow holds what paid open orders paid', async () => {
      const { db } = town
      const unbalanced = db
        .select({ id: ledgerEntries.transactionId, sum: sql<number>`sum(${ledgerEntries.amount})` })
        .from(ledgerEntries)
        .groupBy(ledgerEntries.transactionId)
        .having(sql`sum(${ledgerEntries.amount}) <> 0`)
        .all()
      expect(unbalanced).toEqual([])
      const balances = ledgerBalances(db)
      expect(Object.values(balances).reduce((a, b) => a + b, 0)).toBe(0)
      const all = db.select().from(orders).all()
      const paidOpen = all.filter((order) => order.paidAt !== null && !isFinal(order.status))
      expect(paidOpen.length).toBeGreaterThan(0)
      expect(balances.escrow).toBe(paidOpen.reduce((sum, order) => sum + order.total, 0))
      for (const order of all)
        expect(escrowHeld(db, order.id), order.status).toBe(
          paidOpen.includes(order) ? order.total : 0,
        )
      // Completed orders were paid and their money released: stores are owed, one was paid out.
      expect(all.filter((o) => o.status === 'completed').every((o) => o.paidAt !== null)).toBe(true)
      expect(balances.store_payable).toBeGreaterThan(0)
      expect(balances.payouts).toBeGreaterThan(0)
      expect(balances.refunds).toBeGreaterThan(0)
    })

    it('reviews completed orders through the models: ratings agree, some still wait, one is left to write', async () => {
      const { db, result } = town
      if (!result.ok) throw new Error('seeding failed')
      const { reviewCount, publishedReviewCount, signIns } = result.town
      expect(reviewCount).toBeGreaterThan(5)
      expect(publishedReviewCount).toBeGreaterThan(0)
      expect(publishedReviewCount).toBeLessThan(reviewCount)
      const written = db.select().from(reviews).all()
      expect(written).toHaveLength(reviewCount)
      expect(new Set(written.map((review) => review.direction))).toEqual(
        new Set(['of_store', 'of_buyer']),
      )
      // Owners answered: every complaint, and some of the praise.
      const replied = new Set(
        db
          .select()
          .from(reviewReplies)
          .all()
          .map((reply) => reply.reviewId),
      )
      expect(replied.size).toBeGreaterThan(0)
      for (const review of written)
        if (review.direction === 'of_store' && review.publishedAt && review.stars <= 3)
          expect(replied.has(review.id), `review ${review.id}`).toBe(true)
      // Every store's rating is the sum of its published reviews, as the models keep it.
      for (const store of db.select().from(stores).all()) {
        const counted = written.filter(
          (review) =>
            review.storeId === store.id && review.direction === 'of_store' && review.publishedAt,
        )
        expect([store.ratingCount, store.ratingSum], store.name).toEqual([
          counted.length,
          counted.reduce((sum, review) => sum + review.stars, 0),
        ])
      }
      const firstBuyer = signIns.find((signIn) => signIn.role === 'member')
      const buyerId = db
        .select()
        .from(members)
        .where(eq(members.email, firstBuyer?.email ?? ''))
        .get()?.id
      const reviewed = new Set(written.map((review) => `${review.orderId}:${review.authorId}`))
      const waiting = db
        .select()
        .from(orders)
        .where(eq(orders.buyerId, buyerId ?? -1))
        .all()
        .filter((order) => order.status === 'completed' && !reviewed.has(`${order.id}:${buyerId}`))
      expect(waiting.length).toBeGreaterThan(0)
    })

    it('books the bookable services in their hours, in every state, and never one time twice', async () => {
      const { db, result } = town
      if (!result.ok) throw new Error('seeding failed')
      const services = db
        .select({ listing: listings, rules: bookingRules })
        .from(listings)
        .innerJoin(bookingRules, eq(bookingRules.listingId, listings.id))
        .all()
      expect(services.length).toBeGreaterThan(0)
      expect(services.every(({ listing }) => listing.bookable && listing.kind === 'service')).toBe(
        true,
      )
      // Every store that books has weekly hours; each has a day off, some one still to come.
      const storeIds = new Set(services.map(({ listing }) => listing.storeId))
      const today = clock.now().toISOString().slice(0, 10)
      for (const storeId of storeIds) {
        const hours = weeklyHours(db, storeId)
        expect(Object.keys(hours).length, `store ${storeId}`).toBeGreaterThan(0)
        const off = db.select().from(storeDaysOff).where(eq(storeDaysOff.storeId, storeId)).all()
        expect(off.length, `store ${storeId}`).toBeGreaterThan(0)
        for (const day of off) expect(hours[isoWeekday(day.date)]).toBeDefined()
      }
      expect(daysOffFrom(db, storeIds, today)).toBeGreaterThan(0)
      // Several ranges on some day: a break at lunch.
      expect(db.select().from(storeHours).all().length).toBeGreaterThan(storeIds.size * 6)

      const booked = db
        .select({ order: orders, booking: bookings })
        .from(bookings)
        .innerJoin(orders, eq(orders.id, bookings.orderId))
        .all()
      expect(result.town.bookingCount).toBe(booked.length)
      expect(booked.every(({ order }) => order.kind === 'booking')).toBe(true)
      const statuses = new Set(booked.map(({ order }) => order.status))
      for (const status of ['placed', 'accepted', 'completed', 'no_show', 'cancelled'] as const)
        expect(statuses, status).toContain(status)
      const events = db.select().from(orderEvents).all()
      const bookingIds = new Set(booked.map(({ order }) => order.id))
      const took = (action: string) =>
        events.filter((event) => bookingIds.has(event.orderId) && event.action === action)
      for (const action of ['decline', 'cancel', 'expire', 'complete', 'mark_no_show'])
        expect(took(action).length, action).toBeGreaterThan(0)
      // Over the last weeks and the coming two; requests still wait, the rest did not.
      const now = clock.now().getTime()
      for (const { order, booking } of booked) {
        expect(booking.startsAt.getTime()).toBeGreaterThan(now - 30 * DAY)
        expect(booking.startsAt.getTime()).toBeLessThan(now + 16 * DAY)
        expect(booking.holding).toBe(order.status !== 'cancelled')
        if (order.status === 'placed') expect(booking.expiresAt!.getTime()).toBeGreaterThan(now)
        if (order.status === 'accepted') expect(booking.endsAt.getTime()).toBeGreaterThan(now - DAY)
        if (order.status === 'completed' || order.status === 'no_show')
          expect(booking.startsAt.getTime()).toBeLessThan(now)
      }
      expect(booked.some(({ booking }) => booking.startsAt.getTime() < now)).toBe(true)
      expect(booked.some(({ booking }) => booking.startsAt.getTime() > now)).toBe(true)
      // The scheduler, run now, has nothing left to do: the history kept up with it.
      const deps = { db, clock, bus: localBus() }
      expect(expireBookingRequests(deps)).toBe(0)
      expect(completePastBookings(deps)).toBe(0)

      // No two bookings holding one store's time overlap, buffers included — except seats of
      // one class (the same service at the same start), never more than its capacity.
      const capacity = new Map(services.map(({ rules }) => [rules.listingId, rules.capacity]))
      const holding = booked.map(({ booking }) => booking).filter((booking) => booking.holding)
      for (const [index, one] of holding.entries())
        for (const other of holding.slice(index + 1)) {
          if (one.storeId !== other.storeId) continue
          const sameClass =
            one.listingId === other.listingId && one.startsAt.getTime() === other.startsAt.getTime()
          if (sameClass) continue
          const until = (b: typeof one) => b.endsAt.getTime() + b.bufferMinutes * MINUTE
          const overlap =
            one.startsAt.getTime() < until(other) && other.startsAt.getTime() < until(one)
          expect(overlap, `bookings ${one.id} and ${other.id}`).toBe(false)
        }
      const seats = new Map<string, number>()
      for (const booking of holding) {
        const key = `${booking.listingId}@${booking.startsAt.getTime()}`
        seats.set(key, (seats.get(key) ?? 0) + booking.seats)
        expect(seats.get(key)).toBeLessThanOrEqual(capacity.get(booking.listingId!)!)
      }
      // And a class is shared: several buyers booked seats at one time.
      expect(Math.max(...seats.values())).toBeGreaterThan(1)
    })

    it('posts requests in every state, answered by stores that sell in their category', () => {
      const { db, result } = town
      if (!result.ok) throw new Error('seeding failed')
      const now = clock.now()
      const posted = db.select().from(serviceRequests).all()
      const sent = db.select().from(proposals).all()
      expect(result.town.requestCount).toBe(posted.length)
      expect(result.town.proposalCount).toBe(sent.length)
      expect(posted.length).toBeGreaterThanOrEqual(10)
      expect(posted.length).toBeLessThanOrEqual(14)
      const byStatus = (status: string) => posted.filter((request) => request.status === status)
      expect(byStatus('open').length).toBeGreaterThan(posted.length / 2)
      expect(byStatus('hired').length).toBeGreaterThanOrEqual(2)
      expect(byStatus('withdrawn')).toHaveLength(1)
      expect(byStatus('expired')).toHaveLength(1)
      // As the buyers chose them: budgets open at one end or not given, who may see them, where.
      expect(posted.some((r) => r.budgetMin === null && r.budgetMax === null)).toBe(true)
      expect(posted.some((r) => (r.budgetMin === null) !== (r.budgetMax === null))).toBe(true)
      expect(posted.some((r) => r.visibility === 'category')).toBe(true)
      expect(posted.some((r) => r.neededBy !== null)).toBe(true)
      expect(new Set(posted.map((r) => r.place)).size).toBeGreaterThan(1)
      const areas = new Set(
        db
          .select()
          .from(stores)
          .all()
          .map((store) => store.area),
      )
      for (const request of posted) if (request.area) expect(areas).toContain(request.area)
      // Over the last three weeks; open ones are still open now, and the job has nothing to do.
      for (const request of posted) {
        expect(request.createdAt.getTime()).toBeGreaterThan(now.getTime() - 22 * DAY)
        expect(request.createdAt.getTime()).toBeLessThan(now.getTime())
        if (request.status === 'open')
          expect(request.expiresAt.getTime()).toBeGreaterThan(now.getTime())
        else expect(request.closedAt!.getTime()).toBeLessThanOrEqual(now.getTime())
      }
      expect(expireRequests({ db, clock, bus: localBus() })).toBe(0)

      // One to four proposals each, from stores that sell in the request's top category, never
      // the buyer's own; none yet only on requests left for the printed provider to answer.
      const provider = result.town.signIns.find((signIn) => signIn.role === 'provider')!
      const providerStore = storeOf(db, provider.email)!
      const providerTops = storeTopCategories(db, providerStore.id)
      const owners = new Map(
        db
          .select()
          .from(stores)
          .all()
          .map((store) => [store.id, store]),
      )
      for (const request of posted) {
        const own = sent.filter((proposal) => proposal.requestId === request.id)
        expect(own.length, request.title).toBeLessThanOrEqual(4)
        const top = topCategoryOf(db, request.categoryId)!
        if (own.length === 0) {
          expect(request.status).toBe('open')
          expect(providerTops).toContain(top)
        }
        for (const proposal of own) {
          expect(storeTopCategories(db, proposal.storeId), request.title).toContain(top)
          expect(owners.get(proposal.storeId)!.memberId).not.toBe(request.buyerId)
          expect(proposal.createdAt.getTime()).toBeGreaterThan(request.createdAt.getTime())
          expect(proposal.updatedAt.getTime()).toBeLessThanOrEqual(
            (request.closedAt ?? now).getTime(),
          )
          expect(proposal.visitOn > proposal.createdAt.toISOString().slice(0, 10)).toBe(true)
        }
      }
      // Some at a package's price, one revised in place, one taken back by its store.
      expect(sent.some((proposal) => proposal.unitId !== null && proposal.packageName)).toBe(true)
      expect(sent.some((proposal) => proposal.unitId === null)).toBe(true)
      const revised = sent.filter(
        (proposal) =>
          proposal.status === 'active' &&
          proposal.updatedAt.getTime() > proposal.createdAt.getTime(),
      )
      expect(revised.length).toBeGreaterThan(0)
      expect(sent.some((proposal) => proposal.status === 'withdrawn')).toBe(true)

      // A hire is an accepted order of kind service from the hired store, at its price; the
      // other proposals on it were declined.
      for (const request of byStatus('hired')) {
        const hired = sent.find((proposal) => proposal.id === request.hiredProposalId)!
        expect(hired).toMatchObject({ status: 'accepted', requestId: request.id })
        const order = db.select().from(orders).where(eq(orders.id, hired.orderId!)).get()!
        expect(order).toMatchObject({
          kind: 'service',
          status: 'accepted',
          buyerId: request.buyerId,
          storeId: hired.storeId,
          total: hired.price,
        })
        const others = sent.filter((p) => p.requestId === request.id && p.id !== hired.id)
        expect(others.every((proposal) => proposal.status === 'declined')).toBe(true)
      }
    })

    it('gives the printed buyer proposals to compare, and the printed provider requests to answer', () => {
      const { db, result } = town
      if (!result.ok) throw new Error('seeding failed')
      const now = clock.now()
      const { signIns } = result.town
      const buyer = db
        .select()
        .from(members)
        .where(eq(members.email, signIns.find((signIn) => signIn.role === 'member')!.email))
        .get()!
      const own = listOwnRequests(db, buyer.id, now)
      expect(own.map((request) => request.statusNow).sort()).toEqual([
        'hired',
        'open',
        'open',
        'withdrawn',
      ])
      const open = own.filter((request) => request.statusNow === 'open')
      const compared = open.map(
        (request) => proposalsToCompare(db, findRequestFor(db, buyer, request.code, now)!).length,
      )
      expect(Math.max(...compared)).toBeGreaterThanOrEqual(2)

      const provider = signIns.find((signIn) => signIn.role === 'provider')!
      const store = storeOf(db, provider.email)!
      const providerMember = db
        .select()
        .from(members)
        .where(eq(members.email, provider.email))
        .get()!
      const tops = storeTopCategories(db, store.id)
      const answered = new Set(
        db
          .select()
          .from(proposals)
          .where(eq(proposals.storeId, store.id))
          .all()
          .map((proposal) => proposal.requestId),
      )
      const inTheirCategories = db
        .select()
        .from(serviceRequests)
        .where(eq(serviceRequests.status, 'open'))
        .all()
        .filter((request) => tops.includes(topCategoryOf(db, request.categoryId)!))
        .filter((request) => findRequestFor(db, providerMember, request.code, now))
      const toAnswer = inTheirCategories.filter((request) => !answered.has(request.id))
      expect(toAnswer.length).toBeGreaterThanOrEqual(2)
      expect(toAnswer.some((request) => request.visibility === 'category')).toBe(true)
      expect(inTheirCategories.some((request) => answered.has(request.id))).toBe(true)
    })

    it('gives the printed provider, buyers and operator orders to look at', async () => {
      const { db, result } = town
      if (!result.ok) throw new Error('seeding failed')
      const idOf = (email: string) =>
        db.select().from(members).where(eq(members.email, email)).get()!.id
      const { signIns } = result.town
      const bought = (email: string) =>
        db
          .select()
          .from(orders)
          .where(eq(orders.buyerId, idOf(email)))
          .all()
      for (const buyer of signIns.filter((signIn) => signIn.role === 'member'))
        expect(bought(buyer.email).length, buyer.email).toBeGreaterThanOrEqual(5)
      expect(bought(result.town.operator.email).length).toBeGreaterThan(0)
      const provider = signIns.find((signIn) => signIn.role === 'provider')!
      const store = db
        .select()
        .from(stores)
        .where(eq(stores.memberId, idOf(provider.email)))
        .get()!
      const sold = new Set(
        db
          .select()
          .from(orders)
          .where(eq(orders.storeId, store.id))
          .all()
          .map((order) => order.status),
      )
      for (const status of ['placed', 'completed', 'cancelled', 'disputed'] as const)
        expect(sold, status).toContain(status)
    })
  })

  it('starts a few conversations through the models, with replies waiting for the first buyer', async () => {
    const db = freshDatabase()
    const result = await seedDemoTown(db, { seed: 1, members: 40, clock })
    if (!result.ok) throw new Error('seeding failed')
    expect(result.town.conversationCount).toBeGreaterThanOrEqual(2)
    expect(db.select().from(conversations).all()).toHaveLength(result.town.conversationCount)
    const buyer = result.town.signIns.find((signIn) => signIn.role === 'member')!
    const buyerId = db.select().from(members).where(eq(members.email, buyer.email)).get()!.id
    expect(unreadMessageCount(db, buyerId)).toBeGreaterThan(0)
    expect(listInbox(db, buyerId).rows.length).toBeGreaterThan(0)
  })

  it('lets the operator and members sign in with the printed password', async () => {
    const db = freshDatabase()
    const result = await seedDemoTown(db, { seed: 1, members: 5, clock })
    if (!result.ok) throw new Error('seeding failed')
    const { operator, signIns } = result.town

    const signedIn = await signInMember(db, clock, {
      email: operator.email,
      password: DEMO_PASSWORD,
      address: '127.0.0.1',
    })
    expect(signedIn).toMatchObject({
      ok: true,
      member: { email: operator.email, role: 'operator' },
    })
    const member = signIns.find((signIn) => signIn.role === 'member')!
    const memberSignIn = await signInMember(db, clock, {
      email: member.email,
      password: DEMO_PASSWORD,
      address: '127.0.0.1',
    })
    expect(memberSignIn).toMatchObject({ ok: true, member: { role: 'member' } })
    expect(signIns).toHaveLength(4)
  })

  it('lets every demo need name only services its trades sell, in its own top category', () => {
    const db = freshDatabase()
    for (const need of NEEDS) {
      const services = need.trades.flatMap((trade) =>
        CATALOG[trade].listings.filter((template) => template.kind === 'service'),
      )
      for (const title of need.packages ?? [])
        expect(
          services.find((template) => template.title === title)?.categoryId,
          `${need.title}: ${title}`,
        ).toBe(need.categoryId)
      // Its trades sell something in its top category, or no store could answer it.
      const tops = need.trades.flatMap((trade) =>
        CATALOG[trade].listings.map((template) => topCategoryOf(db, template.categoryId)),
      )
      expect(tops, need.title).toContain(topCategoryOf(db, need.categoryId))
    }
  })

  it('prints a password the sign-up rules would accept', async () => {
    expect(await passwordProblem(DEMO_PASSWORD)).toBeNull()
  })
})

/** The fields fromPrice ignores, so a stored listing's prices can be checked with it. */
const common = { title: '', description: '', categoryId: 1, tags: [] }
const serviceBasics = {
  ...common,
  kind: 'service' as const,
  serviceLocations: [],
  durationMinutes: null,
  bookable: false,
}
const productBasics = {
  ...common,
  kind: 'product' as const,
  stock: null,
  pickup: false,
  delivery: false,
  deliveryFee: null,
}

/** A storefront row back as the fields its owner typed. */
function storeFieldsOf(row: typeof stores.$inferSelect): StoreFields {
  const { name, bio, area, latitude, longitude, phone, showPhone, whatsapp, showWhatsapp } = row
  const { mobileMoney, bankDetails } = row
  return {
    ...{ name, bio, area, latitude, longitude, phone, showPhone, whatsapp, showWhatsapp },
    ...{ mobileMoney, bankDetails },
    skills: storeSkills(row),
  }
}

/** A stored listing back as the input its provider gave (the listing form's result). */
function inputOf(db: Db, listing: ReturnType<typeof allListings>[number]): ListingInput {
  const common = {
    title: listing.title,
    description: listing.description,
    categoryId: listing.categoryId,
    tags: listingTags(listing),
  }
  if (listing.kind === 'service')
    return {
      ...common,
      kind: 'service',
      packages: listing.packages.map(({ name, included, price, turnaroundDays }) => ({
        ...{ name, included, price, turnaroundDays },
      })),
      serviceLocations: listingLocations(listing),
      durationMinutes: listing.durationMinutes,
      booking: listing.bookable ? bookingInputOf(db, listing.id) : null,
    }
  return {
    ...common,
    kind: 'product',
    price: listing.price,
    stock: listing.stock,
    variants: listing.variants.map(({ name, price, stock }) => ({ name, price, stock })),
    pickup: listing.pickup,
    delivery: listing.delivery,
    deliveryFee: listing.deliveryFee,
  }
}

/** A bookable listing's rules as its form gave them (the slot length is the listing's duration). */
function bookingInputOf(db: Db, listingId: number): BookingRulesInput {
  const rules = bookingRulesOf(db, listingId)
  if (!rules) throw new Error(`listing ${listingId} is bookable without rules`)
  const { slotMinutes: _slot, ...input } = rules
  return input
}

/** The storefront of the member with this address. */
function storeOf(db: Db, email: string) {
  return db
    .select({ store: stores })
    .from(stores)
    .innerJoin(members, eq(members.id, stores.memberId))
    .where(eq(members.email, email))
    .get()?.store
}

/** How many days off these stores have from `date` on. */
function daysOffFrom(db: Db, storeIds: Set<number>, date: string): number {
  return db
    .select({ count: count() })
    .from(storeDaysOff)
    .where(and(inArray(storeDaysOff.storeId, [...storeIds]), gte(storeDaysOff.date, date)))
    .get()!.count
}
