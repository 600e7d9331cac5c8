// Reading reviews on a phone: a completed order's review, published by both sides through the
// models; the provider replies from their listing page, another member votes it helpful (the
// count changes in place) and reports it, the operator hides it, and the listing shows the
// market's note. Then the vote again with JavaScript off, as a plain form post.
import type { Page } from '@playwright/test'
import { expect, serviceListing, test, type Seed } from './fixtures'
import { expectAccessible, expectSameDocument, markDocument, notice, signIn } from './steps'

const TAP = 'Leaking tap repair'

async function seedReviewedListing(seed: Seed) {
  const { operator } = await seed.site()
  const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
  seed.store(amadou, { name: "Amadou's Plumbing", area: 'Tanji' })
  const tap = seed.listing(amadou, serviceListing({ title: TAP }))
  const isatou = await seed.member({ displayName: 'Isatou Bah' })
  const { reviewId } = seed.publishedReview(isatou, amadou, tap, {
    stars: 4,
    title: 'Fixed in an hour',
    body: 'Came on time and cleaned up after.',
  })
  const binta = await seed.member({ displayName: 'Binta Touray' })
  return { operator, amadou, binta, tap, reviewId, tapPath: `/listings/${tap.id}-${tap.slug}` }
}

/** The review on the page, by its title. */
const theReview = (page: Page) =>
  page
    .getByRole('region', { name: 'Reviews' })
    .getByRole('listitem')
    .filter({ hasText: 'Fixed in an hour' })

const helpful = (page: Page, count: number) =>
  theReview(page).getByRole('button', { name: `Helpful (${count})` })

