// Buying on a phone: goods for delivery and a service package in one checkout (two orders, two
// stores), each provider taking theirs to delivered from Sales, and the buyer confirming both.
import type { Page } from '@playwright/test'
import { expect, productListing, serviceListing, test, type Credentials } from './fixtures'
import { accountNav, notice, signIn } from './steps'

/** The header's "Cart (n)" link. */
function cartLink(page: Page, count: number) {
  return accountNav(page).getByRole('link', { name: `Cart (${count})` })
}

/** One order's card in a list (the buyer's orders, the sales inbox), by the other side's name. */
function orderCard(page: Page, name: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('link', { name }) })
}

/** The order page's "What you can do now" panel. */
function nextSteps(page: Page) {
  return page.getByRole('region', { name: 'What you can do now' })
}

/** The timeline's rows, each starting with its step ("Accepted by …"). */
function timeline(page: Page) {
  return page.getByRole('region', { name: 'Timeline' }).getByRole('listitem')
}

/** Records a cash payment from the order page, as a provider does when handed the money. */
async function recordCashPayment(page: Page, reference: string) {
  await nextSteps(page).getByText('The buyer paid…').click()
  await page.getByLabel('Payment reference').fill(reference)
  await page.getByRole('button', { name: 'Record payment' }).click()
  await expect(notice(page, 'Payment recorded. The buyer has been told.')).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Paid' }).first()).toBeVisible()
}

async function takeStep(page: Page, button: string) {
  await page.getByRole('button', { name: button, exact: true }).click()
  await expect(notice(page, `${button}: done. The other side has been told.`)).toBeVisible()
}

