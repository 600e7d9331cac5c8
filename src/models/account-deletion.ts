// Deleting an account: the person goes, the books stay. A market must account for the money that
// went through it, so orders, their lines and timelines, and the ledger are kept — they point at
// the member row, which stays as an anonymous "Former member" with no email, no password and no
// way to sign in. Everything else about the person (sessions, tokens, preferences, cart,
// favourites, notifications, history) is deleted; their storefront's listings are archived (which
// takes them out of search, by the FTS triggers) and the storefront is shown to nobody
// (findPublicStore skips a deleted member). Messages stay in the other person's conversation,
// under "Former member", because they are the other person's record of what was said too; so do
// reviews, written by them or of them (a store's rating counts them), under the same name.
//
// Refused while something is unfinished: an order not in a final state, as buyer or as seller,
// or money the market still owes their store. The member finishes or cancels first.
import { and, eq, inArray, isNull, ne, notInArray, or } from 'drizzle-orm'
import {
  accountTokens,
  cartLines,
  coupons,
  events,
  favourites,
  listings,
  proposals,
  serviceRequests,
  mailOptOuts,
  mails,
  memberBlocks,
  members,
  notifications,
  orders,
  portfolioItems,
  recentlyViewed,
  recoveryCodes,
  secondFactorFailures,
  sessions,
  signInChallenges,
  signInFailures,
  stores,
} from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { randomToken } from '../lib/tokens'
import { storeBalance } from './ledger'
import { isFinal, ORDER_STATUSES, type OrderStatus } from './order/transitions'
import { confirmPassword, type PasswordConfirmation } from './password-confirmation'
import type { SessionMember } from './session'
import { deleteSignInHistory } from './sign-in-history'
import type { Tx } from './transaction'

/** What a deleted member is called wherever they still appear (orders, conversations). */
export const FORMER_MEMBER_NAME = 'Former member'

/** Stored instead of a password hash: no argon2 hash, so verifyPassword answers false for it. */
const NO_PASSWORD = '!deleted'

/** An order that keeps the account open, as the deletion page lists it. */
export type OpenOrder = { code: string; status: OrderStatus; as: 'buyer' | 'seller' }

/** What must be finished before the account can go; all empty/zero when nothing. */
export type DeletionBlockers = {
  openOrders: OpenOrder[]
  /** Minor units the market still owes the member's store (not yet paid out). */
  owed: number
  /** The market's only operator cannot leave it without one. */
  lastOperator: boolean
}

export type AccountDeletionResult =
  | { ok: true }
  | Exclude<PasswordConfirmation, { ok: true }>
  | { ok: false; reason: 'unfinished'; blockers: DeletionBlockers }

const OPEN_STATUSES = ORDER_STATUSES.filter((status) => !isFinal(status))

/** What stands in the way of deleting the account now (shown on the page before confirming). */
export function deletionBlockers(db: Db | Tx, member: Pick<SessionMember, 'id' | 'role'>) {
  const store = db.select().from(stores).where(eq(stores.memberId, member.id)).get()
  const openOrders = db
    .select({ code: orders.code, status: orders.status, buyerId: orders.buyerId })
    .from(orders)
    .where(
      and(
        inArray(orders.status, OPEN_STATUSES),
        store
          ? or(eq(orders.buyerId, member.id), eq(orders.storeId, store.id))
          : eq(orders.buyerId, member.id),
      ),
    )
    .orderBy(orders.placedAt)
    .all()
    .map((order): OpenOrder => ({
      code: order.code,
      status: order.status,
      as: order.buyerId === member.id ? 'buyer' : 'seller',
    }))
  const owed = store ? storeBalance(db as Db, store.id, { number: 1, size: 1 }).owed : 0
  const lastOperator =
    member.role === 'operator' &&
    !db
      .select({ id: members.id })
      .from(members)
      .where(
        and(eq(members.role, 'operator'), ne(members.id, member.id), isNull(members.deletedAt)),
      )
      .get()
  return { openOrders, owed, lastOperator } satisfies DeletionBlockers
}

export function hasBlockers(blockers: DeletionBlockers): boolean {
  return blockers.openOrders.length > 0 || blockers.owed > 0 || blockers.lastOperator
}

/**
 * Deletes the member's account after checking their password (argon2, outside the transaction),
 * in one transaction that checks again that nothing is unfinished. The caller ends the cookie.
 * @example const result = await deleteAccount(db, clock, member, form.data.password)
 */
export async function deleteAccount(
  db: Db,
  clock: Clock,
  member: SessionMember,
  proof: { password: string; address: string },
): Promise<AccountDeletionResult> {
  const confirmed = await confirmPassword(db, clock, member.id, proof.password, proof.address)
  if (!confirmed.ok) return confirmed
  const stored = confirmed.member
  return db.transaction(
    (tx): AccountDeletionResult => {
      // An order may have been placed while argon2 ran: the check that counts is this one.
      const blockers = deletionBlockers(tx, member)
      if (hasBlockers(blockers)) return { ok: false, reason: 'unfinished', blockers }
      anonymiseMember(tx, clock, stored)
      deletePersonalRows(tx, stored)
      closeStore(tx, clock, member.id)
      withdrawRequestsAndProposals(tx, clock, member.id)
      return { ok: true }
    },
    { behavior: 'immediate' },
  )
}

