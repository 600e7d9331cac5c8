import { Hono } from 'hono'
import { SearchPage } from '../../views/search/search-page'
import type { MarketEnv } from '../http/env'
import { shell } from '../http/shell'

/** GET /search?q= — the header's search box. Full-text search arrives with listings. */
export const search = new Hono<MarketEnv>().get('/', (c) => {
  const query = (c.req.query('q') ?? '').trim().slice(0, 200)
  return c.html(<SearchPage shell={shell(c, { searchQuery: query })} query={query} />)
})
