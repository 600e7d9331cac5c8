// GET /events — a member's live updates, one stream per open page (ARCHITECTURE.md "Live
// updates", STYLE.md §11). The page says where it starts from: `after` (the newest event when it
// was rendered) or, reconnecting, `Last-Event-ID` (the last it got). What it missed is replayed
// from the events table first, then events are passed on as they are published, each rendered
// for this member and page (src/live/fragments.tsx) with its row id as the SSE id. Events
// published while the replay is read are held and sent after it, each once.
//
// Bounded every way: a member holds at most MAX_STREAMS_PER_MEMBER streams (more: 429); a
// stream ends after STREAM_LIFETIME_MS, and at shutdown, and the page reconnects (so a signed-out
// session or a new deploy is noticed); a comment every HEARTBEAT_MS keeps proxies from closing a
// quiet stream. Nothing here is compressed or buffered (compression and ETags pass streams by;
// `X-Accel-Buffering: no` asks nginx the same), so each event leaves when it happens.
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { LiveNotice } from '../../views/layouts/live-notice'
import type { MarketEnv } from '../http/env'
import { requireMember } from '../http/session'
import { memberTopic, type BusEvent } from '../live/bus'
import { missedEvents, newestEventId } from '../live/events'
import type { Viewer } from '../live/fragment'
import { renderEvent } from '../live/fragments'

export const HEARTBEAT_MS = 25_000
export const STREAM_LIFETIME_MS = 5 * 60_000

/** Page names as src/live/streams.ts lists them; anything else listens as no page in particular. */
const PAGE_NAME =
  /^(?:(?:order|conversation):[A-Za-z0-9]{1,32}|orders|sales|conversations|notifications)$/

export function liveEvents(timing = { heartbeatMs: HEARTBEAT_MS, lifetimeMs: STREAM_LIFETIME_MS }) {
  return new Hono<MarketEnv>().get('/', requireMember, (c) => {
    const member = c.var.member
    const requested = c.req.query('page') ?? ''
    const page = PAGE_NAME.test(requested) ? requested : ''
    const ticket = c.var.streams.open(member.id, page)
    if (!ticket) {
      c.header('Retry-After', '60')
      return c.text('Too many pages are open with live updates; close some and try again.', 429)
    }
    c.header('X-Accel-Buffering', 'no')
    c.header('Cache-Control', 'no-store')
    const viewer: Viewer = { db: c.var.db, clock: c.var.clock, site: c.var.site, member, page }
    const resumeFrom = eventIdFrom(c.req.header('Last-Event-ID') ?? c.req.query('after'))
    return streamSSE(c, async (stream) => {
      const held: BusEvent[] = []
      let wake: () => void = () => {}
      const stopListening = c.var.bus.subscribe(memberTopic(member.id), (event) => {
        held.push(event)
        wake()
      })
      let ended = false
      const end = () => {
        ended = true
        wake()
      }
      const lifetime = setTimeout(end, timing.lifetimeMs)
      c.var.signal.addEventListener('abort', end)
      stream.onAbort(end)
      const send = async (event: BusEvent) => {
        let html = ''
        try {
          html = await renderEvent(viewer, event)
        } catch (error) {
          c.var.log.error({ err: error, type: event.type }, 'an event could not be rendered')
        }
        const id = event.id === undefined ? undefined : String(event.id)
        if (html) await stream.writeSSE({ id, data: html })
        else if (id) await stream.write(`id: ${id}\n\n`)
      }
      try {
        // The first bytes at once: the page knows it is connected, proxies that the stream is on.
        await stream.write(': live\n\n')
        const replayed = new Set<number>()
        if (resumeFrom !== null) {
          const replay = missedEvents(c.var.db, member.id, resumeFrom)
          if (replay.ok)
            for (const event of replay.events) {
              replayed.add(event.id)
              await send({ type: event.type, id: event.id, data: event.data })
            }
          else
            await stream.writeSSE({
              id: String(newestEventId(c.var.db)),
              data: String(await (<LiveNotice outOfBand />).toString()),
            })
        }
        while (!ended) {
          for (let event = held.shift(); event; event = held.shift())
            if (event.id === undefined || !replayed.has(event.id)) await send(event)
          if (ended) break
          const beat = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(true), timing.heartbeatMs)
            wake = () => {
              clearTimeout(timer)
              resolve(false)
            }
          })
          wake = () => {}
          if (beat && !ended) await stream.write(': \n\n')
        }
      } finally {
        clearTimeout(lifetime)
        c.var.signal.removeEventListener('abort', end)
        stopListening()
        ticket.close()
      }
    })
  })
}

/** A resume point as the page gave it, or null when it gave none that can be one. */
function eventIdFrom(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return null
  return Number(value.trim())
}
