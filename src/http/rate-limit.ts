import type { MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './env'

/**
 * A fixed-window limit per client address, kept in memory: losing the counts on restart is
 * harmless, and it needs no table. Use it on routes strangers can hammer (sign-up, setup).
 * @example app.post('/sign-up', rateLimit({ limit: 10, windowMs: HOUR }), …)
 */
export function rateLimit(options: { limit: number; windowMs: number }): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { startedAt: number; count: number }>()
  return async (c, next) => {
    const now = c.var.clock.now().getTime()
    const key = c.var.address
    let window = windows.get(key)
    if (!window || now - window.startedAt >= options.windowMs) {
      if (windows.size > 10_000) windows.clear()
      window = { startedAt: now, count: 0 }
      windows.set(key, window)
    }
    window.count += 1
    if (window.count > options.limit) {
      const retryAfter = Math.ceil((window.startedAt + options.windowMs - now) / 1000)
      c.header('Retry-After', String(retryAfter))
      throw new HTTPException(429, { message: 'rate_limited' })
    }
    return next()
  }
}
