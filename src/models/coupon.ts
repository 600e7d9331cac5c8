// Discount codes. A store's owner makes codes for their own store; the operator makes codes for
// the whole market (storeId null), which any store's order may use and which the market pays for.
//
// A use is spent when an order is placed with the code and is NOT given back when that order is
// cancelled: most shops work this way, and giving uses back would let one buyer keep a
// "first 10 customers" code alive by placing and cancelling. A provider who wants to make up for
// a cancelled order can make another code.
import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import { coupons } from '../../db/schema'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import type { SessionMember } from './session'
import { findStoreOfMember } from './store'
import type { Tx } from './transaction'

export type Coupon = typeof coupons.$inferSelect
export type CouponKind = Coupon['kind']

/** Why a coupon does not apply to an order, in the order they are checked. */
export type CouponRefusal = 'retired' | 'expired' | 'used_up' | 'other_store' | 'below_minimum'

export type CouponDiscount = { ok: true; discount: number } | { ok: false; reason: CouponRefusal }

/** What a coupon is now, as its owner sees it in the list. */
export type CouponStatus = 'active' | 'retired' | 'expired' | 'used_up'

type CouponTerms = Pick<
  Coupon,
  'storeId' | 'kind' | 'value' | 'minSpend' | 'maxDiscount' | 'expiresAt' | 'usageLimit'
> &
  Pick<Coupon, 'usedCount' | 'retiredAt'>

/** Letters, digits and dashes, as a buyer can type them on any phone keyboard. */
export const COUPON_CODE_PATTERN = /^[A-Z0-9-]{3,20}$/

/**
 * What `coupon` takes off an order of `subtotal` (minor units) from store `storeId`. Percentages
 * round down to the minor unit; the discount is capped by maxDiscount and never exceeds the
 * subtotal it applies to.
 * @example couponDiscount(tenPercent, { storeId: 3, subtotal: 1999, now }) → { ok: true, discount: 199 }
 */
export function couponDiscount(
  coupon: CouponTerms,
  order: { storeId: number; subtotal: number; now: Date },
): CouponDiscount {
  const status = couponStatus(coupon, order.now)
  if (status !== 'active') return { ok: false, reason: status }
  if (coupon.storeId !== null && coupon.storeId !== order.storeId)
    return { ok: false, reason: 'other_store' }
  if (order.subtotal < coupon.minSpend) return { ok: false, reason: 'below_minimum' }
  const full =
    coupon.kind === 'percent' ? Math.floor((order.subtotal * coupon.value) / 100) : coupon.value
  const capped = coupon.maxDiscount === null ? full : Math.min(full, coupon.maxDiscount)
  return { ok: true, discount: Math.max(0, Math.min(capped, order.subtotal)) }
}

/** Whether a coupon can still be used at `now`, whatever the order; a retired one says so first. */
export function couponStatus(
  coupon: Pick<Coupon, 'retiredAt' | 'expiresAt' | 'usageLimit' | 'usedCount'>,
  now: Date,
): CouponStatus {
  if (coupon.retiredAt !== null) return 'retired'
  // expiresAt is the first moment it no longer works (the end of its last day).
  if (coupon.expiresAt !== null && now.getTime() >= coupon.expiresAt.getTime()) return 'expired'
  if (coupon.usageLimit !== null && coupon.usedCount >= coupon.usageLimit) return 'used_up'
  return 'active'
}

/** A code as stored: what a buyer typed, trimmed and upper-cased (" summer-10 " → "SUMMER-10"). */
export function normaliseCouponCode(code: string): string {
  return code.trim().toUpperCase()
}

/** The coupon a buyer typed, whatever its case and surrounding spaces; retired ones too. */
export function findCouponByCode(db: Pick<Db, 'select'>, code: string): Coupon | undefined {
  return db
    .select()
    .from(coupons)
    .where(eq(coupons.code, normaliseCouponCode(code)))
    .get()
}

/**
 * Spends one use of a coupon, inside checkout's transaction (through its handle, or through the
 * database whose connection it is open on); false when its uses ran out, so however many buyers
 * race for a coupon limited to 10 uses, at most 10 orders get it. Check couponDiscount in the
 * same transaction first: this guards only the count.
 * @example if (coupon && !useCoupon(tx, coupon.id)) return { ok: false, reason: 'coupon_used_up' }
 */
