// Search on a phone: the header's box with its suggestions, driven by keyboard; the search page's
// filters, count and address bar as they change with htmx; "More results"; a result saved to
// favourites; a misspelt word; answers arriving late on a slow network; the same search with
// JavaScript off; and axe on each state.
import type { Locator, Page } from '@playwright/test'
import { expect, productListing, serviceListing, test, type Seed } from './fixtures'
import { expectAccessible, signIn } from './steps'

/** Second-hand clothes and shoes (db/migrations/0002_default-categories.sql). */
const CLOTHES = 147
const PLUMBER = 'Plumber for leaking taps'
const SANDALS = 'Honey-brown leather sandals'
const VARIETIES = [
  'Mangrove',
  'Forest',
  'Wild flower',
  'Mango blossom',
  'Baobab',
  'Cashew blossom',
  'Palm',
  'Acacia',
  'Neem',
  'Kapok',
  'Rainy season',
  'Creek',
  'Dry season',
]
/**
 * 26 jars of honey from GMD 60 to GMD 310, GMD 10 apart, cheapest first: "Mangrove honey, 250 g",
 * "Mangrove honey, 500 g", "Forest honey, 250 g"… Eleven cost GMD 100 to GMD 200.
 */
const HONEY = VARIETIES.flatMap((variety) =>
  ['250 g', '500 g'].map((size) => `${variety} honey, ${size}`),
).map((title, index) => ({ title, price: 6_000 + index * 1_000 }))
/** The cheapest jar from GMD 100 up: the fifth. */
const CHEAPEST_FROM_100 = HONEY[4]!.title

/**
 * A plumber and a honey seller (26 jars: more than a page of results) with one pair of sandals
 * in second-hand clothes; and Binta, who buys.
 */
async function seedMarket(seed: Seed) {
  await seed.site()
  const amadou = await seed.member({ displayName: 'Amadou Ceesay' })
  seed.store(amadou, { name: "Amadou's Plumbing", area: 'Tanji' })
  seed.listing(
    amadou,
    serviceListing({
      title: PLUMBER,
      description: 'Your local plumber: dripping taps and leaking pipes fixed the same day.',
    }),
  )
  seed.listing(amadou, serviceListing({ title: 'Blocked drain cleared', tags: ['drains'] }))
  const isatou = await seed.member({ displayName: 'Isatou Bah' })
  seed.store(isatou, { name: "Isatou's Hives", area: 'Tanji' })
  for (const jar of HONEY)
    seed.listing(isatou, productListing({ title: jar.title, price: jar.price, tags: [] }))
  seed.listing(
    isatou,
    productListing({
      title: SANDALS,
      description: 'Worn twice, size 40.',
      categoryId: CLOTHES,
      price: 40_000,
      stock: 1,
      tags: [],
    }),
  )
  const binta = await seed.member({ displayName: 'Binta Touray' })
  return { binta }
}

const headerSearch = (page: Page) => page.getByRole('combobox', { name: 'Search Tanji Market' })
const suggestionList = (page: Page) => page.getByRole('listbox', { name: 'Suggestions' })
/** What a screen reader hears about the list: "3 suggestions, up and down arrows to choose". */
const suggestionStatus = (page: Page) => page.locator('#site-search-suggestions-status')
/** The search page's own box (the header has none there). */
const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search Tanji Market' })
/** The count above the results, a live region read out as it changes. */
const resultCount = (page: Page) => page.getByRole('status').filter({ hasText: /results?\b/ })
const results = (page: Page) => page.getByRole('region', { name: 'Results' })
const resultCards = (page: Page) => results(page).getByRole('list').first().getByRole('listitem')
const filters = (page: Page) => page.getByText(/^Filters/)
const filterBox = (page: Page, name: string) => page.getByRole('checkbox', { name })

/** Expects the highlighted suggestion (aria-activedescendant) to be `option`. */
async function expectHighlighted(page: Page, option: Locator) {
  await expect(option).toHaveAttribute('aria-selected', 'true')
  const id = await option.getAttribute('id')
  expect(id, 'each option has an id for aria-activedescendant').toBeTruthy()
  await expect(headerSearch(page)).toHaveAttribute('aria-activedescendant', id!)
}

