// axe-core on the market's pages: storefronts, listings and categories, in each state that
// changes what they show. Same rule as accessibility.spec.ts: no serious or critical WCAG 2.1
// A/AA violation, each page checked softly so one run lists them all.
import type { Page } from '@playwright/test'
import {
  expect,
  productListing,
  serviceListing,
  test,
  type Credentials,
  type Seed,
} from './fixtures'
import { expectAccessible, fillStorefrontForm, nextPost, optionRow, signIn } from './steps'

/** A provider with a storefront holding a service, goods with variants and a simple product. */
async function seedMarket(seed: Seed) {
  await seed.site()
  const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
  const store = seed.store(amadou, {
    name: "Amadou's Plumbing",
    bio: 'Twenty years of taps, pipes and water tanks.\n\nCall-outs in Tanji and Brufut.',
    area: 'Tanji',
    skills: ['plumbing', 'water tanks'],
    phone: '+220 712 3456',
    showPhone: true,
    whatsapp: '+220 765 4321',
    showWhatsapp: true,
  })
  const service = seed.listing(amadou, serviceListing())
  const jam = seed.listing(
    amadou,
    productListing({
      title: 'Mango jam',
      price: null,
      stock: null,
      variants: [
        { name: 'Small jar', price: 7500, stock: 12 },
        { name: 'Large jar', price: 14000, stock: 0 },
      ],
      delivery: true,
      deliveryFee: 2500,
    }),
  )
  const honey = seed.listing(amadou, productListing({ title: 'Mangrove honey', stock: 0 }), 'draft')
  return { amadou, store, service, jam, honey }
}

/** "2026-11-14", `days` after today on the market's clock (UTC). */
function dayAhead(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10)
}

async function visit(page: Page, path: string, heading: string | RegExp) {
  await page.goto(path)
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
}

