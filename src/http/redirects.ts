import type { Context } from 'hono'

/** POST → 303 → GET, so a reload never re-submits a form. */
export function seeOther(c: Context, location: string) {
  return c.redirect(location, 303)
}

/**
 * Where to go after signing in: only paths on this site. Anything else (full URLs,
 * protocol-relative `//evil`, backslash tricks) falls back to the home page.
 */
export function safeReturnPath(value: string | undefined | null, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return fallback
  if (/[\u0000-\u001f\\]/.test(value)) return fallback
  try {
    const base = 'http://souk.invalid'
    const url = new URL(value, base)
    if (url.origin !== base) return fallback
    return url.pathname + url.search + url.hash
  } catch {
    return fallback
  }
}
