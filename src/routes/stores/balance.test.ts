import { afterEach, describe, expect, it } from 'vitest'
import { ledgerTransactions } from '../../../db/schema'
import { recordOrderPayment, releaseOrderToStore, storeBalance } from '../../models/ledger'
import {
  cookiesFrom,
  createMember,
  createOpenMarket,
  fieldError,
  page,
  type TestMarket,
} from '../../test/app'
import { seedStore, type TestStore } from '../../test/listings'
import { insertTestOrder } from '../../test/orders'

let market: TestMarket
afterEach(() => market.cleanup())

const OPERATOR = 'awa@example.com'
/** How en-GB writes the dalasi: the code, then a no-break space. */
const GMD = 'GMD\u00a0'

/** A store with `count` completed orders, paid and released: 100.00 GMD owed for each. */
async function storeWithSales(count = 1, held = 0) {
  const shop = await seedStore(market, { name: 'Fatou Tailoring' })
  const buyer = await createMember(market)
  const at = market.clock.now()
  for (let index = 0; index < count + held; index += 1) {
    const order = insertTestOrder(market.db, {
      buyerId: buyer.id,
      storeId: shop.store.id,
      subtotal: 10_000,
      status: index < count ? 'completed' : 'accepted',
    })
    market.db.transaction((tx) => {
      recordOrderPayment(tx, order, { reference: `MM ${index}`, recordedBy: null, at })
      if (index < count) releaseOrderToStore(tx, order, { at })
    })
  }
  return shop
}

function payouts() {
  return market.db
    .select()
    .from(ledgerTransactions)
    .all()
    .filter((row) => row.kind === 'payout')
}

const balancePath = (shop: TestStore) => `/stores/${shop.store.slug}/balance`
const payoutPath = (shop: TestStore) => `/stores/${shop.store.slug}/payouts`

describe('GET /stores/:slug/balance', () => {
  it('shows the owner what is owed, paid out and held, and the history, without a payout form', async () => {
    market = await createOpenMarket()
    const shop = await storeWithSales(2, 1)
    const cookie = await market.signIn(shop.owner.email)
    const response = await market.get(balancePath(shop), { cookie })
    expect(response.status).toBe(200)
    const document = await page(response)
    expect(document.getElementById('balance-owed')?.textContent).toBe(`${GMD}200.00`)
    expect(document.getElementById('balance-paid-out')?.textContent).toBe(`${GMD}0.00`)
    expect(document.getElementById('balance-held')?.textContent).toBe(`${GMD}100.00`)
    const rows = [...document.querySelectorAll('.ledger-history tbody tr')]
    expect(rows).toHaveLength(5)
    expect(rows.filter((row) => row.textContent!.includes('Completed order'))).toHaveLength(2)
    expect(document.querySelector('form[action$="/payouts"]')).toBeNull()
  })

  it('links to it from the owner’s storefront and account', async () => {
    market = await createOpenMarket()
    const shop = await storeWithSales()
    const cookie = await market.signIn(shop.owner.email)
    for (const path of [`/stores/${shop.store.slug}`, '/account']) {
      const document = await page(await market.get(path, { cookie }))
      expect(document.querySelector(`a[href="${balancePath(shop)}"]`), path).not.toBeNull()
    }
  })

  it('gives operators the payout form', async () => {
    market = await createOpenMarket()
    const shop = await storeWithSales()
    const cookie = await market.signIn(OPERATOR)
    const document = await page(await market.get(balancePath(shop), { cookie }))
    expect(document.querySelector('form[action$="/payouts"]')).not.toBeNull()
    expect(document.querySelector('label[for="field-amount"]')?.textContent).toBe(
      'Amount handed over',
    )
    expect(document.querySelector('label[for="field-reference"]')).not.toBeNull()
    const storefront = await page(await market.get(`/stores/${shop.store.slug}`, { cookie }))
    expect(storefront.querySelector(`a[href="${balancePath(shop)}"]`)?.textContent).toBe(
      'Balance and payouts',
    )
  })

  it('is a 404 for another member and for a store that does not exist', async () => {
    market = await createOpenMarket()
    const shop = await storeWithSales()
    const other = await createMember(market)
    const cookie = await market.signIn(other.email)
    expect((await market.get(balancePath(shop), { cookie })).status).toBe(404)
    const operator = await market.signIn(OPERATOR)
    expect((await market.get('/stores/nobody/balance', { cookie: operator })).status).toBe(404)
  })

  it('asks a visitor to sign in, whether or not the store exists', async () => {
    market = await createOpenMarket()
    const shop = await storeWithSales()
    for (const path of [balancePath(shop), '/stores/nobody/balance']) {
      const response = await market.get(path)
      expect(response.status).toBe(303)
      expect(response.headers.get('Location')).toBe(
        `/sign-in?return_to=${encodeURIComponent(path)}`,
      )
    }
  })

  it('pages the history, newest first', async () => {
    market = await createOpenMarket()
    const shop = await storeWithSales(13)
    const cookie = await market.signIn(shop.owner.email)
    const first = await page(await market.get(balancePath(shop), { cookie }))
    expect(first.querySelectorAll('.ledger-history tbody tr')).toHaveLength(25)
    expect(first.querySelector('a[rel="next"]')?.getAttribute('href')).toBe(
      `${balancePath(shop)}?page=2`,
    )
    const second = await page(await market.get(`${balancePath(shop)}?page=2`, { cookie }))
    expect(second.querySelectorAll('.ledger-history tbody tr')).toHaveLength(1)
    // The oldest line is the first order's payment.
    expect(second.querySelector('.ledger-history tbody tr')?.textContent).toContain('MM 0')
  })
})

