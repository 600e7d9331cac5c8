import { Hono } from 'hono'
import { RequestBrowseBody, RequestBrowsePage } from '../../../views/requests/browse-page'
import { requestsHref } from '../../../views/requests/requests-url'
import type { MarketEnv } from '../../http/env'
import { parseQuery } from '../../http/forms'
import { FRAGMENT_VARY, wantsFragment } from '../../http/htmx'
import { shell } from '../../http/shell'
import { listCategoryTree } from '../../models/category'
import { browseRequests } from '../../models/request/browse'
import { browseParamsSchema, readBrowseFilters } from '../../models/request/browse-input'

/**
 * GET /requests — the open requests the visitor or member may read, with words, filters,
 * sorting and pages, every choice in the URL. A provider sees their store's categories first.
 */
export const requestBrowse = new Hono<MarketEnv>().get('/', (c) => {
  const { db, site } = c.var
  const categories = listCategoryTree(db)
  const query = parseQuery(c, browseParamsSchema)
  const { filters, choices, problems } = readBrowseFilters(
    query.ok ? query.data : browseParamsSchema.parse({}),
    { categories, currency: site.currency, locale: site.locale },
  )
  const now = c.var.clock.now()
  const view = {
    choices,
    problems,
    categories,
    results: browseRequests(db, c.var.member, filters, now),
    currency: site.currency,
    locale: site.locale,
    now,
  }
  c.header('Vary', FRAGMENT_VARY, { append: true })
  if (wantsFragment(c)) {
    // The form sends every field, empty ones too; the address bar gets the list's short URL
    // (a page link, always past page 1, leaves the address alone).
    if (c.req.query('page') === undefined) c.header('HX-Push-Url', requestsHref(choices))
    return c.html(<RequestBrowseBody {...view} />)
  }
  return c.html(<RequestBrowsePage {...view} shell={shell(c)} />)
})
