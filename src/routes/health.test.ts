import { afterEach, describe, expect, it } from 'vitest'
import { createOpenMarket, type TestMarket } from '../test/app'

let market: TestMarket
afterEach(() => market.cleanup())

describe('GET /healthz and /readyz', () => {
  it('report the process up and the database ready', async () => {
    market = await createOpenMarket()
    expect(await (await market.get('/healthz')).text()).toBe('ok')
    expect(await (await market.get('/readyz')).text()).toBe('ready')
  })

  it('reports not ready when a migration has not been applied', async () => {
    market = await createOpenMarket()
    market.db.$client.exec('delete from __drizzle_migrations')
    const response = await market.get('/readyz')
    expect(response.status).toBe(503)
    expect(await response.text()).toBe('migrations pending')
  })

  it('reports not ready when the database is closed', async () => {
    market = await createOpenMarket()
    market.db.$client.close()
    expect((await market.get('/readyz')).status).toBe(503)
  })
})
