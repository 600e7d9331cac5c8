// Pages as visitors see them, kept until the database changes. A visitor without cookies gets
// the same bytes for the same URL until something is written: rendering them again (queries,
// JSX, compression) is what made a page cost milliseconds. Members, anyone with a flash message,
// forms posted and anything but a complete 200 page always go through the app.
import type { MiddlewareHandler } from 'hono'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import { databaseVersion } from '../models/data-version'
import { preferredEncoding } from './compression'
import type { AppEnv } from './env'
import { ifNoneMatch, replaceResponse } from './etag'
import { wantsFragment } from './htmx'

/** The total size of pages kept; compressed pages are a few KB each. */
const CACHE_BYTES = 4 * 1024 * 1024
/** A safety net for anything time-dependent a page may show one day; the app's clock decides. */
const MAX_AGE_MS = 10_000

type Kept = {
  version: string
  storedAt: number
  status: number
  headers: [string, string][]
  body: Uint8Array<ArrayBuffer>
  bytes: number
}

/**
 * Answers a visitor's GET from memory when the same page (URL, encoding, page or fragment — what
 * pages vary on) was rendered since the database last changed. Goes right after the headers
 * every response gets and before compression, so a hit skips everything else.
 */
export function visitorPageCache(options: { clock: Clock }): MiddlewareHandler<AppEnv> {
  const kept = new Map<string, Kept>()
  let keptBytes = 0
  const forget = (key: string) => {
    const entry = kept.get(key)
    if (!entry) return
    kept.delete(key)
    keptBytes -= entry.bytes
  }

  return async (c, next) => {
    if (c.req.method !== 'GET' || c.req.header('Cookie')) return next()
    const encoding = preferredEncoding(c.req.header('Accept-Encoding')) ?? 'identity'
    const url = c.req.url
    const answer = wantsFragment(c) ? 'fragment' : 'page'
    const key = `${encoding} ${answer} ${url.slice(url.indexOf('/', 8))}`
    const version = versionOrNull(c.get('db'))
    // A database that cannot answer is for the app to report (/readyz says 503).
    if (version === null) return next()
    const now = options.clock.now().getTime()

    const entry = kept.get(key)
    if (entry && entry.version === version && now - entry.storedAt < MAX_AGE_MS) {
      kept.delete(key)
      kept.set(key, entry)
      // c.body() adds what this request's middleware already set (its X-Request-Id).
      const headers = Object.fromEntries(entry.headers)
      const tag = headers['etag']
      if (tag && ifNoneMatch(c.req.header('If-None-Match'), tag)) {
        delete headers['content-length']
        delete headers['content-type']
        return c.body(null, 304, headers)
      }
      return c.body(entry.body, entry.status as 200, headers)
    }
    forget(key)

    await next()
    const response = c.res
    // Only what every visitor would get alike: a complete page, nothing set for this one.
    // The version is read before rendering, so a write meanwhile leaves the entry stale.
    if (
      response.status !== 200 ||
      !response.headers.get('Content-Type')?.startsWith('text/html') ||
      response.headers.has('Set-Cookie') ||
      response.headers.has('Transfer-Encoding') ||
      !response.body
    )
      return
    const body = new Uint8Array(await response.arrayBuffer())
    const headers = [...response.headers].filter(([name]) => name !== 'x-request-id')
    const bytes = body.byteLength + 64 * headers.length
    replaceResponse(c, new Response(body, { status: response.status, headers: response.headers }))
    if (bytes > CACHE_BYTES / 16) return
    kept.set(key, { version, storedAt: now, status: response.status, headers, body, bytes })
    keptBytes += bytes
    for (const oldest of kept.keys()) {
      if (keptBytes <= CACHE_BYTES) break
      forget(oldest)
    }
  }
}

function versionOrNull(db: Db): string | null {
  try {
    return databaseVersion(db)
  } catch {
    return null
  }
}
