import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export type RunningServer = {
  url: string
  pid: number
  /** The last lines the server printed: at LOG_LEVEL=warn, only what deserves a look. */
  output: () => string[]
  stop: () => Promise<void>
}

const READY_TIMEOUT_MS = 20_000
/** Longer than the server's own 10 s shutdown grace, so a slow drain is not cut short. */
const STOP_TIMEOUT_MS = 12_000
const OUTPUT_LINES_KEPT = 40

/**
 * Starts the real production bundle (not tsx, not app.request) so the numbers include the
 * node-server adapter, compression and pino exactly as a town would run them.
 */
export async function startServer(options: {
  root: string
  databasePath: string
  uploadsDir: string
  signal: AbortSignal
  /** Extra node flags and environment, e.g. the live bench's memory probe (heap.ts). */
  nodeArgs?: string[]
  env?: Record<string, string>
}): Promise<RunningServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '.build/server.js'], {
    cwd: options.root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATABASE_PATH: options.databasePath,
      UPLOADS_DIR: options.uploadsDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk: Buffer) => {
      output.push(...chunk.toString().trimEnd().split('\n'))
      output.splice(0, output.length - OUTPUT_LINES_KEPT)
    })
  const exited = once(child, 'exit')

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    // Unref'd: once the server is gone, this timer must not keep the bench alive.
    const timeout = sleep(STOP_TIMEOUT_MS, 'timeout' as const, { ref: false })
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL')
      await exited
    }
  }

  try {
    await waitUntilReady(
      url,
      options.signal,
      () => child.exitCode !== null || child.signalCode !== null,
    )
  } catch (error) {
    await stop()
    if (options.signal.aborted) throw error
    throw new Error(`${(error as Error).message}\nserver output:\n${output.join('\n')}`)
  }
  return { url, pid: child.pid!, output: () => [...output], stop }
}

/** Asks the OS for a free port; the tiny gap before the server takes it is fine on one machine. */
async function freePort(): Promise<number> {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const address = probe.address()
  probe.close()
  if (address === null || typeof address === 'string') throw new Error('no TCP port available')
  return address.port
}

async function waitUntilReady(url: string, signal: AbortSignal, hasExited: () => boolean) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    signal.throwIfAborted()
    if (hasExited()) throw new Error('the server exited before it was ready')
    const response = await fetch(`${url}/readyz`).catch(() => null)
    if (response?.ok) return
    await sleep(100)
  }
  throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s`)
}
