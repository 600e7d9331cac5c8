// The body-limit check from the hardening issue: does the server's memory stay flat while
// strangers post huge forms? Before the limit, one 100 MB POST /sign-in took the process from
// 204 MB to 597 MB and kept it. Sends OVERSIZED_POSTS posts of POST_MB each at once — half that
// announce their size (Content-Length), half chunked with no size — to the real server, and
// compares its peak resident memory with its idle one. Target: at most TARGET_GROWTH_MB more.
//   npx tsx src/bench/oversized-posts.ts
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { closeBenchMarket, openBenchMarket, type Held } from './market'
import { watchMemory } from './memory'

const OVERSIZED_POSTS = 20
const POST_MB = 100
const TARGET_GROWTH_MB = 10
const PIECE = Buffer.alloc(64 * 1024, 'x')

const root = fileURLToPath(new URL('../..', import.meta.url))
const interruption = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => interruption.abort(new Error(`interrupted (${signal})`)))

const held: Held = {}
try {
  await measure()
} catch (error) {
  process.exitCode = interruption.signal.aborted ? 130 : 1
  process.stderr.write(`oversized posts: ${error instanceof Error ? error.message : error}\n`)
} finally {
  await closeBenchMarket(held)
}

async function measure() {
  const { server } = await openBenchMarket(held, {
    root,
    members: 20,
    signal: interruption.signal,
    say,
  })
  const idle = watchMemory(server.pid)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  idle.stop()
  say(`Idle: ${idle.peakMb().toFixed(1)} MB. Sending ${OVERSIZED_POSTS} posts of ${POST_MB} MB…`)

  const busy = watchMemory(server.pid)
  const started = performance.now()
  const statuses = await Promise.all(
    Array.from({ length: OVERSIZED_POSTS }, (_, n) => post(server.url, { chunked: n % 2 === 1 })),
  )
  busy.stop()
  const growth = busy.peakMb() - idle.peakMb()
  const answers = [...new Set(statuses)].join(', ')
  say(
    `Answered ${answers} in ${Math.round(performance.now() - started)} ms; ` +
      `peak ${busy.peakMb().toFixed(1)} MB, ${growth.toFixed(1)} MB over idle ` +
      `(target ≤ ${TARGET_GROWTH_MB} MB): ${growth <= TARGET_GROWTH_MB ? 'met' : 'MISSED'}.`,
  )
  if (growth > TARGET_GROWTH_MB || statuses.some((status) => status !== 413)) process.exitCode = 1
}

/** Streams POST_MB of form data to /sign-in until the server answers; resolves with its status. */
function post(url: string, { chunked }: { chunked: boolean }): Promise<number> {
  const total = POST_MB * 1024 * 1024
  return new Promise((resolve, reject) => {
    const req = request(`${url}/sign-in`, {
      method: 'POST',
      headers: {
        Origin: url,
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(chunked ? {} : { 'Content-Length': String(total) }),
      },
    })
    let answered = false
    let sent = 0
    req.on('response', (response) => {
      answered = true
      response.resume()
      resolve(response.statusCode ?? 0)
      req.destroy()
    })
    req.on('error', (error) => (answered ? undefined : reject(error)))
    const write = () => {
      while (!answered && sent < total) {
        sent += PIECE.length
        if (!req.write(PIECE)) return void req.once('drain', write)
      }
      if (!answered) req.end()
    }
    req.write('email=a%40example.com&password=')
    write()
  })
}

function say(text: string) {
  process.stdout.write(`${text}\n`)
}
