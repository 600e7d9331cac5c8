// Test support: a member's live-updates stream read over real HTTP, as a browser's fetch reads it
// (the SSE extension does not use EventSource), parsed into events.
import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { TestMarket } from './app'

export type StreamEvent = { id?: string; data?: string; comment?: string }

/** Serves the market on a free port, for tests that need a real socket. */
export async function listen(market: TestMarket): Promise<{ url: string; close: () => void }> {
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: market.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    )
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.close()
      if ('closeAllConnections' in server) server.closeAllConnections()
    },
  }
}

export type OpenStream = Awaited<ReturnType<typeof openStream>>

/** Opens /events (or `path`) with the member's cookie; read what arrives with `next`. */
export async function openStream(
  base: string,
  cookie: string,
  options: { path?: string; lastEventId?: string; headers?: Record<string, string> } = {},
) {
  const abort = new AbortController()
  const response = await fetch(`${base}${options.path ?? '/events'}`, {
    headers: {
      Cookie: cookie,
      Accept: 'text/event-stream',
      ...(options.lastEventId ? { 'Last-Event-ID': options.lastEventId } : {}),
      ...options.headers,
    },
    signal: abort.signal,
    redirect: 'manual',
  })
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  const queue: StreamEvent[] = []
  let buffer = ''
  let ended = false
  let lastId: string | undefined
  // A read that lost its race against the clock is still on its way: the next call waits for it,
  // so no chunk is dropped.
  let reading: ReturnType<typeof reader.read> | undefined

  /** Reads until one more event (a comment counts) arrives, or `ms` pass (undefined). */
  const next = async (ms = 2000): Promise<StreamEvent | undefined> => {
    const deadline = Date.now() + ms
    while (queue.length === 0 && !ended) {
      const left = deadline - Date.now()
      if (left <= 0) return undefined
      reading ??= reader.read()
      const chunk = await Promise.race([
        reading,
        new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), left).unref()),
      ])
      if (chunk === 'late') return undefined
      reading = undefined
      if (chunk.done) {
        ended = true
        break
      }
      buffer += decoder.decode(chunk.value, { stream: true })
      let blank = buffer.indexOf('\n\n')
      while (blank >= 0) {
        queue.push(parse(buffer.slice(0, blank)))
        buffer = buffer.slice(blank + 2)
        blank = buffer.indexOf('\n\n')
      }
    }
    const event = queue.shift()
    if (event?.id) lastId = event.id
    return event
  }

  /** Every event (comments left out) until nothing arrives for `quietMs`. */
  const drain = async (quietMs = 300): Promise<StreamEvent[]> => {
    const got: StreamEvent[] = []
    for (let event = await next(quietMs); event; event = await next(quietMs))
      if (event.comment === undefined) got.push(event)
    return got
  }

  return {
    response,
    next,
    drain,
    get lastId() {
      return lastId
    },
    get ended() {
      return ended
    },
    close: () => abort.abort(),
  }
}

function parse(block: string): StreamEvent {
  const event: StreamEvent = {}
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) event.comment = line.slice(1).trim()
    else if (line.startsWith('id:')) event.id = line.slice(3).trim()
    else if (line.startsWith('data:'))
      event.data = (event.data === undefined ? '' : `${event.data}\n`) + line.slice(5).trimStart()
  }
  return event
}