test.describe('GET /search/suggestions (the header search box)', () => {
  test('a visitor types in the header, picks a suggestion by keyboard, and closes the list with Escape', async ({
    page,
    seed,
  }) => {
    await seedMarket(seed)
    await page.goto('/')
    const box = headerSearch(page)
    const options = suggestionList(page).getByRole('option')

    await test.step('typing "plu" offers the category, a listing and the storefront', async () => {
      await expect(box).toHaveAttribute('aria-expanded', 'false')
      await box.fill('plu')
      await expect(suggestionList(page)).toBeVisible()
      await expect(options).toHaveText([
        /^Plumbing\s+Category$/,
        new RegExp(`^${PLUMBER}\\s+Search$`),
        /^Amadou's Plumbing\s+Storefront$/,
      ])
      await expect(box).toHaveAttribute('aria-expanded', 'true')
      await expect(box).not.toHaveAttribute('aria-activedescendant')
      await expect(box).toBeFocused()
    })

    await test.step('the arrow keys move the highlight; focus stays in the box', async () => {
      await box.press('ArrowDown')
      await expectHighlighted(page, options.nth(0))
      await box.press('ArrowDown')
      await box.press('ArrowDown')
      await expectHighlighted(page, options.nth(2))
      await expect(options.nth(0)).toHaveAttribute('aria-selected', 'false')
      await box.press('ArrowDown')
      await expectHighlighted(page, options.nth(0))
      await box.press('ArrowUp')
      await expect(box).not.toHaveAttribute('aria-activedescendant')
      await box.press('ArrowUp')
      await expectHighlighted(page, options.nth(2))
      await expect(box).toBeFocused()
      await expect(box).toHaveValue('plu')
    })

    await test.step('Enter opens the highlighted storefront', async () => {
      await box.press('Enter')
      await expect(page).toHaveURL('/stores/amadous-plumbing')
      await expect(page.getByRole('heading', { level: 1, name: "Amadou's Plumbing" })).toBeVisible()
    })

    await test.step('on her phone a tap on a suggestion opens it', async () => {
      await headerSearch(page).fill('hon')
      await suggestionList(page)
        .getByRole('option', { name: /^Honey, jams & preserves/ })
        .tap()
      await expect(page).toHaveURL('/categories/honey-preserves')
      await expect(
        page.getByRole('heading', { level: 1, name: 'Honey, jams & preserves' }),
      ).toBeVisible()
    })

    await test.step('Escape closes the list and keeps what she typed', async () => {
      // A category's page has its own search box where the header's would be.
      await expect(headerSearch(page)).toHaveCount(0)
      await expect(
        page.getByRole('searchbox', { name: 'Search in Honey, jams & preserves' }),
      ).toBeVisible()
      await page.goto('/')
      await headerSearch(page).fill('hon')
      await expect(options.first()).toHaveText(/^Honey, jams & preserves\s+Category$/)
      await expect(headerSearch(page)).toHaveAttribute('aria-expanded', 'true')
      await headerSearch(page).press('ArrowDown')
      await expectHighlighted(page, options.first())
      await headerSearch(page).press('Escape')
      await expect(suggestionList(page)).toBeHidden()
      await expect(headerSearch(page)).toHaveAttribute('aria-expanded', 'false')
      await expect(headerSearch(page)).not.toHaveAttribute('aria-activedescendant')
      await expect(headerSearch(page)).toHaveValue('hon')
    })

    await test.step('on a slow connection, suggestions that come after Escape stay closed', async () => {
      // The answer for "hone" is held until she has pressed Escape, as a slow network would.
      const hone = /\/search\/suggestions\?q=hone$/
      const held: Array<() => Promise<void>> = []
      await page.route(hone, (route) => {
        held.push(() => route.continue())
      })
      await headerSearch(page).press('ArrowDown')
      await expect(suggestionList(page)).toBeVisible()
      await headerSearch(page).fill('hone')
      await expect.poll(() => held.length, 'the page asked for "hone"').toBe(1)
      await headerSearch(page).press('Escape')
      await expect(suggestionList(page)).toBeHidden()
      const answered = page.waitForResponse(hone)
      await Promise.all(held.map((answer) => answer()))
      await page.unroute(hone)
      await answered
      // Once the late answer is in, the count read out is cleared, and the list stays closed.
      await expect(suggestionStatus(page)).toHaveText('')
      await expect(suggestionList(page)).toBeHidden()
      await expect(headerSearch(page)).toHaveAttribute('aria-expanded', 'false')
      await expect(headerSearch(page)).toHaveValue('hone')
    })

    await test.step('she finishes the word; Enter with nothing highlighted searches for it', async () => {
      await headerSearch(page).fill('honey')
      await expect(suggestionList(page)).toBeVisible()
      await headerSearch(page).press('Enter')
      await expect(page).toHaveURL('/search?q=honey')
      await expect(
        page.getByRole('heading', { level: 1, name: 'Results for “honey”' }),
      ).toBeVisible()
      await expect(resultCount(page)).toHaveText('27 results for “honey”')
    })
  })
})

