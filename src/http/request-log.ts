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
    log.info(
      { method: c.req.method, path: loggedPath(c.req.path), status: c.res.status, ms },
      'request',
    )
  }
}

/**
 * The path as the log keeps it: a calendar feed's address is its only key, read every hour for
 * months, so the token is left out (whoever reads the logs could otherwise read the bookings).
 * @example loggedPath('/calendar/7uuxmsy2.ics') → '/calendar/[token].ics'
 */
function loggedPath(path: string): string {
  return path.replace(/^\/calendar\/[^/]+\.ics$/, '/calendar/[token].ics')
}
