// Starts bare-server.mjs with the bytes Souk served for each page, so the bench can say how far
// each page is from what the adapter alone can do on this machine, in the same run.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { get, type IncomingHttpHeaders } from 'node:http'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { listeningPort } from './listening-port'

export type BareServer = {
  url: string
  pid: number
  /** Where the bare copy of the page that `souk` answered at `path` is served. */
  pagePath: (index: number) => string
  stop: () => Promise<void>
}

/** The headers a replay needs: the same type and encoding, so the bytes mean the same. */
const KEPT_HEADERS = ['content-type', 'content-encoding', 'vary', 'cache-control', 'etag']

/**
 * Fetches each page once from Souk with the entry's headers and starts a bare Hono server
 * replaying those bytes (brotli-compressed as they came) at /page/<index>, plus /hello.
 */
export async function startBareServer(
  pages: { url: string; headers: Record<string, string> }[],
  workDir: string,
): Promise<BareServer> {
  const manifest = []
  for (const [index, page] of pages.entries()) {
    const response = await rawGet(page.url, page.headers)
    if (response.status !== 200) throw new Error(`${page.url} answered ${response.status}`)
    const file = join(workDir, `bare-${index}.bin`)
    writeFileSync(file, response.body)
    const headers = Object.fromEntries(
      KEPT_HEADERS.flatMap((name) => {
        const value = response.headers[name]
        return typeof value === 'string' ? [[name, value]] : []
      }),
    )
    manifest.push({ name: page.url, file, headers })
  }
  const manifestPath = join(workDir, 'bare-pages.json')
  writeFileSync(manifestPath, JSON.stringify(manifest))

  const child = spawn(process.execPath, ['src/bench/bare-server.mjs', manifestPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = once(child, 'exit')
  const port = await listeningPort(child, 'the bare server')
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    pid: child.pid!,
    pagePath: (index) => `/page/${index}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timeout = sleep(3000, 'timeout' as const, { ref: false })
      if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL')
    },
  }
}

/** fetch() would decode the body; the replay needs the bytes exactly as a browser receives them. */
async function rawGet(url: string, headers: Record<string, string>) {
  const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) =>
    get(url, { headers }, resolve).on('error', reject),
  )
  const chunks: Buffer[] = []
  for await (const chunk of response) chunks.push(chunk as Buffer)
  return {
    status: response.statusCode ?? 0,
    headers: response.headers satisfies IncomingHttpHeaders,
    body: new Uint8Array(Buffer.concat(chunks)),
  }
}
