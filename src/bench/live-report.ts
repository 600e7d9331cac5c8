// The live bench's numbers side by side, and its two targets: met or missed, never a failure
// (a benchmark reports; the lead decides).
import type { HeldResult, LiveBenchResult, LiveSideResult } from './live'
import type { ChatPace } from './live-chat'

/** Souk should need at most this share of Socket.IO's memory per connected member. */
export const MEMORY_SHARE_TARGET = 0.5

type Plan = LiveBenchResult['plan']
type Row = [title: string, value: (side: LiveSideResult, plan: Plan) => string]

const HELD_ROWS: Row[] = [
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
]

/** The rows of the chat at one pace (LIVE_PLAN.chatPaces[index]). */
function chatRows(index: number, { ratePerSecond }: ChatPace): Row[] {
  const at = (side: LiveSideResult) => side.chat[index]!
  const name = `chat ${ratePerSecond}/s`
  return [
    [
      `${name} p50 / p99 / max ms`,
      (side) => [at(side).p50Ms, at(side).p99Ms, at(side).maxMs].map(ms).join(' / '),
    ],
    [
      `${name} delivered / lost / failed`,
      (side) => `${at(side).delivered} / ${at(side).lost} / ${at(side).failed}`,
    ],
    [
      `${name} answered p50 / p99 ms`,
      (side) => `${ms(at(side).answered.p50Ms)} / ${ms(at(side).answered.p99Ms)}`,
    ],
    [`${name} late starts`, (side) => String(at(side).lateStarts)],
  ]
}

export function formatLive(result: LiveBenchResult): string {
  const { plan } = result
  const rows = [
    ['', 'Souk SSE', 'Socket.IO 4'],
    ...[...HELD_ROWS, ...plan.chatPaces.flatMap((pace, index) => chatRows(index, pace))].map(
      ([title, value]) => [title, value(result.souk, plan), value(result.socketIo, plan)],
    ),
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
  const paces = plan.chatPaces
    .map((pace) => `${pace.messages} messages at ${pace.ratePerSecond}/s`)
    .join(', then ')
  return [
    `Live updates (${plan.members} members × ${plan.perMember} connections; chat: ` +
      `${plan.chatPairs} pairs, ${paces}; ` +
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
    p99: result.plan.chatPaces.map((pace, index) => {
      const souk = result.souk.chat[index]!
      const socketIo = result.socketIo.chat[index]!
      return {
        ratePerSecond: pace.ratePerSecond,
        soukMs: souk.p99Ms,
        socketIoMs: socketIo.p99Ms,
        met: souk.p99Ms <= socketIo.p99Ms && souk.lost + souk.failed === 0,
      }
    }),
  }
}

function formatLiveTargets(result: LiveBenchResult): string {
  const { memory, p99 } = liveTargets(result)
  return [
    'Targets:',
    `  ${verdict(memory.met)}  Souk RSS per connected member ≤ ½ Socket.IO's: ` +
      `${kb(memory.soukKb)} KB vs ${kb(memory.socketIoKb)} KB ` +
      `(${((memory.soukKb / memory.socketIoKb) * 100).toFixed(0)} %)`,
    ...p99.map(
      (pace) =>
        `  ${verdict(pace.met)}  Souk chat p99 ≤ Socket.IO's at ${pace.ratePerSecond}/s: ` +
        `${ms(pace.soukMs)} ms vs ${ms(pace.socketIoMs)} ms (and none lost)`,
    ),
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
const ms = (value: number) => value.toFixed(value < 100 ? 1 : 0)
