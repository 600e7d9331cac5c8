// ETags for complete HTML pages, and only for them. Hono's etag() hashed every body: it held a
// streamed response until it ended, and answered 304 to a response that set a cookie, so the
// browser never got the cookie (a member's sliding session expiry was lost that way).
import type { Context, MiddlewareHandler } from 'hono'
import { createHash } from 'node:crypto'

/** A complete HTML body read once, with the weak ETag that names its bytes. */
export type CompleteHtml = { bytes: Uint8Array<ArrayBuffer>; tag: string }

/** Bodies already read, so the ETag and compression middleware read each response only once. */
const read = new WeakMap<Response, CompleteHtml>()

/**
 * The body of a complete HTML response, or null for anything else: event streams, downloads,
 * HTML a handler streams (Hono's stream helpers mark it `Transfer-Encoding: chunked`), bodies
 * already encoded, empty ones. Only null answers are free: the rest are read into memory.
 */
export async function readCompleteHtml(response: Response): Promise<CompleteHtml | null> {
  const known = read.get(response)
  if (known) return known
  const headers = response.headers
  if (
    !headers.get('Content-Type')?.startsWith('text/html') ||
    headers.has('Transfer-Encoding') ||
    headers.has('Content-Encoding') ||
    headers.has('Content-Disposition') ||
    response.body === null
  )
    return null
  const bytes = new Uint8Array(await response.arrayBuffer())
  const html = { bytes, tag: `W/"${createHash('sha1').update(bytes).digest('base64url')}"` }
  read.set(response, html)
  return html
}

/** Replaces the response with one carrying the same bytes, remembered as already read. */
export function withCompleteHtml(
  response: Response,
  html: CompleteHtml,
  body: Uint8Array<ArrayBuffer> = html.bytes,
): Response {
  const next = new Response(body, { status: response.status, headers: response.headers })
  read.set(next, html)
  return next
}

/**
 * Sets c.res without Hono merging the old response into the new one (which would turn a body
 * already in memory into a stream and copy stale headers such as Content-Length).
 */
export function replaceResponse(c: Context, response: Response) {
  c.res = undefined as never
  c.res = response
}

/**
 * Tags complete, cookie-free 200 HTML responses to GET with a weak ETag and answers a matching
 * If-None-Match with 304. A response that sets a cookie is never tagged, so never a 304.
 */
export function etags(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const response = c.res
    const method = c.req.method
    if (method !== 'GET' && method !== 'HEAD') return
    if (response.status !== 200 || response.headers.has('Set-Cookie')) return
    const html = await readCompleteHtml(response)
    if (!html) return
    response.headers.set('ETag', html.tag)
    if (!ifNoneMatch(c.req.header('If-None-Match'), html.tag)) {
      replaceResponse(c, withCompleteHtml(response, html))
      return
    }
    const headers = new Headers(response.headers)
    for (const name of ['Content-Type', 'Content-Length']) headers.delete(name)
    replaceResponse(c, new Response(null, { status: 304, headers }))
  }
}

/** If-None-Match compares weakly: `W/"x"` and `"x"` match, and `*` matches any. */
export function ifNoneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false
  const opaque = tag.slice(2)
  return header.split(',').some((candidate) => {
    const value = candidate.trim()
    return value === '*' || value === tag || value === opaque || value.slice(2) === opaque
  })
}
