import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'

/** One structured log line per request, carrying the request id shown on error pages. */
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    c.set('log', c.var.logger.child({ reqId: c.var.requestId }))
    await next()
    const ms = Math.round((performance.now() - started) * 10) / 10
    c.var.log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request')
  }
}
