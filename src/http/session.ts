import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import {
  createSession,
  SESSION_LIFETIME,
  validateSessionToken,
  type SessionMember,
} from '../models/session'
import type { AppEnv, MemberEnv } from './env'
import { seeOther } from './redirects'

/** `__Host-` pins the cookie to our exact host over HTTPS; plain-http local use needs a plain name. */
function cookieName<E extends AppEnv>(c: Context<E>) {
  return c.get('config').secureCookies ? '__Host-souk_session' : 'souk_session'
}

function writeSessionCookie<E extends AppEnv>(c: Context<E>, token: string, expiresAt: Date) {
  setCookie(c, cookieName(c), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('config').secureCookies,
    expires: expiresAt,
  })
}

/** Reads the session cookie into c.var.member / c.var.session, sliding its expiry when due. */
export function sessions(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('member', null)
    c.set('session', null)
    const token = getCookie(c, cookieName(c))
    if (token) {
      const valid = validateSessionToken(c.get('db'), c.get('clock'), token)
      if (valid) {
        c.set('member', valid.member)
        c.set('session', valid.session)
        if (valid.refreshed) writeSessionCookie(c, token, valid.session.expiresAt)
      } else {
        deleteCookie(c, cookieName(c), { path: '/', secure: c.get('config').secureCookies })
      }
    }
    await next()
    // Pages that show who is signed in must never be shared by a cache; other pages are
    // revalidated by ETag, so a phone re-downloads a page only when it changed.
    // A response that must not be stored at all (a download of the member's data) stays so.
    const noStore = c.res.headers.get('Cache-Control') === 'no-store'
    if (c.get('member') && !noStore) c.header('Cache-Control', 'private, no-cache')
    else if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache')
  }
}

/** Starts a fresh session (never reusing one from before sign-in) and sets its cookie. */
export function startSession<E extends AppEnv>(c: Context<E>, member: SessionMember) {
  const { token, session } = createSession(
    c.get('db'),
    c.get('clock'),
    member.id,
    c.req.header('User-Agent') ?? '',
  )
  writeSessionCookie(c, token, new Date(session.createdAt.getTime() + SESSION_LIFETIME))
}

export function endSessionCookie<E extends AppEnv>(c: Context<E>) {
  deleteCookie(c, cookieName(c), { path: '/', secure: c.get('config').secureCookies })
}

/** Sends visitors to sign in first, then back to where they were. */
export const requireMember: MiddlewareHandler<MemberEnv> = async (c, next) => {
  if (c.get('member')) return next()
  const returnTo = c.req.method === 'GET' ? c.req.path + new URL(c.req.url).search : c.req.path
  return seeOther(c, `/sign-in?return_to=${encodeURIComponent(returnTo)}`)
}

/**
 * For the operator's pages: anyone else, signed in or not, gets 404 — the page does not exist
 * for them. Use after requireMember.
 */
export const requireOperator: MiddlewareHandler<MemberEnv> = async (c, next) =>
  c.get('member').role === 'operator' ? next() : c.notFound()
