import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { dirname } from 'node:path'
import type { EntryResult } from './measure'
import type { BenchOptions } from './options'

const COLUMNS: { title: string; value: (result: EntryResult) => string }[] = [
  { title: 'entry', value: (result) => result.entry },
  { title: 'req/s', value: (result) => result.requestsPerSecond.toFixed(0) },
  // autocannon records latency in whole milliseconds; decimals would be false precision.
  { title: 'p50 ms', value: (result) => result.p50Ms.toFixed(0) },
  { title: 'p99 ms', value: (result) => result.p99Ms.toFixed(0) },
  { title: 'errors', value: (result) => String(result.errors) },
  { title: 'non-2xx', value: (result) => String(result.non2xx) },
  { title: 'peak RSS MB', value: (result) => result.peakRssMb.toFixed(0) },
]

/** A plain-text table: names left-aligned, numbers right-aligned so digits line up. */
export function formatTable(results: EntryResult[]): string {
  const rows = [
    COLUMNS.map((column) => column.title),
    ...results.map((result) => COLUMNS.map((column) => column.value(result))),
  ]
  const widths = COLUMNS.map((_, index) => Math.max(...rows.map((row) => row[index]!.length)))
  const line = (row: string[]) =>
    row
      .map((cell, index) => (index === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[index]!)))
      .join('  ')
  const [header, ...body] = rows
  return [
    line(header!),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...body.map(line),
  ].join('\n')
}

/** The same numbers as JSON, with what is needed to compare two runs fairly. */
export function writeResults(
  path: string,
  results: EntryResult[],
  run: { options: BenchOptions; commit: string | null },
) {
  const report = {
    finishedAt: new Date().toISOString(),
    commit: run.commit,
    node: process.version,
    // autocannon shares the machine with the server: a busy machine lowers every number.
    cpus: availableParallelism(),
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
    connections: run.options.connections,
    durationSeconds: run.options.duration,
    warmupSeconds: run.options.warmup,
    members: run.options.members,
    entries: results,
  }
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`)
}
