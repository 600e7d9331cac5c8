// Live updates under load, part of `npm run bench` (`--only live` alone), Souk's SSE beside
// Socket.IO 4 on the same machine in the same run:
//
// - Connections held: 1,250 members × 8 connections (MAX_STREAMS_PER_MEMBER, a member's open
//   tabs) = 10,000, each counted once its first bytes arrived; the server's memory after a full
//   garbage collection before and after (heap.ts), per connection and per member.
// - Chat: 500 pairs (1,000 members, one connection each) send 3,000 messages at 200/s, each timed
//   from its send to the other member's connection receiving it (live-chat.ts).
//
// Each server is a child process of its own, alone on its port, so what it holds is its own;
// the clients all run here. Each server is stopped before the next starts, and whatever happens
// (a failure, Ctrl-C) both are stopped before this returns.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { openDatabase } from '../db'
import { MAX_STREAMS_PER_MEMBER } from '../live/streams'
import { heapProbe, readHeap, type HeapReading } from './heap'
import type { ChatResult } from './live-chat'
import {
  chatOverSocketIo,
  holdSocketIoConnections,
  seedSocketIoSessions,
  startSocketIoServer,
} from './live-socketio'
import { chatOverSouk, holdSoukStreams } from './live-souk'
import type { HeldStreams } from './live-streams'
import { startServer } from './server'

export const LIVE_PLAN = {
  members: 1_250,
  perMember: MAX_STREAMS_PER_MEMBER,
  chatPairs: 500,
  // The pace asked for, then an unhurried one: if the first saturates a server, the second
  // still shows what one message costs in time when nothing queues.
  chatPaces: [
    { messages: 3_000, ratePerSecond: 200 },
    { messages: 1_000, ratePerSecond: 50 },
  ],
}

export type HeldResult = {
  target: number
  open: number
  failures: Record<string, number>
  seconds: number
  before: HeapReading
  after: HeapReading
}
/** `chat`: one result per pace of LIVE_PLAN.chatPaces, in its order. */
export type LiveSideResult = { held: HeldResult; chat: ChatResult[] }
export type LiveBenchResult = {
  plan: typeof LIVE_PLAN
  /** The open-files limit this process and the servers it starts run under. */
  openFilesLimit: number
  souk: LiveSideResult
  socketIo: LiveSideResult
}

/** A moment for closed sockets and the last events' buffers to be let go before a reading. */
const SETTLE_MS = 2000

export async function benchLive(options: {
  root: string
  databasePath: string
  workDir: string
  signal: AbortSignal
  say: (text: string) => void
}): Promise<LiveBenchResult> {
  const { signal, say } = options
  const openFilesLimit = openFiles()
  const needed = LIVE_PLAN.members * LIVE_PLAN.perMember + 500
  if (openFilesLimit < needed)
    say(
      `  warning: ulimit -n is ${openFilesLimit}; ${needed} are needed to hold ` +
        `${LIVE_PLAN.members * LIVE_PLAN.perMember} connections (raise it: ulimit -n ${needed})`,
    )
  const souk = await benchSouk(options)
  signal.throwIfAborted()
  const socketIo = await benchSocketIo(options)
  return { plan: LIVE_PLAN, openFilesLimit, souk, socketIo }
}

async function benchSouk({
  root,
  databasePath,
  workDir,
  signal,
  say,
}: Parameters<typeof benchLive>[0]): Promise<LiveSideResult> {
  const heapFile = join(workDir, 'souk-heap.json')
  const server = await startServer({
    root,
    databasePath,
    uploadsDir: join(workDir, 'uploads'),
    signal,
    ...heapProbe(heapFile),
  })
  const db = openDatabase(databasePath)
  try {
    const plan = LIVE_PLAN
    say(`  holding ${plan.members * plan.perMember} Souk event streams…`)
    const before = await readHeap(server.pid, heapFile)
    const streams = await holdSoukStreams(server, db, { ...plan, signal })
    const held = await measureHeld(streams, before, server.pid, heapFile)
    say(`  chat over Souk's streams (${plan.chatPairs} pairs)…`)
    const chat = await chatOverSouk(server, db, chatOptions(signal))
    return { held, chat }
  } finally {
    db.$client.close()
    await server.stop()
  }
}

async function benchSocketIo({
  workDir,
  signal,
  say,
}: Parameters<typeof benchLive>[0]): Promise<LiveSideResult> {
  const heapFile = join(workDir, 'socketio-heap.json')
  const databasePath = join(workDir, 'socketio.sqlite')
  const server = await startSocketIoServer(databasePath, heapFile)
  try {
    const plan = LIVE_PLAN
    say(`  holding ${plan.members * plan.perMember} Socket.IO connections…`)
    const members = seedSocketIoSessions(databasePath, 1, plan.members)
    const before = await readHeap(server.pid, heapFile)
    const tokens = members.map((member) => member.token)
    const connections = await holdSocketIoConnections(server.url, tokens, plan.perMember, signal)
    const held = await measureHeld(connections, before, server.pid, heapFile)
    say(`  chat over Socket.IO (${plan.chatPairs} pairs)…`)
    const chat = await chatOverSocketIo(server.url, databasePath, chatOptions(signal))
    return { held, chat }
  } finally {
    await server.stop()
  }
}

function chatOptions(signal: AbortSignal) {
  return { pairs: LIVE_PLAN.chatPairs, paces: LIVE_PLAN.chatPaces, signal }
}

/** Reads the server's memory with the connections open, then closes them and lets it settle. */
async function measureHeld(
  held: HeldStreams,
  before: HeapReading,
  pid: number,
  heapFile: string,
): Promise<HeldResult> {
  try {
    await sleep(SETTLE_MS)
    const after = await readHeap(pid, heapFile)
    const { open, failures, seconds } = held
    return {
      target: LIVE_PLAN.members * LIVE_PLAN.perMember,
      open,
      failures,
      seconds,
      before,
      after,
    }
  } finally {
    held.close()
    await sleep(SETTLE_MS)
  }
}

/** This process's soft limit on open files (`ulimit -n`); the servers it starts inherit it. */
function openFiles(): number {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8')
    return Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? Infinity)
  } catch {
    return Infinity
  }
}
