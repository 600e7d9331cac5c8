import { existsSync, readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'

/** A server's memory after a full garbage collection, in MB. */
export type HeapReading = { rssMb: number; heapUsedMb: number; externalMb: number }

const PROBE = fileURLToPath(new URL('./heap-probe.mjs', import.meta.url))
const ANSWER_TIMEOUT_MS = 10_000

/** Node flags and environment that let readHeap ask a child server (see heap-probe.mjs). */
export function heapProbe(file: string) {
  return { nodeArgs: ['--expose-gc', '--import', PROBE], env: { BENCH_HEAP_FILE: file } }
}

/** Signals the server and waits for its answer: RSS, heap used and external (buffers), after GC. */
export async function readHeap(pid: number, file: string): Promise<HeapReading> {
  rmSync(file, { force: true })
  process.kill(pid, 'SIGUSR2')
  const deadline = Date.now() + ANSWER_TIMEOUT_MS
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} did not report its memory`)
    await sleep(50)
  }
  const usage = JSON.parse(readFileSync(file, 'utf8')) as NodeJS.MemoryUsage
  const mb = (bytes: number) => bytes / 1024 / 1024
  return {
    rssMb: mb(usage.rss),
    heapUsedMb: mb(usage.heapUsed),
    externalMb: mb(usage.external),
  }
}