export function useCoupon(tx: Db | Tx, couponId: number): boolean {
  return (
    tx
      .update(coupons)
      .set({ usedCount: sql`${coupons.usedCount} + 1` })
      .where(
        and(
          eq(coupons.id, couponId),
          or(isNull(coupons.usageLimit), lt(coupons.usedCount, coupons.usageLimit)),
        ),
      )
      .run().changes === 1
  )
}

/** A new coupon as its maker typed it; amounts in minor units, `value` in whole percent for 'percent'. */
export type CouponInput = {
  code: string
  kind: CouponKind
  value: number
  minSpend: number
  maxDiscount: number | null
  /** The first moment it no longer works; null: until retired. */
  expiresAt: Date | null
  usageLimit: number | null
  /** 'market' is the operator's: a code for every store, which the market pays for. */
  scope: 'store' | 'market'
}

export type CreateCouponResult =
  | { ok: true; coupon: Coupon }
  | { ok: false; reason: 'no_store' | 'not_operator' | 'code_taken' | 'already_expired' }

/** Makes a coupon for the creator's store, or (operators only) for the whole market. */
export function createCoupon(
  db: Db,
  clock: Clock,
  creator: SessionMember,
  input: CouponInput,
): CreateCouponResult {
  const now = clock.now()
  if (input.scope === 'market' && creator.role !== 'operator')
    return { ok: false, reason: 'not_operator' }
  const store = input.scope === 'store' ? findStoreOfMember(db, creator.id) : undefined
  if (input.scope === 'store' && !store) return { ok: false, reason: 'no_store' }
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
    return { ok: false, reason: 'already_expired' }
  const code = normaliseCouponCode(input.code)
  // One writer and no await between the look-up and the insert: nobody takes the code in between.
  return db.transaction((tx) => {
    if (findCouponByCode(tx, code)) return { ok: false as const, reason: 'code_taken' as const }
    const coupon = tx
      .insert(coupons)
      .values({
        code,
        storeId: store?.id ?? null,
        kind: input.kind,
        value: input.value,
        minSpend: input.minSpend,
        maxDiscount: input.maxDiscount,
        expiresAt: input.expiresAt,
        usageLimit: input.usageLimit,
        createdBy: creator.id,
        createdAt: now,
      })
      .returning()
      .get()
    return { ok: true as const, coupon }
  })
}

/** The coupons `member` looks after, newest first: their store's, and the market's for operators. */
export function listCoupons(db: Db, member: SessionMember): Coupon[] {
  const reach = couponReach(db, member)
  if (!reach) return []
  return db.select().from(coupons).where(reach).orderBy(desc(coupons.id)).all()
}

export type RetireCouponResult = { ok: true; coupon: Coupon } | { ok: false; reason: 'not_found' }

/**
 * Stops a coupon working from now on; orders already placed with it keep their discount.
 * Retiring twice (a double submit) keeps the first time. Someone else's coupon is not found.
 */
export function retireCoupon(
  db: Db,
  clock: Clock,
  member: SessionMember,
  couponId: number,
): RetireCouponResult {
  const reach = couponReach(db, member)
  if (!reach) return { ok: false, reason: 'not_found' }
  const mine = and(eq(coupons.id, couponId), reach)
  const retired = db
    .update(coupons)
    .set({ retiredAt: clock.now() })
    .where(and(mine, isNull(coupons.retiredAt)))
    .returning()
    .get()
  if (retired) return { ok: true, coupon: retired }
  const coupon = db.select().from(coupons).where(mine).get()
  return coupon ? { ok: true, coupon } : { ok: false, reason: 'not_found' }
}

/** The coupons a member may see and retire, as a condition; undefined when there are none. */
function couponReach(db: Db, member: SessionMember): SQL | undefined {
  const store = findStoreOfMember(db, member.id)
  const own = store ? eq(coupons.storeId, store.id) : undefined
  const market = member.role === 'operator' ? isNull(coupons.storeId) : undefined
  return own && market ? or(own, market) : (own ?? market)
}
