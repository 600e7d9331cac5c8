import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const SAMPLE_EVERY_MS = 100

/**
 * Samples a process's resident memory until stop(); peakMb() gives the highest seen.
 * Peak, not average: a town's small server runs out of memory at its worst moment.
 */
export function watchMemory(pid: number) {
  let peakKb = 0
  const sample = () => {
    peakKb = Math.max(peakKb, residentKb(pid))
  }
  sample()
  const timer = setInterval(sample, SAMPLE_EVERY_MS)
  return {
    stop() {
      clearInterval(timer)
      sample()
    },
    peakMb: () => peakKb / 1024,
  }
}

/** The process's resident memory now, in MB. */
export function residentMb(pid: number): number {
  return residentKb(pid) / 1024
}

/** Linux's /proc is cheap to read every 100 ms; `ps` covers macOS. 0 once the process is gone. */
function residentKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0)
  } catch {
    try {
      return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }))
    } catch {
      return 0
    }
  }
}
