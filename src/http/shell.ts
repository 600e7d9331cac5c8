import type { Context } from 'hono'
import type { Shell } from '../../views/layouts/site-layout'
import { cartCount, visitorCartCount } from '../models/cart'
import { ownStoreAtAGlance, type OwnStore } from '../models/order'
import { newestEventId } from '../live/events'
import { unreadMessageCount } from '../models/conversation/unread'
import { unreadNotificationCount } from '../models/notification'
import { readCartCookie } from './cart-cookie'
import type { AppEnv } from './env'
import { safeReturnPath } from './redirects'

/** The frame every page needs, gathered from the request; views stay pure functions of it. */
export function shell<E extends AppEnv>(c: Context<E>, extra: Partial<Shell> = {}): Shell {
  const site = c.get('site')
  const { urls } = c.get('assets')
  return {
    marketName: site?.marketName ?? 'Souk',
    town: site?.town ?? null,
    open: site !== undefined,
    locale: site?.locale ?? 'en',
    member: c.get('member') ?? null,
    flash: c.get('flash') ?? null,
    assets: {
      css: urls['app.css'],
      js: urls['app.js'],
      htmx: urls['htmx.js'],
      live: urls['htmx-live.js'],
    },
    returnTo: returnHere(c),
    ...extra,
    cartCount: extra.cartCount ?? countCart(c),
    ownStore: extra.ownStore !== undefined ? extra.ownStore : readOwnStore(c),
    unread: extra.unread ?? readUnread(c),
    live: extra.live !== undefined ? extra.live : liveFrom(c, ''),
  }
}

/**
 * Where a member's page listens from (see Shell.live): routes name their page with
 * `shell(c, { live: liveFrom(c, 'sales') })`.
 */
export function liveFrom<E extends AppEnv>(c: Context<E>, page: string): Shell['live'] {
  if (!c.get('member')) return null
  try {
    return { after: newestEventId(c.get('db')), page }
  } catch {
    return null
  }
}

/** The header's Messages and bell counts: two indexed counts, for members only. */
function readUnread<E extends AppEnv>(c: Context<E>): Shell['unread'] {
  const member = c.get('member')
  if (!member) return { messages: 0, notifications: 0 }
  try {
    const db = c.get('db')
    return {
      messages: unreadMessageCount(db, member.id),
      notifications: unreadNotificationCount(db, member.id),
    }
  } catch {
    return { messages: 0, notifications: 0 }
  }
}

/** The member's store and its new orders, for "My store" and "Sales (2 new)"; null without one. */
function readOwnStore<E extends AppEnv>(c: Context<E>): OwnStore | null {
  const member = c.get('member')
  if (!member) return null
  try {
    return ownStoreAtAGlance(c.get('db'), member.id)
  } catch {
    return null
  }
}

/**
 * The header's count: one indexed query for a member, the cookie alone for a visitor (none for
 * most visitors, who have no cart). An error page must show even when the database is what
 * failed, so a count that cannot be read is none.
 */
function countCart<E extends AppEnv>(c: Context<E>): number {
  const member = c.get('member')
  if (!member) return visitorCartCount(readCartCookie(c))
  try {
    return cartCount(c.get('db'), member.id)
  } catch {
    return 0
  }
}

/** This page, to come back to after signing in; a form's answer has no page to come back to. */
function returnHere(c: Context): string {
  if (c.req.method !== 'GET') return '/'
  const url = new URL(c.req.url)
  return safeReturnPath(url.pathname + url.search)
}
