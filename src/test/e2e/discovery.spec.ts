// Discovery: a member's recently viewed listings on the home page, and similar listings on a
// listing's page.
import { CATEGORY, expect, productListing, serviceListing, test } from './fixtures'
import { expectAccessible, signIn } from './steps'

test.describe('GET /, GET /listings/:id-:slug', () => {
  test('Binta looks at two listings; the home page keeps them under "Recently viewed"', async ({
    page,
    seed,
  }) => {
    await seed.site()
    const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
    seed.store(amadou, { name: "Amadou's Plumbing", area: 'Tanji' })
    seed.listing(amadou, serviceListing({ title: 'Leaking tap repair', tags: ['taps'] }))
    seed.listing(amadou, serviceListing({ title: 'New tap fitting', tags: ['taps'] }))
    seed.listing(
      amadou,
      productListing({ title: 'Mango jam', categoryId: CATEGORY.honeyPreserves, tags: [] }),
    )
    const binta = await seed.member({ displayName: 'Binta Jallow' })
    await signIn(page, binta)

    const recentlyViewed = page.getByRole('region', { name: 'Recently viewed' })
    const similar = page.getByRole('region', { name: 'Similar listings' })

    await test.step('nothing is "recently viewed" before she looks at anything', async () => {
      await page.goto('/')
      await expect(
        page.getByRole('heading', { level: 2, name: 'Newest on the market' }),
      ).toBeVisible()
      await expect(recentlyViewed).toHaveCount(0)
    })

    await test.step('she opens the tap repair; a similar listing is offered under it', async () => {
      await page.getByRole('link', { name: /^Leaking tap repair/ }).click()
      await expect(
        page.getByRole('heading', { level: 1, name: 'Leaking tap repair' }),
      ).toBeVisible()
      await expect(similar.getByRole('link', { name: /^New tap fitting/ })).toBeVisible()
      await expect(similar.getByRole('link', { name: /^Leaking tap repair/ })).toHaveCount(0)
      await expectAccessible(page, 'a listing with similar listings')
    })

    await test.step('she opens the jam from the home page, then goes home again', async () => {
      await page.goto('/')
      await page.getByRole('link', { name: /^Mango jam/ }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Mango jam' })).toBeVisible()
      await page.goto('/')
    })

    await test.step('both are under "Recently viewed", the latest first', async () => {
      const titles = recentlyViewed.locator('.listing-card__title')
      await expect(titles).toHaveText(['Mango jam', 'Leaking tap repair'])
      await recentlyViewed.getByRole('link', { name: /^Leaking tap repair/ }).click()
      await expect(
        page.getByRole('heading', { level: 1, name: 'Leaking tap repair' }),
      ).toBeVisible()
      await page.goto('/')
      await expect(titles).toHaveText(['Leaking tap repair', 'Mango jam'])
      await expectAccessible(page, 'the home page with recently viewed listings')
    })
  })
})
