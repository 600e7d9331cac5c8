// Recurring work ("every hour, forget expired sessions") behind a small seam in AppDeps: the
// server runs it as durable jobs (worker.ts), tests run it by hand (manualScheduler).

export type Task = () => void | Promise<void>

export type Scheduler = {
  /**
   * Runs `task` every `intervalMs`, first after one interval; a failure is logged and retried.
   * `durable: false` is a plain timer in this process, for work that only flushes memory.
   */
  every(name: string, intervalMs: number, task: Task, options?: { durable?: boolean }): void
  /** Stops every schedule; resolves when the task running now has finished (or was left). */
  stop(): void | Promise<void>
}

/** For tests: nothing runs by itself; `run(name)` runs a task now, as its timer would. */
export function manualScheduler() {
  const tasks = new Map<string, { intervalMs: number; task: Task }>()
  let stopped = false
  return {
    every(name: string, intervalMs: number, task: Task) {
      tasks.set(name, { intervalMs, task })
    },
    stop() {
      stopped = true
    },
    names: () => [...tasks.keys()],
    intervalOf: (name: string) => tasks.get(name)?.intervalMs,
    async run(name: string) {
      const scheduled = tasks.get(name)
      if (!scheduled) throw new Error(`nothing is scheduled as ${name}`)
      if (!stopped) await scheduled.task()
    },
  } satisfies Scheduler & Record<string, unknown>
}
