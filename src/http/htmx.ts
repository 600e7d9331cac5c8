// What htmx asks for. A boosted link or form (`data-hx-boost` on <body>) and a history restore
// want the whole page, which htmx swaps into <body>; any other htmx request wants the fragment
// its element targets. Routes and the page cache both ask here, so they agree on which is which.
import type { Context } from 'hono'

/**
 * True when htmx asked for a fragment rather than a page.
 * @example if (wantsFragment(c)) return c.html(<SearchBody {...view} />)
 */
export function wantsFragment(c: Context): boolean {
  return (
    c.req.header('HX-Request') === 'true' &&
    c.req.header('HX-Boosted') !== 'true' &&
    c.req.header('HX-History-Restore-Request') !== 'true'
  )
}

/** The headers a response chosen by wantsFragment varies on, for caches in between. */
export const FRAGMENT_VARY = 'HX-Request, HX-Boosted, HX-History-Restore-Request'
