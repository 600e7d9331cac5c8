import { Hono } from 'hono'
import type { AppEnv } from '../http/env'
import { migrationsAreApplied } from '../db'

/** For the container's HEALTHCHECK and load balancers: plain text, no session, no setup gate. */
export const health = new Hono<AppEnv>()
  .get('/healthz', (c) => c.text('ok'))

  .get('/readyz', (c) => {
    try {
      c.var.db.$client.prepare('select 1').get()
      if (!migrationsAreApplied(c.var.db)) return c.text('migrations pending', 503)
      return c.text('ready')
    } catch (error) {
      c.var.log.error({ err: error }, 'readiness check failed')
      return c.text('database unavailable', 503)
    }
  })
