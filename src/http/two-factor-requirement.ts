import type { MiddlewareHandler } from 'hono'
import { unmetTwoFactorRequirement } from '../models/two-factor'
import type { AppEnv } from './env'
import { flashRedirect } from './flash'

/**
 * Where a member who must set up two-factor may still go: to set it up, or to leave — or to stop
 * a kind of mail, which a link's token allows whoever is signed in.
 */
const ALWAYS_OPEN = ['/account/two-factor', '/sign-out', '/events', '/healthz', '/unsubscribe']

/**
 * When the market requires two-factor sign-in of a signed-in member (site settings, see
 * /admin/security) who has not set it up, every page but the ones to set it up answers 303 to
 * /account/two-factor with a message saying why — writes too, so nothing is done meanwhile.
 * Signing in itself still works: they must get in to set it up. Costs nothing while neither
 * requirement is on (the site row is cached).
 */
export function twoFactorRequirement(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const site = c.get('site')
    const member = c.get('member')
    if (!site || !member) return next()
    if (!site.requireTwoFactorForOperators && !site.requireTwoFactorForProviders) return next()
    const path = c.req.path
    if (ALWAYS_OPEN.some((open) => path === open || path.startsWith(`${open}/`))) return next()
    const requirement = unmetTwoFactorRequirement(c.get('db'), site, member)
    if (!requirement) return next()
    return flashRedirect(
      c,
      '/account/two-factor',
      requirementMessage(site.marketName, requirement),
      'alert',
    )
  }
}

/** What the market asks of this member, said where they are sent to meet it. */
export function requirementMessage(marketName: string, requirement: 'operators' | 'providers') {
  const who = requirement === 'operators' ? 'its operators' : 'members with a storefront'
  return `${marketName} requires two-factor sign-in for ${who}. Set it up to carry on.`
}
