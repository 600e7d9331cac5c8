// The body-limit check from the hardening issue: does the server's memory stay flat while
// strangers post huge forms? Before the limit, one 100 MB POST /sign-in took the process from
// 204 MB to 597 MB and kept it. Sends OVERSIZED_POSTS posts of POST_MB each at once — half that
// announce their size (Content-Length), half chunked with no size — to the real server, and
// compares its peak resident memory with its idle one. Target: at most TARGET_GROWTH_MB more.
//   npx tsx src/bench/oversized-posts.ts
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { openBenchMarket, runWithMarket, type Held } from './market'
import { watchMemory } from './memory'

const OVERSIZED_POSTS = 20
const POST_MB = 100
/**
 * A few MB: V8's young generation alone may hold up to 16 MB of garbage before a collection, so
 * a tighter target would measure the garbage collector, not us.
 */
const TARGET_GROWTH_MB = 16
const ROUNDS = 2
const PIECE = Buffer.alloc(64 * 1024, 'x')

const root = fileURLToPath(new URL('../..', import.meta.url))
await runWithMarket('oversized posts', measure)

async function measure(held: Held, signal: AbortSignal) {
  const { server } = await openBenchMarket(held, { root, members: 20, signal, say })
  // Idle as a server that has answered a 413 before: the error page's code is loaded and warm.
  await Promise.all([post(server.url, { chunked: false }), post(server.url, { chunked: true })])
  const idle = watchMemory(server.pid)
  await new Promise((resolve) => setTimeout(resolve, 1000))
  idle.stop()
  say(`Idle: ${idle.peakMb().toFixed(1)} MB.`)

  // Rounds after the first show whether anything is kept: V8 collects lazily, so the resident
  // size creeps up for a while (run with NODE_OPTIONS=--max-old-space-size=96 to see it level
  // off, at about +26 MB after 400 posts), but it never grows by the size of what was sent.
  let failed = false
  for (const round of Array.from({ length: ROUNDS }, (_, n) => n + 1)) {
    const busy = watchMemory(server.pid)
    const started = performance.now()
    const statuses = await Promise.all(
      Array.from({ length: OVERSIZED_POSTS }, (_, n) => post(server.url, { chunked: n % 2 === 1 })),
    )
    busy.stop()
    const growth = busy.peakMb() - idle.peakMb()
    const answers = [...new Set(statuses)].join(', ')
    const allRefused = statuses.every((status) => status === 413)
    const met = allRefused && (round > 1 || growth <= TARGET_GROWTH_MB)
    failed ||= !met
    say(
      `Round ${round}: ${OVERSIZED_POSTS} posts of ${POST_MB} MB answered ${answers} in ` +
        `${Math.round(performance.now() - started)} ms; peak ${busy.peakMb().toFixed(1)} MB, ` +
        `${growth.toFixed(1)} MB over idle` +
        (round === 1 ? ` (target ≤ ${TARGET_GROWTH_MB} MB): ${met ? 'met' : 'MISSED'}.` : '.'),
    )
  }
  if (failed) process.exitCode = 1
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
