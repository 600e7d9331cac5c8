// Writing reviews on a phone: after a plumber's job is completed, the buyer reviews the store with
// stars, words and a photo and is told plainly it waits for the store's; the store, which cannot
// read it yet, reviews the buyer; both are published, and the buyer's profile shows the store's.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { solidImage } from '../photos'
import { expect, serviceListing, test } from './fixtures'
import { expectAccessible, notice, signIn } from './steps'

/** The order page's Review section. */
function reviewSection(page: Page) {
  return page.getByRole('region', { name: 'Review', exact: true })
}

test.describe('GET/POST /orders/:code/review', () => {
  test('Awa reviews the plumber with a photo; Amadou, who cannot read it yet, reviews her; both publish', async ({
    page,
    seed,
    openDevice,
    problems,
  }) => {
    problems.allowStatus(422)
    await seed.site()
    const awa = await seed.member({ displayName: 'Awa Touray' })
    const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
    seed.store(amadou, { name: "Amadou's Plumbing" })
    const repair = seed.listing(amadou, serviceListing())
    const order = seed.completedOrder(awa, repair)
    const dir = mkdtempSync(join(tmpdir(), 'souk-review-'))
    const photo = join(dir, 'new-tap.png')
    writeFileSync(photo, await solidImage(480, 360, 'png', '#2980b9'))

    await signIn(page, awa)
    await test.step('her completed order asks for a review, with the days left', async () => {
      await page.goto(`/orders/${order.code}`)
      await expect(reviewSection(page)).toContainText('14 days left')
      await reviewSection(page).getByRole('link', { name: 'Review this order' }).click()
      await expect(
        page.getByRole('heading', { level: 1, name: `Review order ${order.code}` }),
      ).toBeVisible()
      await expectAccessible(page, 'the review form')
    })

    await test.step('forgetting the stars, she is told so beside them; what she wrote stays', async () => {
      await page
        .getByLabel('Your review', { exact: true })
        .fill('Came the same morning and fixed the tap for good.')
      await page
        .getByRole('group', { name: /^Would you recommend/ })
        .getByLabel('Yes')
        .check()
      await page.getByRole('button', { name: 'Send review' }).click()
      const stars = page.getByRole('group', { name: 'Stars' })
      await expect(stars).toContainText('Choose from 1 to 5 stars.')
      await expect(page.getByLabel('Your review', { exact: true })).toHaveValue(
        'Came the same morning and fixed the tap for good.',
      )
      await expectAccessible(page, 'the review form with a problem')
    })

    await test.step('she gives five stars, a title and a photo, and sends it', async () => {
      await page.getByRole('group', { name: 'Stars' }).getByLabel('5 stars').check()
      await page.getByLabel('Title (optional)').fill('Fixed in an hour')
      await page.getByLabel('Photos (optional)').setInputFiles(photo)
      await page.getByRole('button', { name: 'Send review' }).click()
      await expect(notice(page, 'Thank you. Your review is saved')).toBeVisible()
      await expect(page).toHaveURL(`/orders/${order.code}`)
    })

    await test.step('her order page says plainly it waits for the store’s', async () => {
      await expect(reviewSection(page)).toContainText(
        "Your review waits for Amadou's Plumbing’s, or is published on",
      )
      await expect(reviewSection(page)).toContainText(
        "Amadou's Plumbing cannot see it yet, and you cannot see theirs until then.",
      )
      await expect(reviewSection(page).getByRole('img', { name: '5 out of 5 stars' })).toBeVisible()
      await expect(
        reviewSection(page).getByRole('img', { name: /^Photo 1 from Awa/ }),
      ).toBeVisible()
    })

    const amadouPage = await openDevice('Pixel 7')
    await test.step('Amadou is told a review waits, but cannot read it; he reviews Awa', async () => {
      await signIn(amadouPage, amadou)
      await amadouPage.goto('/notifications')
      await amadouPage
        .getByRole('link', { name: new RegExp(`^Awa Touray reviewed order ${order.code}`) })
        .click()
      await expect(reviewSection(amadouPage)).toContainText('Awa Touray has reviewed this order.')
      await expect(reviewSection(amadouPage)).not.toContainText('fixed the tap for good')
      await reviewSection(amadouPage).getByRole('link', { name: 'Review this order' }).click()
      await expect(amadouPage.getByLabel('Photos (optional)')).toHaveCount(0)
      await amadouPage.getByRole('group', { name: 'Stars' }).getByLabel('4 stars').check()
      await amadouPage
        .getByLabel('Your review', { exact: true })
        .fill('Clear about the job and paid at once.')
      await expectAccessible(amadouPage, 'the store’s review form')
      await amadouPage.getByRole('button', { name: 'Send review' }).click()
      await expect(
        notice(amadouPage, 'Thank you. Your review and Awa Touray’s are published.'),
      ).toBeVisible()
    })

    await test.step('both are published: each side reads both', async () => {
      await expect(reviewSection(amadouPage)).toContainText('fixed the tap for good')
      await expect(reviewSection(amadouPage)).toContainText('Would recommend this store.')
      await page.reload()
      await expect(reviewSection(page)).toContainText('Clear about the job and paid at once.')
      await expect(
        reviewSection(page).getByRole('heading', { name: "Amadou's Plumbing’s review of you" }),
      ).toBeVisible()
    })

    await test.step('Awa’s profile shows the store’s review of her', async () => {
      await amadouPage.getByRole('link', { name: 'Awa Touray', exact: true }).first().click()
      await expect(amadouPage.getByRole('heading', { level: 1, name: 'Awa Touray' })).toBeVisible()
      await expect(amadouPage.getByRole('img', { name: '4.0 out of 5, 1 review' })).toBeVisible()
      await expect(amadouPage.getByText('Clear about the job and paid at once.')).toBeVisible()
      await expectAccessible(amadouPage, 'a member’s profile')
    })
  })
})
