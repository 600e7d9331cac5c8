// Many GET /events streams held open from the bench process, each as a page's fetch holds it:
// one TCP connection per stream (no keep-alive pool to share), counted open once its first bytes
// (`: live`) arrived. Opened a few hundred at a time: ten thousand SYNs at once overflow the
// listen backlog and the kernel's retries (1 s, 3 s…) would be measured instead of the server.
import { Agent, request, type ClientRequest } from 'node:http'

export type StreamTarget = { cookie: string; page?: string }
/** Every event block (text up to a blank line) one stream received, by the stream's index. */
export type BlockListener = (index: number, block: string) => void

export type HeldStreams = {
  open: number
  /** Why the others did not open: `HTTP 429`, `EMFILE`, `timeout`… with how many each. */
  failures: Record<string, number>
  seconds: number
  close: () => void
}

const FIRST_BYTES_TIMEOUT_MS = 30_000

export async function openStreams(
  url: string,
  targets: StreamTarget[],
  options: { concurrency: number; onBlock?: BlockListener; signal: AbortSignal },
): Promise<HeldStreams> {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity })
  const requests: ClientRequest[] = []
  const failures: Record<string, number> = {}
  let open = 0
  let next = 0
  const started = performance.now()
  const worker = async () => {
    while (next < targets.length && !options.signal.aborted) {
      const index = next++
      const outcome = await openOne(url, agent, targets[index]!, index, requests, options.onBlock)
      if (outcome === 'open') open += 1
      else failures[outcome] = (failures[outcome] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker))
  return {
    open,
    failures,
    seconds: (performance.now() - started) / 1000,
    close() {
      for (const outgoing of requests) outgoing.destroy()
      agent.destroy()
    },
  }
}

/** Resolves 'open' at the stream's first bytes, or the reason it did not open. */
function openOne(
  url: string,
  agent: Agent,
  target: StreamTarget,
  index: number,
  requests: ClientRequest[],
  onBlock: BlockListener | undefined,
): Promise<string> {
  const path = target.page ? `/events?page=${encodeURIComponent(target.page)}` : '/events'
  return new Promise((resolve) => {
    const outgoing = request(`${url}${path}`, {
      agent,
      headers: { Cookie: target.cookie, Accept: 'text/event-stream' },
    })
    requests.push(outgoing)
    const timer = setTimeout(() => {
      resolve('timeout')
      outgoing.destroy()
    }, FIRST_BYTES_TIMEOUT_MS)
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      resolve(error.code ?? error.message)
    })
    outgoing.on('response', (response) => {
      if (response.statusCode !== 200) {
        clearTimeout(timer)
        resolve(`HTTP ${response.statusCode}`)
        response.resume()
        return
      }
      response.setEncoding('utf8')
      let buffer = ''
      response.on('data', (chunk: string) => {
        clearTimeout(timer)
        resolve('open')
        if (!onBlock) return
        buffer += chunk
        let blank = buffer.indexOf('\n\n')
        while (blank >= 0) {
          onBlock(index, buffer.slice(0, blank))
          buffer = buffer.slice(blank + 2)
          blank = buffer.indexOf('\n\n')
        }
      })
      // A stream the server ended (its lifetime, shutdown) before the bench closed it.
      response.on('error', () => {})
    })
    outgoing.end()
  })
}
