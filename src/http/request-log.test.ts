import { Hono } from 'hono'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from './env'
import { requestLog } from './request-log'

/** An app that logs its requests into a list, one parsed line each. */
function loggingApp() {
  const lines: Record<string, unknown>[] = []
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) })
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('logger', logger)
      c.set('requestId', 'test-request')
      return next()
    })
    .use(requestLog())
    .get('*', (c) => c.text('ok'))
  return { app, lines }
}

describe('requestLog', () => {
  it('logs each request with its path', async () => {
    const { app, lines } = loggingApp()
    await app.request('http://souk.test/stores/fatou-hair/agenda?day=2026-11-24')
    expect(lines).toMatchObject([
      { reqId: 'test-request', method: 'GET', path: '/stores/fatou-hair/agenda', status: 200 },
    ])
  })

  it("leaves a calendar feed's token out of the log: the address is the key", async () => {
    const { app, lines } = loggingApp()
    await app.request('http://souk.test/calendar/7uuxmsy2xwzituk5kdnig4kevlzdqna4.ics')
    expect(lines[0]?.path).toBe('/calendar/[token].ics')
    expect(JSON.stringify(lines)).not.toContain('7uuxmsy2')
  })
})
