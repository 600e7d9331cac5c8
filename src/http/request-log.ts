import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'

/**
 * One structured log line per request, carrying the request id shown on error pages. Streams
 * are logged when their headers go out: the body is never waited for.
 */
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    const log = c.get('logger').child({ reqId: c.get('requestId') })
    c.set('log', log)
    await next()
    if (!log.isLevelEnabled('info')) return
    const ms = Math.round((performance.now() - started) * 10) / 10
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request')
  }
}
