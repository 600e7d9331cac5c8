// How buyers pay. There is no card processor: a buyer pays the provider in cash, sends mobile
// money, or makes a bank transfer, quoting the order's code so the provider can match it. The
// operator chooses which of these the market allows (site.paymentMethods); a store can take
// mobile money or transfers only once it has said where the money should go.
import type { Site } from './site'
import type { Store } from './store'

export type PaymentMethod = 'cash' | 'mobile_money' | 'bank_transfer'

export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'mobile_money', 'bank_transfer']

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  cash: 'Cash',
  mobile_money: 'Mobile money',
  bank_transfer: 'Bank transfer',
}

/** The methods the market allows, in their usual order; unknown names in the setting are ignored. */
export function sitePaymentMethods(site: Pick<Site, 'paymentMethods'>): PaymentMethod[] {
  const enabled = new Set(site.paymentMethods.split(',').map((name) => name.trim()))
  return PAYMENT_METHODS.filter((method) => enabled.has(method))
}

/**
 * What a buyer may choose at checkout for an order from `store`: the market's methods that the
 * store can take (cash always; the others once their details are filled in).
 * @example storePaymentMethods({ paymentMethods: 'cash,mobile_money' }, { mobileMoney: '', bankDetails: '' }) → ['cash']
 */
export function storePaymentMethods(
  site: Pick<Site, 'paymentMethods'>,
  store: Pick<Store, 'mobileMoney' | 'bankDetails'>,
): PaymentMethod[] {
  return sitePaymentMethods(site).filter(
    (method) =>
      method === 'cash' ||
      (method === 'mobile_money' && store.mobileMoney.trim() !== '') ||
      (method === 'bank_transfer' && store.bankDetails.trim() !== ''),
  )
}

/**
 * What the buyer is told to do to pay, on the order page and its receipt. `total` is already
 * formatted in the market's currency ("D 1,250.00"); `code` is the order's public code.
 * @example paymentInstructions('mobile_money', store, { code: 'K7PQ2M', total: 'D 1,250.00' })
 *   → 'Send D 1,250.00 to M-Pesa 0712 345 678 and quote K7PQ2M as the reference.'
 */
export function paymentInstructions(
  method: PaymentMethod,
  store: Pick<Store, 'mobileMoney' | 'bankDetails'>,
  order: { code: string; total: string },
): string {
  switch (method) {
    case 'cash':
      return 'Pay the provider in cash when you receive it.'
    case 'mobile_money':
      return `Send ${order.total} to ${store.mobileMoney.trim()} and quote ${order.code} as the reference.`
    case 'bank_transfer':
      return `Transfer ${order.total} to this account and quote ${order.code} as the reference:\n${store.bankDetails.trim()}`
  }
}
