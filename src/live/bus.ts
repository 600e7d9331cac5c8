// Telling people that something they are part of changed: an order moved on, a message arrived.
// Models publish only after their transaction committed (never what might still roll back), to
// the topics of the members involved (`member:<id>`). This bus lives in the one process; the
// interface is all the rest of the code sees, so another engine (NATS, Postgres LISTEN/NOTIFY)
// could carry the same events past one machine (ARCHITECTURE.md "Beyond one machine"). What is
// worth replaying is kept in the `events` table first (events.ts); the bus itself stores nothing.

/**
 * What happened, named from the marketplace's side (`order.changed`, `message.sent`), with what
 * a page needs to find its subject again. `id` is the kept event's row (events.ts); passing
 * things (someone typing) have none and are never replayed.
 */
export type BusEvent = { type: string; id?: number; data: EventData }
export type EventData = Record<string, string | number | boolean | null>
export type BusListener = (event: BusEvent, topic: string) => void

export interface Bus {
  /** Hands the event to everyone subscribed to the topic now; a listener's error stays its own. */
  publish(topic: string, event: BusEvent): void
  /** @returns the way to stop listening (call it when the stream ends). */
  subscribe(topic: string, listener: BusListener): () => void
}

/** The topic a member's open pages listen to. */
export function memberTopic(memberId: number): string {
  return `member:${memberId}`
}

/**
 * The topic a storefront's open slot grids listen to: anyone looking at one of its bookable
 * services, whoever they are, hears that a time was taken (nothing private: the grid shows it).
 */
export function storeSlotsTopic(storeId: number): string {
  return `store-slots:${storeId}`
}

/** An in-process bus: a set of listeners per topic. */
export function localBus(onListenerError: (error: unknown) => void = () => {}): Bus {
  const listeners = new Map<string, Set<BusListener>>()
  return {
    publish(topic, event) {
      for (const listener of listeners.get(topic) ?? []) {
        try {
          listener(event, topic)
        } catch (error) {
          onListenerError(error)
        }
      }
    },
    subscribe(topic, listener) {
      const set = listeners.get(topic) ?? new Set()
      set.add(listener)
      listeners.set(topic, set)
      return () => {
        set.delete(listener)
        if (set.size === 0 && listeners.get(topic) === set) listeners.delete(topic)
      }
    },
  }
}

/** A bus that keeps what was published, for tests to read. */
export function recordingBus(): Bus & { published: { topic: string; event: BusEvent }[] } {
  const inner = localBus((error) => {
    throw error
  })
  const published: { topic: string; event: BusEvent }[] = []
  return {
    published,
    publish(topic, event) {
      published.push({ topic, event })
      inner.publish(topic, event)
    },
    subscribe: inner.subscribe,
  }
}
