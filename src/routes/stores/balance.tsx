import { Hono, type Context } from 'hono'
import { StoreBalancePage } from '../../../views/stores/balance-page'
import type { MarketEnv, MemberEnv } from '../../http/env'
import { flashRedirect } from '../../http/flash'
import { parseForm, type FormErrors, type FormValues } from '../../http/forms'
import { requireMember } from '../../http/session'
import { shell } from '../../http/shell'
import { publishEvents } from '../../live/events'
import { formatMoney } from '../../lib/money'
import { readPageNumber } from '../../lib/pagination'
import { recordPayout, storeBalance } from '../../models/ledger'
import { PAYOUT_NOT_POSITIVE, payoutSchema } from '../../models/payout-input'
import { findStoreForBooks, type Store } from '../../models/store'

/** History lines per page: a few months of a busy stall on one screen or two. */
export const BALANCE_PAGE_SIZE = 25

/**
 * A store's money: GET /stores/:slug/balance for its owner and the operators, and POST
 * /stores/:slug/payouts, where an operator records money handed to the store. Anyone else's
 * slug is a 404; visitors are asked to sign in first, as on every member's page, which says
 * nothing about whether the store exists.
 */
export const storeBalancePages = new Hono<MarketEnv>()
  .get('/balance', requireMember, (c) => {
    const store = findStoreForBooks(c.var.db, c.var.member, c.req.param('slug') ?? '')
    if (!store) return c.notFound()
    return renderBalance(c, store, readPageNumber(c.req.query('page')))
  })

  .post('/payouts', requireMember, async (c) => {
    const store = findStoreForBooks(c.var.db, c.var.member, c.req.param('slug') ?? '')
    if (!store || c.var.member.role !== 'operator') return c.notFound()
    const { currency, locale } = c.var.site
    const form = await parseForm(c, payoutSchema({ currency, locale }))
    if (!form.ok) return renderBalance(c, store, 1, { values: form.values, errors: form.errors })
    const { amount, reference, owedWas } = form.data
    const result = recordPayout(
      c.var.db,
      c.var.member,
      store.id,
      amount,
      reference,
      c.var.clock.now(),
      {
        owedWas,
      },
    )
    if (result.ok) {
      publishEvents(c.var.bus, result.news)
      return flashRedirect(
        c,
        `/stores/${store.slug}/balance`,
        `Payout of ${formatMoney({ amount, currency }, locale)} to ${store.name} recorded.`,
      )
    }
    if (result.reason === 'not_found') return c.notFound()
    const owed = (amount: number) => formatMoney({ amount, currency }, locale)
    let errors: FormErrors
    if (result.reason === 'not_positive') errors = { amount: PAYOUT_NOT_POSITIVE }
    else if (result.reason === 'more_than_owed')
      errors = { amount: `That is more than ${store.name} is owed (${owed(result.owed)}).` }
    else
      errors = {
        form: `The balance changed while this page was open: ${store.name} is now owed ${owed(result.owed)}. Check the history below before recording a payout again.`,
      }
    // The form is made again from the balance as it is now; the typed amount stays.
    const { owedWas: _shown, ...typed } = form.values
    return renderBalance(c, store, 1, { values: typed, errors })
  })

function renderBalance(
  c: Context<MemberEnv>,
  store: Store,
  page: number,
  refused?: { values: FormValues; errors: FormErrors },
) {
  const balance = storeBalance(c.var.db, store.id, { number: page, size: BALANCE_PAGE_SIZE })
  return c.html(
    <StoreBalancePage
      shell={shell(c)}
      store={store}
      balance={balance}
      currency={c.var.site.currency}
      timeZone={c.var.site.timeZone}
      payout={c.var.member.role === 'operator' ? (refused ?? {}) : undefined}
    />,
    refused ? 422 : 200,
  )
}
