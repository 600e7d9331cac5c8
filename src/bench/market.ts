// The market a benchmark runs against: the production build serving a freshly seeded demo town,
// with the bench member signed in. Shared by `npm run bench` and the photo upload storm.
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { DEMO_PASSWORD, type DemoTown } from '../../db/demo-town'
import type { BenchContext } from './entries'
import { startServer, type RunningServer } from './server'
import { signInCookie } from './sign-in'
import { seedBenchTown, type BenchTargets } from './town'
import { createWorkDir, removeAbandonedWorkDirs, removeWorkDir } from './workspace'

export type BenchMarket = {
  server: RunningServer
  town: DemoTown
  targets: BenchTargets
  databasePath: string
  context: BenchContext
}

/** What a run must give back whatever happens, filled in as soon as each exists. */
export type Held = { server?: RunningServer; workDir?: string }

/**
 * Builds, seeds (photos included, as a real town has them), serves and signs in. The caller
 * passes `held` and calls closeBenchMarket(held) in a finally, so even a run interrupted halfway
 * leaves no server or temporary town behind.
 */
export async function openBenchMarket(
  held: Held,
  {
    root,
    members,
    listings,
    signal,
    say,
  }: {
    root: string
    members: number
    /** About how many listings in all; without it each storefront has one to four. */
    listings?: number
    signal: AbortSignal
    say: (text: string) => void
  },
): Promise<BenchMarket> {
  say('Building the server…')
  build(root)
  signal.throwIfAborted()
  removeAbandonedWorkDirs()
  held.workDir = createWorkDir()
  const uploadsDir = join(held.workDir, 'uploads')
  mkdirSync(uploadsDir)
  say(`Seeding a demo town of ${members} members${listings ? ` and ${listings} listings` : ''}…`)
  const { databasePath, town, targets } = await seedBenchTown(held.workDir, {
    members,
    uploadsDir,
    ...(listings === undefined ? {} : { listings }),
  })
  signal.throwIfAborted()
  held.server = await startServer({ root, databasePath, uploadsDir, signal })
  const memberCookie = await signInCookie(held.server.url, {
    email: targets.providerEmail,
    password: DEMO_PASSWORD,
  })
  const { storePath, listingPath, categoryPath } = targets
  return {
    server: held.server,
    town,
    targets,
    databasePath,
    context: { memberCookie, storePath, listingPath, categoryPath },
  }
}

/**
 * Runs a bench that opens a market: Ctrl-C stops it, a failure is printed as `name: message`
 * and sets the exit code (1, or 130 when interrupted), and the market is always closed after.
 * @example await runWithMarket('storm', (held, signal) => storm(root, held, signal))
 */
export async function runWithMarket(
  name: string,
  task: (held: Held, signal: AbortSignal) => Promise<void>,
) {
  const interruption = new AbortController()
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => interruption.abort(new Error(`interrupted (${signal})`)))
  const held: Held = {}
  try {
    await task(held, interruption.signal)
  } catch (error) {
    process.exitCode = interruption.signal.aborted ? 130 : 1
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}
`)
  } finally {
    await closeBenchMarket(held)
  }
}

export async function closeBenchMarket(held: Held) {
  await held.server?.stop()
  if (held.workDir) removeWorkDir(held.workDir)
}

function build(root: string) {
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' })
  if (built.status !== 0) throw new Error('npm run build failed')
}
