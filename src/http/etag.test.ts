import { streamSSE } from 'hono/streaming'
import { afterEach, describe, expect, it } from 'vitest'
import { DAY } from '../lib/clock'
import { createOpenMarket, sessionCookie, type TestMarket } from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

/** Resolves with what came first: the promise's value, or 'timed out' after `ms`. */
function within<T>(ms: number, promise: T | Promise<T>): Promise<T | 'timed out'> {
  return Promise.race([
    Promise.resolve(promise),
    new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms).unref()),
  ])
}

/** A gate the test opens to let a streaming handler finish. */
function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, opened }
}

async function firstChunk(response: Response) {
  const reader = response.body!.getReader()
  const { value } = await reader.read()
  return { text: new TextDecoder().decode(value), reader }
}

describe('streamed responses', () => {
  it('sends the first event of a stream before the stream ends, untouched', async () => {
    market = await createOpenMarket()
    const end = gate()
    market.app.get('/test/events', (c) =>
      streamSSE(c, async (stream) => {
        await stream.writeSSE({ data: 'first', id: '1' })
        await end.opened
        await stream.writeSSE({ data: 'last', id: '2' })
      }),
    )
    const answered = await within(
      2000,
      market.get('/test/events', { headers: { 'Accept-Encoding': 'br, gzip' } }),
    )
    expect(answered).not.toBe('timed out')
    const response = answered as Response
    expect(response.headers.get('Content-Type')).toBe('text/event-stream')
    expect(response.headers.get('Content-Encoding')).toBeNull()
    expect(response.headers.get('ETag')).toBeNull()
    const { text, reader } = await firstChunk(response)
    expect(text).toContain('data: first')
    end.open()
    let rest = ''
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += new TextDecoder().decode(chunk.value)
    expect(rest).toContain('data: last')
  })

  it('passes a file download through as it is produced', async () => {
    market = await createOpenMarket()
    const end = gate()
    market.app.get('/test/download', () => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('id,title\n'))
          await end.opened
          controller.enqueue(new TextEncoder().encode('1,Leaking tap repair\n'))
          controller.close()
        },
      })
      return new Response(body, {
        headers: {
          'Content-Type': 'text/csv',
          'Content-Disposition': 'attachment; filename="listings.csv"',
        },
      })
    })
    const answered = await within(
      2000,
      market.get('/test/download', { headers: { 'Accept-Encoding': 'gzip' } }),
    )
    expect(answered).not.toBe('timed out')
    const response = answered as Response
    expect(response.headers.get('Content-Encoding')).toBeNull()
    expect(response.headers.get('ETag')).toBeNull()
    const { text } = await firstChunk(response)
    expect(text).toBe('id,title\n')
    end.open()
  })
})

describe('ETags', () => {
  it('answers an unchanged page with 304 and a changed one in full', async () => {
    market = await createOpenMarket()
    const first = await market.get('/sign-in')
    const tag = first.headers.get('ETag')!
    expect(tag).toMatch(/^W\/"[\w-]+"$/)
    const again = await market.get('/sign-in', { headers: { 'If-None-Match': tag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('Vary')).toContain('Accept-Encoding')
    const other = await market.get('/sign-in', { headers: { 'If-None-Match': 'W/"stale"' } })
    expect(other.status).toBe(200)
  })

  it('never answers 304 to a response that sets a cookie: the sliding session reaches the browser', async () => {
    market = await createOpenMarket()
    const cookie = await market.signIn('awa@example.com')
    const first = await market.get('/', { cookie })
    const tag = first.headers.get('ETag')
    expect(tag).toBeTruthy()
    expect(first.headers.getSetCookie()).toEqual([])

    // Past half its life the session is extended, and the new expiry travels in Set-Cookie.
    market.clock.advance(16 * DAY)
    const later = await market.get('/', { cookie, headers: { 'If-None-Match': tag! } })
    expect(later.status).toBe(200)
    expect(sessionCookie(later)).toBe(cookie)
    expect(later.headers.get('ETag')).toBeNull()
  })

  it('compresses the same page to the same bytes, and they decompress to the page', async () => {
    market = await createOpenMarket()
    const plain = await (await market.get('/sign-in')).text()
    const first = await market.get('/sign-in', { headers: { 'Accept-Encoding': 'gzip' } })
    const second = await market.get('/sign-in', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(first.headers.get('Content-Encoding')).toBe('gzip')
    const bytes = new Uint8Array(await first.clone().arrayBuffer())
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(bytes)
    const { gunzipSync } = await import('node:zlib')
    expect(gunzipSync(bytes).toString('utf8')).toBe(plain)
  })
})
