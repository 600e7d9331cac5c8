// A server-sent events response written straight to Node's response object. Hono's streamSSE
// pipes a web stream through the adapter, which costs about 30 KB for every open stream (measured
// with `npm run bench -- --only live`); every member's open page holds one for minutes, so here the
// stream is Node's own response and this file adds a few fields to it.
import type { ServerResponse } from 'node:http'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { Context } from 'hono'

/**
 * What a reader may leave unread before its stream is ended at once: a phone that stopped reading
 * is not buffered for without end. Its page reconnects and is replayed what it missed. (A slow
 * reader may fall behind by less for a while: the live route ends one that is still more than
 * MAX_UNREAD_BYTES behind a whole heartbeat later.)
 */
export const MAX_BURST_BYTES = 4 * 1024 * 1024
export const MAX_UNREAD_BYTES = 256 * 1024

export type EventStream = {
  /** One event; `data` may hold several lines. */
  send(event: { data?: string; id?: string }): void
  /** A comment line, which pages ignore: a heartbeat, or the first bytes. */
  comment(text: string): void
  end(): void
  readonly ended: boolean
  /** Bytes written and not yet taken by the reader's connection. */
  readonly unread: number
}

/**
 * Answers the request with an event stream: headers now (with those middleware set so far, such
 * as a refreshed session cookie), then whatever is sent. `onEnd` runs once, whoever ends it: the
 * reader leaving, `end()`, or a reader too far behind.
 * @returns the stream and the response the handler returns, or null when the request did not
 *   come through the Node server (there is no socket to hold open)
 */
export function openEventStream(
  c: Context,
  onEnd: () => void,
): { stream: EventStream; response: Response } | null {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing
  if (!outgoing) return null
  const headers: Record<string, string | string[]> = {}
  for (const [name, value] of c.res.headers) {
    const previous = headers[name]
    headers[name] = previous === undefined ? value : [previous, value].flat()
  }
  outgoing.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    // Nothing between here and the phone may hold events back to fill a buffer (nginx reads this).
    'x-accel-buffering': 'no',
  })
  let ended = false
  const end = () => {
    if (ended) return
    ended = true
    if (!outgoing.writableEnded) outgoing.end()
    onEnd()
  }
  outgoing.once('close', end)
  const write = (text: string) => {
    if (ended) return
    outgoing.write(text)
    if (outgoing.writableLength > MAX_BURST_BYTES) end()
  }
  const stream: EventStream = {
    send({ data, id }) {
      let text = id === undefined ? '' : `id: ${id}\n`
      if (data !== undefined) for (const line of data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`
      write(`${text}\n`)
    },
    comment: (text) => write(`: ${text}\n\n`),
    end,
    get ended() {
      return ended
    },
    get unread() {
      return outgoing.writableLength
    },
  }
  return { stream, response: RESPONSE_ALREADY_SENT }
}
