import type { FormErrors as Errors } from '../../src/http/forms'
import type { DeletionBlockers } from '../../src/models/account-deletion'
import type { Store } from '../../src/models/store'
import { Checkbox } from '../components/checkbox'
import { Field } from '../components/field'
import { FormErrors } from '../components/form-errors'
import { Money } from '../components/money'
import { SiteLayout, type Shell } from '../layouts/site-layout'
import { STATUS_LABELS } from '../orders/order-words'

type AccountDeletionPageProps = {
  shell: Shell
  blockers: DeletionBlockers
  store: Store | undefined
  currency: string
  errors?: Errors | undefined
}

/**
 * Before an account is deleted: what goes, what is kept for the books and why, what must be
 * finished first; then the confirmation (password and a tick), only when nothing is unfinished.
 */
export function AccountDeletionPage(props: AccountDeletionPageProps) {
  const { shell, blockers, store, errors = {} } = props
  const blocked = blockers.openOrders.length > 0 || blockers.owed > 0 || blockers.lastOperator
  return (
    <SiteLayout shell={shell} title="Delete your account">
      <p>
        <a href="/account">Your account</a>
      </p>
      <h1>Delete your account</h1>
      <section aria-labelledby="goes-heading" class="panel">
        <h2 id="goes-heading">What happens</h2>
        <ul>
          <li>You are signed out everywhere, and cannot sign in again.</li>
          {store ? <li>Your storefront and all its listings disappear from the market.</li> : null}
          <li>
            Your name becomes “Former member” and your email address is removed: you can sign up
            again with it later, as someone new.
          </li>
          <li>
            Your messages stay in the other person's conversation, under “Former member”: they are
            their record of what was said too.
          </li>
          <li>
            Your email preferences, cart, favourites, notifications and sign-in history are deleted.
          </li>
        </ul>
        <h3>What is kept</h3>
        <p>
          Orders, payments and the market's books are kept, without your name, address or phone
          number: the market must be able to account for every payment that went through it.
        </p>
        <p>
          Want a copy first? <a href="/account/data">Download my data</a>.
        </p>
      </section>

      {blocked ? (
        <Unfinished blockers={blockers} store={store} currency={props.currency} shell={shell} />
      ) : (
        <section aria-labelledby="confirm-heading" class="panel">
          <h2 id="confirm-heading">Confirm</h2>
          <form method="post" action="/account/deletion" class="form" novalidate>
            <FormErrors errors={errors} />
            <Field
              label="Your password"
              name="password"
              type="password"
              error={errors.password}
              required
              maxlength={200}
              autocomplete="current-password"
            />
            <Checkbox
              label="I understand that my account is deleted for good."
              name="understood"
              error={errors.understood}
            />
            <button type="submit" class="button button--danger">
              Delete my account
            </button>
          </form>
        </section>
      )}
    </SiteLayout>
  )
}

type UnfinishedProps = {
  blockers: DeletionBlockers
  store: Store | undefined
  currency: string
  shell: Shell
}

/** Why the account cannot go yet, each with the way to finish it. */
function Unfinished({ blockers, store, currency, shell }: UnfinishedProps) {
  return (
    <section aria-labelledby="unfinished-heading" class="panel" role="alert">
      <h2 id="unfinished-heading">Finish these first</h2>
      {blockers.openOrders.length > 0 ? (
        <>
          <p>
            These orders are still open. Finish or cancel them, then come back to delete your
            account:
          </p>
          <ul>
            {blockers.openOrders.map((order) => (
              <li>
                <a href={`/orders/${order.code}`}>Order {order.code}</a> —{' '}
                {order.as === 'buyer' ? 'you bought' : 'you sell'}, {STATUS_LABELS[order.status]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {blockers.owed > 0 ? (
        <p>
          The market still owes your store{' '}
          <Money amount={blockers.owed} currency={currency} locale={shell.locale} />. Ask the
          market's operator to pay it out first
          {store ? (
            <>
              {' '}
              (<a href={`/stores/${store.slug}/balance`}>your balance</a>)
            </>
          ) : null}
          .
        </p>
      ) : null}
      {blockers.lastOperator ? (
        <p>
          You are the market's only operator, and a market cannot be left without one: your account
          stays while no one else runs the market.
        </p>
      ) : null}
    </section>
  )
}
