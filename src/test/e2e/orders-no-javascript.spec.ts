// Buying with JavaScript off: every step a plain form, POST → 303 → GET, the coupon applied by
// reloading checkout; the store accepts the order the same way.
import { devices } from '@playwright/test'
import { expect, productListing, test } from './fixtures'
import { accountNav, nextPost, notice, signIn } from './steps'

test.use({ javaScriptEnabled: false })

test.describe('Checkout with plain forms (JavaScript off)', () => {
  test('Awa buys honey with the store’s coupon and Mariama accepts the order', async ({
    page,
    seed,
    browser,
    baseURL,
    problems,
  }) => {
    await seed.site()
    const awa = await seed.member({ displayName: 'Awa Touray' })
    const mariama = await seed.member({ displayName: 'Mariama Bojang' })
    seed.store(mariama, { name: "Mariama's Hives" })
    const honey = seed.listing(
      mariama,
      productListing({ price: 25000, stock: 8, delivery: true, deliveryFee: 5000 }),
    )
    seed.coupon(mariama, { code: 'HONEY10', kind: 'percent', value: 10 })
    await signIn(page, awa)

    await test.step('she adds two jars: the listing page comes back saying so', async () => {
      await page.goto(`/listings/${honey.id}-${honey.slug}`)
      await page.getByLabel('Quantity').fill('2')
      const posted = nextPost(page, '/cart/lines')
      await page.getByRole('button', { name: 'Add to cart' }).click()
      const response = await posted
      expect(response.request().isNavigationRequest(), 'the browser itself sent the form').toBe(
        true,
      )
      expect(response.status()).toBe(303)
      await expect(
        notice(page, 'Added Mangrove honey, 500 g jar to your cart (2 in your cart).'),
      ).toBeVisible()
      await expect(page).toHaveURL(`/listings/${honey.id}-${honey.slug}`)
      await expect(accountNav(page).getByRole('link', { name: 'Cart (2)' })).toBeVisible()
    })

    await test.step('from her cart she opens checkout', async () => {
      await accountNav(page).getByRole('link', { name: 'Cart (2)' }).click()
      await expect(page.getByText('Total GMD 500.00', { exact: true })).toBeVisible()
      await page.getByRole('link', { name: 'Check out' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible()
    })

    await test.step('she picks it up, and Apply takes the coupon off the total', async () => {
      await page.getByLabel('Pick it up from the store').check()
      await page.getByLabel('Coupon code').fill('honey10')
      await page.getByLabel('Your phone number').fill('0712 345 678')
      const posted = nextPost(page, '/checkout')
      await page.getByRole('button', { name: 'Apply' }).click()
      const response = await posted
      expect(response.request().isNavigationRequest()).toBe(true)
      expect(response.status()).toBe(200)
      await expect(page.locator('.checkout__summary > div')).toHaveText(
        ['Subtotal GMD 500.00', 'Discount −GMD 50.00', 'Total GMD 450.00'],
        { useInnerText: true },
      )
      await expect(page.getByText('Total: GMD 450.00')).toBeVisible()
      await expect(page.getByLabel('Pick it up from the store')).toBeChecked()
      await expect(page.getByLabel('Your phone number')).toHaveValue('0712 345 678')
    })

    let orderPath = ''
    await test.step('she places the order and lands on it', async () => {
      const posted = nextPost(page, '/checkout')
      await page.getByRole('button', { name: 'Place order' }).click()
      const response = await posted
      expect(response.request().isNavigationRequest()).toBe(true)
      expect(response.status()).toBe(303)
      await expect(notice(page, 'Your order was placed. The provider has been told.')).toBeVisible()
      await expect(page).toHaveURL(/\/orders\/[A-Z0-9]+$/)
      orderPath = new URL(page.url()).pathname
      await expect(accountNav(page).getByRole('link', { name: 'Cart (0)' })).toBeVisible()
      await expect(page.getByRole('row', { name: /^Discount \(HONEY10\)/ })).toContainText(
        '−GMD 50.00',
      )
      await expect(page.getByRole('row', { name: /^Total/ })).toContainText('GMD 450.00')
    })

    await test.step('Mariama, also without JavaScript, accepts it from Sales', async () => {
      const context = await browser.newContext({
        ...devices['Pixel 7'],
        javaScriptEnabled: false,
        baseURL,
      })
      await problems.watch(context)
      const mariamaPage = await context.newPage()
      await signIn(mariamaPage, mariama)
      await accountNav(mariamaPage).getByRole('link', { name: 'Sales (1 new)' }).click()
      const posted = nextPost(mariamaPage, `${orderPath}/steps`)
      await mariamaPage.getByRole('button', { name: 'Accept order' }).click()
      const response = await posted
      expect(response.request().isNavigationRequest()).toBe(true)
      expect(response.status()).toBe(303)
      await expect(
        notice(mariamaPage, 'Accept order: done. The other side has been told.'),
      ).toBeVisible()
      await expect(mariamaPage).toHaveURL('/sales')
      await expect(
        mariamaPage.getByRole('region', { name: /^Under way/ }).getByRole('listitem'),
      ).toContainText(['Awa Touray'])
      await context.close()
    })

    await test.step('Awa sees it accepted', async () => {
      await page.reload()
      await expect(page.getByRole('status').filter({ hasText: 'Accepted' })).toBeVisible()
    })
  })
})
