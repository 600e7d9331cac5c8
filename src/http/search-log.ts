// Counts searches for the operator's search log (src/models/search-log.ts). The search routes say
// what they searched in a response header (URI-encoded: a header is Latin-1); this middleware, which runs before the visitor page
// cache, takes the header off every answer — a cached one too, as the header was kept with it —
// and counts it. The browser never sees the header.
import type { Context, MiddlewareHandler } from 'hono'
import type { LoggedSearch, SearchLog } from '../models/search-log'
import type { AppEnv } from './env'

const HEADER = 'Souk-Logged-Search'

/** Records each search a route marked with markSearch(). */
export function logSearches(log: SearchLog): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    const marked = c.res.headers.get(HEADER)
    if (marked === null) return
    c.res.headers.delete(HEADER)
    if (c.res.status === 200) log.record(JSON.parse(decodeURIComponent(marked)) as LoggedSearch)
  }
}

/** Marks this answer as a search to log (see logSearches). */
export function markSearch(c: Context, search: LoggedSearch) {
  c.header(HEADER, encodeURIComponent(JSON.stringify(search)))
}
