// The live bench's numbers side by side, and its two targets: met or missed, never a failure
// (a benchmark reports; the lead decides).
import type { HeldResult, LiveBenchResult, LiveSideResult } from './live'

/** Souk should need at most this share of Socket.IO's memory per connected member. */
export const MEMORY_SHARE_TARGET = 0.5

type Plan = LiveBenchResult['plan']
type Row = [title: string, value: (side: LiveSideResult, plan: Plan) => string]

const ROWS: Row[] = [
  ['connections held', ({ held }) => `${held.open} / ${held.target}`],
  ['opened in s', ({ held }) => held.seconds.toFixed(1)],
  ['RSS before → after MB', ({ held }) => `${mb(held.before.rssMb)} → ${mb(held.after.rssMb)}`],
  [
    'heap before → after MB',
    ({ held }) => `${mb(held.before.heapUsedMb)} → ${mb(held.after.heapUsedMb)}`,
  ],
  ['RSS per connection KB', ({ held }) => kb(perConnection(held, 'rssMb'))],
  ['heap per connection KB', ({ held }) => kb(perConnection(held, 'heapUsedMb'))],
  ['RSS per member KB', ({ held }, plan) => kb(perMember(held, plan, 'rssMb'))],
  ['heap per member KB', ({ held }, plan) => kb(perMember(held, plan, 'heapUsedMb'))],
  ['chat p50 ms', ({ chat }) => chat.p50Ms.toFixed(1)],
  ['chat p99 ms', ({ chat }) => chat.p99Ms.toFixed(1)],
  ['chat max ms', ({ chat }) => chat.maxMs.toFixed(1)],
  [
    'chat delivered / lost / failed',
    ({ chat }) => `${chat.delivered} / ${chat.lost} / ${chat.failed}`,
  ],
  [
    'send answered p50 / p99 ms',
    ({ chat }) => `${chat.answered.p50Ms.toFixed(1)} / ${chat.answered.p99Ms.toFixed(1)}`,
  ],
  ['chat late starts', ({ chat }) => String(chat.lateStarts)],
]

export function formatLive(result: LiveBenchResult): string {
  const { plan } = result
  const rows = [
    ['', 'Souk SSE', 'Socket.IO 4'],
    ...ROWS.map(([title, value]) => [
      title,
      value(result.souk, plan),
      value(result.socketIo, plan),
    ]),
  ]
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)))
  const table = rows.map((row) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!),
      )
      .join('  '),
  )
  const failures = [result.souk, result.socketIo].flatMap((side, index) =>
    Object.keys(side.held.failures).length === 0
      ? []
      : [`  ${index === 0 ? 'Souk' : 'Socket.IO'} refused or failed: ${describe(side.held)}`],
  )
  return [
    `Live updates (${plan.members} members × ${plan.perMember} connections; chat: ` +
      `${plan.chatPairs} pairs, ${plan.messages} messages at ${plan.ratePerSecond}/s; ` +
      `ulimit -n ${result.openFilesLimit}; memory read after a full GC):`,
    ...table.map((line) => `  ${line}`),
    ...failures,
    formatLiveTargets(result),
  ].join('\n')
}

/** Whether Souk holds a member for half of Socket.IO's memory or less, and is as quick. */
export function liveTargets(result: LiveBenchResult) {
  const souk = perMember(result.souk.held, result.plan, 'rssMb')
  const socketIo = perMember(result.socketIo.held, result.plan, 'rssMb')
  return {
    memory: { soukKb: souk, socketIoKb: socketIo, met: souk <= socketIo * MEMORY_SHARE_TARGET },
    p99: {
      soukMs: result.souk.chat.p99Ms,
      socketIoMs: result.socketIo.chat.p99Ms,
      met:
        result.souk.chat.p99Ms <= result.socketIo.chat.p99Ms &&
        result.souk.chat.lost + result.souk.chat.failed === 0,
    },
  }
}

function formatLiveTargets(result: LiveBenchResult): string {
  const { memory, p99 } = liveTargets(result)
  return [
    'Targets:',
    `  ${verdict(memory.met)}  Souk RSS per connected member ≤ ½ Socket.IO's: ` +
      `${kb(memory.soukKb)} KB vs ${kb(memory.socketIoKb)} KB ` +
      `(${((memory.soukKb / memory.socketIoKb) * 100).toFixed(0)} %)`,
    `  ${verdict(p99.met)}  Souk chat p99 ≤ Socket.IO's: ${p99.soukMs.toFixed(1)} ms vs ` +
      `${p99.socketIoMs.toFixed(1)} ms`,
  ].join('\n')
}

/** What one more open connection costs the server, in KB. */
function perConnection(held: HeldResult, measure: 'rssMb' | 'heapUsedMb'): number {
  return held.open > 0 ? ((held.after[measure] - held.before[measure]) * 1024) / held.open : 0
}

/** A member is their `perMember` open tabs: what connecting one more member costs. */
function perMember(held: HeldResult, plan: Plan, measure: 'rssMb' | 'heapUsedMb'): number {
  return perConnection(held, measure) * plan.perMember
}

function describe(held: HeldResult): string {
  return Object.entries(held.failures)
    .map(([reason, count]) => `${count} × ${reason}`)
    .join(', ')
}

function verdict(met: boolean) {
  return met ? 'met   ' : 'MISSED'
}

const mb = (value: number) => value.toFixed(0)
const kb = (value: number) => value.toFixed(1)
