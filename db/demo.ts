// `npm run seed:demo [-- --seed N --members N --listings N]`: fills an empty marketplace with the
// demo town, its photos included (written to UPLOADS_DIR).
// Run again on a set-up marketplace it changes nothing, so `npm run demo` can always be re-run.
import { parseArgs } from 'node:util'
import { readConfig } from '../src/config'
import { migrateDatabase, openDatabase, type Db } from '../src/db'
import { findSite } from '../src/models/site'
import { DEMO_PASSWORD, seedDemoTown, type DemoTown } from './demo-town'

const USAGE = 'usage: demo [--seed N] [--members N] [--listings N]'

const options = readOptions()
const configResult = readConfig()
if (!configResult.ok) fail(`souk demo: cannot start: ${configResult.message}`, 1)
const { databasePath, uploadsDir } = configResult.config

const db = openDatabase(databasePath)
migrateDatabase(db)

const startedAt = performance.now()
const result = await seedDemoTown(db, { ...options, uploadsDir })
if (result.ok) {
  printTown(result.town, performance.now() - startedAt)
} else {
  say(`${databasePath} already holds a marketplace (${findSite(db)?.marketName}); left as it is.`)
}
close(db)

function readOptions() {
  const values = parseOptions()
  return {
    seed: wholeNumber('seed', values.seed),
    members: wholeNumber('members', values.members),
    // Absent: one to four per storefront, however many storefronts the members open.
    listings: values.listings === undefined ? undefined : wholeNumber('listings', values.listings),
  }
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        seed: { type: 'string', default: '1' },
        members: { type: 'string', default: '40' },
        listings: { type: 'string' },
      },
    }).values
  } catch (error) {
    return fail(`souk demo: ${(error as Error).message}\n${USAGE}`)
  }
}

function wholeNumber(name: string, text: string): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
    fail(`souk demo: --${name} must be a whole number, got ${JSON.stringify(text)}\n${USAGE}`)
  return value
}

function printTown(town: DemoTown, elapsedMs: number) {
  const width = Math.max(...town.signIns.map((signIn) => signIn.email.length))
  say(
    [
      `Seeded the demo town ${town.site.marketName}: 1 operator, ${town.memberCount} members,` +
        ` ${town.storeCount} storefronts, ${town.listingCount} listings, ${town.orderCount} orders` +
        ` (${town.bookingCount} of them bookings),` +
        ` ${town.reviewCount} reviews, ${town.conversationCount} conversations` +
        ` and ${town.requestCount} requests with ${town.proposalCount} proposals` +
        ` (photos from ${town.pictureCount} pictures)` +
        ` in ${(elapsedMs / 1000).toFixed(1)} s (seed ${options.seed}).`,
      '',
      `Demo sign-ins — every account's password is: ${DEMO_PASSWORD}`,
      ...town.signIns.map(
        (signIn) =>
          `  ${signIn.email.padEnd(width)}  ${signIn.role.padEnd(8)}  ${signIn.displayName}`,
      ),
    ].join('\n'),
  )
}

/** Writes the WAL back into the main file so the server starts from a tidy database. */
function close(database: Db) {
  database.$client.pragma('wal_checkpoint(TRUNCATE)')
  database.$client.close()
}

function say(text: string) {
  process.stdout.write(`${text}\n`)
}

/** Exit code 2 for a mistyped command line, 1 for a bad environment, like the server. */
function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`)
  process.exit(code)
}
