// A storefront and its listings with JavaScript off: plain forms, POST → 303 → GET, 422 pages.
import { CATEGORY, expect, productListing, test } from './fixtures'
import {
  accountNav,
  fillStorefrontForm,
  fillVariant,
  listingRow,
  nextPost,
  notice,
  optionRow,
  signIn,
  statusCard,
} from './steps'

test.use({ javaScriptEnabled: false })

test.describe('Storefront and listings with plain forms (JavaScript off)', () => {
  test('Ousman opens a storefront, lists a bike in two sizes, publishes it and updates stock', async ({
    page,
    seed,
    problems,
  }) => {
    problems.allowStatus(422)
    await seed.site()
    const ousman = await seed.member({ displayName: 'Ousman Jobe' })
    await signIn(page, ousman)

    await test.step('he opens his storefront from the header', async () => {
      await accountNav(page).getByRole('link', { name: 'Open a store' }).click()
      await fillStorefrontForm(page, {
        name: "Ousman's Bikes",
        area: 'Tanji, by the garage',
        skills: 'bikes, repairs',
      })
      const posted = nextPost(page, '/stores')
      await page.getByRole('button', { name: 'Open my storefront' }).click()
      const response = await posted
      expect(response.request().isNavigationRequest(), 'the browser itself sent the form').toBe(
        true,
      )
      expect(response.status()).toBe(303)
      await expect(notice(page, "Ousman's Bikes is open. Welcome to the market!")).toBeVisible()
      await expect(page).toHaveURL('/stores/ousmans-bikes')
    })

    await test.step('he starts a listing of goods from his storefront', async () => {
      await page.getByRole('link', { name: 'New listing' }).click()
      await page.getByRole('link', { name: /^Goods/ }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Sell goods' })).toBeVisible()
    })

    await test.step('a price with three decimals comes back beside that field', async () => {
      await page.getByLabel('Title').fill('Second-hand bicycle')
      await page.getByLabel('Category').selectOption({ label: 'Bikes' })
      await page.getByLabel('Description').fill('Serviced last week, new tyres.')
      await fillVariant(page, 1, { name: 'Child size', price: '1500', stock: '1' })
      await fillVariant(page, 2, { name: 'Adult size', price: '2600.125', stock: '0' })
      await page.getByLabel('Pickup from me').check()
      const posted = nextPost(page, '/listings')
      await page.getByRole('button', { name: 'Save draft' }).click()
      const response = await posted
      expect(response.request().isNavigationRequest()).toBe(true)
      expect(response.status()).toBe(422)
      const price = optionRow(page, 'Variant 2').getByLabel(/^Price/)
      await expect(price).toHaveAccessibleDescription('Use at most 2 decimals, like 12.50.')
      await expect(price).toHaveAttribute('aria-invalid', 'true')
      await expect(page.getByRole('alert')).toContainText('There is a problem:')
    })

    await test.step('what he typed is all still there', async () => {
      await expect(optionRow(page, 'Variant 2').getByLabel(/^Price/)).toHaveValue('2600.125')
      await expect(page.getByLabel('Title')).toHaveValue('Second-hand bicycle')
      await expect(page.getByLabel('Category')).toHaveValue(String(CATEGORY.bikes))
      await expect(page.getByLabel('Description')).toHaveValue('Serviced last week, new tyres.')
      await expect(optionRow(page, 'Variant 1').getByLabel('Name')).toHaveValue('Child size')
      await expect(optionRow(page, 'Variant 1').getByLabel(/^Price/)).toHaveValue('1500')
      await expect(optionRow(page, 'Variant 2').getByLabel('Name')).toHaveValue('Adult size')
      await expect(optionRow(page, 'Variant 2').getByLabel('In stock')).toHaveValue('0')
      await expect(page.getByLabel('Pickup from me')).toBeChecked()
      await expect(page.getByLabel('Local delivery')).not.toBeChecked()
    })

    await test.step('with the price fixed he saves the draft and publishes it', async () => {
      await optionRow(page, 'Variant 2')
        .getByLabel(/^Price/)
        .fill('2600')
      await page.getByRole('button', { name: 'Save draft' }).click()
      await expect(notice(page, 'Draft saved. Publish it when it is ready.')).toBeVisible()
      await expect(statusCard(page)).toContainText('Draft')
      await statusCard(page).getByRole('button', { name: 'Publish' }).click()
      await expect(notice(page, 'Published: buyers can find it now.')).toBeVisible()
      await expect(statusCard(page)).toContainText('On sale')
    })

    await test.step('its page shows both sizes, the adult one sold out', async () => {
      await statusCard(page).getByRole('link', { name: 'Preview' }).click()
      await expect(
        page.getByRole('heading', { level: 1, name: 'Second-hand bicycle' }),
      ).toBeVisible()
      const variants = page.getByRole('region', { name: 'Price' }).getByRole('listitem')
      await expect(variants).toHaveText(
        ['Child size GMD 1,500.00 1 in stock', 'Adult size GMD 2,600.00 Sold out'],
        { useInnerText: true },
      )
      await expect(
        page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link'),
      ).toHaveText(['Home', 'Second-hand goods', 'Bikes'])
    })

    await test.step('on My listings, the quick edit is a plain form post', async () => {
      const pump = seed.listing(
        ousman,
        productListing({
          title: 'Bicycle pump',
          categoryId: CATEGORY.bikes,
          price: 35000,
          stock: 2,
        }),
      )
      await page.goto('/listings/mine')
      const row = listingRow(page, 'Bicycle pump')
      await expect(row).toContainText('GMD 350.00 · 2 in stock')
      await row.getByLabel('Price').fill('320')
      await row.getByLabel('Stock').fill('4')
      const posted = nextPost(page, `/listings/${pump.id}/quick-edit`)
      await row.getByRole('button', { name: 'Update Bicycle pump' }).click()
      const response = await posted
      expect(response.request().isNavigationRequest()).toBe(true)
      expect(response.status()).toBe(303)
      await expect(notice(page, 'Bicycle pump: saved.')).toBeVisible()
      await expect(page).toHaveURL('/listings/mine')
      await expect(listingRow(page, 'Bicycle pump')).toContainText('GMD 320.00 · 4 in stock')
    })

    await test.step('a stock that is not a number comes back in its row, as typed', async () => {
      const row = listingRow(page, 'Bicycle pump')
      await row.getByLabel('Stock').fill('lots')
      await row.getByRole('button', { name: 'Update Bicycle pump' }).click()
      const refused = listingRow(page, 'Bicycle pump')
      await expect(refused.getByText('Enter how many you have, from 0 to 100000.')).toBeVisible()
      await expect(refused.getByLabel('Stock')).toHaveValue('lots')
      await expect(refused).toContainText('GMD 320.00 · 4 in stock')
    })
  })
})
