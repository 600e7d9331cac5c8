import { streamSSE } from 'hono/streaming'
import { afterEach, describe, expect, it } from 'vitest'
import { createOpenMarket, type TestMarket } from '../test/app'
import type { AppEnv } from './env'

let market: TestMarket
afterEach(() => market.cleanup())

describe('shutdown', () => {
  it('ends a long-lived stream when the shutdown signal fires', async () => {
    market = await createOpenMarket()
    market.app.get('/test/forever', (c) =>
      streamSSE(c, async (stream) => {
        const signal = (c.var as AppEnv['Variables']).signal
        await stream.writeSSE({ data: 'hello' })
        // A live-updates stream would wait for events here until its client leaves.
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()))
        await stream.writeSSE({ event: 'bye', data: 'server restarting' })
      }),
    )
    const response = await market.get('/test/forever')
    const reader = response.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('hello')

    market.shutDown()
    let rest = ''
    const ended = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        rest += new TextDecoder().decode(chunk.value)
      return 'ended'
    })()
    const timeout = new Promise((resolve) => setTimeout(() => resolve('still open'), 2000).unref())
    expect(await Promise.race([ended, timeout])).toBe('ended')
    expect(rest).toContain('event: bye')
  })
})