test.describe('Accessibility of the market (axe, WCAG 2.1 AA)', () => {
  test('opening a storefront: the form, with errors, then editing it', async ({
    page,
    seed,
    problems,
  }) => {
    await seed.site()
    const member: Credentials = await seed.member({ displayName: 'Isatou Bah' })
    await signIn(page, member)

    await visit(page, '/stores/new', 'Open your storefront')
    await expectAccessible(page, 'storefront form')

    problems.allowStatus(422)
    await fillStorefrontForm(page, { name: '', whatsapp: '765 4321', showPhone: true })
    const posted = nextPost(page, '/stores')
    await page.getByRole('button', { name: 'Open my storefront' }).click()
    expect((await posted).status()).toBe(422)
    await expect(page.getByRole('alert')).toContainText('There are 3 problems:')
    await expectAccessible(page, 'storefront form with errors')

    await fillStorefrontForm(page, { name: "Isatou's Braids", whatsapp: '', showPhone: false })
    await page.getByRole('button', { name: 'Open my storefront' }).click()
    await page.getByRole('link', { name: 'Edit storefront' }).click()
    await expect(
      page.getByRole('heading', { level: 1, name: 'Edit your storefront' }),
    ).toBeVisible()
    await expectAccessible(page, 'storefront edit page')
  })

  test('a provider: My listings, the kind choice, a draft and its edit page', async ({
    page,
    seed,
  }) => {
    const { amadou, honey } = await seedMarket(seed)
    await signIn(page, amadou)

    await visit(page, '/listings/mine', 'My listings')
    await expectAccessible(page, 'My listings')

    await visit(page, '/listings/new', 'New listing')
    await expectAccessible(page, 'new listing: kind choice')

    await visit(page, `/listings/${honey.id}/edit`, 'Edit listing')
    await expectAccessible(page, 'listing edit page (draft)')

    await visit(page, `/listings/${honey.id}-${honey.slug}`, 'Mangrove honey')
    await expect(page.getByText('Only you can see this page.')).toBeVisible()
    await expectAccessible(page, 'listing page (owner, draft)')
  })

  test('a provider: the service form, the product form and its errors', async ({
    page,
    seed,
    problems,
  }) => {
    await seed.site()
    const fatou = await seed.member({ displayName: 'Fatou Sanneh' })
    seed.store(fatou, { name: "Fatou's Kitchen" })
    await signIn(page, fatou)

    await visit(page, '/listings/new?kind=service', 'Offer a service')
    await expectAccessible(page, 'service form')

    await visit(page, '/listings/new?kind=product', 'Sell goods')
    await expectAccessible(page, 'product form')

    problems.allowStatus(422)
    await optionRow(page, 'Price and stock')
      .getByLabel(/^Price/)
      .fill('-5')
    const posted = nextPost(page, '/listings')
    await page.getByRole('button', { name: 'Save draft' }).click()
    expect((await posted).status()).toBe(422)
    await expect(page.getByRole('alert')).toContainText('problems:')
    await expectAccessible(page, 'product form with errors')
  })

  test('a visitor: a storefront with listings and the listing pages', async ({ page, seed }) => {
    const { store, service, jam } = await seedMarket(seed)

    await visit(page, `/stores/${store.slug}`, "Amadou's Plumbing")
    const listings = page.getByRole('region', { name: 'Listings' })
    const chips = listings.getByRole('navigation', { name: 'Categories in this store' })
    await expect(listings.locator('.listing-grid').getByRole('listitem')).toHaveCount(2)
    await expect(chips.getByRole('link')).toHaveCount(3)
    await expectAccessible(page, 'storefront with listings')

    await chips.getByRole('link').nth(1).click()
    await expect(chips.getByRole('link').nth(1)).toHaveAttribute('aria-current', 'page')
    await expect(listings.locator('.listing-grid').getByRole('listitem')).toHaveCount(1)
    await expectAccessible(page, 'storefront filtered by a category')

    await visit(page, `/listings/${service.id}-${service.slug}`, 'Leaking tap repair')
    await expectAccessible(page, 'listing page (service)')

    await visit(page, `/listings/${jam.id}-${jam.slug}`, 'Mango jam')
    await expect(page.getByText('Sold out')).toBeVisible()
    await expectAccessible(page, 'listing page (product with variants)')
  })

  test('a visitor: categories and the home page with listings', async ({ page, seed }) => {
    await seedMarket(seed)

    await visit(page, '/categories/second-hand', 'Second-hand goods')
    await expectAccessible(page, 'category page (top)')

    await visit(page, '/categories/plumbing', 'Plumbing')
    await expectAccessible(page, 'category page (sub)')

    await visit(page, '/', 'Tanji Market')
    await expect(
      page
        .getByRole('region', { name: 'Newest on the market' })
        .getByRole('list')
        .getByRole('link'),
    ).toHaveCount(2)
    await expectAccessible(page, 'home with listings')
  })

  test('buying and selling: cart, checkout, orders, sales, coupons and the balance', async ({
    page,
    seed,
    openDevice,
  }) => {
    const { amadou, store, jam } = await seedMarket(seed)
    seed.coupon(amadou, { code: 'JAM10' })
    const buyer = await seed.member({ displayName: 'Isatou Bah' })
    await signIn(page, buyer)

    await page.goto(`/listings/${jam.id}-${jam.slug}`)
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await expect(page.getByRole('link', { name: 'Cart (1)' })).toBeVisible()
    await visit(page, '/cart', 'Your cart')
    await expectAccessible(page, 'cart')

    await page.getByRole('link', { name: 'Check out' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible()
    await expectAccessible(page, 'checkout')

    await page.getByLabel('Delivery to your address (+GMD 25.00)').check()
    await page.getByLabel('Address', { exact: true }).fill('By the fish market')
    await page.getByLabel('Your phone number').fill('0712 345 678')
    await page.getByRole('button', { name: 'Place order' }).click()
    await expect(page.getByRole('heading', { level: 1, name: /^Order / })).toBeVisible()
    const orderPath = new URL(page.url()).pathname
    await expectAccessible(page, 'order page (buyer)')

    await visit(page, `${orderPath}/receipt`, 'Receipt')
    await expectAccessible(page, 'receipt')

    await visit(page, '/orders', 'Your orders')
    await expectAccessible(page, 'your orders')

    const provider = await openDevice('Pixel 7')
    await signIn(provider, amadou)
    await visit(provider, '/sales', 'Sales')
    await expectAccessible(provider, 'sales inbox')

    await visit(provider, orderPath, /^Order /)
    await expectAccessible(provider, 'order page (provider)')

    await visit(provider, '/coupons', 'Coupons')
    await expectAccessible(provider, 'coupons')

    await visit(provider, `/stores/${store.slug}/balance`, 'Balance')
    await expectAccessible(provider, 'store balance')
  })

  test('requests: the form and its errors, a request with proposals, a provider’s view, hiring', async ({
    page,
    seed,
    openDevice,
    problems,
  }) => {
    const { amadou } = await seedMarket(seed)
    const lamin = await seed.member({ displayName: 'Lamin Jobe' })
    seed.store(lamin, { name: 'Jobe Pipes' })
    seed.listing(lamin, serviceListing({ title: 'Pipe and tap repairs' }))
    const isatou = await seed.member({ displayName: 'Isatou Bah' })
    const request = seed.request(isatou, { neededBy: dayAhead(10) })
    seed.proposal(amadou, request, { price: 65_000, visitOn: dayAhead(3) })
    seed.proposal(lamin, request, { price: 40_000, visitOn: dayAhead(2) })
    await signIn(page, isatou)

    await visit(page, '/requests/new', 'Post a request')
    await expectAccessible(page, 'request form')

    problems.allowStatus(422)
    await page.getByLabel('At least').fill('900')
    await page.getByLabel('At most').fill('800')
    const posted = nextPost(page, '/requests/new')
    await page.getByRole('button', { name: 'Post the request' }).click()
    expect((await posted).status()).toBe(422)
    await expect(page.getByRole('alert')).toContainText('problems:')
    await expectAccessible(page, 'request form with errors')

    await visit(page, `/requests/${request.code}`, 'Fix a leaking kitchen tap')
    await expect(page.locator('li.proposal')).toHaveCount(2)
    await expectAccessible(page, 'request page (buyer, two proposals)')

    await page
      .locator('li.proposal')
      .filter({ hasText: 'Jobe Pipes' })
      .getByRole('link', { name: 'Accept', exact: true })
      .click()
    await expect(page.getByRole('heading', { level: 1, name: 'Hire Jobe Pipes' })).toBeVisible()
    await expectAccessible(page, 'hire page')

    const hire = nextPost(page, new URL(page.url()).pathname)
    await page.getByRole('button', { name: 'Hire Jobe Pipes' }).click()
    expect((await hire).status()).toBe(422)
    await expect(page.getByRole('alert')).toBeVisible()
    await expectAccessible(page, 'hire page with errors')

    const provider = await openDevice('Pixel 7')
    await signIn(provider, amadou)
    await visit(provider, `/requests/${request.code}`, 'Fix a leaking kitchen tap')
    await expect(provider.getByRole('button', { name: 'Save your proposal' })).toBeVisible()
    await expectAccessible(provider, 'request page (provider, with a proposal)')

    await visit(page, '/requests/mine', 'My requests')
    await expectAccessible(page, 'my requests')
  })

  test.describe('in dark mode', () => {
    test.use({ colorScheme: 'dark' })

    test('a storefront, a listing page and My listings', async ({ page, seed }) => {
      const { amadou, store, jam } = await seedMarket(seed)
      await visit(page, `/stores/${store.slug}`, "Amadou's Plumbing")
      await expectAccessible(page, 'storefront (dark)')

      await visit(page, `/listings/${jam.id}-${jam.slug}`, 'Mango jam')
      await expectAccessible(page, 'listing page (dark)')

      await signIn(page, amadou)
      await visit(page, '/listings/mine', 'My listings')
      await expect(page.getByText('Draft')).toBeVisible()
      await expectAccessible(page, 'My listings (dark)')
    })
  })
})
