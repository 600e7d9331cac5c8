// Paced chat between pairs of members, whatever carries it (Souk's SSE, or Socket.IO): messages
// leave at a steady rate, taking turns across the pairs and, within a pair, taking turns who
// speaks; each is timed from the moment its send starts to the moment the other member's
// connection receives something carrying its text. A pair sends its next message only once the
// last one arrived (or was given up on), so each recipient has at most one message in flight
// and the first block carrying that message's text is its delivery. A message that had to wait
// for its pair is a late start: the latencies then hide time (coordinated omission), so it is
// counted and printed.

/** 0: the pair's first member, 1: the second. */
export type Side = 0 | 1
/** Sends `body` from `from` to the other side of pair `pair`; false when the send was refused. */
export type SendChat = (pair: number, from: Side, body: string) => Promise<boolean>

export type Latency = { p50Ms: number; p99Ms: number; maxMs: number }
/** How many messages to send, how fast. */
export type ChatPace = { messages: number; ratePerSecond: number }
export type ChatResult = Latency & {
  pairs: number
  messages: number
  delivered: number
  /** Sends the server refused or that failed, and messages not delivered within the timeout. */
  failed: number
  lost: number
  lateStarts: number
  /** How long the sender waited for the server's answer (Souk: the 303; Socket.IO: the ack). */
  answered: Latency
  ratePerSecond: number
  seconds: number
}

type Pending = { body: string; to: Side; arrived: () => void }

const DELIVERY_TIMEOUT_MS = 10_000

export class ChatRun {
  readonly #pending: (Pending | undefined)[]

  constructor(readonly pairs: number) {
    this.#pending = Array.from({ length: pairs })
  }

  /** A connection of `side` in `pair` received `text`: a delivery, if it carries their message. */
  seen(pair: number, side: Side, text: string) {
    const pending = this.#pending[pair]
    if (pending && pending.to === side && text.includes(pending.body)) pending.arrived()
  }

  /** `tag` keeps one drive's texts apart from an earlier one's still on the page. */
  async drive(
    { messages, ratePerSecond }: ChatPace,
    { send, tag, signal }: { send: SendChat; tag: string; signal: AbortSignal },
  ): Promise<ChatResult> {
    const took: number[] = []
    const answered: number[] = []
    let failed = 0
    let lost = 0
    let lateStarts = 0
    const turns: Promise<void>[] = Array.from({ length: this.pairs }, () => Promise.resolve())
    const busy: boolean[] = Array.from({ length: this.pairs }, () => false)
    const started = performance.now()

    const one = async (pair: number, from: Side, body: string) => {
      let arrived: () => void = () => {}
      const delivery = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), DELIVERY_TIMEOUT_MS)
        arrived = () => {
          clearTimeout(timer)
          resolve(true)
        }
      })
      // Expected before it is sent: the event can reach the recipient before the sender's answer.
      this.#pending[pair] = { body, to: from === 0 ? 1 : 0, arrived }
      const sentAt = performance.now()
      const accepted = await send(pair, from, body).catch(() => false)
      answered.push(performance.now() - sentAt)
      const ok = await delivery
      const ms = performance.now() - sentAt
      this.#pending[pair] = undefined
      if (!accepted) failed += 1
      else if (ok) took.push(ms)
      else lost += 1
    }

    for (let index = 0; index < messages && !signal.aborted; index += 1) {
      const due = started + (index * 1000) / ratePerSecond
      const wait = due - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      const pair = index % this.pairs
      const turn = Math.floor(index / this.pairs)
      if (busy[pair]) lateStarts += 1
      busy[pair] = true
      // Brackets keep `[chat 12]` from matching inside `[chat 123]`.
      const body = `[chat ${tag}-${index}]`
      turns[pair] = turns[pair]!.then(async () => {
        await one(pair, (turn % 2) as Side, body)
        busy[pair] = false
      })
    }
    await Promise.all(turns)
    const seconds = (performance.now() - started) / 1000
    return {
      pairs: this.pairs,
      messages,
      delivered: took.length,
      failed,
      lost,
      lateStarts,
      answered: latency(answered),
      ratePerSecond,
      seconds,
      ...latency(took),
    }
  }
}

export function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (share: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]! : 0
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? 0 }
}
