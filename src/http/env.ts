import type { LiveStreams } from '../live/streams'
import type { Logger } from 'pino'
import type { Config } from '../config'
import type { Db } from '../db'
import type { Scheduler } from '../jobs/scheduler'
import type { Bus } from '../live/bus'
import type { Clock } from '../lib/clock'
import type { ListingActivity } from '../models/listing-activity'
import type { Session, SessionMember } from '../models/session'
import type { Site } from '../models/site'
import type { Assets } from './assets'
import type { Flash } from './flash'
import type { RateLimitStore } from './rate-limit'

/** What the app is built from; tests pass their own database and clock. */
export type AppDeps = {
  db: Db
  clock: Clock
  config: Config
  logger: Logger
  assets: Assets
  /** After-commit announcements to the members involved (src/live/bus.ts). */
  bus: Bus
  /** Recurring work (housekeeping), run as durable jobs by the server (src/jobs/worker.ts). */
  jobs: Scheduler
  /** Aborted when the server shuts down: long-lived responses (streams) end when it fires. */
  signal: AbortSignal
}

/** Request-scoped variables every route can rely on (set by middleware in app.tsx). */
export type AppEnv = {
  Variables: AppDeps & {
    requestId: string
    log: Logger
    address: string
    site: Site | undefined
    member: SessionMember | null
    session: Session | null
    flash: Flash | null
    rateLimits: RateLimitStore
    /** Listing views counted since the last flush (recently viewed reads them too). */
    activity: ListingActivity
    /** The event streams open in this process, and the pages they belong to. */
    streams: LiveStreams
  }
}

/**
 * Routes mounted after the setup gate in app.tsx: it answers 503 for every path but /setup,
 * /healthz and /readyz until the site exists, so these routes always see it.
 */
export type MarketEnv = AppEnv & {
  Variables: AppEnv['Variables'] & { site: Site }
}

/**
 * What requireMember adds for the handlers after it: a member that is never null. Sub-apps are
 * typed MarketEnv; a handler sees MemberEnv only behind requireMember, so a forgotten guard is a
 * compile error wherever the member is used.
 */
export type MemberEnv = MarketEnv & {
  Variables: MarketEnv['Variables'] & { member: SessionMember; session: Session }
}
