import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import type { Context } from 'hono'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_BURST_BYTES, openEventStream, type EventStream } from './event-stream'

let server: Server | undefined
let reader: Socket | undefined
afterEach(() => {
  reader?.destroy()
  server?.closeAllConnections()
  server?.close()
})

/** A Node server whose one route opens an event stream; resolves with it once a reader connects. */
async function streamToRawReader(): Promise<{ stream: EventStream; ended: Promise<void> }> {
  let opened: (value: { stream: EventStream; ended: Promise<void> }) => void = () => {}
  const ready = new Promise<{ stream: EventStream; ended: Promise<void> }>((r) => (opened = r))
  server = createServer((_incoming, outgoing) => {
    let onEnd: () => void = () => {}
    const ended = new Promise<void>((resolve) => (onEnd = resolve))
    const context = { env: { outgoing }, res: new Response(null) } as unknown as Context
    const result = openEventStream(context, onEnd)
    if (result) opened({ stream: result.stream, ended })
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  reader = connect(port, '127.0.0.1')
  reader.write('GET / HTTP/1.1\r\nHost: souk.test\r\n\r\n')
  return ready
}

describe('openEventStream', () => {
  it('answers with an unbuffered event stream and writes events line by line', async () => {
    const { stream } = await streamToRawReader()
    const received: Buffer[] = []
    reader?.on('data', (chunk: Buffer) => received.push(chunk))
    stream.comment('live')
    stream.send({ id: '7', data: '<p>one</p>\n<p>two</p>' })
    stream.send({ id: '8' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const text = unchunked(Buffer.concat(received).toString())
    expect(text).toMatch(/^HTTP\/1.1 200/)
    expect(text).toMatch(/content-type: text\/event-stream/i)
    expect(text).toMatch(/x-accel-buffering: no/i)
    expect(text).toContain(': live\n\nid: 7\ndata: <p>one</p>\ndata: <p>two</p>\n\nid: 8\n\n')
  })

  it('ends the stream of a reader who stopped reading once too much waits unread', async () => {
    const { stream, ended } = await streamToRawReader()
    reader?.pause()
    const event = { data: 'x'.repeat(64 * 1024) }
    // The kernel's buffers take the first megabytes; past them what waits is counted here.
    for (let sent = 0; sent < 64 && !stream.ended; sent += 1) {
      stream.send(event)
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(stream.ended).toBe(false)
    expect(stream.unread).toBeGreaterThan(0)
    const more = MAX_BURST_BYTES * 2
    for (let sent = 0; sent < more && !stream.ended; sent += event.data.length) stream.send(event)
    expect(stream.ended).toBe(true)
    await ended
  })

  it('tells its owner once when the reader leaves', async () => {
    const { stream, ended } = await streamToRawReader()
    reader?.destroy()
    await ended
    expect(stream.ended).toBe(true)
    stream.send({ data: 'after the end' })
    stream.end()
  })
})

/** The response with its body's chunk-size lines taken out (Node sends a held stream chunked). */
function unchunked(response: string): string {
  const [head = '', body = ''] = response.split('\r\n\r\n', 2)
  let rest = body
  let text = ''
  for (;;) {
    const lineEnd = rest.indexOf('\r\n')
    if (lineEnd < 0) break
    const size = Number.parseInt(rest.slice(0, lineEnd), 16)
    if (!size) break
    text += rest.slice(lineEnd + 2, lineEnd + 2 + size)
    rest = rest.slice(lineEnd + 2 + size + 2)
  }
  return `${head}\r\n\r\n${text}`
}
