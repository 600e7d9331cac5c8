import { formatMoney, type Money as MoneyValue } from '../../src/lib/money'

/** A price in the site's currency and locale, e.g. <Money amount={1250} currency="EUR" locale="fr-FR" /> */
export function Money(props: MoneyValue & { locale: string }) {
  return <span class="money">{formatMoney(props, props.locale)}</span>
}
