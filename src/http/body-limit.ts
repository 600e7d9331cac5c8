import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { matchedRoutes } from 'hono/route'
import type { AppEnv } from './env'

const WITHOUT_BODY = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Handlers that set a larger limit of their own for their route (photo uploads). */
const ownLimits = new WeakSet<MiddlewareHandler<AppEnv>>()

/**
 * Limits every request body to `config.maxFormBytes` before anything reads it: a body that says
 * it is larger (Content-Length) is refused at once; a chunked one is counted as it arrives and
 * refused as soon as it passes the limit. Either way the answer is 413 with the site's error page,
 * and at most the limit is ever held in memory — one 100 MB post must not take a small VPS down.
 * Routes that take photos declare their own larger limit with `withOwnBodyLimit`.
 */
export function formBodyLimit(): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    // A GET has no body; asking for one would build the whole web Request on every page view.
    if (WITHOUT_BODY.has(c.req.method)) return next()
    if (matchedRoutes(c).some((route) => ownLimits.has(route.handler))) return next()
    return bodyLimit({
      maxSize: c.var.config.maxFormBytes,
      onError: () => {
        throw new HTTPException(413, { message: 'body_too_large' })
      },
    })(c, next)
  }
}

/**
 * Marks a body-limiting middleware as its route's own limit, in place of the site-wide one.
 * @example export const uploadBodyLimit = () => withOwnBodyLimit(bodyLimit({ maxSize: 40 * MB }))
 */
export function withOwnBodyLimit(limit: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  ownLimits.add(limit)
  return limit
}
