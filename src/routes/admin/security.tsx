import { Hono } from 'hono'
import { z } from 'zod'
import { SecurityPage } from '../../../views/admin/security-page'
import type { MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm } from '../../http/forms'
import { requireMember, requireOperator } from '../../http/session'
import { shell } from '../../http/shell'
import { updateSiteSettings } from '../../models/site'

/** A ticked box sends "on"; an unticked one sends nothing at all. */
const ticked = z
  .literal('on')
  .optional()
  .transform((value) => value === 'on')

const securitySchema = z.object({
  requireTwoFactorForOperators: ticked,
  requireTwoFactorForProviders: ticked,
})

/**
 * /admin/security — whether the market requires two-factor sign-in of its operators and of its
 * providers. Operators only; anyone else gets 404, as for /disputes.
 */
export const adminSecurity = new Hono<MarketEnv>()
  .use(requireMember)
  .use(requireOperator)
  .get('/', (c) => c.html(<SecurityPage shell={shell(c)} site={c.var.site} />))

  .post('/', async (c) => {
    const form = await parseForm(c, securitySchema)
    if (!form.ok) return c.html(<SecurityPage shell={shell(c)} site={c.var.site} />, 422)
    updateSiteSettings(c.var.db, form.data)
    return flashRedirect(c, '/admin/security', 'Sign-in security saved.')
  })