test.describe('Cart, checkout and orders on a phone', () => {
  test('Awa orders honey for delivery and a plumber’s half day; both stores deliver and she confirms', async ({
    page,
    seed,
    openDevice,
  }) => {
    await seed.site()
    const awa = await seed.member({ displayName: 'Awa Touray' })
    const mariama: Credentials = await seed.member({ displayName: 'Mariama Bojang' })
    const amadou: Credentials = await seed.member({ displayName: 'Amadou Ceesay' })
    seed.store(mariama, { name: "Mariama's Hives" })
    seed.store(amadou, { name: "Amadou's Plumbing" })
    const honey = seed.listing(
      mariama,
      productListing({ price: 25000, stock: 8, delivery: true, deliveryFee: 5000 }),
    )
    const repair = seed.listing(amadou, serviceListing())

    await signIn(page, awa)
    await expect(cartLink(page, 0)).toBeVisible()

    await test.step('she puts two jars of honey in her cart from its page', async () => {
      await page.goto(`/listings/${honey.id}-${honey.slug}`)
      await page.getByLabel('Quantity').fill('2')
      await page.getByRole('button', { name: 'Add to cart' }).click()
      await expect(
        page.getByRole('status').filter({ hasText: 'Added — 2 in your cart.' }),
      ).toBeVisible()
      await expect(cartLink(page, 2)).toBeVisible()
    })

    await test.step('and the plumber’s half day, a package of his service', async () => {
      await page.goto(`/listings/${repair.id}-${repair.slug}`)
      // "Add to cart" and, for a screen reader, which package ("Add to cart: Half day").
      await page.getByRole('button', { name: /^Add to cart\W+Half day$/ }).click()
      await expect(
        page.getByRole('status').filter({ hasText: 'Added — 1 in your cart.' }),
      ).toBeVisible()
      await expect(cartLink(page, 3)).toBeVisible()
    })

    await test.step('her cart holds both, one store each, and sends her to checkout', async () => {
      await cartLink(page, 3).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible()
      await expect(page.getByRole('heading', { level: 2 })).toHaveText([
        "Mariama's Hives",
        "Amadou's Plumbing",
      ])
      // 2 × 250 + 600
      await expect(page.getByText('Total GMD 1,100.00')).toBeVisible()
      await page.getByRole('link', { name: 'Check out' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible()
    })

    const goods = page.getByRole('region', { name: "Order 1: Goods from Mariama's Hives" })
    const service = page.getByRole('region', { name: "Order 2: Service from Amadou's Plumbing" })

    await test.step('she has the honey delivered and writes what the plumber should know', async () => {
      await expect(goods.getByRole('term')).toHaveText(['Subtotal', 'Total'])
      await goods.getByLabel('Delivery to your address (+GMD 50.00)').check()
      await goods.getByLabel('Address', { exact: true }).fill('Behind the mosque, blue gate')
      // A service at her place: the only way it is offered, so it comes chosen.
      await expect(service.getByLabel('At your place')).toBeChecked()
      await service.getByLabel('Address', { exact: true }).fill('Behind the mosque, blue gate')
      await service
        .getByLabel('What the provider should know')
        .fill('The kitchen tap drips.\nMornings suit me best.')
      await expect(goods.getByLabel('Cash')).toBeChecked()
      await expect(service.getByLabel('Cash')).toBeChecked()
      await page.getByLabel('Your phone number').fill('0712 345 678')
    })

    await test.step('the totals added the delivery fee as soon as she chose delivery', async () => {
      const summary = (order: typeof goods) => order.locator('.checkout__summary > div')
      await expect(summary(goods)).toHaveText(
        ['Subtotal GMD 500.00', 'Delivery GMD 50.00', 'Total GMD 550.00'],
        { useInnerText: true },
      )
      await expect(summary(service)).toHaveText(['Subtotal GMD 600.00', 'Total GMD 600.00'], {
        useInnerText: true,
      })
      await expect(page.getByText('Total for 2 orders: GMD 1,150.00')).toBeVisible()
      // What she typed is still there.
      await expect(goods.getByLabel('Delivery to your address (+GMD 50.00)')).toBeChecked()
      await expect(service.getByLabel('What the provider should know')).toHaveValue(
        'The kitchen tap drips.\nMornings suit me best.',
      )
    })

    await test.step('she places both orders at once', async () => {
      await page.getByRole('button', { name: 'Place 2 orders' }).click()
      await expect(
        notice(page, 'Your 2 orders were placed. Each store has been told.'),
      ).toBeVisible()
      await expect(page).toHaveURL('/orders')
      await expect(cartLink(page, 0)).toBeVisible()
      await expect(orderCard(page, "Mariama's Hives")).toContainText(
        'Placed — waiting for the store',
      )
      await expect(orderCard(page, "Mariama's Hives")).toContainText('GMD 550.00')
      await expect(orderCard(page, "Amadou's Plumbing")).toContainText(
        '1 × Leaking tap repair (Half day)',
      )
    })

    const mariamaPage = await openDevice('Pixel 7')
    await test.step('Mariama accepts from Sales and sends the honey out', async () => {
      await signIn(mariamaPage, mariama)
      await accountNav(mariamaPage).getByRole('link', { name: 'Sales (1 new)' }).click()
      await expect(mariamaPage.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible()
      const card = orderCard(mariamaPage, 'Awa Touray')
      await expect(card).toContainText('2 × Mangrove honey, 500 g jar')
      await card.getByRole('button', { name: 'Accept order' }).click()
      await expect(
        notice(mariamaPage, 'Accept order: done. The other side has been told.'),
      ).toBeVisible()
      await expect(mariamaPage).toHaveURL('/sales')
      await expect(
        accountNav(mariamaPage).getByRole('link', { name: 'Sales', exact: true }),
      ).toBeVisible()
      await expect(card).toContainText('Accepted')
      await card.getByRole('button', { name: 'Out for delivery' }).click()
      await expect(
        notice(mariamaPage, 'Out for delivery: done. The other side has been told.'),
      ).toBeVisible()
      await expect(orderCard(mariamaPage, 'Awa Touray')).toContainText('Out for delivery')
    })

    await test.step('on the order page she sees where to deliver, marks it delivered and paid', async () => {
      await orderCard(mariamaPage, 'Awa Touray')
        .getByRole('link', { name: /^Open order/ })
        .click()
      await expect(mariamaPage.getByRole('heading', { level: 1, name: /^Order / })).toBeVisible()
      await expect(mariamaPage.getByText('Behind the mosque, blue gate')).toBeVisible()
      await expect(mariamaPage.getByRole('link', { name: 'Call Awa Touray' })).toBeVisible()
      await takeStep(mariamaPage, 'Mark as delivered')
      await expect(
        mariamaPage.getByRole('status').filter({ hasText: 'Delivered' }).first(),
      ).toBeVisible()
      await recordCashPayment(mariamaPage, 'cash, receipt 17')
    })

    const amadouPage = await openDevice('Pixel 7')
    await test.step('Amadou accepts, reads the requirements, starts and finishes the work', async () => {
      await signIn(amadouPage, amadou)
      await accountNav(amadouPage).getByRole('link', { name: 'Sales (1 new)' }).click()
      const card = orderCard(amadouPage, 'Awa Touray')
      await card.getByRole('button', { name: 'Accept order' }).click()
      await expect(
        notice(amadouPage, 'Accept order: done. The other side has been told.'),
      ).toBeVisible()
      await orderCard(amadouPage, 'Awa Touray')
        .getByRole('link', { name: /^Open order/ })
        .click()
      await expect(
        amadouPage.getByRole('definition').filter({ hasText: 'The kitchen tap drips.' }),
      ).toHaveText('The kitchen tap drips.\nMornings suit me best.', { useInnerText: true })
      await takeStep(amadouPage, 'Start work')
      await takeStep(amadouPage, 'Mark as delivered')
      await recordCashPayment(amadouPage, 'cash')
    })

    await test.step('Awa confirms both are done, and each timeline tells the story', async () => {
      await accountNav(page).getByRole('link', { name: 'Orders' }).click()
      await orderCard(page, "Mariama's Hives").getByRole('link').click()
      await expect(page.getByRole('status').filter({ hasText: 'Delivered · Paid' })).toBeVisible()
      await takeStep(page, 'Confirm it is done')
      await expect(page.getByRole('status').filter({ hasText: 'Completed · Paid' })).toBeVisible()
      await expect(nextSteps(page)).toHaveCount(0)
      await expect(timeline(page)).toHaveText([
        /^Placed by Awa Touray \(buyer\)/,
        /^Accepted by Mariama Bojang \(store\)/,
        /^Out for delivery by Mariama Bojang/,
        /^Delivered by Mariama Bojang/,
        /^Payment recorded by Mariama Bojang/,
        /^Confirmed done by Awa Touray/,
      ])

      await accountNav(page).getByRole('link', { name: 'Orders' }).click()
      await orderCard(page, "Amadou's Plumbing").getByRole('link').click()
      await takeStep(page, 'Confirm it is done')
      await expect(timeline(page)).toHaveText([
        /^Placed by Awa Touray/,
        /^Accepted by Amadou Ceesay/,
        /^Work started by Amadou Ceesay/,
        /^Delivered by Amadou Ceesay/,
        /^Payment recorded by Amadou Ceesay/,
        /^Confirmed done by Awa Touray/,
      ])
      await accountNav(page).getByRole('link', { name: 'Orders' }).click()
      await expect(page.getByText('Completed', { exact: true })).toHaveCount(2)
    })

    await test.step('in Amadou’s Sales the order is finished', async () => {
      await accountNav(amadouPage).getByRole('link', { name: 'Sales', exact: true }).click()
      await expect(
        amadouPage.getByRole('region', { name: /^Finished/ }).getByRole('listitem'),
      ).toContainText(['Completed'])
    })
  })
})
