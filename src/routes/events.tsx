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
// quiet stream. Nothing here is compressed or buffered (the stream is written to Node's response
// itself, src/http/event-stream.ts; `X-Accel-Buffering: no` asks nginx the same), so each event
// leaves when it happens.
//
// Thousands of phones each hold a stream for minutes, so a stream holds little: one timer beats
// and ages all of them (not two timers each), one listener hears shutdown for all of them, and
// what it keeps between events is its queue and the page it renders for.
import { Hono } from 'hono'
import type { Logger } from 'pino'
import { LiveNotice } from '../../views/layouts/live-notice'
import type { MarketEnv } from '../http/env'
import { MAX_UNREAD_BYTES, openEventStream, type EventStream } from '../http/event-stream'
import { requireMember } from '../http/session'
import { memberTopic, storeSlotsTopic, type Bus, type BusEvent } from '../live/bus'
import { findVisibleListing } from '../models/listing'
import { missedEvents, newestEventId } from '../live/events'
import type { Viewer } from '../live/fragment'
import { renderEvent } from '../live/fragments'

export const HEARTBEAT_MS = 25_000
export const STREAM_LIFETIME_MS = 5 * 60_000

/** Page names as src/live/streams.ts lists them; anything else listens as no page in particular. */
const PAGE_NAME =
  /^(?:(?:order|conversation|request):[A-Za-z0-9]{1,32}|listing:\d{1,12}|orders|sales|conversations|notifications)$/

export function liveEvents(timing = { heartbeatMs: HEARTBEAT_MS, lifetimeMs: STREAM_LIFETIME_MS }) {
  const keeper = new StreamKeeper(timing)
  return new Hono<MarketEnv>().get('/', requireMember, (c) => {
    const member = c.var.member
    const requested = c.req.query('page') ?? ''
    const page = PAGE_NAME.test(requested) ? requested : ''
    const ticket = c.var.streams.open(member.id, page)
    if (!ticket) {
      c.header('Retry-After', '60')
      return c.text('Too many pages are open with live updates; close some and try again.', 429)
    }
    const { db, bus, log, signal } = c.var
    const viewer: Viewer = { db, clock: c.var.clock, site: c.var.site, member, page }
    const resumeFrom = eventIdFrom(c.req.header('Last-Event-ID') ?? c.req.query('after'))
    let live: MemberStream | undefined
    const opened = openEventStream(c, () => {
      if (live) keeper.forget(live)
      ticket.close()
    })
    if (!opened) {
      ticket.close()
      return c.text('Live updates are served by the Node server only.', 501)
    }
    live = new MemberStream(opened.stream, viewer, log)
    keeper.keep(live, signal)
    const stream = live
    stream.start(bus, resumeFrom).catch((error: unknown) => {
      log.error({ err: error }, 'a live stream could not start')
      stream.stop()
    })
    return opened.response
  })
}

/** The store whose slot grid the viewer's page shows, when it is a listing's page. */
function storeOfListingPage(viewer: Viewer): number | undefined {
  const id = /^listing:(\d+)$/.exec(viewer.page)?.[1]
  if (!id) return undefined
  const listing = findVisibleListing(viewer.db, viewer.member, Number(id))
  return listing?.booking ? listing.storeId : undefined
}

/** One member's page listening: what was missed first, then each event as it is published. */
class MemberStream {
  readonly openedAt = Date.now()
  readonly #queue: BusEvent[] = []
  /** Events replayed from the table, so that a copy published meanwhile is not sent twice. */
  #replayed: Set<number> | null = null
  #ready = false
  #draining = false
  #stopListening: () => void = () => {}

  constructor(
    readonly stream: EventStream,
    readonly viewer: Viewer,
    readonly log: Logger,
  ) {}

