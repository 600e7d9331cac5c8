import type { Context } from 'hono'
import type { MarketEnv } from './env'
import type { MailContext } from '../models/email-verification'

/** What a mail written during this request needs: where the market lives, and its name. */
export function mailContext<E extends MarketEnv>(c: Context<E>): MailContext {
  return { config: c.var.config, marketName: c.var.site.marketName }
}