test.describe('Reviews on a listing: reply, helpful votes, reports and moderation', () => {
  test('Amadou replies, Binta finds it helpful and reports it, the operator hides it', async ({
    page,
    seed,
    openDevice,
  }) => {
    const { operator, amadou, binta, tapPath } = await seedReviewedListing(seed)

    await test.step('Amadou sees the review on his listing page and replies to it', async () => {
      await signIn(page, amadou)
      await page.goto(tapPath)
      const reviews = page.getByRole('region', { name: 'Reviews' })
      await expect(reviews.getByRole('img', { name: '4.0 out of 5, 1 review' })).toBeVisible()
      await expect(theReview(page)).toContainText('Isatou')
      await expect(theReview(page)).toContainText('Verified order')
      await markDocument(page)
      await theReview(page).getByText('Reply', { exact: true }).click()
      await theReview(page)
        .getByLabel('Your public reply to Isatou')
        .fill('Thank you, Isatou — call us again!')
      await theReview(page).getByRole('button', { name: 'Publish reply' }).click()
      await expect(theReview(page).getByRole('status')).toHaveText(
        'Your reply is published under the review.',
      )
      await expect(theReview(page)).toContainText("Reply from Amadou's Plumbing")
      await expect(theReview(page)).toContainText('Thank you, Isatou — call us again!')
      await expect(theReview(page).getByText('Reply', { exact: true })).toHaveCount(0)
      await expectSameDocument(page)
    })

    const bintaPage = await openDevice('Pixel 7')
    await test.step('Binta votes it helpful: the count changes in place', async () => {
      await signIn(bintaPage, binta)
      await bintaPage.goto(tapPath)
      await expectAccessible(bintaPage, 'a listing with a review and its reply')
      await markDocument(bintaPage)
      await expect(helpful(bintaPage, 0)).toHaveAttribute('aria-pressed', 'false')
      await helpful(bintaPage, 0).click()
      await expect(helpful(bintaPage, 1)).toHaveAttribute('aria-pressed', 'true')
      await expect(helpful(bintaPage, 1)).toBeFocused()
      await expectSameDocument(bintaPage)
    })

    await test.step('she reports it, with a reason', async () => {
      await theReview(bintaPage).getByText('Report', { exact: true }).click()
      await theReview(bintaPage)
        .getByLabel('What is wrong with this review?')
        .fill('It names the plumber’s apprentice.')
      await theReview(bintaPage).getByRole('button', { name: 'Send report' }).click()
      await expect(theReview(bintaPage).getByRole('status')).toHaveText(
        'Thank you: the market will look at this review.',
      )
      await expectSameDocument(bintaPage)
    })

    const operatorPage = await openDevice('Pixel 7')
    await test.step('the operator hides it with a note', async () => {
      await signIn(operatorPage, operator)
      await operatorPage.goto('/admin/reviews')
      const reported = operatorPage.getByRole('listitem').filter({
        has: operatorPage.getByRole('heading', { name: "A review of Amadou's Plumbing" }),
      })
      await expect(reported).toContainText('It names the plumber’s apprentice.')
      await expect(reported).toContainText('Binta Touray')
      await reported
        .getByLabel('Note shown in its place')
        .fill('It named someone who was not part of the order.')
      await reported.getByRole('button', { name: 'Hide (abusive)' }).click()
      await expect(notice(operatorPage, /The review is hidden/)).toBeVisible()
      await expect(operatorPage.getByText('No reports waiting')).toBeVisible()
    })

    await test.step('the listing shows the market’s note in its place, and no rating', async () => {
      await bintaPage.goto(tapPath)
      const reviews = bintaPage.getByRole('region', { name: 'Reviews' })
      await expect(reviews).toContainText(
        'This review was removed by the market: It named someone who was not part of the order.',
      )
      await expect(reviews).not.toContainText('Came on time')
      await expect(reviews.getByRole('button', { name: /Helpful/ })).toHaveCount(0)
      await expect(bintaPage.getByRole('img', { name: /out of 5, 1 review/ })).toHaveCount(0)
    })
  })

  test('sorting and “More reviews” swap the list in place', async ({ page, seed }) => {
    const { binta, amadou, tap, tapPath } = await seedReviewedListing(seed)
    const neighbour = await seed.member({ displayName: 'Ousman Jallow' })
    for (let n = 0; n < 10; n += 1)
      seed.publishedReview(neighbour, amadou, tap, {
        stars: n === 4 ? 1 : 5,
        title: n === 4 ? 'The worst of them' : `Good visit ${n}`,
      })
    await signIn(page, binta)
    await page.goto(tapPath)
    const reviews = page.getByRole('region', { name: 'Reviews' })
    const items = reviews.locator('#review-list > li')
    await expect(items).toHaveCount(10)
    await markDocument(page)
    await reviews.getByRole('link', { name: 'Lowest rated' }).click()
    await expect(items.first()).toContainText('The worst of them')
    await expect(reviews.getByRole('link', { name: 'Lowest rated' })).toHaveAttribute(
      'aria-current',
      'true',
    )
    await expect(page).toHaveURL(`${tapPath}?reviews=lowest`)
    await reviews.getByRole('link', { name: 'More reviews' }).click()
    await expect(items).toHaveCount(11)
    await expect(reviews.getByRole('link', { name: 'More reviews' })).toHaveCount(0)
    await expectSameDocument(page)
  })

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false })

    test('Binta votes a review helpful with a plain form post', async ({ page, seed }) => {
      const { binta, tapPath, reviewId } = await seedReviewedListing(seed)
      await signIn(page, binta)
      await page.goto(tapPath)
      await helpful(page, 0).click()
      await expect(
        notice(page, 'Thank you: your vote helps others find the most useful reviews.'),
      ).toBeVisible()
      await expect(page).toHaveURL(`${tapPath}#review-${reviewId}`)
      await expect(helpful(page, 1)).toHaveAttribute('aria-pressed', 'true')
      // Pressed again, it takes the vote back.
      await helpful(page, 1).click()
      await expect(notice(page, 'Your vote is taken back.')).toBeVisible()
      await expect(helpful(page, 0)).toHaveAttribute('aria-pressed', 'false')
    })
  })
})