  async start(bus: Bus, resumeFrom: number | null) {
    // Listening starts before the replay is read, so nothing published in between is lost.
    const hear = (event: BusEvent) => {
      this.#queue.push(event)
      if (this.#ready) void this.#drain()
    }
    const stops = [bus.subscribe(memberTopic(this.viewer.member.id), hear)]
    // A bookable service's page also hears its store's times being taken, whoever took them.
    const storeId = storeOfListingPage(this.viewer)
    if (storeId !== undefined) stops.push(bus.subscribe(storeSlotsTopic(storeId), hear))
    this.#stopListening = () => stops.forEach((stop) => stop())
    // The first bytes at once: the page knows it is connected, proxies that the stream is on.
    this.stream.comment('live')
    if (resumeFrom !== null) {
      const replay = missedEvents(this.viewer.db, this.viewer.member.id, resumeFrom)
      if (replay.ok) {
        this.#replayed = new Set(replay.events.map((event) => event.id))
        for (const event of replay.events)
          await this.#send({ type: event.type, id: event.id, data: event.data })
      } else {
        this.stream.send({
          id: String(newestEventId(this.viewer.db)),
          data: String(await (<LiveNotice outOfBand />).toString()),
        })
      }
    }
    this.#ready = true
    await this.#drain()
    this.#replayed = null
  }

  stop() {
    this.#stopListening()
    this.stream.end()
  }

  async #drain() {
    if (this.#draining) return
    this.#draining = true
    try {
      for (let event = this.#queue.shift(); event; event = this.#queue.shift()) {
        if (this.stream.ended) break
        if (event.id !== undefined && this.#replayed?.has(event.id)) continue
        await this.#send(event)
      }
    } finally {
      this.#draining = false
    }
  }

  async #send(event: BusEvent) {
    let html = ''
    try {
      html = await renderEvent(this.viewer, event)
    } catch (error) {
      this.log.error({ err: error, type: event.type }, 'an event could not be rendered')
    }
    const id = event.id === undefined ? undefined : String(event.id)
    // Nothing to show here still moves the page's place in the stream on.
    if (html) this.stream.send({ id, data: html })
    else if (id) this.stream.send({ id })
  }
}

/**
 * The streams of one mount: one timer beats them and ends those past their lifetime or too far
 * behind. Spread out, so ten thousand phones are not all written to in the same moment: the
 * heartbeat period is cut into slices of about a second, and each stream is beaten in its own.
 * Lifetimes are shortened by up to a fifth at random, so that pages that all connected at once
 * (after a restart) do not all reconnect at once five minutes later.
 */
class StreamKeeper {
  readonly #open = new Map<MemberStream, { slice: number; endsAt: number }>()
  readonly #slices: number
  #tick = 0
  #placed = 0
  #timer: NodeJS.Timeout | undefined
  #signal: AbortSignal | undefined

  constructor(readonly timing: { heartbeatMs: number; lifetimeMs: number }) {
    this.#slices = Math.max(1, Math.min(25, Math.floor(timing.heartbeatMs / 1000)))
  }

  keep(stream: MemberStream, signal: AbortSignal) {
    if (signal.aborted) return stream.stop()
    if (this.#signal !== signal) {
      this.#signal = signal
      signal.addEventListener('abort', () => this.#stopAll(), { once: true })
    }
    if (stream.stream.ended) return
    const lifetime = this.timing.lifetimeMs * (1 - Math.random() * 0.2)
    this.#placed = (this.#placed + 1) % this.#slices
    this.#open.set(stream, { slice: this.#placed, endsAt: stream.openedAt + lifetime })
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#beat(), this.timing.heartbeatMs / this.#slices)
      this.#timer.unref()
    }
  }

  forget(stream: MemberStream) {
    stream.stop()
    this.#open.delete(stream)
    if (this.#open.size === 0 && this.#timer) {
      clearInterval(this.#timer)
      this.#timer = undefined
    }
  }

  /** Each slice's turn: a beat for its streams, the end for those too old or too far behind. */
  #beat() {
    this.#tick = (this.#tick + 1) % this.#slices
    const now = Date.now()
    for (const [stream, { slice, endsAt }] of this.#open) {
      if (slice !== this.#tick) continue
      if (now >= endsAt || stream.stream.unread > MAX_UNREAD_BYTES) stream.stop()
      else stream.stream.comment('')
    }
  }

  #stopAll() {
    for (const stream of this.#open.keys()) stream.stop()
  }
}

/** A resume point as the page gave it, or null when it gave none that can be one. */
function eventIdFrom(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return null
  return Number(value.trim())
}
