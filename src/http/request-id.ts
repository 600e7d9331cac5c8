import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'

/**
 * What a client's (or proxy's) X-Request-Id must look like to be used: 8 to 64 letters, digits,
 * `-` or `_`. Anything else — markup, control characters, long strings meant to flood the logs —
 * is ignored and our own id used instead, since the id is logged and shown on error pages.
 */
const CLIENT_ID = /^[\w-]{8,64}$/

/** Sets c.var.requestId and the X-Request-Id response header. */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const offered = c.req.header('X-Request-Id')
    const id = offered !== undefined && CLIENT_ID.test(offered) ? offered : crypto.randomUUID()
    c.set('requestId', id)
    c.header('X-Request-Id', id)
    return next()
  }
}
