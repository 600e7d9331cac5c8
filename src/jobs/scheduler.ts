// Background work behind a small seam in AppDeps: recurring work ("every hour, forget expired
// sessions") and handlers for jobs that models enqueue (queue.ts). The server runs both as
// durable jobs (worker.ts); tests run recurring work by hand and queued jobs through a real
// worker that never polls (manualScheduler).
import type { JobHandler } from './worker'

export type Task = () => void | Promise<void>

export type Scheduler = {
  /**
   * Runs `task` every `intervalMs`, first after one interval; a failure is logged and retried.
   * `durable: false` is a plain timer in this process, for work that only flushes memory.
   */
  every(name: string, intervalMs: number, task: Task, options?: { durable?: boolean }): void
  /** Registers what runs jobs of `type` (enqueued with enqueueJob, inside a model's transaction). */
  handle(type: string, handler: JobHandler): void
  /** Stops every schedule; resolves when the task running now has finished (or was left). */
  stop(): void | Promise<void>
}

/**
 * For tests: nothing runs by itself; `run(name)` runs a task now, as its timer would, and
 * `runJobs()` runs the queued jobs that are due through `worker` (a real one, never started).
 */
export function manualScheduler(
  worker?: Pick<Scheduler, 'handle'> & { runDue(): Promise<number> },
) {
  const tasks = new Map<string, { intervalMs: number; task: Task }>()
  let stopped = false
  return {
    every(name: string, intervalMs: number, task: Task) {
      tasks.set(name, { intervalMs, task })
    },
    handle(type: string, handler: JobHandler) {
      worker?.handle(type, handler)
    },
    async runJobs() {
      if (!worker) throw new Error('this scheduler was made without a worker')
      return worker.runDue()
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
