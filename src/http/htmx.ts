import type { Context } from 'hono'

/** True for requests htmx made to swap a fragment (not boosted page loads, which want the page). */
export function wantsFragment(c: Context): boolean {
  c.header('Vary', 'HX-Request', { append: true })
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-Boosted') !== 'true'
}