describe('POST /stores/:slug/payouts', () => {
  it('records an operator’s payout and goes back to the balance with a message', async () => {
    market = await createOpenMarket()
    const shop = await storeWithSales(2)
    const cookie = await market.signIn(OPERATOR)
    const response = await market.post(
      payoutPath(shop),
      { amount: '150', reference: 'Cash, receipt 12', owedWas: '20000' },
      { cookie },
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(balancePath(shop))
    const document = await page(
      await market.get(balancePath(shop), { cookie: `${cookie}; ${cookiesFrom(response)}` }),
    )
    expect(document.querySelector('.flash')?.textContent).toBe(
      `Payout of ${GMD}150.00 to Fatou Tailoring recorded.`,
    )
    expect(document.getElementById('balance-owed')?.textContent).toBe(`${GMD}50.00`)
    expect(document.getElementById('balance-paid-out')?.textContent).toBe(`${GMD}150.00`)
    expect(document.querySelector('.ledger-history tbody tr')?.textContent).toContain(
      'Cash, receipt 12',
    )
    expect(payouts()).toMatchObject([{ storeId: shop.store.id, reference: 'Cash, receipt 12' }])
  })

  it('tells the store’s owner, with a note that leads to the balance', async () => {
    market = await createOpenMarket()
    const shop = await storeWithSales(1)
    const cookie = await market.signIn(OPERATOR)
    await market.post(
      payoutPath(shop),
      { amount: '100', reference: 'Wave 31', owedWas: '10000' },
      { cookie },
    )
    const owner = await market.signIn(shop.owner.email)
    const notes = await page(await market.get('/notifications', { cookie: owner }))
    const link = notes.querySelector('.notification--unread a')
    expect(link?.textContent).toBe(`Payout of ${GMD}100.00 recorded`)
    expect(link?.getAttribute('href')).toBe(balancePath(shop))
    const operatorNotes = await page(await market.get('/notifications', { cookie }))
    expect(operatorNotes.querySelector('.notification')).toBeNull()
  })

  it.each([
    ['0', 'Enter an amount above zero.'],
    ['-5', 'Enter an amount like 150 or 12.50 (no currency sign).'],
    ['lots', 'Enter an amount like 150 or 12.50 (no currency sign).'],
    ['', 'Enter the amount handed to the store.'],
    ['100.001', 'Use at most 2 decimals, like 12.50.'],
    ['100.01', `That is more than Fatou Tailoring is owed (${GMD}100.00).`],
  ])('refuses the amount “%s” beside the field, writing nothing', async (amount, message) => {
    market = await createOpenMarket()
    const shop = await storeWithSales()
    const cookie = await market.signIn(OPERATOR)
    const response = await market.post(
      payoutPath(shop),
      { amount, reference: 'Cash', owedWas: '10000' },
      { cookie },
    )
    expect(response.status).toBe(422)
    const document = await page(response)
    expect(fieldError(document, 'amount')).toBe(message)
    expect(document.querySelector<HTMLInputElement>('#field-amount')?.value).toBe(amount)
    expect(document.querySelector<HTMLInputElement>('#field-reference')?.value).toBe('Cash')
    expect(payouts()).toEqual([])
  })

  it('asks for a reference', async () => {
    market = await createOpenMarket()
    const shop = await storeWithSales()
    const cookie = await market.signIn(OPERATOR)
    const response = await market.post(payoutPath(shop), { amount: '50' }, { cookie })
    expect(response.status).toBe(422)
    expect(fieldError(await page(response), 'reference')).toMatch(/Say how it was paid/)
    expect(payouts()).toEqual([])
  })

  it('records a double submit once: the second finds the balance moved and says so', async () => {
    market = await createOpenMarket()
    const shop = await storeWithSales(2)
    const cookie = await market.signIn(OPERATOR)
    const form = { amount: '100', reference: 'MM 55120', owedWas: '20000' }
    expect((await market.post(payoutPath(shop), form, { cookie })).status).toBe(303)
    const again = await market.post(payoutPath(shop), form, { cookie })
    expect(again.status).toBe(422)
    const document = await page(again)
    expect(document.querySelector('.form-errors')?.textContent).toContain(
      `The balance changed while this page was open: Fatou Tailoring is now owed ${GMD}100.00.`,
    )
    // The form is made afresh from the balance now, so sending it again is a deliberate act.
    expect(document.querySelector<HTMLInputElement>('input[name="owedWas"]')?.value).toBe('10000')
    expect(payouts()).toHaveLength(1)
    expect(storeBalance(market.db, shop.store.id, { number: 1, size: 5 }).owed).toBe(10_000)
  })

  it('is a 404 for the store’s owner and other members, and sends visitors to sign in', async () => {
    market = await createOpenMarket()
    const shop = await storeWithSales()
    const form = { amount: '50', reference: 'Cash' }
    const owner = await market.signIn(shop.owner.email)
    expect((await market.post(payoutPath(shop), form, { cookie: owner })).status).toBe(404)
    const other = await createMember(market)
    const cookie = await market.signIn(other.email)
    expect((await market.post(payoutPath(shop), form, { cookie })).status).toBe(404)
    const visitor = await market.post(payoutPath(shop), form)
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('Location')).toMatch(/^\/sign-in/)
    expect(payouts()).toEqual([])
  })
})
