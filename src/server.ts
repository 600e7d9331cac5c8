// The only file that listens: config → open db → migrate → serve → graceful shutdown.
import { localBus } from './live/bus'
import { serve } from '@hono/node-server'
import { mkdirSync } from 'node:fs'
import { createApp } from './app'
import { readConfig } from './config'
import { migrateDatabase, openDatabase } from './db'
import { loadAssets } from './http/assets'
import { jobWorker } from './jobs/worker'
import { systemClock } from './lib/clock'
import { createLogger } from './logger'
import { issueSetupToken } from './models/site'

const SHUTDOWN_GRACE_MS = 10_000

const configResult = readConfig()
if (!configResult.ok) {
  process.stderr.write(`souk: cannot start: ${configResult.message}\n`)
  process.exit(1)
}
const config = configResult.config
const logger = createLogger(config)

mkdirSync(config.uploadsDir, { recursive: true })
const db = openDatabase(config.databasePath)
migrateDatabase(db)
const jobs = jobWorker({ db, clock: systemClock, logger })
// Aborted first thing on shutdown: streams end themselves, so close() can finish in time.
const shutdownSignal = new AbortController()
const app = createApp({
  db,
  clock: systemClock,
  config,
  logger,
  assets: loadAssets(),
  jobs,
  bus: localBus((error) => logger.error({ err: error }, 'a bus listener failed')),
  signal: shutdownSignal.signal,
})

jobs.start()

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (address) => {
  const publicUrl = config.publicUrl ?? `http://localhost:${address.port}`
  logger.info(
    { port: address.port, database: config.databasePath },
    `Souk is listening on ${publicUrl}`,
  )
  const token = issueSetupToken(db)
  if (token)
    logger.info(`First run: open ${publicUrl}/setup?token=${token} to set up this marketplace.`)
  if (config.smtpUrl && !config.publicUrl)
    logger.warn(
      `SMTP_URL is set but PUBLIC_URL is not: links in mail will point at ${publicUrl}, which nobody else can open. Set PUBLIC_URL to the market's address.`,
    )
})

let stopping = false
function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'shutting down: finishing requests in flight')
  // No new jobs are claimed; the one running finishes, or is left to its lease past a timeout
  // shorter than the grace period.
  const jobsStopped = Promise.resolve(jobs.stop())
  shutdownSignal.abort()
  // Only a request stuck past the grace period (not a stream: those ended above) forces this.
  const forceExit = setTimeout(() => {
    logger.warn('requests still open after the grace period; closing anyway')
    closeDatabaseAndExit(1)
  }, SHUTDOWN_GRACE_MS)
  forceExit.unref()
  // close() stops accepting and waits for in-flight requests; keep-alive sockets are closed as
  // soon as they go idle (streams that just ended included).
  server.close(() => void jobsStopped.then(() => closeDatabaseAndExit(0)))
  if ('closeIdleConnections' in server) {
    server.closeIdleConnections()
    setInterval(() => server.closeIdleConnections(), 100).unref()
  }
}

function closeDatabaseAndExit(code: number) {
  try {
    db.$client.pragma('wal_checkpoint(TRUNCATE)')
    db.$client.close()
  } finally {
    logger.info('stopped')
    logger.flush()
    process.exit(code)
  }
}

process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
