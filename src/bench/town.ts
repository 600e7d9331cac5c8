import { join } from 'node:path'
import { seedDemoTown, type DemoTown } from '../../db/demo-town'
import { migrateDatabase, openDatabase } from '../db'

/** Seeds the demo town into `dir` the way `npm run seed:demo` would, and closes it for the server. */
export async function seedBenchTown(dir: string, members: number) {
  const databasePath = join(dir, 'souk.sqlite')
  const db = openDatabase(databasePath)
  try {
    migrateDatabase(db)
    const result = await seedDemoTown(db, { seed: 1, members })
    if (!result.ok) throw new Error(`a fresh database already held a marketplace: ${databasePath}`)
    db.$client.pragma('wal_checkpoint(TRUNCATE)')
    return { databasePath, town: result.town satisfies DemoTown }
  } finally {
    db.$client.close()
  }
}
