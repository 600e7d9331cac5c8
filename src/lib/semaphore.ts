/**
 * Lets at most `permits` tasks run at once; the rest wait their turn in arrival order.
 * Used to keep photo encoding from taking every core while pages are being served.
 * @example const encodes = new Semaphore(1); await encodes.run(() => encode(photo))
 */
export class Semaphore {
  readonly #waiting: (() => void)[] = []
  #active = 0

  constructor(readonly permits: number) {
    if (!Number.isInteger(permits) || permits < 1)
      throw new RangeError(`permits must be a positive integer, got ${permits}`)
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active
  }

  /** Tasks queued behind them. */
  get waiting(): number {
    return this.#waiting.length
  }

  /** Runs `task` once a permit is free, and frees it however the task ends. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire()
    try {
      return await task()
    } finally {
      release()
    }
  }

  /** Waits for a permit; call the returned function exactly once to give it back. */
  async acquire(): Promise<() => void> {
    if (this.#active < this.permits) this.#active += 1
    // The releaser hands its permit straight to the next waiter, so #active never drops and
    // a newcomer cannot overtake the queue.
    else await new Promise<void>((resolve) => this.#waiting.push(resolve))
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.#waiting.shift()
      if (next) next()
      else this.#active -= 1
    }
  }
}
