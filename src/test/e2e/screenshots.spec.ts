// The look of the main pages, kept as reviewed baselines: the first screen of each page of the
// demo town (what a person judges the market by, and small enough to keep in git) at a phone's,
// a tablet's and a desktop's width, light and dark. A change that moves what a person sees fails
// here until its new screenshots are looked at and accepted:
//
//   npm run build && npx playwright test --config src/test/playwright.config.ts screenshots --update-snapshots
//
// then review the PNGs in src/test/e2e/screenshots.spec.ts-snapshots/ (git diff shows which
// changed) and commit them with the change. Dates are masked: they move with the clock.
import type { Page } from '@playwright/test'
import type { DemoTown } from '../../../db/demo-town'
import { DEMO_PASSWORD } from '../../../db/demo-town'
import { expect, test } from './fixtures'
import { signIn } from './steps'

const WIDTHS = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1280, height: 800 },
] as const
const SCHEMES = ['light', 'dark'] as const

// One CSS pixel to one image pixel: baselines stay small, and a phone's layout is its width's.
test.use({ deviceScaleFactor: 1, isMobile: false, hasTouch: false })

/** Screenshots `page` (as it is now) at every width and colour scheme, each its own baseline. */
async function expectLooks(page: Page, name: string) {
  for (const { name: size, width, height } of WIDTHS) {
    for (const scheme of SCHEMES) {
      await page.setViewportSize({ width, height })
      await page.emulateMedia({ colorScheme: scheme })
      await everyPhotoLoaded(page)
      await expect(page, `${name} on a ${size}, ${scheme}`).toHaveScreenshot(
        `${name}-${size}-${scheme}.png`,
        {
          animations: 'disabled',
          caret: 'hide',
          mask: [page.locator('time'), page.getByText(/Member since/)],
          // Anti-aliasing differs a little from run to run; a moved or recoloured part does not.
          maxDiffPixelRatio: 0.01,
        },
      )
    }
  }
}

/** Every photo on the first screen has arrived (lazy ones below it are not asked for yet). */
async function everyPhotoLoaded(page: Page) {
  await page.waitForFunction(() =>
    [...document.images]
      .filter((img) => img.getBoundingClientRect().top < window.innerHeight)
      .every((img) => img.complete && img.naturalWidth > 0),
  )
}

function demoBuyer(town: DemoTown) {
  const buyer = town.signIns.find((person) => person.role === 'member')
  if (!buyer) throw new Error('the demo town has no member who only buys')
  return { ...buyer, password: DEMO_PASSWORD }
}

test.describe('How the main pages look (reviewed screenshots)', () => {
  let town: DemoTown
  test.beforeEach(async ({ seed }) => {
    town = await seed.demoTown()
  })

  test('home', async ({ page }) => {
    await page.goto('/')
    await expectLooks(page, 'home')
  })

  test('search results', async ({ page }) => {
    await page.goto('/search?q=honey')
    await expectLooks(page, 'search')
  })

  test('a listing with variants', async ({ page }) => {
    await openMangoJam(page)
    await expectLooks(page, 'listing')
  })

  test('a storefront', async ({ page }) => {
    await page.goto('/stores/sheriff-honey-preserves')
    await expectLooks(page, 'storefront')
  })

  test('no page scrolls sideways on a 320 px phone', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 })
    await signIn(page, demoBuyer(town))
    await openMangoJam(page)
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await expect(page.getByRole('link', { name: /^Cart \([1-9]/ })).toBeVisible()
    for (const path of [
      '/',
      '/search?q=honey',
      '/categories/food-produce',
      '/stores/sheriff-honey-preserves',
      '/favourites',
      '/cart',
      '/checkout',
      '/orders',
      '/account',
    ]) {
      await page.goto(path)
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow, `${path} is wider than the screen by ${overflow} px`).toBe(0)
    }
    await openMangoJam(page)
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBe(0)
  })

  test('a buyer’s cart and checkout', async ({ page }) => {
    await signIn(page, demoBuyer(town))
    await openMangoJam(page)
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await expect(page.getByRole('link', { name: /^Cart \([1-9]/ })).toBeVisible()
    await page.goto('/cart')
    await expectLooks(page, 'cart')
    await page.getByRole('link', { name: 'Check out' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible()
    await expectLooks(page, 'checkout')
  })
})

async function openMangoJam(page: Page) {
  await page.goto('/search?q=mango+jam')
  await page
    .getByRole('link', { name: /^Mango jam/ })
    .first()
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mango jam' })).toBeVisible()
}
