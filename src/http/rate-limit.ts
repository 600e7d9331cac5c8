import type { MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './env'

type Window = { startedAt: number; count: number }

/**
 * Fixed-window counters per route and client address, kept in memory: losing them on restart is
 * harmless, and they need no table. One store per app, so tests never share counts.
 */
export class RateLimitStore {
  readonly #windows = new Map<string, Window>()

  /** Counts one request; returns the seconds to wait when over the limit, else null. */
  hit(key: string, now: number, limit: number, windowMs: number): number | null {
    let window = this.#windows.get(key)
    if (!window || now - window.startedAt >= windowMs) {
      if (this.#windows.size > 10_000) this.#windows.clear()
      window = { startedAt: now, count: 0 }
      this.#windows.set(key, window)
    }
    window.count += 1
    return window.count > limit ? Math.ceil((window.startedAt + windowMs - now) / 1000) : null
  }
}

/**
 * Limits a route that strangers can hammer (sign-up, setup) per client address.
 * @example signUp.post('/', rateLimit('sign-up', { limit: 10, windowMs: HOUR }), …)
 */
export function rateLimit(
  name: string,
  options: { limit: number; windowMs: number },
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = `${name}:${c.var.address}`
    const now = c.var.clock.now().getTime()
    const retryAfter = c.var.rateLimits.hit(key, now, options.limit, options.windowMs)
    if (retryAfter !== null) {
      c.header('Retry-After', String(retryAfter))
      throw new HTTPException(429, { message: 'rate_limited' })
    }
    return next()
  }
}
