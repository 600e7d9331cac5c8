/** Money is integer minor units (cents, fils) plus the site's ISO 4217 currency code. */
export type Money = { amount: number; currency: string }

/** How many minor units make one major unit for a currency (100 for EUR, 1000 for KWD, 1 for JPY). */
export function minorUnitsPerMajor(currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits
  return 10 ** (digits ?? 2)
}

/** formatMoney({ amount: 1250, currency: 'EUR' }, 'fr-FR') → "12,50 €" */
export function formatMoney(money: Money, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(
    money.amount / minorUnitsPerMajor(money.currency),
  )
}
