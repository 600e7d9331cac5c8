// Counts listing page views for trending and members' "recently viewed". It goes before the
// visitor page cache: most visitors are answered from memory, and a count taken in the listing
// route would never see them. It only looks at the response once it is made, so a page cache hit
// costs it one string comparison, and counting is an addition in memory (ListingActivity).
//
// What counts as a view of listing N: a GET of its page (/listings/N-slug) answered 200 with the
// page itself — no HTML fragment for htmx (a boosted link is a whole page and counts), no
// prefetch, no obvious bot by user agent (nor a client that sends none). A browser coming back to
// an unchanged page is answered 304 and is not counted again, which keeps one person's reloads
// from making a listing trend. Members' views of a listing's own store are never counted (the
// model checks, once the session says who it is); their other views, 304s included, go on their
// recently viewed list.
import type { MiddlewareHandler } from 'hono'
import type { ListingActivity } from '../models/listing-activity'
import type { AppEnv } from './env'
import { wantsFragment } from './htmx'

const LISTING_PAGE = /^\/listings\/(\d+)(?:-[^/]*)?$/

/**
 * Crawlers, link previews (WhatsApp, Telegram, Facebook), monitors and scripts: none is a
 * neighbour looking at a listing. Matched case-insensitively anywhere in User-Agent; "bot" but not
 * in "Cubot", a brand of cheap phones.
 */
const NOT_A_PERSON =
  /(?<!cu)bot|crawl|spider|slurp|preview|facebookexternalhit|whatsapp|telegram|headless|lighthouse|curl|wget|python|go-http|java\/|okhttp|axios|node-fetch|undici|monitor|uptime/i

/** Records each view of a listing page in `activity`; never changes the response. */
export function countListingViews(activity: ListingActivity): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    if (c.req.method !== 'GET' || !c.req.path.startsWith('/listings/')) return
    const status = c.res.status
    if (status !== 200 && status !== 304) return
    const listing = LISTING_PAGE.exec(c.req.path)
    if (!listing || wantsFragment(c) || isPrefetch(c.req.raw.headers)) return
    const member = c.get('member') ?? null
    const counted = status === 200 && isPerson(c.req.header('User-Agent'))
    if (counted || member) activity.recordView(Number(listing[1]), member, counted)
  }
}

/** A browser's guess at what a person will open next, not a person opening it. */
function isPrefetch(headers: Headers): boolean {
  const purpose = headers.get('Sec-Purpose') ?? headers.get('Purpose')
  return purpose?.includes('prefetch') ?? false
}

export function isPerson(userAgent: string | undefined): boolean {
  return !!userAgent && !NOT_A_PERSON.test(userAgent)
}
