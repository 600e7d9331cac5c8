// axe-core on every page a person can reach today, in each state that changes what it shows.
// Serious and critical WCAG 2.1 A/AA violations fail; each page is checked softly so one run
// lists them all.
import { expect, test } from './fixtures'
import { expectAccessible, fillSignInForm, fillSignUpForm, nextPost, signIn } from './steps'

test.describe('Accessibility (axe, WCAG 2.1 AA)', () => {
  test('before setup: the being-set-up page and the setup page', async ({
    page,
    server,
    problems,
  }) => {
    problems.allowStatus(503)
    await page.goto('/')
    await expect(
      page.getByRole('heading', { name: 'This marketplace is being set up' }),
    ).toBeVisible()
    await expectAccessible(page, 'being-set-up page')

    await page.goto(server.setupLink)
    await expect(page.getByRole('heading', { name: 'Set up your marketplace' })).toBeVisible()
    await expectAccessible(page, 'setup page')
  })

  test('a visitor: home, sign up, sign in, their errors, password reset, search and not found', async ({
    page,
    seed,
    problems,
  }) => {
    await seed.site()

    await page.goto('/')
    await expect(page.getByRole('link', { name: 'Join to buy, book and sell' })).toBeVisible()
    await expectAccessible(page, 'home (visitor)')

    await page.goto('/sign-up')
    await expect(page.getByRole('heading', { name: 'Join Tanji Market' })).toBeVisible()
    await expectAccessible(page, 'sign-up page')

    problems.allowStatus(422)
    await fillSignUpForm(page, { displayName: '', email: 'not an email', password: 'short' })
    const signUpPosted = nextPost(page, '/sign-up')
    await page.getByRole('button', { name: 'Create my account' }).click()
    expect((await signUpPosted).status()).toBe(422)
    await expect(page.getByRole('alert')).toContainText('There are 2 problems:')
    await expectAccessible(page, 'sign-up page with errors')

    await page.goto('/sign-in')
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await expectAccessible(page, 'sign-in page')

    await fillSignInForm(page, { email: 'nobody@example.com', password: 'papaya trees by the sea' })
    const signInPosted = nextPost(page, '/sign-in')
    await page.getByRole('button', { name: 'Sign in' }).click()
    expect((await signInPosted).status()).toBe(422)
    await expect(page.getByRole('alert')).toContainText('do not match an account')
    await expectAccessible(page, 'sign-in page with errors')

    await page.goto('/password-reset')
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible()
    await expectAccessible(page, 'password reset page')

    await page.goto('/search?q=honey')
    await expect(page.getByRole('heading', { name: 'Results for “honey”' })).toBeVisible()
    await expectAccessible(page, 'search results')

    problems.allowStatus(404)
    const notFound = await page.goto('/no-such-page')
    expect(notFound?.status()).toBe(404)
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
    await expectAccessible(page, '404 page')

    await page.goto('/password-reset/abcdefghijklmnopqrstuvwxyz234567')
    await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible()
    await expectAccessible(page, 'password reset, a link that does not work')
  })

  test('a member: home and account', async ({ page, seed }) => {
    await seed.site()
    const member = await seed.member({ displayName: 'Amadou Ceesay' })
    await signIn(page, member)
    await expectAccessible(page, 'home (member)')

    await page.goto('/account')
    await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible()
    await expectAccessible(page, 'account page')

    await page.goto('/account/deletion')
    await expect(page.getByRole('heading', { name: 'Delete your account' })).toBeVisible()
    await expectAccessible(page, 'account deletion page')
  })

  test.describe('in dark mode', () => {
    test.use({ colorScheme: 'dark' })

    test('home and sign in', async ({ page, seed }) => {
      await seed.site()
      await page.goto('/')
      await expect(page.getByRole('heading', { level: 1, name: 'Tanji Market' })).toBeVisible()
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
        true,
      )
      await expectAccessible(page, 'home (visitor, dark)')

      await page.goto('/sign-in')
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
      await expectAccessible(page, 'sign-in page (dark)')
    })
  })
})
