import { Hono, type Context } from 'hono'
import { UnsubscribePage } from '../../views/accounts/unsubscribe-page'
import type { MarketEnv } from '../http/env'
import { seeOther } from '../http/redirects'
import { shell } from '../http/shell'
import { NOTIFICATION_MAIL_LABELS } from '../mail/kinds'
import {
  findUnsubscriber,
  isNotificationMailKind,
  mailPreferences,
  turnMailOff,
} from '../models/mail-preferences'

/** A member's unsubscribe token (lib/tokens randomToken) and a kind of notification mail. */
const LINK = '/:token{[a-z0-9]{16,64}}/:kind{[a-z_]{1,32}}'

/**
 * GET /unsubscribe/:token/:kind — the page a mail's "Stop these mails" link opens: it asks, and
 * changes nothing (mail scanners follow links). POST — turns that kind off and shows the page
 * again, saying so; mail clients post here too, with no cookie, no form of ours and from no
 * origin of ours (RFC 8058 one-click, from the List-Unsubscribe header): the token in the path is
 * what authenticates, so csrf.ts lets exactly this path through. Unknown token or kind: 404.
 */
export const unsubscribe = new Hono<MarketEnv>()
  .get(LINK, (c) => {
    const link = readLink(c)
    if (!link) return c.notFound()
    return c.html(
      <UnsubscribePage
        shell={shell(c)}
        kindLabel={NOTIFICATION_MAIL_LABELS[link.kind]}
        off={!mailPreferences(c.var.db, link.memberId)[link.kind]}
        action={c.req.path}
      />,
    )
  })
  .post(LINK, (c) => {
    const link = readLink(c)
    if (!link) return c.notFound()
    turnMailOff(c.var.db, c.var.clock, link.memberId, link.kind)
    return seeOther(c, c.req.path)
  })

function readLink(c: Context<MarketEnv>) {
  const kind = c.req.param('kind') ?? ''
  if (!isNotificationMailKind(kind)) return undefined
  const memberId = findUnsubscriber(c.var.db, c.req.param('token') ?? '')
  return memberId === undefined ? undefined : { memberId, kind }
}
