import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'
import { HTTPException } from 'hono/http-exception'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/**
 * The one write that must come from elsewhere: a mail client's one-click unsubscribe (RFC 8058)
 * posts `List-Unsubscribe=One-Click` to the link in the mail's header, from no page of ours and
 * without a cookie. The member's secret token in the path is what authenticates it, and all it
 * can do is turn one kind of mail off (routes/unsubscribe.tsx).
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[a-z0-9]+\/[a-z_]+$/

/**
 * Refuses cross-site writes. Browsers say where a request comes from in Sec-Fetch-Site (all
 * current ones) or Origin (every POST since 2020); a write that says neither is refused too.
 * Bodies other than forms are refused, because a cross-site fetch can send those without a
 * preflight only as text/plain — and nothing here reads JSON from browsers. A write without a
 * body (htmx's DELETE, whose fields travel in the query string) has no type to check.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    if (c.req.method === 'POST' && ONE_CLICK_UNSUBSCRIBE.test(c.req.path)) return next()
    if (!isSameOrigin(c.req.raw, c.var.config.publicUrl))
      throw new HTTPException(403, { message: 'cross_site_request' })
    const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (type === '' && withoutBody(c.req.raw)) return next()
    if (!FORM_TYPES.includes(type)) throw new HTTPException(415, { message: 'not_a_form' })
    return next()
  }
}

function isSameOrigin(request: Request, publicUrl: string | undefined): boolean {
  const fetchSite = request.headers.get('Sec-Fetch-Site')
  if (fetchSite) return fetchSite === 'same-origin'
  const origin = request.headers.get('Origin')
  if (!origin || origin === 'null') return false
  // Compare hosts, not schemes: behind a TLS-terminating proxy we see http:// while the browser
  // says https://. The request's host comes from the victim browser's Host header, which an
  // attacker's page cannot choose.
  const expectedHost = new URL(publicUrl ?? request.url).host
  try {
    return new URL(origin).host === expectedHost
  } catch {
    return false
  }
}

/** No Content-Length above zero and no chunked body: nothing for anyone to read. */
function withoutBody(request: Request): boolean {
  const length = request.headers.get('Content-Length')
  return !request.headers.has('Transfer-Encoding') && (length === null || length.trim() === '0')
}
