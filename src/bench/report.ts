import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { dirname } from 'node:path'
import type { BookingMonthResult } from './booking-month'
import type { CheckoutBenchResult } from './checkout'
import type { BenchEntry } from './entries'
import type { LiveBenchResult } from './live'
import { liveTargets } from './live-report'
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
  { title: 'bare req/s', value: (result) => result.versus?.requestsPerSecond.toFixed(0) ?? '' },
  { title: 'vs bare', value: (result) => (result.versus ? percent(result.versus.ratio) : '') },
]

/** An entry's result with its baseline's: the ratio of req/s, and whether its target holds. */
export function compare(result: EntryResult, entry: BenchEntry, bare: EntryResult): EntryResult {
  const ratio = bare.requestsPerSecond > 0 ? result.requestsPerSecond / bare.requestsPerSecond : 0
  const target = entry.target
  const met = target
    ? ratio >= target.ratio &&
      (target.p99Ms === undefined || result.p99Ms <= target.p99Ms) &&
      result.errors === 0 &&
      result.non2xx === 0
    : undefined
  return {
    ...result,
    versus: {
      baseline: entry.baseline ?? 'same page',
      requestsPerSecond: bare.requestsPerSecond,
      ratio,
      ...(target ? { target, met } : {}),
    },
  }
}

/** One line per target: what was asked, what was measured, met or missed. */
export function formatTargets(results: EntryResult[]): string {
  const lines = results.flatMap(({ entry, p99Ms, versus }) => {
    if (!versus?.target) return []
    const { target } = versus
    const asked = [
      `≥ ${percent(target.ratio)} of bare ${versus.baseline}`,
      ...(target.p99Ms === undefined ? [] : [`p99 ≤ ${target.p99Ms} ms`]),
    ].join(', ')
    const measured = `${percent(versus.ratio)}${target.p99Ms === undefined ? '' : `, p99 ${p99Ms.toFixed(0)} ms`}`
    return [`  ${versus.met ? 'met   ' : 'MISSED'}  ${entry}: ${measured} (target ${asked})`]
  })
  return lines.length > 0 ? `Targets:\n${lines.join('\n')}` : ''
}

export type MemoryResult = { afterStartMb: number; afterPageViewsMb: number }

export function formatMemory(memory: MemoryResult, pageViews: number): string {
  return (
    `Resident memory: ${memory.afterStartMb.toFixed(0)} MB after start, ` +
    `${memory.afterPageViewsMb.toFixed(0)} MB after ${pageViews.toLocaleString('en')} page views ` +
    `(aim ≤ 100 MB)`
  )
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %`
}

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
  run: {
    options: BenchOptions
    memory: MemoryResult | null
    commit: string | null
    checkout?: CheckoutBenchResult | undefined
    bookingMonth?: BookingMonthResult | undefined
    live?: LiveBenchResult | undefined
  },
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
    memory: run.memory,
    entries: results,
    checkout: run.checkout ?? null,
    bookingMonth: run.bookingMonth ?? null,
    live: run.live ? { ...run.live, targets: liveTargets(run.live) } : null,
  }
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`)
}
