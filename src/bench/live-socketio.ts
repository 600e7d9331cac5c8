// The Socket.IO side of the live bench: socketio-server.mjs as a child process (so its memory
// is its own, read by the same probe as Souk's), its members' sessions written into its
// database, connections held from the bench process and the same paced chat as Souk's.
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { io, type Socket } from 'socket.io-client'
import { hashToken, randomToken } from '../lib/tokens'
import { heapProbe } from './heap'
import { listeningPort } from './listening-port'
import { ChatRun, type ChatPace, type ChatResult, type SendChat, type Side } from './live-chat'
import type { HeldStreams } from './live-streams'

export type SocketIoServer = { url: string; pid: number; stop: () => Promise<void> }

const OPENING_AT_ONCE = 200
const CONNECT_TIMEOUT_MS = 30_000

export async function startSocketIoServer(
  databasePath: string,
  heapFile: string,
): Promise<SocketIoServer> {
  const probe = heapProbe(heapFile)
  const child = spawn(
    process.execPath,
    [...probe.nodeArgs, 'src/bench/socketio-server.mjs', databasePath],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...probe.env } },
  )
  const exited = once(child, 'exit')
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timeout = sleep(5000, 'timeout' as const, { ref: false })
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL')
      await exited
    }
  }
  const port = await listeningPort(child, 'the Socket.IO server').catch(async (error) => {
    await stop()
    throw error
  })
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, stop }
}

/** Sessions for `count` members numbered from `firstId`; the tokens a client authenticates with. */
export function seedSocketIoSessions(databasePath: string, firstId: number, count: number) {
  const db = new Database(databasePath)
  try {
    const insert = db.prepare('insert into sessions (id, secret_hash, member_id) values (?, ?, ?)')
    return db.transaction(() =>
      Array.from({ length: count }, (_, index) => {
        const id = randomToken()
        const secret = randomToken()
        insert.run(id, hashToken(secret), firstId + index)
        return { id: firstId + index, token: `${id}.${secret}` }
      }),
    )()
  } finally {
    db.close()
  }
}

/** `perMember` connections for each member's token, opened a few hundred at a time. */
export async function holdSocketIoConnections(
  url: string,
  tokens: string[],
  perMember: number,
  signal: AbortSignal,
  onMessage?: (index: number, message: { body: string }) => void,
): Promise<HeldStreams & { sockets: Socket[] }> {
  const targets = tokens.flatMap((token) => Array.from({ length: perMember }, () => token))
  const sockets: Socket[] = []
  const failures: Record<string, number> = {}
  let next = 0
  const started = performance.now()
  const worker = async () => {
    while (next < targets.length && !signal.aborted) {
      const index = next++
      const socket = io(url, {
        transports: ['websocket'],
        auth: { token: targets[index]! },
        forceNew: true,
        reconnection: false,
        timeout: CONNECT_TIMEOUT_MS,
      })
      sockets[index] = socket
      if (onMessage) socket.on('message', (message) => onMessage(index, message))
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('open'))
        socket.once('connect_error', (error) => resolve(error.message))
      })
      if (outcome !== 'open') failures[outcome] = (failures[outcome] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: OPENING_AT_ONCE }, worker))
  return {
    open: sockets.filter((socket) => socket.connected).length,
    failures,
    seconds: (performance.now() - started) / 1000,
    sockets,
    close() {
      for (const socket of sockets) socket.disconnect()
    },
  }
}

/** The same chat as chatOverSouk: pair p is members 2p (side 0) and 2p + 1, one connection each. */
export async function chatOverSocketIo(
  url: string,
  databasePath: string,
  options: { pairs: number; paces: ChatPace[]; signal: AbortSignal },
): Promise<ChatResult[]> {
  // Numbered apart from the held members, whose connections are closed by now anyway.
  const members = seedSocketIoSessions(databasePath, 1_000_000, options.pairs * 2)
  const run = new ChatRun(options.pairs)
  const held = await holdSocketIoConnections(
    url,
    members.map((member) => member.token),
    1,
    options.signal,
    (index, message) => run.seen(index >> 1, (index & 1) as Side, message.body),
  )
  try {
    if (held.open < members.length)
      throw new Error(`only ${held.open} of ${members.length} chat connections opened`)
    const send: SendChat = async (pair, from, body) => {
      const to = members[pair * 2 + (from === 0 ? 1 : 0)]!.id
      const socket = held.sockets[pair * 2 + from]!
      return (await socket.timeout(10_000).emitWithAck('message', { to, body })) === true
    }
    const results: ChatResult[] = []
    for (const [index, pace] of options.paces.entries())
      results.push(await run.drive(pace, { tag: String(index), signal: options.signal, send }))
    return results
  } finally {
    held.close()
  }
}
