import { Hono } from 'hono'
import type { Logger } from 'pino'
import { migrationsAreApplied, type Db } from '../db'

/**
 * For the container's HEALTHCHECK and load balancers: plain text, mounted before every
 * middleware — no request id, page headers, session, setup gate or log line per probe, since
 * probes come every few seconds. A failing readiness check logs its own error.
 */
export function health({ db, logger }: { db: Db; logger: Logger }) {
  return new Hono()
    .get('/healthz', (c) => c.text('ok'))

    .get('/readyz', (c) => {
      try {
        db.$client.prepare('select 1').get()
        if (!migrationsAreApplied(db)) return c.text('migrations pending', 503)
        return c.text('ready')
      } catch (error) {
        logger.error({ err: error }, 'readiness check failed')
        return c.text('database unavailable', 503)
      }
    })
}
