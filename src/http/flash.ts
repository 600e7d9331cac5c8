import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from './env'
import { seeOther } from './redirects'

export type Flash = { kind: 'notice' | 'alert'; message: string }

const COOKIE = 'souk_flash'

/** Moves a flash message set by the previous response into c.var.flash, once. */
export function flashes(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('flash', readFlash(getCookie(c, COOKIE)))
    if (c.get('flash'))
      deleteCookie(c, COOKIE, { path: '/', secure: c.get('config').secureCookies })
    return next()
  }
}

function readFlash(value: string | undefined): Flash | null {
  if (!value) return null
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    if ((parsed.kind === 'notice' || parsed.kind === 'alert') && typeof parsed.message === 'string')
      return { kind: parsed.kind, message: parsed.message.slice(0, 300) }
  } catch {
    // A mangled cookie is simply no message.
  }
  return null
}

/** Redirects (303) and shows `message` on the next page. */
export function flashRedirect<E extends AppEnv>(
  c: Context<E>,
  location: string,
  message: string,
  kind: Flash['kind'] = 'notice',
) {
  const value = Buffer.from(JSON.stringify({ kind, message })).toString('base64url')
  setCookie(c, COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    // Over HTTPS the message must not travel in the clear on a later plain-http request either.
    secure: c.var.config.secureCookies,
    maxAge: 60,
  })
  return seeOther(c, location)
}
