// `npm run seed:demo [-- --seed N --members N]`: fills an empty marketplace with the demo town.
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
const { databasePath } = configResult.config

const db = openDatabase(databasePath)
migrateDatabase(db)

const startedAt = performance.now()
const result = await seedDemoTown(db, options)
if (result.ok) {
  printTown(result.town, performance.now() - startedAt)
  if (options.listings > 0)
    say('(--listings: listings arrive with the storefronts feature; none were made this time.)')
} else {
  say(`${databasePath} already holds a marketplace (${findSite(db)?.marketName}); left as it is.`)
}
close(db)

function readOptions() {
  const values = parseOptions()
  return {
    seed: wholeNumber('seed', values.seed),
    members: wholeNumber('members', values.members),
    listings: wholeNumber('listings', values.listings),
  }
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        seed: { type: 'string', default: '1' },
        members: { type: 'string', default: '40' },
        listings: { type: 'string', default: '0' },
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
      `Seeded the demo town ${town.site.marketName}: 1 operator, ${town.memberCount} members` +
        ` and ${town.storeCount} storefronts` +
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
