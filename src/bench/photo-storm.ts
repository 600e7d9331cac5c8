// The upload storm from the photo issue: do pages stay quick while providers upload big photos?
// Measures the home page's p99 on the real server, first idle, then while STORM_CLIENTS clients
// each upload 12-megapixel JPEGs to POST /listings/:id/photos back to back, signed in as the
// provider who owns the listings. Target: the storm p99 at most TARGET_RATIO × the idle p99.
import { fileURLToPath } from 'node:url'
import { texturedPhoto } from '../test/photos'
import { benchEntries, type BenchContext } from './entries'
import { openBenchMarket, runWithMarket, type Held } from './market'
import { measureEntry, type EntryResult } from './measure'

const STORM_CLIENTS = 4
const TARGET_RATIO = 3
const MEMBERS = 2000
/** Each phase: a second of warm-up, then five measured. */
const LOAD = { duration: 5, warmup: 1, connections: 10 }

type Upload = { status: number; ms: number }

/** Runs the storm; sets process.exitCode to 1 when the target fails. */
export async function runPhotoStorm() {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  await runWithMarket('storm', (held, signal) => storm(root, held, signal))
}

async function storm(root: string, held: Held, signal: AbortSignal) {
  const { server, context, targets } = await openBenchMarket(held, {
    root,
    members: MEMBERS,
    signal,
    say,
  })
  say('Generating a 4000×3000 photo…')
  const photo = await texturedPhoto(4000, 3000)
  const upload = uploader(server.url, context, targets.providerListingIds, photo)

  // One upload first: it tells whether the route exists, and warms the encoder up.
  const probe = await upload()
  if (probe.status === 404) {
    say(
      'POST /listings/:id/photos answered 404: the listing photo upload route is not there yet,' +
        ' so there is no storm to measure. (Not a failure.)',
    )
    return
  }
  if (probe.status !== 303)
    throw new Error(`the first upload answered ${probe.status}, not 303 See Other`)
  say(
    `One ${(photo.length / 1024 / 1024).toFixed(1)} MB upload took ${Math.round(probe.ms)} ms.\n` +
      `Home page, idle: ${LOAD.warmup} s warm-up + ${LOAD.duration} s, ${LOAD.connections} connections…`,
  )
  const home = benchEntries.find((entry) => entry.name === 'home (visitor)')!
  const idle = await measureEntry(server, home, context, LOAD, signal)

  say(`Home page, while ${STORM_CLIENTS} clients upload without pause…`)
  const clients = startClients(upload, STORM_CLIENTS)
  let stormy: EntryResult
  try {
    stormy = await measureEntry(server, home, context, LOAD, signal)
  } finally {
    say('Waiting for the uploads under way to finish…')
    await clients.stop()
  }
  report(idle, stormy, clients.uploads)
}

/**
 * Posts the photo as a browser's form would, to the provider's listings in turn (each holds at
 * most ten photos). A comment segment numbers every copy, so each has new bytes: the server
 * cannot recognise a repeat, and encodes every one.
 */
function uploader(url: string, context: BenchContext, listingIds: number[], photo: Buffer) {
  let sent = 0
  return async (): Promise<Upload> => {
    const n = sent++
    const form = new FormData()
    const bytes = numbered(photo, n)
    form.append('photos', new Blob([bytes], { type: 'image/jpeg' }), `storm-${n}.jpg`)
    const started = performance.now()
    try {
      const response = await fetch(`${url}/listings/${listingIds[n % listingIds.length]}/photos`, {
        method: 'POST',
        body: form,
        redirect: 'manual',
        headers: { Origin: url, Cookie: context.memberCookie },
      })
      await response.arrayBuffer()
      return { status: response.status, ms: performance.now() - started }
    } catch {
      return { status: 0, ms: performance.now() - started }
    }
  }
}

/** The JPEG with a COM (comment) segment after its start marker: same pixels, other bytes. */
function numbered(jpeg: Buffer, n: number): Buffer<ArrayBuffer> {
  const text = Buffer.from(`souk storm ${n}`)
  const segment = Buffer.alloc(4 + text.length)
  segment.writeUInt16BE(0xfffe, 0)
  segment.writeUInt16BE(2 + text.length, 2)
  text.copy(segment, 4)
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)])
}

function startClients(upload: () => Promise<Upload>, count: number) {
  let stopping = false
  const uploads: Upload[] = []
  const loops = Array.from({ length: count }, async () => {
    while (!stopping) uploads.push(await upload())
  })
  return {
    uploads,
    stop: async () => {
      stopping = true
      await Promise.all(loops)
    },
  }
}

function report(idle: EntryResult, stormy: EntryResult, uploads: Upload[]) {
  const ratio = stormy.p99Ms / Math.max(1, idle.p99Ms)
  const statuses = Object.entries(
    uploads.reduce<Record<string, number>>((tally, { status }) => {
      tally[status] = (tally[status] ?? 0) + 1
      return tally
    }, {}),
  )
    .map(([status, n]) => `${n} × ${status === '0' ? 'no answer' : status}`)
    .join(', ')
  const times = uploads.map((item) => item.ms).sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)] ?? 0
  const pass = ratio <= TARGET_RATIO
  say(
    [
      '',
      `home p99 idle:   ${idle.p99Ms} ms (${idle.requestsPerSecond.toFixed(0)} req/s)`,
      `home p99 storm:  ${stormy.p99Ms} ms (${stormy.requestsPerSecond.toFixed(0)} req/s)`,
      `ratio:           ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×)`,
      `uploads:         ${uploads.length} (${statuses}), median ${Math.round(median)} ms each`,
      `peak server RSS: ${Math.round(stormy.peakRssMb)} MB`,
      '',
      `${pass ? 'PASS' : 'FAIL'}  home p99 during an upload storm ≤ ${TARGET_RATIO}× idle`,
    ].join('\n'),
  )
  if (!pass) process.exitCode = 1
}

function say(text: string) {
  process.stdout.write(`${text}\n`)
}
