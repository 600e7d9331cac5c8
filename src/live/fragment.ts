import type { Child } from 'hono/jsx'
import type { Db } from '../db'
import type { Clock } from '../lib/clock'
import type { SessionMember } from '../models/session'
import type { Site } from '../models/site'
import type { BusEvent } from './bus'

/** Whose stream an event is rendered for, and which page that stream belongs to. */
export type Viewer = {
  db: Db
  clock: Clock
  site: Site
  member: SessionMember
  /** The page the stream was opened from (streams.ts names them): `conversation:K7M2PQ9XRT`, `sales`… */
  page: string
}

/**
 * What an event changes on the viewer's page, as elements carrying `data-hx-swap-oob` (replace by
 * id, or `upsert:#list` to add to a list once): htmx swaps them where they are and ignores those
 * the page has no place for. Null when the page shows nothing of it. Renderers look things up as
 * the viewer (scoped to what they may see), so an event never shows anyone more than their page.
 */
export type FragmentRenderer = (viewer: Viewer, event: BusEvent) => Child | null
