import type { FormErrors as Errors, FormValues } from '../../src/http/forms'
import { dateTimeFormat } from '../../src/lib/intl'
import { moneyInputValue } from '../../src/lib/money'
import type { StoreBalance, StoreHistoryLine } from '../../src/models/ledger'
import type { Store } from '../../src/models/store'
import { Button } from '../components/button'
import { EmptyState } from '../components/empty-state'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { Money } from '../components/money'
import { Pagination } from '../components/pagination'
import { SiteLayout, type Shell } from '../layouts/site-layout'

type StoreBalancePageProps = {
  shell: Shell
  store: Store
  balance: StoreBalance
  currency: string
  timeZone: string
  /** Operators record payouts here; absent for the store's owner. */
  payout?: { values?: FormValues; errors?: Errors } | undefined
}

/** What the market holds and owes a store, what it has paid out, and how it got there. */
export function StoreBalancePage(props: StoreBalancePageProps) {
  const { shell, store, balance, currency } = props
  const money = (amount: number) => (
    <Money amount={amount} currency={currency} locale={shell.locale} />
  )
  const base = `/stores/${store.slug}/balance`
  return (
    <SiteLayout shell={shell} title={`Balance · ${store.name}`}>
      <h1>Balance</h1>
      <p class="muted">
        <a href={`/stores/${store.slug}`}>{store.name}</a>
      </p>
      <dl class="balance">
        <div>
          <dt>Owed to the store</dt>
          <dd id="balance-owed">{money(balance.owed)}</dd>
        </div>
        <div>
          <dt>Paid out so far</dt>
          <dd id="balance-paid-out">{money(balance.paidOut)}</dd>
        </div>
        <div>
          <dt>Held for orders not yet completed</dt>
          <dd id="balance-held">{money(balance.held)}</dd>
        </div>
      </dl>
      <p class="muted">
        Buyers’ payments are held until their order completes; then the store is owed its share,
        less the market’s commission on the goods and services (delivery fees pass in full). The
        market’s operator hands over what is owed and records it here.
      </p>
      {props.payout ? (
        <PayoutForm
          slug={store.slug}
          owed={balance.owed}
          currency={currency}
          values={props.payout.values ?? {}}
          errors={props.payout.errors ?? {}}
        />
      ) : null}
      <h2>History</h2>
      {balance.history.length === 0 ? (
        <EmptyState title="No payments yet">
          <p>When a buyer pays for an order, the payment and what you are owed show here.</p>
          {props.payout ? (
            <a href={`/stores/${store.slug}`}>See the storefront</a>
          ) : (
            <a href="/sales">See your sales</a>
          )}
        </EmptyState>
      ) : (
        <>
          <table class="ledger-history">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">What</th>
                <th scope="col">Held</th>
                <th scope="col">Owed</th>
              </tr>
            </thead>
            <tbody>
              {balance.history.map((line) => (
                <HistoryRow
                  line={line}
                  currency={currency}
                  locale={shell.locale}
                  timeZone={props.timeZone}
                />
              ))}
            </tbody>
          </table>
          <Pagination
            page={balance.page.number}
            totalPages={balance.page.totalPages}
            href={(number) => (number === 1 ? base : `${base}?page=${number}`)}
          />
        </>
      )}
    </SiteLayout>
  )
}

type PayoutFormProps = {
  slug: string
  owed: number
  currency: string
  values: FormValues
  errors: Errors
}

function PayoutForm({ slug, owed, currency, values, errors }: PayoutFormProps) {
  return (
    <section class="panel" aria-labelledby="payout-heading">
      <h2 id="payout-heading">Record a payout</h2>
      <form method="post" action={`/stores/${slug}/payouts`} class="form" novalidate>
        <FormErrors errors={errors} />
        {/* The balance this form was made from: sent twice, the same payout is refused. */}
        <input type="hidden" name="owedWas" value={String(owed)} />
        <Field
          label="Amount handed over"
          name="amount"
          value={values.amount ?? (owed > 0 ? moneyInputValue(owed, currency) : '')}
          error={errors.amount}
          inputmode="decimal"
          maxlength={20}
          required
        />
        <Field
          label="Reference"
          name="reference"
          hint="How it was paid: “Cash, receipt 12”, or the mobile money or bank transaction id."
          value={values.reference}
          error={errors.reference}
          maxlength={120}
          required
        />
        <Button>Record payout</Button>
      </form>
    </section>
  )
}

type HistoryRowProps = {
  line: StoreHistoryLine
  currency: string
  locale: string
  timeZone: string
}

function HistoryRow({ line, currency, locale, timeZone }: HistoryRowProps) {
  const date = dateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(line.at)
  const signed = (amount: number) =>
    amount === 0 ? (
      '—'
    ) : (
      <>
        {amount > 0 ? '+' : ''}
        <Money amount={amount} currency={currency} locale={locale} />
      </>
    )
  return (
    <tr>
      <td>{date}</td>
      <td>
        {describe(line)}
        {line.reference ? <span class="muted"> · {line.reference}</span> : null}
        {line.kind === 'release' && line.toMarket !== 0 ? (
          <span class="muted">
            {' '}
            · {line.toMarket > 0 ? 'commission ' : 'the market paid for its coupon: '}
            <Money amount={Math.abs(line.toMarket)} currency={currency} locale={locale} />
          </span>
        ) : null}
      </td>
      <td>{signed(line.held)}</td>
      <td>{signed(line.owed)}</td>
    </tr>
  )
}

function describe(line: StoreHistoryLine): string {
  const order = line.orderCode ? `order ${line.orderCode}` : 'an order'
  switch (line.kind) {
    case 'payment':
      return `Payment for ${order}`
    case 'release':
      return `Completed ${order}`
    case 'refund':
      return `Refunded ${order}`
    case 'payout':
      return 'Payout'
  }
}
