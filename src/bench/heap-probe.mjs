// Preloaded into a server the live bench measures (node --expose-gc --import heap-probe.mjs):
// on SIGUSR2 it collects garbage and writes process.memoryUsage() to BENCH_HEAP_FILE. A signal
// and a file, not an HTTP route or an IPC channel, so the server under test runs its own code
// unchanged; RSS from /proc alone would count garbage not yet collected as memory held.
import { renameSync, writeFileSync } from 'node:fs'

const file = process.env.BENCH_HEAP_FILE
if (file)
  process.on('SIGUSR2', () => {
    // Twice: the first pass can leave objects whose finalizers free more on the second.
    globalThis.gc?.()
    globalThis.gc?.()
    // Written whole then renamed, so the bench never reads half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify(process.memoryUsage()))
    renameSync(`${file}.tmp`, file)
  })
