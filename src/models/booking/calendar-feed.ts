// A store's private calendar feed: an unguessable address a calendar app (Google, Apple, Outlook)
// reads the store's bookings from, without a session. The owner makes it, replaces it when it
// has been shared by mistake, or stops it.
//
// The token is stored as it is, not hashed like session secrets. The owner must be able to see
// the address again — to add it to the phone's calendar after the laptop's — and with only a
// hash every look would have to replace it, cutting off the calendars already reading it. What
// the token opens is read-only and is the bookings themselves, which anyone reading the
// database sees anyway; 160 random bits keep it from being guessed, and replacing it is one click.
import { eq } from 'drizzle-orm'
import { stores } from '../../../db/schema'
import type { Db } from '../../db'
import { randomToken } from '../../lib/tokens'
import type { Store } from '../store'

/** How far back the feed reaches: last month's appointments stay in the calendar app. */
export const FEED_DAYS_BACK = 30

/** A new feed token for the store; the one before, if any, stops working at once. */
export function issueCalendarFeed(db: Db, store: Pick<Store, 'id'>): string {
  const token = randomToken()
  db.update(stores).set({ calendarToken: token }).where(eq(stores.id, store.id)).run()
  return token
}

/** Stops the store's feed: its address answers 404 from now on. */
export function revokeCalendarFeed(db: Db, store: Pick<Store, 'id'>): void {
  db.update(stores).set({ calendarToken: null }).where(eq(stores.id, store.id)).run()
}

/** The store whose feed this token opens, if it still does. */
export function findStoreByCalendarToken(db: Pick<Db, 'select'>, token: string): Store | undefined {
  if (token === '') return undefined
  return db.select().from(stores).where(eq(stores.calendarToken, token)).get()
}
