import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { findSignInChallenge, type SignInChallenge } from '../models/sign-in-challenge'
import type { AppEnv } from './env'

// The cookie of a half-done sign-in (models/sign-in-challenge.ts), set like the session cookie
// (http/session.ts): HttpOnly, SameSite=Lax, and `__Host-` with Secure over HTTPS.
function cookieName<E extends AppEnv>(c: Context<E>) {
  return c.get('config').secureCookies ? '__Host-souk_sign_in' : 'souk_sign_in'
}

/** Sets the half-done sign-in's cookie, to expire with the challenge itself. */
export function writeChallengeCookie<E extends AppEnv>(
  c: Context<E>,
  token: string,
  expiresAt: Date,
) {
  setCookie(c, cookieName(c), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('config').secureCookies,
    expires: expiresAt,
  })
}

/** The challenge this browser's cookie names, if it is genuine and still fresh. */
export function readChallengeCookie<E extends AppEnv>(c: Context<E>): SignInChallenge | null {
  const token = getCookie(c, cookieName(c))
  return token ? findSignInChallenge(c.get('db'), c.get('clock'), token) : null
}

/** Forgets the cookie: after the code was right, or when the challenge was no good. */
export function clearChallengeCookie<E extends AppEnv>(c: Context<E>) {
  deleteCookie(c, cookieName(c), { path: '/', secure: c.get('config').secureCookies })
}