test.describe('GET /search', () => {
  test('Binta narrows a search by category and price, sees more, and saves a jar of honey', async ({
    page,
    seed,
  }) => {
    const { binta } = await seedMarket(seed)
    await signIn(page, binta)

    await test.step('she searches for honey from the header', async () => {
      await headerSearch(page).fill('honey')
      await headerSearch(page).press('Enter')
      await expect(page).toHaveURL('/search?q=honey')
      await expect(resultCount(page)).toHaveText('27 results for “honey”')
      await expect(resultCards(page)).toHaveCount(24)
    })

    await test.step('on her phone the filters are folded away until she opens them', async () => {
      const food = filterBox(page, 'Food & produce (26)')
      await expect(food).toBeHidden()
      await filters(page).click()
      await expect(food).toBeVisible()
      await expect(filterBox(page, 'Second-hand goods (1)')).toBeVisible()
    })

    await test.step('ticking "Food & produce" updates the results and the address', async () => {
      const food = filterBox(page, 'Food & produce (26)')
      await food.check()
      await expect(resultCount(page)).toHaveText('26 results for “honey”')
      await expect(page).toHaveURL('/search?q=honey&category=food-produce')
      await expect(filters(page)).toHaveText('Filters (1 chosen)')
      // The morph keeps her place: the box she ticked still has focus.
      await expect(filterBox(page, 'Food & produce (26)')).toBeFocused()
      await expect(filterBox(page, 'Food & produce (26)')).toBeChecked()
      // The subcategories open under it.
      await expect(filterBox(page, 'Honey, jams & preserves (26)')).toBeVisible()
    })

    await test.step('unticking it leaves the filters open under her thumb', async () => {
      const food = filterBox(page, 'Food & produce (26)')
      await food.uncheck()
      await expect(resultCount(page)).toHaveText('27 results for “honey”')
      await expect(filters(page)).toHaveText('Filters')
      await expect(food).toBeVisible()
      await expect(food).toBeFocused()
      await food.check()
      await expect(resultCount(page)).toHaveText('26 results for “honey”')
    })

    await test.step("the browser's Back and Forward buttons step through her searches", async () => {
      await page.goBack()
      await expect(page).toHaveURL('/search?q=honey')
      await expect(resultCount(page)).toHaveText('27 results for “honey”')
      await expect(filters(page)).toHaveText('Filters')
      await page.goForward()
      await expect(page).toHaveURL('/search?q=honey&category=food-produce')
      await expect(resultCount(page)).toHaveText('26 results for “honey”')
      await expect(filterBox(page, 'Food & produce (26)')).toBeChecked()
    })

    await test.step('"More results" adds the last two jars under the first page', async () => {
      await expect(resultCards(page)).toHaveCount(24)
      await page.getByRole('link', { name: 'More results' }).click()
      await expect(resultCards(page)).toHaveCount(26)
      // The link she tapped is gone: she carries on from the first card added.
      await expect(resultCards(page).nth(24).getByRole('link').first()).toBeFocused()
      await expect(page.getByRole('link', { name: 'More results' })).toHaveCount(0)
      await expect(resultCards(page).filter({ hasText: SANDALS })).toHaveCount(0)
      await expect(resultCards(page).filter({ hasText: 'honey,' })).toHaveCount(26)
      // The address stays the search's; a shared link starts from the top.
      await expect(page).toHaveURL('/search?q=honey&category=food-produce')
    })

    await test.step('she types a price range and presses Enter', async () => {
      await page.getByLabel('Lowest').fill('100')
      await page.getByLabel('Highest').fill('200')
      await page.getByLabel('Highest').press('Enter')
      await expect(resultCount(page)).toHaveText('11 results for “honey”')
      await expect(page).toHaveURL('/search?q=honey&category=food-produce&min=100&max=200')
      await expect(resultCards(page)).toHaveCount(11)
      await expect(page.getByLabel('Lowest')).toHaveValue('100')
      await expect(page.getByLabel('Highest')).toHaveValue('200')
    })

    await test.step('"Show results" folds the filters away over the results', async () => {
      await page.getByRole('button', { name: 'Show results' }).click()
      await expect(page.getByLabel('Lowest')).toBeHidden()
      await expect(filters(page)).toHaveText('Filters (2 chosen)')
      await expect(filters(page)).toBeFocused()
      await expect(resultCount(page)).toBeInViewport()
      await expect(resultCount(page)).toHaveText('11 results for “honey”')
      await expect(page).toHaveURL('/search?q=honey&category=food-produce&min=100&max=200')
    })

    await test.step('sorted by price, the cheapest jar from GMD 100 comes first', async () => {
      await page.getByLabel('Sort by').selectOption({ label: 'Price, low to high' })
      await expect(page).toHaveURL(
        '/search?q=honey&category=food-produce&min=100&max=200&sort=price-asc',
      )
      await expect(resultCards(page).first()).toContainText(CHEAPEST_FROM_100)
      await expect(resultCards(page).first()).toContainText('GMD 100.00')
    })

    await test.step('she opens it and saves it with the heart', async () => {
      await resultCards(page).first().getByRole('link', { name: CHEAPEST_FROM_100 }).click()
      await expect(page.getByRole('heading', { level: 1, name: CHEAPEST_FROM_100 })).toBeVisible()
      await page
        .getByRole('button', { name: `Save ${CHEAPEST_FROM_100} to favourites`, exact: true })
        .click()
      await expect(
        page.getByRole('button', {
          name: `Saved. Remove ${CHEAPEST_FROM_100} from favourites`,
          exact: true,
        }),
      ).toBeVisible()
    })

    await test.step('it is on her favourites page', async () => {
      await page
        .getByRole('navigation', { name: 'Account' })
        .getByRole('link', { name: 'Favourites' })
        .click()
      await expect(page.getByRole('heading', { level: 1, name: 'Favourites' })).toBeVisible()
      await expect(page.locator('.listing-card__title')).toHaveText([CHEAPEST_FROM_100])
    })

    await test.step("back on the results, that jar's heart is filled", async () => {
      await page.goto('/search?q=honey&category=food-produce&min=100&max=200&sort=price-asc')
      await expect(
        resultCards(page)
          .first()
          .getByRole('button', { name: `Saved. Remove ${CHEAPEST_FROM_100} from favourites` }),
      ).toBeVisible()
    })
  })

  test('on a slow connection the results follow her last change, not her first', async ({
    page,
    seed,
  }) => {
    await seedMarket(seed)
    await page.goto('/search')
    await expect(resultCount(page)).toHaveText('29 results')
    await filters(page).click()

    // A slow network, made certain: every search's answer waits until she has finished.
    const searches = /\/search\?/
    const held: Array<() => Promise<void>> = []
    await page.route(searches, (route) => {
      if (route.request().headers()['hx-request'] !== 'true') return route.continue()
      // One the page has given up on by then cannot be continued; that is expected.
      held.push(() => route.continue().catch(() => {}))
    })

    await test.step('she ticks two categories and unticks the first, quickly', async () => {
      await filterBox(page, 'Food & produce (26)').check()
      await filterBox(page, 'Second-hand goods (1)').check()
      await filterBox(page, 'Food & produce (26)').uncheck()
      await expect(resultCount(page)).toHaveText('29 results')
      // The old results show as loading (their photos shimmer) while the answer is on its way.
      await expect(page.locator('#search-body')).toHaveClass(/htmx-request/)
    })

    await test.step('when the answers come, they are for what is ticked now', async () => {
      await expect
        .poll(() => held.length, 'the page asked for at least one search')
        .toBeGreaterThan(0)
      await Promise.all(held.map((answer) => answer()))
      await page.unroute(searches)
      await expect(resultCount(page)).toHaveText('1 result')
      await expect(page.locator('#search-body')).not.toHaveClass(/htmx-request/)
      await expect(page).toHaveURL('/search?category=second-hand')
      await expect(resultCards(page)).toHaveCount(1)
      await expect(resultCards(page)).toContainText(SANDALS)
      await expect(filterBox(page, 'Second-hand goods (1)')).toBeChecked()
      await expect(filterBox(page, 'Food & produce (26)')).not.toBeChecked()
    })
  })

  test('a misspelt word: "plumer" finds the plumber, and says so', async ({ page, seed }) => {
    await seedMarket(seed)
    await page.goto('/search')
    await expect(resultCount(page)).toHaveText('29 results')

    await test.step('she types "plumer"; the results follow after a pause', async () => {
      await searchBox(page).fill('plumer')
      await expect(resultCount(page)).toHaveText('1 result for “plumber”')
      await expect(page).toHaveURL('/search?q=plumer')
      await expect(page.getByText('Nothing matched “plumer”. Did you mean plumber?')).toBeVisible()
      await expect(resultCards(page)).toHaveCount(1)
      await expect(resultCards(page)).toContainText(PLUMBER)
      await expect(searchBox(page)).toBeFocused()
      await expect(searchBox(page)).toHaveValue('plumer')
      // Out of habit she presses Enter too: the same search again, nothing changes.
      await searchBox(page).press('Enter')
      await expect(resultCount(page)).toHaveText('1 result for “plumber”')
      await expect(page).toHaveURL('/search?q=plumer')
    })

    await test.step('words typed on from a search replace it in the history', async () => {
      await searchBox(page).fill('plum')
      await expect(page).toHaveURL('/search?q=plum')
      await expect(resultCount(page)).toHaveText('2 results for “plum”')
      await searchBox(page).fill('plumer')
      await expect(page).toHaveURL('/search?q=plumer')
      await expect(resultCount(page)).toHaveText('1 result for “plumber”')
    })

    await test.step('"plumber" in the notice searches for the word as it is spelt', async () => {
      await page.getByRole('link', { name: 'plumber', exact: true }).click()
      await expect(page).toHaveURL('/search?q=plumber')
      await expect(resultCount(page)).toHaveText('1 result for “plumber”')
      await expect(page.getByText('Did you mean')).toHaveCount(0)
      await expect(resultCards(page)).toContainText(PLUMBER)
    })

    await test.step('Back takes her through each search once, to where she started', async () => {
      await page.goBack()
      await expect(page).toHaveURL('/search?q=plumer')
      await expect(page.getByText('Did you mean')).toBeVisible()
      await page.goBack()
      await expect(page).toHaveURL('/search')
      await expect(resultCount(page)).toHaveText('29 results')
    })
  })
})

