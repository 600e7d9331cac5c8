// The event streams open in this process: how many each member holds (capped, so one member
// cannot hold hundreds of connections open), and which pages they are on — a message is not a
// notification for someone reading that very conversation. A page is named as its stream asks:
// `conversation:K7M2PQ9XRT`, `order:AB12CD`, `orders`, `sales`, `conversations`, `notifications`, or ''.

/** Open tabs per member; a member past it is asked to retry later (429). */
export const MAX_STREAMS_PER_MEMBER = 8

export type StreamTicket = { memberId: number; page: string; close: () => void }

export class LiveStreams {
  readonly #open = new Map<number, StreamTicket[]>()
  #total = 0

  constructor(readonly maxPerMember = MAX_STREAMS_PER_MEMBER) {}

  /** Counts a new stream in, or refuses it (null) when the member already holds the most. */
  open(memberId: number, page: string): StreamTicket | null {
    const held = this.#open.get(memberId) ?? []
    if (held.length >= this.maxPerMember) return null
    let closed = false
    const ticket: StreamTicket = {
      memberId,
      page,
      close: () => {
        if (closed) return
        closed = true
        this.#total -= 1
        const rest = (this.#open.get(memberId) ?? []).filter((other) => other !== ticket)
        if (rest.length === 0) this.#open.delete(memberId)
        else this.#open.set(memberId, rest)
      },
    }
    this.#open.set(memberId, [...held, ticket])
    this.#total += 1
    return ticket
  }

  /** Whether one of the member's open pages is `page` (they are looking at it right now). */
  isWatching(memberId: number, page: string): boolean {
    return (this.#open.get(memberId) ?? []).some((ticket) => ticket.page === page)
  }

  /** Streams open now, all members together. */
  get size(): number {
    return this.#total
  }
}
