// Listings with JavaScript on: a service with packages, goods with variants, the quick edit on
// "My listings" swapped in place, and draft → published ↔ paused → archived.
import { CATEGORY, expect, productListing, test } from './fixtures'
import {
  expectNotFound,
  expectSameDocument,
  fillPackage,
  fillVariant,
  listingRow,
  markDocument,
  nextPost,
  notice,
  optionRow,
  signIn,
  statusCard,
} from './steps'

const STORE = "Amadou's Plumbing"

test.describe('GET /listings/new?kind=service, POST /listings, POST /listings/:id/publication', () => {
  test('Amadou offers a service in three packages; a visitor finds it on the home page', async ({
    page,
    seed,
    openDevice,
  }) => {
    await seed.site()
    const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
    seed.store(amadou, { name: STORE, area: 'Tanji' })
    await signIn(page, amadou)

    await test.step('from My listings he starts a new listing and chooses "A service"', async () => {
      await page.goto('/listings/mine')
      await expect(page.getByRole('heading', { level: 1, name: 'My listings' })).toBeVisible()
      await expect(page.getByText('List your first service or item')).toBeVisible()
      await page.getByRole('link', { name: 'New listing' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'New listing' })).toBeVisible()
      await page.getByRole('link', { name: /^A service/ }).click()
      await expect(page).toHaveURL('/listings/new?kind=service')
      await expect(page.getByRole('heading', { level: 1, name: 'Offer a service' })).toBeVisible()
    })

    await test.step('he describes it with three packages and saves a draft', async () => {
      await page.getByLabel('Title').fill('Leaking tap repair')
      await page.getByLabel('Category').selectOption({ label: 'Plumbing' })
      await page
        .getByLabel('Description')
        .fill('Dripping taps and leaking pipes, fixed the same day.')
      await page.getByLabel('Tags').fill('taps, leaks, pipes')
      await fillPackage(page, 1, {
        name: 'Call-out',
        included: 'Look and small fix',
        price: '150',
        days: '0',
      })
      await markDocument(page)
      const posted = nextPost(page, '/listings')
      await page.getByRole('button', { name: 'Add another package' }).click()
      const response = await posted
      expect(await response.text(), 'just the packages are swapped').toMatch(
        /^<fieldset id="field-packages"/,
      )
      await expect(optionRow(page, 'Package 2').getByLabel('Name')).toBeFocused()
      await expect(optionRow(page, 'Package 1').getByLabel('Name')).toHaveValue('Call-out')
      await expectSameDocument(page)
      await fillPackage(page, 2, { name: 'Half day', price: '600', days: '1' })
      await fillPackage(page, 3, {
        name: 'Full day',
        included: 'Parts extra',
        // As the site itself writes prices: the thousands separator is understood.
        price: '1,000.50',
        days: '2',
      })
      await page.getByLabel("At the customer's place").check()
      await page.getByLabel('At my place').check()
      await page.getByLabel('Usual duration (minutes, optional)').fill('90')
      await page.getByRole('button', { name: 'Save draft' }).click()
      await expect(notice(page, 'Draft saved. Publish it when it is ready.')).toBeVisible()
      await expect(page).toHaveURL(/\/listings\/\d+\/edit$/)
      await expect(page.getByRole('heading', { level: 1, name: 'Edit listing' })).toBeVisible()
      await expect(statusCard(page)).toContainText('Draft')
      await expect(optionRow(page, 'Package 3').getByLabel(/^Price/)).toHaveValue('1000.50')
    })

    await test.step('he publishes it', async () => {
      await statusCard(page).getByRole('button', { name: 'Publish' }).click()
      await expect(notice(page, 'Published: buyers can find it now.')).toBeVisible()
      await expect(statusCard(page)).toContainText('On sale')
      await expect(statusCard(page).getByRole('button', { name: 'Pause' })).toBeVisible()
    })

    await test.step('the home page shows it under "Newest on the market"', async () => {
      await page.getByRole('link', { name: 'Tanji Market', exact: true }).click()
      const newest = page.getByRole('region', { name: 'Newest on the market' }).getByRole('list')
      // The card's name as a screen reader says it (a card without a photo shows an initial
      // that is hidden from it).
      await expect(newest.getByRole('link')).toHaveCount(1)
      await expect(newest.getByRole('link')).toHaveAccessibleName(
        `Leaking tap repair from GMD 150.00 ${STORE} · Tanji`,
      )
    })

    await test.step('a visitor opens it: three packages, where, and the breadcrumb', async () => {
      const visitor = await openDevice('Pixel 7')
      await visitor.goto('/')
      await visitor
        .getByRole('region', { name: 'Newest on the market' })
        .getByRole('link', { name: /Leaking tap repair/ })
        .click()
      await expect(visitor).toHaveURL(/\/listings\/\d+-leaking-tap-repair$/)
      await expect(
        visitor.getByRole('heading', { level: 1, name: 'Leaking tap repair' }),
      ).toBeVisible()
      await expect(
        visitor.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link'),
      ).toHaveText(['Home', 'Home repairs & trades', 'Plumbing'])
      const packages = visitor.getByRole('region', { name: 'Packages' }).getByRole('listitem')
      // Each package with its own "Add to cart" (the hidden words name it for a screen reader).
      await expect(packages).toHaveText(
        [
          'Call-out GMD 150.00 Look and small fix Same day Add to cart : Call-out',
          'Half day GMD 600.00 Ready in 1 day Add to cart : Half day',
          'Full day GMD 1,000.50 Parts extra Ready in 2 days Add to cart : Full day',
        ],
        { useInnerText: true },
      )
      await expect(
        visitor.getByText("At the customer's place · At my place · about 90 minutes"),
      ).toBeVisible()
      await expect(visitor.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText([
        'taps',
        'leaks',
        'pipes',
      ])
      await expect(visitor.getByRole('complementary', { name: 'Sold by' })).toContainText(
        `Sold by ${STORE} · Tanji`,
      )
      await expect(visitor.getByText('Only you can see this page.')).toHaveCount(0)
    })
  })
})

