import { getConnInfo } from '@hono/node-server/conninfo'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'

/**
 * The client's network address, for throttling. Behind a reverse proxy (TRUST_PROXY=true) the
 * proxy appends the real one to X-Forwarded-For; we take the last hop, which a client cannot forge.
 */
export function clientAddress(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const forwarded = c.get('config').trustProxy ? c.req.header('X-Forwarded-For') : undefined
    c.set('address', forwarded?.split(',').at(-1)?.trim() || socketAddress(c) || 'unknown')
    return next()
  }
}

function socketAddress(c: Parameters<typeof getConnInfo>[0]): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined // app.request() in tests has no socket
  }
}
