// Recurring work ("every hour, forget expired sessions") behind a small seam in AppDeps, so the
// durable jobs table can take it over later without the server or the tasks changing.
import type { Logger } from 'pino'

export type Task = () => void | Promise<void>

export type Scheduler = {
  /** Runs `task` every `intervalMs`, first after one interval; a failure is logged, not thrown. */
  every(name: string, intervalMs: number, task: Task): void
  /** Stops every schedule; tasks already running finish. */
  stop(): void
}

/** Timers in this process, not keeping it alive on their own. */
export function intervalScheduler(logger: Logger): Scheduler {
  const timers = new Set<NodeJS.Timeout>()
  return {
    every(name, intervalMs, task) {
      const timer = setInterval(() => void runLogged(logger, name, task), intervalMs)
      timer.unref()
      timers.add(timer)
    },
    stop() {
      for (const timer of timers) clearInterval(timer)
      timers.clear()
    },
  }
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

async function runLogged(logger: Logger, name: string, task: Task) {
  try {
    await task()
  } catch (error) {
    logger.error({ err: error, task: name }, 'scheduled task failed')
  }
}
