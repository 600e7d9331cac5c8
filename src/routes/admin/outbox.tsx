import { Hono } from 'hono'
import { z } from 'zod'
import { OutboxMailPage, OutboxPage } from '../../../views/admin/outbox-page'
import type { MarketEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseQuery } from '../../http/forms'
import { requireMember, requireOperator } from '../../http/session'
import { shell } from '../../http/shell'
import { countOutbox, findMail, listOutbox, retryMail } from '../../mail/outbox'

const filterSchema = z.object({
  state: z.enum(['waiting', 'sent', 'held', 'failed']).optional().catch(undefined),
})

/**
 * /admin/outbox — every mail the market sent or holds. Without SMTP_URL this is where mail is
 * read (nothing is dropped); with it, where the operator sees why a mail is waiting or failed
 * and sends it again. Operators only.
 */
export const adminOutbox = new Hono<MarketEnv>()
  .use(requireMember)
  .use(requireOperator)
  .get('/', (c) => {
    const query = parseQuery(c, filterSchema)
    const state = query.ok ? query.data.state : undefined
    return c.html(
      <OutboxPage
        shell={shell(c)}
        mails={listOutbox(c.var.db, { state })}
        counts={countOutbox(c.var.db)}
        state={state}
        smtpConfigured={Boolean(c.var.config.smtpUrl)}
        timeZone={c.var.site.timeZone}
      />,
    )
  })
  .get('/:id{[0-9]+}', (c) => {
    const mail = findMail(c.var.db, Number(c.req.param('id')))
    if (!mail) return c.notFound()
    return c.html(<OutboxMailPage shell={shell(c)} mail={mail} timeZone={c.var.site.timeZone} />)
  })
  .post('/:id{[0-9]+}/retry', (c) => {
    const id = Number(c.req.param('id'))
    if (!findMail(c.var.db, id)) return c.notFound()
    const retried = retryMail(c.var.db, c.var.clock, id)
    return flashRedirect(
      c,
      `/admin/outbox/${id}`,
      retried ? 'The mail will be sent again.' : 'Only a failed or held mail can be sent again.',
    )
  })
