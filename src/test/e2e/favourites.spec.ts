// Favourites on a phone: the heart on a listing page and on cards, swapped in place with htmx;
// the favourites page; a visitor who taps a heart, signs in and lands back with it saved; and the
// same with JavaScript off, where every heart is a plain form post.
import type { Locator, Page } from '@playwright/test'
import { expect, productListing, serviceListing, test, type Seed } from './fixtures'
import {
  expectAccessible,
  expectSameDocument,
  expectSignedInAs,
  fillSignInForm,
  markDocument,
  nextPost,
  notice,
} from './steps'

const TAP = 'Leaking tap repair'
const HONEY = 'Mangrove honey'

async function seedMarket(seed: Seed) {
  await seed.site()
  const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
  const store = seed.store(amadou, { name: "Amadou's Plumbing", area: 'Tanji' })
  const tap = seed.listing(amadou, serviceListing({ title: TAP }))
  seed.listing(amadou, productListing({ title: HONEY }))
  const binta = await seed.member({ displayName: 'Binta Touray' })
  return { binta, store, tapPath: `/listings/${tap.id}-${tap.slug}` }
}

const saveButton = (within: Page | Locator, title: string) =>
  within.getByRole('button', { name: `Save ${title} to favourites`, exact: true })
const removeButton = (within: Page | Locator, title: string) =>
  within.getByRole('button', { name: `Saved. Remove ${title} from favourites`, exact: true })
/** The answer to the next request the heart's form sends by htmx (not a navigation). */
const heartAnswer = (page: Page, method: 'POST' | 'DELETE') =>
  page.waitForResponse(
    (response) =>
      response.request().method() === method &&
      /^\/listings\/\d+\/favourite$/.test(new URL(response.url()).pathname) &&
      !response.request().isNavigationRequest(),
  )
const newest = (page: Page) => page.getByRole('region', { name: 'Newest on the market' })

test.describe('POST /listings/:id/favourite, GET /favourites', () => {
  test('Binta taps a heart as a visitor, signs in, and keeps favourites from pages and cards', async ({
    page,
    seed,
  }) => {
    const { binta, tapPath } = await seedMarket(seed)

    await test.step('as a visitor she taps the heart on a listing and is asked to sign in', async () => {
      await page.goto(tapPath)
      await saveButton(page, TAP).click()
      await expect(page).toHaveURL(/\/sign-in\?/)
      await expect(page.getByText(`Sign in to save ${TAP} to your favourites.`)).toBeVisible()
    })

    await test.step('signed in, she is back on the listing with it saved', async () => {
      await fillSignInForm(page, binta)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(
        notice(page, `Signed in as Binta Touray. Saved ${TAP} to your favourites.`),
      ).toBeVisible()
      await expect(page).toHaveURL(tapPath)
      await expect(removeButton(page, TAP)).toBeVisible()
      await expectSignedInAs(page, 'Binta Touray')
    })

    await test.step('on the listing page the heart changes in place and keeps focus', async () => {
      await markDocument(page)
      const removed = heartAnswer(page, 'DELETE')
      await removeButton(page, TAP).click()
      const response = await removed
      expect(response.status()).toBe(200)
      expect(await response.text(), 'just the heart is swapped').toMatch(/^<form /)
      await expect(saveButton(page, TAP)).toBeFocused()
      await expect(saveButton(page, TAP)).toContainText('Save')
      await saveButton(page, TAP).click()
      await expect(removeButton(page, TAP)).toBeFocused()
      await expect(removeButton(page, TAP)).toContainText('Saved')
      await expect(page).toHaveURL(tapPath)
      await expectSameDocument(page)
    })

    await test.step('on the home page she saves the honey from its card', async () => {
      await page.goto('/')
      await expect(removeButton(newest(page), TAP)).toBeVisible()
      await markDocument(page)
      const saved = heartAnswer(page, 'POST')
      await saveButton(newest(page), HONEY).click()
      expect(await (await saved).text()).toMatch(/^<form /)
      await expect(removeButton(newest(page), HONEY)).toBeFocused()
      await expectSameDocument(page)
    })

    await test.step('"Favourites" in the header lists both, the newest saved first', async () => {
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByRole('link', { name: 'Favourites' })
        .click()
      await expect(page.getByRole('heading', { level: 1, name: 'Favourites' })).toBeVisible()
      await expect(page.getByText('2 listings you saved.')).toBeVisible()
      await expect(page.locator('.listing-card__title')).toHaveText([HONEY, TAP])
      await expectAccessible(page, 'favourites')
    })

    await test.step('she removes the honey; it is gone the next time she looks', async () => {
      await removeButton(page, HONEY).click()
      await expect(saveButton(page, HONEY)).toBeFocused()
      await page.reload()
      await expect(page.locator('.listing-card__title')).toHaveText([TAP])
      await removeButton(page, TAP).click()
      await expect(saveButton(page, TAP)).toBeVisible()
      await page.reload()
      await expect(page.getByText('Nothing saved yet')).toBeVisible()
      await expectAccessible(page, 'favourites, empty')
    })
  })
})

test.describe('Favourites with plain forms (JavaScript off)', () => {
  test.use({ javaScriptEnabled: false })

  test('a visitor saves from a card, signs in, lands back, and removes it on /favourites', async ({
    page,
    seed,
  }) => {
    const { binta, tapPath } = await seedMarket(seed)

    await test.step('the heart on a card sends her to sign in', async () => {
      await page.goto('/')
      await saveButton(newest(page), HONEY).click()
      await expect(page.getByText(`Sign in to save ${HONEY} to your favourites.`)).toBeVisible()
    })

    await test.step('signed in, she is back on the home page with the honey saved', async () => {
      await fillSignInForm(page, binta)
      const posted = nextPost(page, '/sign-in')
      await page.getByRole('button', { name: 'Sign in' }).click()
      expect((await posted).request().isNavigationRequest()).toBe(true)
      await expect(
        notice(page, `Signed in as Binta Touray. Saved ${HONEY} to your favourites.`),
      ).toBeVisible()
      await expect(page).toHaveURL('/')
      await expect(removeButton(newest(page), HONEY)).toBeVisible()
    })

    await test.step('on a listing page the heart posts the form and comes back', async () => {
      await page.goto(tapPath)
      const posted = nextPost(page, tapPath.replace(/-.*/, '/favourite'))
      await saveButton(page, TAP).click()
      const response = await posted
      expect(response.request().isNavigationRequest()).toBe(true)
      expect(response.status()).toBe(303)
      await expect(notice(page, `Saved ${TAP} to your favourites.`)).toBeVisible()
      await expect(page).toHaveURL(tapPath)
      await expect(removeButton(page, TAP)).toBeVisible()
    })

    await test.step('on /favourites, removing one reloads the page without it', async () => {
      await page.goto('/favourites')
      await expect(page.locator('.listing-card__title')).toHaveText([TAP, HONEY])
      await removeButton(page, HONEY).click()
      await expect(notice(page, `Removed ${HONEY} from your favourites.`)).toBeVisible()
      await expect(page).toHaveURL('/favourites')
      await expect(page.locator('.listing-card__title')).toHaveText([TAP])
    })
  })
})
