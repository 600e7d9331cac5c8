import { Hono } from 'hono'
import { MemberPage } from '../../views/members/member-page'
import type { MarketEnv } from '../http/env'
import { requireMember } from '../http/session'
import { shell } from '../http/shell'
import { readPageNumber } from '../lib/pagination'
import { findMemberProfile } from '../models/member-profile'

/**
 * GET /members/:id — a member's profile: name, member since, storefront, and the published
 * reviews stores wrote of them as a buyer. For members only: a buyer's standing is for those who
 * trade with them, and ids are counted, so visitors and crawlers cannot walk the town's names.
 * Unknown or deleted: 404.
 */
export const memberPages = new Hono<MarketEnv>().get('/:id{[0-9]{1,15}}', requireMember, (c) => {
  const profile = findMemberProfile(
    c.var.db,
    Number(c.req.param('id')),
    readPageNumber(c.req.query('page')),
  )
  if (!profile) return c.notFound()
  return c.html(<MemberPage shell={shell(c)} profile={profile} timeZone={c.var.site.timeZone} />)
})
