import { describe, expect, it } from 'vitest'
import {
  PAYMENT_METHOD_LABELS,
  paymentInstructions,
  sitePaymentMethods,
  storePaymentMethods,
} from './payment-methods'

const everything = { paymentMethods: 'cash,mobile_money,bank_transfer' }
const bank = 'Trust Bank Gambia\nAccount 0012 3456 789\nLamin Sowe'
const store = { mobileMoney: 'Wave 712 3456', bankDetails: bank }
const bare = { mobileMoney: '', bankDetails: '' }

describe('sitePaymentMethods', () => {
  it("reads the operator's setting in the usual order, ignoring what it does not know", () => {
    expect(sitePaymentMethods(everything)).toEqual(['cash', 'mobile_money', 'bank_transfer'])
    expect(sitePaymentMethods({ paymentMethods: 'bank_transfer, cash,cheque' })).toEqual([
      'cash',
      'bank_transfer',
    ])
    expect(sitePaymentMethods({ paymentMethods: '' })).toEqual([])
  })
})

describe('storePaymentMethods', () => {
  it('offers cash always, and the others once the store said where the money goes', () => {
    expect(storePaymentMethods(everything, bare)).toEqual(['cash'])
    expect(storePaymentMethods(everything, { ...bare, mobileMoney: 'Wave 712 3456' })).toEqual([
      'cash',
      'mobile_money',
    ])
    expect(storePaymentMethods(everything, { ...bare, bankDetails: bank })).toEqual([
      'cash',
      'bank_transfer',
    ])
    expect(storePaymentMethods(everything, store)).toEqual([
      'cash',
      'mobile_money',
      'bank_transfer',
    ])
  })

  it('offers only what the market allows', () => {
    expect(storePaymentMethods({ paymentMethods: 'mobile_money' }, store)).toEqual(['mobile_money'])
    expect(storePaymentMethods({ paymentMethods: 'cash,bank_transfer' }, store)).toEqual([
      'cash',
      'bank_transfer',
    ])
  })

  it('takes details made only of spaces as none', () => {
    expect(storePaymentMethods(everything, { mobileMoney: '  ', bankDetails: '\n' })).toEqual([
      'cash',
    ])
  })
})

describe('paymentInstructions', () => {
  const order = { code: 'K7PQ2M', total: 'GMD 1,250.00' }

  it('tells a cash buyer to pay on receipt', () => {
    expect(paymentInstructions('cash', store, order)).toBe(
      'Pay the provider in cash when you receive it.',
    )
  })

  it('tells a mobile money buyer where to send what, with the reference', () => {
    expect(paymentInstructions('mobile_money', store, order)).toBe(
      'Send GMD 1,250.00 to Wave 712 3456 and quote K7PQ2M as the reference.',
    )
  })

  it("gives a transfer buyer the store's bank details and the reference", () => {
    const text = paymentInstructions('bank_transfer', store, order)
    expect(text).toContain('GMD 1,250.00')
    expect(text).toContain('quote K7PQ2M as the reference')
    expect(text.endsWith(bank)).toBe(true)
  })

  it('has a label for every method', () => {
    expect(Object.values(PAYMENT_METHOD_LABELS)).toEqual(['Cash', 'Mobile money', 'Bank transfer'])
  })
})