test.describe('GET /listings/new?kind=product, POST /listings (goods with variants)', () => {
  test('Fatou sells jam in two sizes, one sold out, with pickup and paid delivery', async ({
    page,
    seed,
    openDevice,
  }) => {
    await seed.site()
    const fatou = await seed.member({ displayName: 'Fatou Sanneh' })
    seed.store(fatou, { name: "Fatou's Kitchen" })
    await signIn(page, fatou)

    await test.step('she starts "Goods" from My listings', async () => {
      await page.goto('/listings/mine')
      await page.getByRole('link', { name: 'New listing' }).click()
      await page.getByRole('link', { name: /^Goods/ }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Sell goods' })).toBeVisible()
    })

    await test.step('two variants, pickup and delivery with a fee; draft, then publish', async () => {
      await page.getByLabel('Title').fill('Mango jam')
      await page.getByLabel('Category').selectOption({ label: 'Honey, jams & preserves' })
      await fillVariant(page, 1, { name: 'Small jar', price: '75', stock: '12' })
      await fillVariant(page, 2, { name: 'Large jar', price: '140', stock: '0' })
      await page.getByLabel('Pickup from me').check()
      await page.getByLabel('Local delivery').check()
      await page.getByLabel('Delivery fee (GMD)').fill('25')
      await page.getByRole('button', { name: 'Save draft' }).click()
      await expect(notice(page, 'Draft saved. Publish it when it is ready.')).toBeVisible()
      await expect(statusCard(page)).toContainText('Draft')
      await statusCard(page).getByRole('button', { name: 'Publish' }).click()
      await expect(notice(page, 'Published: buyers can find it now.')).toBeVisible()
    })

    await test.step('a visitor sees both sizes, the large one sold out, and the delivery fee', async () => {
      const path = await statusCard(page)
        .getByRole('link', { name: 'Preview' })
        .getAttribute('href')
      const visitor = await openDevice('Pixel 7')
      await visitor.goto(path!)
      await expect(visitor.getByRole('heading', { level: 1, name: 'Mango jam' })).toBeVisible()
      await expect(visitor.getByRole('region', { name: 'Price' }).getByRole('listitem')).toHaveText(
        ['Small jar GMD 75.00 12 in stock', 'Large jar GMD 140.00 Sold out'],
        { useInnerText: true },
      )
      await expect(visitor.getByText('Pickup · Local delivery GMD 25.00')).toBeVisible()
      await expect(
        visitor.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link'),
      ).toHaveText(['Home', 'Food & produce', 'Honey, jams & preserves'])
    })

    await test.step('her storefront lists it "from" the cheaper size', async () => {
      await page.goto(`/stores/fatous-kitchen`)
      const cards = page.getByRole('region', { name: 'Listings' }).getByRole('list')
      await expect(cards.getByRole('link')).toHaveCount(1)
      await expect(cards.getByRole('link')).toHaveAccessibleName('Mango jam from GMD 75.00')
    })
  })
})

test.describe('POST /listings/:id/quick-edit, pause, resume, archive', () => {
  test('the quick edit swaps one row in place; pausing hides the listing; archive asks first', async ({
    page,
    seed,
    openDevice,
    problems,
  }) => {
    problems.allowStatus(422)
    problems.allowStatus(404)
    await seed.site()
    const fatou = await seed.member({ displayName: 'Fatou Sanneh' })
    seed.store(fatou, { name: "Fatou's Kitchen" })
    const honey = seed.listing(
      fatou,
      productListing({ title: 'Mangrove honey', price: 25000, stock: 8 }),
    )
    seed.listing(
      fatou,
      productListing({
        title: 'Baobab jam',
        categoryId: CATEGORY.honeyPreserves,
        price: null,
        stock: null,
        variants: [{ name: 'Jar', price: 9000, stock: 3 }],
      }),
    )
    const honeyPath = `/listings/${honey.id}-${honey.slug}`
    await signIn(page, fatou)
    const visitor = await openDevice('Pixel 7')

    await test.step('My listings shows both; only the one without variants has a quick edit', async () => {
      await page.goto('/listings/mine')
      const row = listingRow(page, 'Mangrove honey')
      await expect(row).toContainText('On sale')
      await expect(row).toContainText('GMD 250.00 · 8 in stock')
      await expect(row.getByLabel('Price')).toHaveValue('250.00')
      await expect(row.getByLabel('Stock')).toHaveValue('8')
      const jam = listingRow(page, 'Baobab jam')
      await expect(jam).toContainText('GMD 90.00 · 3 in stock')
      await expect(jam.getByRole('button', { name: /^Update/ })).toHaveCount(0)
    })

    await test.step('a new price and stock are saved and the row changes in place', async () => {
      await markDocument(page)
      const row = listingRow(page, 'Mangrove honey')
      await row.getByLabel('Price').fill('275')
      await row.getByLabel('Stock').fill('5')
      const posted = nextPost(page, `/listings/${honey.id}/quick-edit`)
      await row.getByRole('button', { name: 'Update Mangrove honey' }).click()
      const response = await posted
      expect(response.status()).toBe(200)
      expect(response.request().isNavigationRequest()).toBe(false)
      await expect(row).toContainText('GMD 275.00 · 5 in stock')
      await expect(row.getByLabel('Stock')).toHaveValue('5')
      await expect(page).toHaveURL('/listings/mine')
      await expectSameDocument(page)
    })

    await test.step('an ambiguous price and a stock that is not a number are refused inside the row', async () => {
      const row = listingRow(page, 'Mangrove honey')
      await row.getByLabel('Price').fill('4,40')
      await row.getByLabel('Stock').fill('lots')
      const posted = nextPost(page, `/listings/${honey.id}/quick-edit`)
      await row.getByRole('button', { name: 'Update Mangrove honey' }).click()
      expect((await posted).status()).toBe(422)
      await expect(row.getByLabel('Stock')).toHaveAccessibleDescription(
        'Enter how many you have, from 0 to 100000.',
      )
      await expect(row.getByLabel('Stock')).toHaveAttribute('aria-invalid', 'true')
      // Each message sits beside what was typed, not beside the saved value.
      await expect(row.getByLabel('Stock')).toHaveValue('lots')
      await expect(row.getByLabel('Price')).toHaveValue('4,40')
      await expect(row.getByLabel('Price')).toHaveAccessibleDescription(
        '“4,40” could be read two ways. Write thousands like 4,400 and decimals like 12.50.',
      )
      await expect(row, 'nothing was saved').toContainText('GMD 275.00 · 5 in stock')
      await expectSameDocument(page)
    })

    await test.step('the visitor sees the new price', async () => {
      await visitor.goto(honeyPath)
      // The price under the title (the phone's buy bar repeats it at the bottom).
      await expect(visitor.getByText('GMD 275.00', { exact: true }).first()).toBeVisible()
      await expect(visitor.getByRole('region', { name: 'Price' })).toContainText('5 in stock')
    })

    await test.step('jars sold while the page is open stay sold; a stock they made impossible is refused', async () => {
      seed.sell(honey, 2)
      const row = listingRow(page, 'Mangrove honey')
      await row.getByLabel('Price').fill('280')
      // The row still shows 5: only the price changes, the 2 sold stay sold.
      await row.getByLabel('Stock').fill('5')
      const posted = nextPost(page, `/listings/${honey.id}/quick-edit`)
      await row.getByRole('button', { name: 'Update Mangrove honey' }).click()
      expect((await posted).status()).toBe(200)
      await expect(row).toContainText('GMD 280.00 · 3 in stock')
      await expect(row.getByLabel('Stock')).toHaveValue('3')

      seed.sell(honey, 3)
      await row.getByLabel('Stock').fill('1')
      const refused = nextPost(page, `/listings/${honey.id}/quick-edit`)
      await row.getByRole('button', { name: 'Update Mangrove honey' }).click()
      expect((await refused).status()).toBe(422)
      await expect(row.getByLabel('Stock')).toHaveAccessibleDescription(
        'All sold since this form was opened: none left now. Check the number and save again.',
      )
      await expect(row.getByLabel('Stock')).toHaveValue('0')
      await visitor.goto(honeyPath)
      await expect(visitor.getByText('GMD 280.00 Sold out')).toBeVisible()
    })

    await test.step('from its row she pauses and resumes it, only the row changing', async () => {
      const row = listingRow(page, 'Mangrove honey')
      const paused = nextPost(page, `/listings/${honey.id}/publication`)
      await row.getByRole('button', { name: 'Pause Mangrove honey' }).click()
      expect((await paused).status()).toBe(200)
      await expect(row.getByRole('status')).toHaveText('Paused: it is hidden until you resume it.')
      await expect(row).toContainText('Mangrove honey Paused')
      await expectNotFound(visitor, honeyPath)
      await row.getByRole('button', { name: 'Resume Mangrove honey' }).click()
      await expect(row.getByRole('status')).toHaveText('Published: buyers can find it now.')
      await expect(row).toContainText('Mangrove honey On sale')
      await expect(page).toHaveURL('/listings/mine')
      await expectSameDocument(page)
    })

    await test.step('Fatou pauses it; the visitor gets the not-found page', async () => {
      await page.getByRole('link', { name: 'Mangrove honey', exact: true }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Edit listing' })).toBeVisible()
      await statusCard(page).getByRole('button', { name: 'Pause' }).click()
      await expect(notice(page, 'Paused: it is hidden until you resume it.')).toBeVisible()
      await expect(statusCard(page)).toContainText('Paused')
      await expectNotFound(visitor, honeyPath)
    })

    await test.step('she still sees it herself, with a banner', async () => {
      await statusCard(page).getByRole('link', { name: 'Preview' }).click()
      await expect(page.getByText('Paused Only you can see this page.')).toBeVisible()
      await page.getByRole('link', { name: 'Edit', exact: true }).click()
    })

    await test.step('she resumes it; the visitor sees it again', async () => {
      await statusCard(page).getByRole('button', { name: 'Resume' }).click()
      await expect(notice(page, 'Published: buyers can find it now.')).toBeVisible()
      await expect(statusCard(page)).toContainText('On sale')
      await visitor.goto(honeyPath)
      await expect(visitor.getByRole('heading', { level: 1, name: 'Mangrove honey' })).toBeVisible()
    })

    await test.step('Archive takes two deliberate steps; opening it changes nothing', async () => {
      await statusCard(page).getByText('Archive…').click()
      // The warning is inside the <details>: visible only once it is open.
      await expect(statusCard(page).getByText(/it cannot be put back on sale/)).toBeVisible()
      await expect(statusCard(page)).toContainText('On sale')
    })

    await test.step('"Archive for good" takes it off the market and back to My listings', async () => {
      await statusCard(page).getByRole('button', { name: 'Archive for good' }).click()
      await expect(notice(page, 'Archived. It is off the market for good.')).toBeVisible()
      await expect(page).toHaveURL('/listings/mine')
      await expectNotFound(visitor, honeyPath)
    })

    await test.step('on My listings it is last, marked Archived, without a quick edit', async () => {
      await page.goto('/listings/mine')
      const rows = page.getByRole('main').getByRole('listitem')
      await expect(rows).toHaveCount(2)
      await expect(rows.last()).toContainText('Mangrove honey Archived')
      await expect(rows.last().getByRole('button')).toHaveCount(0)
    })
  })
})

test.describe('Archiving: where the provider lands', () => {
  test('after archiving, the provider is on My listings, where the row has no dead link', async ({
    page,
    seed,
  }) => {
    await seed.site()
    const fatou = await seed.member({ displayName: 'Fatou Sanneh' })
    seed.store(fatou, { name: "Fatou's Kitchen" })
    const honey = seed.listing(fatou, productListing({ title: 'Mangrove honey' }))
    await signIn(page, fatou)
    await page.goto(`/listings/${honey.id}/edit`)
    await statusCard(page).getByText('Archive…').click()
    await statusCard(page).getByRole('button', { name: 'Archive for good' }).click()
    await expect(notice(page, 'Archived. It is off the market for good.')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: 'My listings' })).toBeVisible()
    const row = listingRow(page, 'Mangrove honey')
    await expect(row).toContainText('Archived')
    await expect(row.getByRole('link')).toHaveCount(0)
  })
})
