import type { Context } from 'hono'
import type { AppEnv } from './env'

/**
 * The absolute address of a path of the market, as people reach it: PUBLIC_URL when the operator
 * set it (behind a proxy the request says http://localhost), otherwise where this request came.
 * For addresses that leave the page: a calendar app's feed, an event's link back to its order.
 * @example publicUrl(c, '/orders/ABC123') → 'https://market.example/orders/ABC123'
 */
export function publicUrl<E extends AppEnv>(c: Context<E>, path: string): string {
  const base = c.var.config.publicUrl ?? new URL(c.req.url).origin
  return `${base.replace(/\/$/, '')}${path}`
}