test.describe('GET /search with plain forms and links (JavaScript off)', () => {
  test.use({ javaScriptEnabled: false })

  test('a visitor searches, filters with "Show results", and follows the pages', async ({
    page,
    seed,
  }) => {
    await seedMarket(seed)

    await test.step('the header search box sends her to the search page', async () => {
      await page.goto('/')
      const box = page.getByRole('textbox', { name: 'Search Tanji Market' })
      await box.fill('honey')
      await box.press('Enter')
      await expect(page).toHaveURL('/search?q=honey')
      await expect(resultCount(page)).toHaveText('27 results for “honey”')
      await expect(resultCards(page)).toHaveCount(24)
    })

    await test.step('she ticks a category and a price; "Show results" applies both', async () => {
      await filters(page).click()
      await filterBox(page, 'Food & produce (26)').check()
      await page.getByLabel('Lowest').fill('100')
      // Nothing changes until she asks.
      await expect(resultCount(page)).toHaveText('27 results for “honey”')
      await page.getByRole('button', { name: 'Show results' }).click()
      await expect(resultCount(page)).toHaveText('22 results for “honey”')
      const url = new URL(page.url())
      expect(url.pathname).toBe('/search')
      expect(url.searchParams.get('q')).toBe('honey')
      expect(url.searchParams.getAll('category')).toEqual(['food-produce'])
      expect(url.searchParams.get('min')).toBe('100')
      await expect(filterBox(page, 'Food & produce (22)')).toBeChecked()
      await expect(page.getByLabel('Lowest')).toHaveValue('100')
      await expect(filters(page)).toHaveText('Filters (2 chosen)')
    })

    await test.step('a price band is a link that keeps the rest of the search', async () => {
      await page.getByRole('link', { name: 'Any price' }).click()
      await expect(page).toHaveURL('/search?q=honey&category=food-produce')
      await expect(resultCount(page)).toHaveText('26 results for “honey”')
      await page.getByRole('link', { name: 'GMD 200.00 and more (12)' }).click()
      await expect(page).toHaveURL('/search?q=honey&category=food-produce&min=200')
      await expect(resultCount(page)).toHaveText('12 results for “honey”')
      await page.getByRole('link', { name: 'Any price' }).click()
    })

    await test.step('"More results" and "Next" are links to the second page', async () => {
      await expect(page.getByText('Page 1 of 2')).toBeVisible()
      await page.getByRole('link', { name: 'Next →' }).click()
      await expect(page).toHaveURL('/search?q=honey&category=food-produce&page=2')
      await expect(page.getByText('Page 2 of 2')).toBeVisible()
      await expect(resultCards(page)).toHaveCount(2)
      await expect(page.getByRole('link', { name: 'More results' })).toHaveCount(0)
      await page.getByRole('link', { name: '← Previous' }).click()
      await expect(resultCards(page)).toHaveCount(24)
      await page.getByRole('link', { name: 'More results' }).click()
      await expect(page).toHaveURL('/search?q=honey&category=food-produce&page=2')
    })

    await test.step('a misspelt word is corrected, with a link to the right spelling', async () => {
      await page.goto('/')
      await page.getByRole('textbox', { name: 'Search Tanji Market' }).fill('plumer')
      await page.getByRole('button', { name: 'Search' }).click()
      await expect(page).toHaveURL('/search?q=plumer')
      await expect(page.getByText('Nothing matched “plumer”. Did you mean plumber?')).toBeVisible()
      await expect(resultCards(page)).toContainText(PLUMBER)
      await page.getByRole('link', { name: 'plumber', exact: true }).click()
      await expect(resultCount(page)).toHaveText('1 result for “plumber”')
    })
  })
})

