// "Download my data": everything the market keeps about one member, as one JSON document. Each
// part is read through the member's reach (their id, their store's id), so nobody else's data can
// slip in; and secrets are left out by naming the columns to export rather than taking whole rows:
// no password hash, no two-factor key, no hash of any session secret or token. Of the people on
// the other side of an order or a conversation, only the name they show is given.
import { and, asc, desc, eq, inArray, isNotNull, or, type SQL } from 'drizzle-orm'
import {
  cartLines,
  conversations,
  coupons,
  favourites,
  images,
  ledgerEntries,
  ledgerTransactions,
  listingPhotos,
  listings,
  listingUnits,
  members,
  messages,
  notifications,
  orderEvents,
  orderLines,
  orders,
  proposals,
  reviewPhotos,
  reviews,
  serviceRequests,
  sessions,
  stores,
} from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { variantFileName } from '../lib/images'
import { imageWidths } from './image'
import { mailPreferences } from './mail-preferences'
import { recentSignIns } from './sign-in-history'

export type AccountData = ReturnType<typeof collectAccountData>

/**
 * Everything about `memberId`, ready for JSON.stringify.
 * @example c.body(JSON.stringify(collectAccountData(db, clock, member.id), null, 2))
 */
export function collectAccountData(db: Db, clock: Clock, memberId: number) {
  const store = db.select().from(stores).where(eq(stores.memberId, memberId)).get()
  return {
    exportedAt: clock.now().toISOString(),
    profile: db
      .select({
        id: members.id,
        email: members.email,
        displayName: members.displayName,
        role: members.role,
        emailVerifiedAt: members.emailVerifiedAt,
        twoFactorSince: members.totpEnabledAt,
        memberSince: members.createdAt,
      })
      .from(members)
      .where(eq(members.id, memberId))
      .get(),
    sessions: db
      .select({
        device: sessions.userAgent,
        signedInAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
      })
      .from(sessions)
      .where(eq(sessions.memberId, memberId))
      .orderBy(desc(sessions.lastSeenAt))
      .all(),
    signIns: recentSignIns(db, memberId, 1000).map(({ outcome, address, userAgent, at }) => ({
      outcome,
      address,
      device: userAgent,
      at,
    })),
    mailPreferences: mailPreferences(db, memberId),
    store: store ? storeData(db, store) : null,
    cart: db
      .select({
        listing: listings.title,
        unit: listingUnits.name,
        quantity: cartLines.quantity,
        addedAt: cartLines.addedAt,
      })
      .from(cartLines)
      .innerJoin(listingUnits, eq(listingUnits.id, cartLines.unitId))
      .innerJoin(listings, eq(listings.id, listingUnits.listingId))
      .where(eq(cartLines.memberId, memberId))
      .all(),
    favourites: db
      .select({ listingId: listings.id, title: listings.title, savedAt: favourites.createdAt })
      .from(favourites)
      .innerJoin(listings, eq(listings.id, favourites.listingId))
      .where(eq(favourites.memberId, memberId))
      .orderBy(desc(favourites.createdAt))
      .all(),
    ordersAsBuyer: ordersData(db, eq(orders.buyerId, memberId)),
    ordersAsSeller: store ? ordersData(db, eq(orders.storeId, store.id)) : [],
    conversations: conversationsData(db, memberId),
    notifications: db
      .select({
        kind: notifications.kind,
        subject: notifications.subject,
        data: notifications.data,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(eq(notifications.memberId, memberId))
      .orderBy(desc(notifications.id))
      .all(),
    couponsCreated: db
      .select({
        code: coupons.code,
        kind: coupons.kind,
        value: coupons.value,
        minSpend: coupons.minSpend,
        maxDiscount: coupons.maxDiscount,
        expiresAt: coupons.expiresAt,
        usageLimit: coupons.usageLimit,
        usedCount: coupons.usedCount,
        createdAt: coupons.createdAt,
        retiredAt: coupons.retiredAt,
      })
      .from(coupons)
      .where(eq(coupons.createdBy, memberId))
      .all(),
    // Reviews they wrote, published or not; reviews of them only once published: until then
    // double-blind keeps them from the member, in an export as on the order page.
    reviewsWritten: reviewsData(db, eq(reviews.authorId, memberId)),
    reviewsAboutMe: reviewsData(
      db,
      and(eq(reviews.subjectId, memberId), isNotNull(reviews.publishedAt)),
    ),
    requests: db
      .select({
        code: serviceRequests.code,
        title: serviceRequests.title,
        description: serviceRequests.description,
        budgetMin: serviceRequests.budgetMin,
        budgetMax: serviceRequests.budgetMax,
        place: serviceRequests.place,
        area: serviceRequests.area,
        neededBy: serviceRequests.neededBy,
        visibility: serviceRequests.visibility,
        status: serviceRequests.status,
        createdAt: serviceRequests.createdAt,
        closedAt: serviceRequests.closedAt,
      })
      .from(serviceRequests)
      .where(eq(serviceRequests.buyerId, memberId))
      .all(),
    proposalsSent: store
      ? db
          .select({
            request: serviceRequests.title,
            price: proposals.price,
            packageName: proposals.packageName,
            visitOn: proposals.visitOn,
            message: proposals.message,
            status: proposals.status,
            createdAt: proposals.createdAt,
          })
          .from(proposals)
          .innerJoin(serviceRequests, eq(serviceRequests.id, proposals.requestId))
          .where(eq(proposals.storeId, store.id))
          .all()
      : [],
    ledger: store ? ledgerData(db, store.id) : [],
  }
}

/** The file name a download is saved under, dated in the market's time zone. */
export function accountDataFileName(now: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  const date = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(now)
  return `souk-data-${date}.json`
}

function storeData(db: Db, store: typeof stores.$inferSelect) {
  const { id, memberId, avatarImageId, coverImageId, ...fields } = store
  const own = db
    .select()
    .from(listings)
    .where(eq(listings.storeId, id))
    .orderBy(asc(listings.id))
    .all()
  const ids = own.map((listing) => listing.id)
  const units = ids.length
    ? db.select().from(listingUnits).where(inArray(listingUnits.listingId, ids)).all()
    : []
  const photos = ids.length
    ? db
        .select({
          listingId: listingPhotos.listingId,
          alt: listingPhotos.alt,
          hash: images.hash,
          widths: images.widths,
        })
        .from(listingPhotos)
        .innerJoin(images, eq(images.id, listingPhotos.imageId))
        .where(inArray(listingPhotos.listingId, ids))
        .orderBy(asc(listingPhotos.position))
        .all()
    : []
  return {
    ...fields,
    listings: own.map(({ storeId, ...listing }) => ({
      ...listing,
      units: units
        .filter((unit) => unit.listingId === listing.id)
        .map(({ listingId, ...unit }) => unit),
      photos: photos
        .filter((photo) => photo.listingId === listing.id)
        .map((photo) => ({ url: largestJpeg(photo), alt: photo.alt })),
    })),
  }
}

/** The largest JPEG kept of a photo: every browser and image viewer opens it. */
function largestJpeg(image: { hash: string; widths: string }): string {
  const widths = imageWidths(image)
  return `/uploads/${variantFileName(image.hash, widths[widths.length - 1] ?? 0, 'jpg')}`
}

function ordersData(db: Db, whose: SQL) {
  const rows = db
    .select({
      order: orders,
      storeName: stores.name,
      buyerName: members.displayName,
    })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .innerJoin(members, eq(members.id, orders.buyerId))
    .where(whose)
    .orderBy(desc(orders.placedAt))
    .all()
  const ids = rows.map((row) => row.order.id)
  const lines = ids.length
    ? db.select().from(orderLines).where(inArray(orderLines.orderId, ids)).all()
    : []
  const timeline = ids.length
    ? db
        .select()
        .from(orderEvents)
        .where(inArray(orderEvents.orderId, ids))
        .orderBy(asc(orderEvents.id))
        .all()
    : []
  return rows.map(({ order, storeName, buyerName }) => {
    const { id, checkoutKey, buyerId, storeId, couponId, ...fields } = order
    return {
      ...fields,
      store: storeName,
      buyer: buyerName,
      lines: lines
        .filter((line) => line.orderId === id)
        .map(({ title, unitName, unitPrice, quantity }) => ({
          title,
          unitName,
          unitPrice,
          quantity,
        })),
      timeline: timeline
        .filter((event) => event.orderId === id)
        .map(({ action, actor, fromStatus, toStatus, note, at }) => ({
          action,
          actor,
          fromStatus,
          toStatus,
          note,
          at,
        })),
    }
  })
}

function conversationsData(db: Db, memberId: number) {
  const mine = db
    .select()
    .from(conversations)
    .where(or(eq(conversations.memberA, memberId), eq(conversations.memberB, memberId)))
    .orderBy(desc(conversations.lastMessageAt))
    .all()
  if (mine.length === 0) return []
  const otherIds = mine.map((c) => (c.memberA === memberId ? c.memberB : c.memberA))
  const names = new Map(
    db
      .select({ id: members.id, name: members.displayName })
      .from(members)
      .where(inArray(members.id, otherIds))
      .all()
      .map((row) => [row.id, row.name]),
  )
  const said = db
    .select({
      conversationId: messages.conversationId,
      senderId: messages.senderId,
      body: messages.body,
      hash: images.hash,
      widths: images.widths,
      at: messages.createdAt,
    })
    .from(messages)
    .leftJoin(images, eq(images.id, messages.imageId))
    .where(
      inArray(
        messages.conversationId,
        mine.map((c) => c.id),
      ),
    )
    .orderBy(asc(messages.id))
    .all()
  return mine.map((conversation) => {
    const otherId = conversation.memberA === memberId ? conversation.memberB : conversation.memberA
    const with_ = names.get(otherId) ?? 'A member'
    return {
      code: conversation.code,
      with: with_,
      startedAt: conversation.createdAt,
      messages: said
        .filter((message) => message.conversationId === conversation.id)
        .map((message) => ({
          from: message.senderId === memberId ? 'me' : with_,
          body: message.body,
          photo:
            message.hash && message.widths
              ? largestJpeg({ hash: message.hash, widths: message.widths })
              : null,
          at: message.at,
        })),
    }
  })
}

function reviewsData(db: Db, whose: SQL | undefined) {
  const rows = db
    .select({
      review: reviews,
      order: orders.code,
      storeName: stores.name,
      buyerName: members.displayName,
    })
    .from(reviews)
    .innerJoin(orders, eq(orders.id, reviews.orderId))
    .innerJoin(stores, eq(stores.id, reviews.storeId))
    .innerJoin(members, eq(members.id, orders.buyerId))
    .where(whose)
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .all()
  const ids = rows.map((row) => row.review.id)
  const photos = ids.length
    ? db
        .select({ reviewId: reviewPhotos.reviewId, hash: images.hash, widths: images.widths })
        .from(reviewPhotos)
        .innerJoin(images, eq(images.id, reviewPhotos.imageId))
        .where(inArray(reviewPhotos.reviewId, ids))
        .orderBy(asc(reviewPhotos.position))
        .all()
    : []
  return rows.map(({ review, order, storeName, buyerName }) => ({
    order,
    by: review.direction === 'of_store' ? buyerName : storeName,
    about: review.direction === 'of_store' ? storeName : buyerName,
    stars: review.stars,
    title: review.title,
    body: review.body,
    recommend: review.recommend,
    photos: photos.filter((photo) => photo.reviewId === review.id).map(largestJpeg),
    writtenAt: review.createdAt,
    publishedAt: review.publishedAt,
    editedAt: review.editedAt,
    hiddenAt: review.hiddenAt,
  }))
}

function ledgerData(db: Db, storeId: number) {
  return db
    .select({
      transaction: ledgerTransactions.id,
      kind: ledgerTransactions.kind,
      order: orders.code,
      reference: ledgerTransactions.reference,
      account: ledgerEntries.account,
      amount: ledgerEntries.amount,
      at: ledgerTransactions.at,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .leftJoin(orders, eq(orders.id, ledgerEntries.orderId))
    .where(eq(ledgerTransactions.storeId, storeId))
    .orderBy(asc(ledgerTransactions.at), asc(ledgerEntries.id))
    .all()
}
