import type { Context } from 'hono'

/** POST → 303 → GET, so a reload never re-submits a form. */
export function seeOther(c: Context, location: string) {
  return c.redirect(location, 303)
}

const LOCAL_BASE = 'http://souk.invalid'

/**
 * Where to go after signing in: only paths on this site. Anything else (full URLs,
 * protocol-relative `//evil`, backslash tricks) falls back to the home page.
 *
 * The check runs on the *normalised* path, because that is what the browser will follow:
 * `/.//evil.example`, `/a/..//evil.example` and `/%2e//evil.example` all normalise to
 * `//evil.example`, which a browser reads as another host.
 */
export function safeReturnPath(value: string | undefined | null, fallback = '/'): string {
  if (!value || !value.startsWith('/')) return fallback
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback
  let url: URL
  try {
    url = new URL(value, LOCAL_BASE)
  } catch {
    return fallback
  }
  const path = url.pathname + url.search + url.hash
  if (url.origin !== LOCAL_BASE || !path.startsWith('/') || path.startsWith('//')) return fallback
  return path
}