test.describe('Accessibility of search (axe, WCAG 2.1 AA)', () => {
  test('results, the filters open, and the suggestion list open', async ({ page, seed }) => {
    await seedMarket(seed)

    await page.goto('/search?q=honey')
    await expect(resultCount(page)).toHaveText('27 results for “honey”')
    await expectAccessible(page, 'search results')

    await filters(page).click()
    await filterBox(page, 'Food & produce (26)').check()
    await expect(resultCount(page)).toHaveText('26 results for “honey”')
    await page.getByLabel('Lowest').fill('abc')
    await page.getByLabel('Lowest').press('Enter')
    await expect(page.getByText('Type an amount like')).toBeVisible()
    await expectAccessible(page, 'search with filters open, one with a problem')

    await page.goto('/search?q=plumer')
    await expect(page.getByText('Did you mean')).toBeVisible()
    await expectAccessible(page, 'search with a corrected spelling')

    await page.goto('/search?q=zzzz')
    await expect(resultCount(page)).toHaveText('0 results for “zzzz”')
    await expectAccessible(page, 'search with no results')

    await page.goto('/')
    await headerSearch(page).fill('hon')
    await headerSearch(page).press('ArrowDown')
    await expect(suggestionList(page)).toBeVisible()
    await expectAccessible(page, 'home with the suggestion list open')

    await page.goto('/categories/food-produce')
    await expect(resultCount(page)).toHaveText('26 results')
    await expectAccessible(page, 'category page as a search')
  })

  test.describe('in dark mode', () => {
    test.use({ colorScheme: 'dark' })

    test('results and the suggestion list', async ({ page, seed }) => {
      await seedMarket(seed)
      await page.goto('/search?q=honey')
      await filters(page).click()
      await expect(filterBox(page, 'Food & produce (26)')).toBeVisible()
      await expectAccessible(page, 'search results with filters (dark)')

      await page.goto('/')
      await headerSearch(page).fill('plu')
      await headerSearch(page).press('ArrowDown')
      await expect(suggestionList(page)).toBeVisible()
      await expectAccessible(page, 'suggestion list (dark)')
    })
  })
})
