import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PREFIX = 'souk-bench-'

/** A temporary folder for one run's database and uploads, named after this process. */
export function createWorkDir(): string {
  return mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`))
}

export function removeWorkDir(dir: string) {
  rmSync(dir, { recursive: true, force: true })
}

/**
 * On Ctrl-C, tsx SIGKILLs a child that does not answer within 60 ms — easy to miss while
 * autocannon keeps the event loop busy — so a run can die without tidying up. The next run
 * removes folders whose process is gone.
 */
export function removeAbandonedWorkDirs() {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1])
    if (pid && !isRunning(pid)) removeWorkDir(join(tmpdir(), name))
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
