// Requests and proposals on a phone: a buyer posts what she needs through the request form (with
// a photo), two plumbers open it by its address and each sends a proposal (one a price of his
// own, one a package of his service), the buyer compares them and hires one through the hire
// form, landing on an order already accepted that the plumber finds in his Sales; the other is
// told the buyer chose someone else. Then a budget upside down refused beside the field, and the
// same post-and-propose with JavaScript off.
//
// Days are relative to the real clock (the server runs on it); the market's time zone is
// Africa/Banjul, UTC all year, so "today" is the same day for the test and the server.
import { devices, type Page } from '@playwright/test'
import { solidImage } from '../photos'
import { CATEGORY, expect, serviceListing, test, type Credentials, type Seed } from './fixtures'
import { accountNav, nextPost, notice, signIn } from './steps'

const DAY_MS = 24 * 60 * 60 * 1000

/** "2026-11-14", `days` after today on the market's clock (UTC). */
function dayAhead(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10)
}

/** "Sat 14 Nov", as a request and its proposals write a day (en-GB). */
function dayText(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`))
}

/** A photo as a phone's file picker hands it over. */
async function tapPhoto() {
  return {
    name: 'IMG_2041.jpg',
    mimeType: 'image/jpeg',
    buffer: await solidImage(640, 480, 'jpeg', '#4a7a9c'),
  }
}

/** Two plumbers, each with a storefront and a published plumbing service with two packages. */
async function seedPlumbers(seed: Seed) {
  const amadou: Credentials = await seed.member({ displayName: 'Amadou Ceesay' })
  const lamin: Credentials = await seed.member({ displayName: 'Lamin Jobe' })
  seed.store(amadou, { name: "Amadou's Plumbing" })
  seed.store(lamin, { name: 'Jobe Pipes' })
  seed.listing(amadou, serviceListing())
  seed.listing(
    lamin,
    serviceListing({
      title: 'Pipe and tap repairs',
      categoryId: CATEGORY.plumbing,
      packages: [
        { name: 'Call-out', included: 'Washer or cartridge', price: 20000, turnaroundDays: 0 },
        { name: 'Full day', included: 'Parts not included', price: 90000, turnaroundDays: 1 },
      ],
    }),
  )
  return { amadou, lamin }
}

type RequestFields = {
  title: string
  details: string
  atLeast?: string
  atMost?: string
  where: string
  area?: string
  neededBy?: string
}

/** Fills the request form as a person would, top to bottom. */
async function fillRequestForm(page: Page, fields: RequestFields) {
  await page.getByLabel('What do you need?').fill(fields.title)
  await page.getByLabel('Details', { exact: true }).fill(fields.details)
  await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Plumbing' })
  if (fields.atLeast !== undefined) await page.getByLabel('At least').fill(fields.atLeast)
  if (fields.atMost !== undefined) await page.getByLabel('At most').fill(fields.atMost)
  await page.getByRole('group', { name: 'Where' }).getByLabel(fields.where).check()
  if (fields.area !== undefined) await page.getByLabel('Area of town').fill(fields.area)
  if (fields.neededBy !== undefined) await page.getByLabel('Needed by').fill(fields.neededBy)
}

/** The buyer's card for one proposal, found by its store's name. */
function proposalCard(page: Page, store: string) {
  return page.locator('li.proposal').filter({ has: page.getByRole('link', { name: store }) })
}

/** The provider's "Your proposal" section of a request page. */
function yourProposal(page: Page) {
  return page.getByRole('region', { name: 'Your proposal' })
}

/** Sends the proposal form filled so far and expects the page to say it was sent. */
async function sendProposal(page: Page) {
  await page.getByRole('button', { name: 'Send your proposal' }).click()
  await expect(notice(page, 'Your proposal is sent. The buyer has been told.')).toBeVisible()
}

test.describe('Requests and proposals on a phone', () => {
  test('Awa posts a leaking tap; two plumbers propose; she hires one and the other is told', async ({
    page,
    seed,
    openDevice,
  }) => {
    await seed.site()
    const awa = await seed.member({ displayName: 'Awa Touray' })
    const { amadou, lamin } = await seedPlumbers(seed)
    const neededBy = dayAhead(10)
    const amadouDay = dayAhead(3)
    const laminDay = dayAhead(2)

    await signIn(page, awa)

    let requestPath = ''
    await test.step('she posts what she needs, with a photo of the tap', async () => {
      await page.goto('/requests/new')
      await expect(page.getByRole('heading', { level: 1, name: 'Post a request' })).toBeVisible()
      await fillRequestForm(page, {
        title: 'Fix a leaking kitchen tap',
        details: 'The tap drips all night.\nThe washer may be gone.',
        atLeast: '500',
        atMost: '800',
        where: 'At my place',
        area: 'Tanji',
        neededBy,
      })
      await page.getByLabel('Photos (optional)').setInputFiles(await tapPhoto())
      // Who can see it and how long it stays open come chosen: everyone, two weeks.
      await expect(page.getByLabel('Everyone')).toBeChecked()
      await expect(page.getByLabel('Two weeks')).toBeChecked()
      const posted = nextPost(page, '/requests/new')
      await page.getByRole('button', { name: 'Post the request' }).click()
      expect((await posted).status()).toBe(303)
      await expect(
        notice(page, 'Your request is posted. Providers who sell in its category have been told.'),
      ).toBeVisible()
      await expect(page).toHaveURL(/\/requests\/[A-Z0-9]{10}$/)
      requestPath = new URL(page.url()).pathname
      await expect(
        page.getByRole('heading', { level: 1, name: 'Fix a leaking kitchen tap' }),
      ).toBeVisible()
      const facts = page.getByRole('article').locator('.facts > li')
      await expect(facts).toHaveText([
        'GMD 500.00 – GMD 800.00',
        'Plumbing',
        "At the buyer's place · Tanji",
        `Needed by ${dayText(neededBy)}`,
        'No proposals yet',
      ])
      await expect(
        page
          .getByRole('list', { name: 'Photos' })
          .getByRole('img', { name: 'Photo 1 of the request' }),
      ).toBeVisible()
      await expect(page.getByRole('heading', { name: 'Proposals (0)' })).toBeVisible()
    })

    const amadouPage = await openDevice('Pixel 7')
    await test.step('Amadou opens it by its address and proposes his own price', async () => {
      await signIn(amadouPage, amadou)
      await amadouPage.goto(requestPath)
      await expect(
        amadouPage.getByRole('heading', { level: 1, name: 'Fix a leaking kitchen tap' }),
      ).toBeVisible()
      const section = yourProposal(amadouPage)
      // His packages are offered; his own price comes chosen.
      await expect(section.getByLabel('My price for this job (below)')).toBeChecked()
      await expect(section.getByRole('radio')).toHaveCount(3)
      await section.getByLabel(/^Your price/).fill('650')
      await section.getByLabel('Day you can come or deliver').fill(amadouDay)
      await section
        .getByLabel('Message to the buyer')
        .fill('I can come in the morning with a new washer and a spare cartridge.')
      await sendProposal(amadouPage)
      await expect(yourProposal(amadouPage).locator('.notice')).toHaveText(
        `You proposed GMD 650.00 for ${dayText(amadouDay)}.`,
      )
      await expect(amadouPage.getByRole('button', { name: 'Save your proposal' })).toBeVisible()
      await expect(amadouPage.getByRole('button', { name: 'Withdraw your proposal' })).toBeVisible()
    })

    const laminPage = await openDevice('Pixel 7')
    await test.step('Lamin proposes his call-out package', async () => {
      await signIn(laminPage, lamin)
      await laminPage.goto(requestPath)
      const section = yourProposal(laminPage)
      await section.getByLabel('Pipe and tap repairs · Call-out — GMD 200.00').check()
      await section.getByLabel('Day you can come or deliver').fill(laminDay)
      await section.getByLabel('Message to the buyer').fill('A call-out covers a washer.')
      await sendProposal(laminPage)
      await expect(yourProposal(laminPage).locator('.notice')).toHaveText(
        `You proposed GMD 200.00 (Pipe and tap repairs · Call-out) for ${dayText(laminDay)}.`,
      )
    })

    await test.step('Awa reloads her request and compares the two, cheapest first', async () => {
      await page.reload()
      await expect(page.getByRole('heading', { name: 'Proposals (2)' })).toBeVisible()
      await expect(page.locator('li.proposal')).toHaveCount(2)
      await expect(page.locator('li.proposal .proposal__store a')).toHaveText([
        'Jobe Pipes',
        "Amadou's Plumbing",
      ])
      const jobe = proposalCard(page, 'Jobe Pipes')
      await expect(jobe.locator('.proposal__price')).toHaveText(
        'GMD 200.00 · Pipe and tap repairs · Call-out',
      )
      await expect(jobe).toContainText(`Can come or deliver ${dayText(laminDay)}`)
      await expect(jobe).toContainText('No reviews yet')
      await expect(jobe).toContainText('0 orders completed')
      await expect(jobe).toContainText('A call-out covers a washer.')
      const amadouCard = proposalCard(page, "Amadou's Plumbing")
      await expect(amadouCard.locator('.proposal__price')).toHaveText('GMD 650.00')
      await expect(amadouCard).toContainText(`Can come or deliver ${dayText(amadouDay)}`)
      await expect(amadouCard).toContainText('I can come in the morning with a new washer')
      for (const [card, store] of [
        [jobe, 'Jobe Pipes'],
        [amadouCard, "Amadou's Plumbing"],
      ] as const) {
        await expect(card.getByRole('link', { name: 'Accept', exact: true })).toBeVisible()
        await expect(card.getByRole('link', { name: `Message ${store}` })).toBeVisible()
      }
      await expect(page.getByRole('link', { name: 'Withdraw this request…' })).toBeVisible()
      await expect(page.getByRole('article').locator('.facts')).toContainText('2 proposals')
    })

    await test.step('on a wider screen the two cards stand side by side', async () => {
      const phone = page.viewportSize()!
      await page.setViewportSize({ width: 1024, height: 800 })
      const [first, second] = await Promise.all(
        [0, 1].map((n) => page.locator('li.proposal').nth(n).boundingBox()),
      )
      expect(first!.y).toBe(second!.y)
      expect(second!.x).toBeGreaterThan(first!.x + first!.width - 1)
      await page.setViewportSize(phone)
    })

    let orderPath = ''
    await test.step('she accepts Amadou’s and hires him through the short checkout', async () => {
      await proposalCard(page, "Amadou's Plumbing")
        .getByRole('link', { name: 'Accept', exact: true })
        .click()
      await expect(
        page.getByRole('heading', { level: 1, name: "Hire Amadou's Plumbing" }),
      ).toBeVisible()
      await expect(page.getByRole('region', { name: 'Their proposal' })).toContainText(
        `GMD 650.00 for “Fix a leaking kitchen tap”, on ${dayText(amadouDay)}.`,
      )
      // The request said "at my place": the only place offered, so it comes chosen.
      const where = page.getByRole('group', { name: 'Where it happens' })
      await expect(where.getByRole('radio')).toHaveCount(1)
      await expect(where.getByRole('radio')).toBeChecked()
      await page.getByLabel('Address', { exact: true }).fill('Behind the mosque, blue gate')
      await page.getByLabel('What the provider should know').fill('The gate sticks: push hard.')
      await page.getByLabel('Your phone number').fill('0712 345 678')
      await page.getByRole('group', { name: 'How you pay' }).getByLabel('Cash').check()
      const posted = nextPost(page, new URL(page.url()).pathname)
      await page.getByRole('button', { name: "Hire Amadou's Plumbing" }).click()
      expect((await posted).status()).toBe(303)
      await expect(
        notice(
          page,
          "You hired Amadou's Plumbing. They have been told, and so have the others who proposed.",
        ),
      ).toBeVisible()
      await expect(page).toHaveURL(/\/orders\/[A-Z0-9]+$/)
      orderPath = new URL(page.url()).pathname
      await expect(page.getByRole('heading', { level: 1, name: /^Order / })).toBeVisible()
      await expect(page.locator('.order__status')).toHaveText('Accepted · Not paid yet')
      await expect(page.getByText('Behind the mosque, blue gate')).toBeVisible()
    })

    await test.step('her request now points at the order and shows who was hired', async () => {
      await page.goto(requestPath)
      await expect(page.getByRole('article').locator('.status')).toHaveText('Hired')
      await expect(
        page.getByRole('link', { name: `order ${orderPath.split('/').pop()}` }),
      ).toHaveAttribute('href', orderPath)
      await expect(page.getByRole('heading', { name: 'Proposals (1)' })).toBeVisible()
      await expect(proposalCard(page, "Amadou's Plumbing")).toContainText('Hired')
      await expect(page.getByRole('link', { name: 'Accept', exact: true })).toHaveCount(0)
      await expect(page.getByRole('link', { name: 'Withdraw this request…' })).toHaveCount(0)
    })

    await test.step('Amadou finds the order under way in his Sales', async () => {
      await accountNav(amadouPage).getByRole('link', { name: 'Sales', exact: true }).click()
      await expect(amadouPage.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible()
      const underWay = amadouPage.getByRole('region', { name: /^Under way/ }).getByRole('listitem')
      await expect(underWay).toHaveCount(1)
      await expect(underWay).toContainText('Awa Touray')
      await expect(underWay).toContainText('Accepted')
      await expect(underWay).toContainText('Fix a leaking kitchen tap')
      await underWay.getByRole('link', { name: /^Open order/ }).click()
      await expect(amadouPage).toHaveURL(orderPath)
      await expect(amadouPage.getByText('Behind the mosque, blue gate')).toBeVisible()
    })

    await test.step('Lamin’s request page says the buyer chose another provider', async () => {
      await laminPage.reload()
      await expect(laminPage.getByRole('article').locator('.status')).toHaveText('Hired')
      await expect(yourProposal(laminPage).locator('.notice')).toHaveText(
        'The buyer chose another provider; you had proposed GMD 200.00 ' +
          `(Pipe and tap repairs · Call-out) for ${dayText(laminDay)}.`,
      )
      await expect(laminPage.getByRole('button', { name: /your proposal$/ })).toHaveCount(0)
    })
  })

  test('a budget upside down is refused beside “At most”, keeping what she typed and her photo', async ({
    page,
    seed,
    problems,
  }) => {
    problems.allowStatus(422)
    await seed.site()
    const awa = await seed.member({ displayName: 'Awa Touray' })
    await signIn(page, awa)
    await page.goto('/requests/new')
    await fillRequestForm(page, {
      title: 'Fix a leaking kitchen tap',
      details: 'The tap drips all night.',
      atLeast: '900',
      atMost: '800',
      where: 'Online',
      area: 'Tanji',
    })
    await page.getByLabel('Photos (optional)').setInputFiles(await tapPhoto())
    const posted = nextPost(page, '/requests/new')
    await page.getByRole('button', { name: 'Post the request' }).click()
    expect((await posted).status()).toBe(422)

    await expect(page.getByRole('alert')).toContainText(
      'The most you would pay is below the least.',
    )
    const atMost = page.getByLabel('At most')
    await expect(atMost).toHaveAttribute('aria-invalid', 'true')
    await expect(atMost).toHaveAccessibleDescription('The most you would pay is below the least.')
    await expect(page.locator('#field-budgetMax-error')).toBeVisible()
    await expect(page.getByLabel('At least')).not.toHaveAttribute('aria-invalid')
    // Everything typed is still there, the photo included (kept, ticked, not uploaded again).
    await expect(page.getByLabel('At least')).toHaveValue('900')
    await expect(atMost).toHaveValue('800')
    await expect(page.getByLabel('What do you need?')).toHaveValue('Fix a leaking kitchen tap')
    await expect(page.getByLabel('Details', { exact: true })).toHaveValue(
      'The tap drips all night.',
    )
    await expect(page.getByLabel('Category', { exact: true })).toHaveValue(
      String(CATEGORY.plumbing),
    )
    await expect(page.getByRole('group', { name: 'Where' }).getByLabel('Online')).toBeChecked()
    await expect(page.getByLabel('Area of town')).toHaveValue('Tanji')
    await expect(page.getByLabel('Keep photo 1')).toBeChecked()

    await test.step('she corrects the most and posts it, photo and all', async () => {
      await atMost.fill('1000')
      await page.getByRole('button', { name: 'Post the request' }).click()
      await expect(
        notice(page, 'Your request is posted. Providers who sell in its category have been told.'),
      ).toBeVisible()
      await expect(page.getByRole('article').locator('.facts > li').first()).toHaveText(
        'GMD 900.00 – GMD 1,000.00',
      )
      await expect(page.getByRole('list', { name: 'Photos' }).getByRole('img')).toHaveCount(1)
    })
  })
})

test.describe('Requests with plain forms (JavaScript off)', () => {
  test.use({ javaScriptEnabled: false })

  test('Awa posts a request and Amadou sends a proposal, each a plain POST → 303 → GET', async ({
    page,
    seed,
    browser,
    baseURL,
    problems,
  }) => {
    await seed.site()
    const awa = await seed.member({ displayName: 'Awa Touray' })
    const { amadou } = await seedPlumbers(seed)
    const visitOn = dayAhead(4)
    await signIn(page, awa)

    let requestPath = ''
    await test.step('she posts the request form with a photo', async () => {
      await page.goto('/requests/new')
      await fillRequestForm(page, {
        title: 'Unblock the shower drain',
        details: 'Water stands in the shower for an hour.',
        atMost: '400',
        where: 'Any of these',
      })
      await page.getByLabel('Photos (optional)').setInputFiles(await tapPhoto())
      await page.getByLabel('A week').check()
      const posted = nextPost(page, '/requests/new')
      await page.getByRole('button', { name: 'Post the request' }).click()
      const response = await posted
      expect(response.request().isNavigationRequest(), 'the browser itself sent the form').toBe(
        true,
      )
      expect(response.status()).toBe(303)
      await expect(
        notice(page, 'Your request is posted. Providers who sell in its category have been told.'),
      ).toBeVisible()
      await expect(page).toHaveURL(/\/requests\/[A-Z0-9]{10}$/)
      requestPath = new URL(page.url()).pathname
      await expect(page.getByRole('article').locator('.facts > li')).toHaveText([
        'up to GMD 400.00',
        'Plumbing',
        'At either place, or online',
        'Flexible on timing',
        'No proposals yet',
      ])
      await expect(page.getByRole('list', { name: 'Photos' }).getByRole('img')).toHaveCount(1)
    })

    await test.step('Amadou, also without JavaScript, sends his half-day package', async () => {
      const context = await browser.newContext({
        ...devices['Pixel 7'],
        javaScriptEnabled: false,
        baseURL,
      })
      await problems.watch(context)
      const amadouPage = await context.newPage()
      await signIn(amadouPage, amadou)
      await amadouPage.goto(requestPath)
      const section = yourProposal(amadouPage)
      await section.getByLabel('Leaking tap repair · Half day — GMD 600.00').check()
      await section.getByLabel('Day you can come or deliver').fill(visitOn)
      await section.getByLabel('Message to the buyer').fill('Half a day clears most drains.')
      const posted = nextPost(amadouPage, `${requestPath}/proposal`)
      await amadouPage.getByRole('button', { name: 'Send your proposal' }).click()
      const response = await posted
      expect(response.request().isNavigationRequest()).toBe(true)
      expect(response.status()).toBe(303)
      await expect(
        notice(amadouPage, 'Your proposal is sent. The buyer has been told.'),
      ).toBeVisible()
      await expect(amadouPage).toHaveURL(`${requestPath}#propose`)
      await expect(yourProposal(amadouPage).locator('.notice')).toHaveText(
        `You proposed GMD 600.00 (Leaking tap repair · Half day) for ${dayText(visitOn)}.`,
      )
      await context.close()
    })

    await test.step('Awa reloads and sees his proposal', async () => {
      await page.reload()
      await expect(page.getByRole('heading', { name: 'Proposals (1)' })).toBeVisible()
      const card = proposalCard(page, "Amadou's Plumbing")
      await expect(card.locator('.proposal__price')).toHaveText(
        'GMD 600.00 · Leaking tap repair · Half day',
      )
      await expect(card).toContainText(`Can come or deliver ${dayText(visitOn)}`)
    })
  })
})
