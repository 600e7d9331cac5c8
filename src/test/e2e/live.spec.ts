// Live updates between two phones: what one side does shows on the other's open page within two
// seconds, without a reload — an order placed, accepted and sent out; the bell's count; and a
// page that lost its network catching up on what it missed.
import type { Page } from '@playwright/test'
import { expect, productListing, test } from './fixtures'
import { accountNav, notice, signIn } from './steps'

const LIVE = { timeout: 2000 }

function orderCard(page: Page, name: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('link', { name }) })
}

/** Marks the document, to prove later that no reload or navigation happened. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true))
}
async function expectNoReload(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(
    true,
  )
}

/** Waits until the page's live updates are connected (htmx's SSE extension has its stream). */
async function waitForLive(page: Page) {
  await page.waitForFunction(() => {
    const element = document.querySelector('[data-hx-sse-connect]') as
      (Element & { _htmx?: { sse?: { status: number | null } } }) | null
    return element?._htmx?.sse?.status === 200
  })
}

test.describe('Live updates between buyer and provider', () => {
  test('an order placed, accepted and sent out shows on the other side at once', async ({
    page,
    seed,
    openDevice,
  }) => {
    await seed.site()
    const awa = await seed.member({ displayName: 'Awa Touray' })
    const mariama = await seed.member({ displayName: 'Mariama Bojang' })
    seed.store(mariama, { name: "Mariama's Hives" })
    const honey = seed.listing(mariama, productListing({ price: 25000, stock: 8, delivery: true }))

    const shop = await openDevice('Pixel 7')
    await signIn(shop, mariama)
    await shop.goto('/sales')
    await waitForLive(shop)
    await markDocument(shop)

    await test.step('Awa orders; the order appears in Mariama’s open Sales page', async () => {
      await signIn(page, awa)
      await page.goto(`/listings/${honey.id}-${honey.slug}`)
      await page.getByRole('button', { name: 'Add to cart' }).click()
      await expect(page.getByRole('status').filter({ hasText: 'Added' })).toBeVisible()
      await page.goto('/checkout')
      await page.getByLabel('Delivery to your address').check()
      await page.getByLabel('Address', { exact: true }).fill('Behind the mosque, blue gate')
      await page.getByLabel('Your phone number').fill('0712 345 678')
      await page.getByRole('button', { name: 'Place order' }).click()
      await expect(notice(page, /Your order was placed/)).toBeVisible()
      // One order: its page is where she lands.
      await expect(page.getByRole('heading', { level: 1, name: /^Order / })).toBeVisible()

      await expect(orderCard(shop, 'Awa Touray')).toContainText('Placed', LIVE)
      await expect(accountNav(shop).getByRole('link', { name: 'Sales (1 new)' })).toBeVisible(LIVE)
      await expect(
        accountNav(shop).getByRole('link', { name: 'Notifications (1 unread)' }),
      ).toBeVisible(LIVE)
      await expectNoReload(shop)
    })

    await test.step('Awa watches her order; Mariama accepts it', async () => {
      await waitForLive(page)
      await markDocument(page)

      await orderCard(shop, 'Awa Touray').getByRole('button', { name: 'Accept order' }).click()
      await expect(page.getByRole('status').filter({ hasText: 'Accepted' }).first()).toBeVisible(
        LIVE,
      )
      await expect(
        page.getByRole('region', { name: 'Timeline' }).getByRole('listitem'),
      ).toHaveCount(2, LIVE)
      await expect(
        accountNav(page).getByRole('link', { name: 'Notifications (1 unread)' }),
      ).toBeVisible(LIVE)
      await expectNoReload(page)
    })

    await test.step('offline for a moment, her page catches up when the network is back', async () => {
      await page.context().setOffline(true)
      await orderCard(shop, 'Awa Touray').getByRole('button', { name: 'Out for delivery' }).click()
      await expect(notice(shop, /Out for delivery: done/)).toBeVisible()
      await page.context().setOffline(false)
      await expect(
        page.getByRole('status').filter({ hasText: 'Out for delivery' }).first(),
      ).toBeVisible({ timeout: 10_000 })
      await expect(
        page.getByRole('region', { name: 'Timeline' }).getByRole('listitem'),
      ).toHaveCount(3)
      await expectNoReload(page)
    })

    await test.step('the bell lists what happened, and reading it clears the count', async () => {
      await accountNav(page)
        .getByRole('link', { name: /^Notifications/ })
        .click()
      await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
      await expect(page.getByRole('link', { name: /Out for delivery$/ })).toBeVisible()
      await page.getByRole('button', { name: 'Mark all read' }).click()
      await expect(
        accountNav(page).getByRole('link', { name: 'Notifications', exact: true }),
      ).toBeVisible()
    })
  })
})