function anonymiseMember(tx: Tx, clock: Clock, member: typeof members.$inferSelect) {
  tx.update(members)
    .set({
      email: `deleted-${member.id}@deleted.invalid`,
      displayName: FORMER_MEMBER_NAME,
      passwordHash: NO_PASSWORD,
      emailVerifiedAt: null,
      totpKey: null,
      totpPendingKey: null,
      totpEnabledAt: null,
      totpLastStep: null,
      // Unsubscribe links in old mail must not find the row any more.
      unsubscribeToken: randomToken(),
      deletedAt: clock.now(),
    })
    .where(eq(members.id, member.id))
    .run()
  // Where they asked to have things delivered, and the phone they gave: the seller no longer
  // needs either once the order is final (every order is, or deletion was refused).
  tx.update(orders)
    .set({ address: '', contactPhone: '' })
    .where(eq(orders.buyerId, member.id))
    .run()
}

function deletePersonalRows(tx: Tx, member: typeof members.$inferSelect) {
  const id = member.id
  tx.delete(sessions).where(eq(sessions.memberId, id)).run()
  tx.delete(signInChallenges).where(eq(signInChallenges.memberId, id)).run()
  tx.delete(accountTokens).where(eq(accountTokens.memberId, id)).run()
  tx.delete(recoveryCodes).where(eq(recoveryCodes.memberId, id)).run()
  tx.delete(secondFactorFailures).where(eq(secondFactorFailures.memberId, id)).run()
  tx.delete(signInFailures).where(eq(signInFailures.email, member.email)).run()
  deleteSignInHistory(tx, id)
  tx.delete(mailOptOuts).where(eq(mailOptOuts.memberId, id)).run()
  // The outbox holds their address; nothing more will be sent to it.
  tx.delete(mails).where(eq(mails.memberId, id)).run()
  tx.delete(cartLines).where(eq(cartLines.memberId, id)).run()
  tx.delete(favourites).where(eq(favourites.memberId, id)).run()
  tx.delete(recentlyViewed).where(eq(recentlyViewed.memberId, id)).run()
  tx.delete(notifications).where(eq(notifications.memberId, id)).run()
  tx.delete(events).where(eq(events.memberId, id)).run()
  tx.delete(memberBlocks)
    .where(or(eq(memberBlocks.blockerId, id), eq(memberBlocks.blockedId, id)))
    .run()
}

/**
 * Their open requests are withdrawn (nobody can hire for a person who left) and their store's
 * standing proposals too (nobody can hire a store that closed). Hired ones stay, as their orders.
 */
function withdrawRequestsAndProposals(tx: Tx, clock: Clock, memberId: number) {
  const now = clock.now()
  tx.update(serviceRequests)
    .set({ status: 'withdrawn', closedAt: now })
    .where(and(eq(serviceRequests.buyerId, memberId), eq(serviceRequests.status, 'open')))
    .run()
  tx.update(proposals)
    .set({ status: 'withdrawn', updatedAt: now })
    .where(
      and(
        eq(proposals.status, 'active'),
        inArray(
          proposals.storeId,
          tx.select({ id: stores.id }).from(stores).where(eq(stores.memberId, memberId)),
        ),
      ),
    )
    .run()
}

/**
 * The storefront stays as a row (orders and the ledger name it) but nobody sees it: its listings
 * are archived — the same end state as the listing status model's `archive`, written in one
 * statement for all of them; the search triggers take each out of the index — its coupons
 * retired, its contact details, photos and portfolio removed.
 */
function closeStore(tx: Tx, clock: Clock, memberId: number) {
  const store = tx.select().from(stores).where(eq(stores.memberId, memberId)).get()
  if (!store) return
  const now = clock.now()
  tx.update(listings)
    .set({ status: 'archived', updatedAt: now })
    .where(and(eq(listings.storeId, store.id), notInArray(listings.status, ['archived'])))
    .run()
  tx.update(coupons)
    .set({ retiredAt: now })
    .where(and(eq(coupons.storeId, store.id), isNull(coupons.retiredAt)))
    .run()
  tx.delete(portfolioItems).where(eq(portfolioItems.storeId, store.id)).run()
  tx.update(stores)
    .set({
      bio: '',
      latitude: null,
      longitude: null,
      phone: '',
      showPhone: false,
      whatsapp: '',
      showWhatsapp: false,
      mobileMoney: '',
      bankDetails: '',
      avatarImageId: null,
      coverImageId: null,
      updatedAt: now,
    })
    .where(eq(stores.id, store.id))
    .run()
}
