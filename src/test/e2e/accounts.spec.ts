// Accounts with JavaScript on: htmx boosts every link and form, and nothing may break doing it.
import type { Page } from '@playwright/test'
import { PASSWORD, expect, test, type Credentials } from './fixtures'
import {
  accountNav,
  expectSignedInAs,
  expectSignedOut,
  fillSetupForm,
  fillSignInForm,
  fillSignUpForm,
  nextPost,
  notice,
  signOut,
} from './steps'

const market = { marketName: 'Tanji Market', town: 'Tanji' }
const operator: Credentials = {
  displayName: 'Fatou Jallow',
  email: 'fatou@example.com',
  password: PASSWORD,
}
const amadou: Credentials = {
  displayName: 'Amadou Ceesay',
  email: 'amadou@example.com',
  password: 'mango trees by the river',
}

/** Marks the current document; a full page load loses the mark, a boosted swap keeps it. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1))
}

async function expectSameDocument(page: Page) {
  const marker = await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)
  expect(marker, 'the page was swapped by htmx, not reloaded').toBe(1)
}

/**
 * Signing in or up loads a whole page: a member's pages carry the live-updates script a
 * visitor's do not, and a swapped page keeps the head it had.
 */
async function expectWholePage(page: Page) {
  const marker = await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)
  expect(marker, 'the page was loaded whole, not swapped').toBeUndefined()
  await markDocument(page)
}

test.describe('Setup, sign up, sign out, sign in (JavaScript on)', () => {
  test('the operator opens the marketplace, then Amadou joins and comes back', async ({
    page,
    server,
    problems,
  }) => {
    await test.step('before setup, visitors are told the marketplace is being set up', async () => {
      problems.allowStatus(503)
      const response = await page.goto('/')
      expect(response?.status()).toBe(503)
      await expect(
        page.getByRole('heading', { name: 'This marketplace is being set up' }),
      ).toBeVisible()
    })

    await test.step('the operator opens the setup link from the server log', async () => {
      await page.goto(server.setupLink)
      await expect(page.getByRole('heading', { name: 'Set up your marketplace' })).toBeVisible()
      const token = new URL(server.setupLink).searchParams.get('token')!
      await expect(page.getByLabel('Setup code')).toHaveValue(token)
      expect(await page.evaluate(() => typeof (window as { htmx?: unknown }).htmx)).toBe('object')
    })

    await test.step('and opens the marketplace, signed in as its operator', async () => {
      await fillSetupForm(page, market, operator)
      await markDocument(page)
      const posted = nextPost(page, '/setup')
      await page.getByRole('button', { name: 'Open the marketplace' }).click()
      const response = await posted
      // It signs the operator in: a whole page, which brings a member's live-updates script.
      expect(response.request().isNavigationRequest(), 'the browser sent the form').toBe(true)
      expect(response.status()).toBe(303)
      await expect(notice(page, 'Tanji Market is open. Welcome, Fatou Jallow!')).toBeVisible()
      await expect(page).toHaveURL('/')
      await expect(page.getByRole('heading', { level: 1, name: 'Tanji Market' })).toBeVisible()
      await expectSignedInAs(page, operator.displayName)
      await expectWholePage(page)
    })

    await test.step('the operator signs out', async () => {
      await signOut(page)
      await expectSameDocument(page)
    })

    await test.step('Amadou follows the Sign up link and creates his account', async () => {
      await accountNav(page).getByRole('link', { name: 'Sign up' }).click()
      await expect(page).toHaveURL('/sign-up')
      await expect(page).toHaveTitle('Sign up · Tanji Market')
      await expect(page.getByRole('heading', { name: 'Join Tanji Market' })).toBeVisible()
      await fillSignUpForm(page, amadou)
      await page.getByRole('button', { name: 'Create my account' }).click()
      await expect(notice(page, 'Welcome to Tanji Market, Amadou Ceesay!')).toBeVisible()
      await expect(page).toHaveURL('/')
      await expectSignedInAs(page, amadou.displayName)
      await expectWholePage(page)
    })

    await test.step('Amadou signs out', async () => {
      await signOut(page)
    })

    await test.step('Amadou signs in again and sees his name in the header', async () => {
      await accountNav(page).getByRole('link', { name: 'Sign in' }).click()
      await expect(page).toHaveURL('/sign-in')
      await expect(page).toHaveTitle('Sign in · Tanji Market')
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
      await fillSignInForm(page, amadou)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(notice(page, 'Signed in as Amadou Ceesay.')).toBeVisible()
      await expect(page).toHaveURL('/')
      await expectSignedInAs(page, amadou.displayName)
      await expectWholePage(page)
    })

    await test.step('his name leads to his account page', async () => {
      await accountNav(page).getByRole('link', { name: amadou.displayName }).click()
      await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible()
      await expect(
        page.getByText(`Signed in as ${amadou.displayName} (${amadou.email}).`),
      ).toBeVisible()
      await expectSameDocument(page)
    })
  })
})

test.describe('Sign in and sign up with mistakes (JavaScript on)', () => {
  test('a wrong password is named beside the Password field and the email is kept', async ({
    page,
    seed,
    problems,
  }) => {
    problems.allowStatus(422)
    await seed.site()
    const member = await seed.member({ displayName: amadou.displayName, email: amadou.email })

    await test.step('Amadou types the wrong password', async () => {
      await page.goto('/sign-in')
      await fillSignInForm(page, { email: member.email, password: 'papaya trees by the sea' })
      const posted = nextPost(page, '/sign-in')
      await page.getByRole('button', { name: 'Sign in' }).click()
      expect((await posted).status()).toBe(422)
    })

    await test.step('the form comes back with the message beside the Password field', async () => {
      const password = page.getByLabel('Password')
      await expect(password).toHaveAccessibleDescription(
        'That email and password do not match an account.',
      )
      await expect(password).toHaveAttribute('aria-invalid', 'true')
      await expect(password).toHaveValue('')
      await expect(page.getByLabel('Email')).toHaveValue(member.email)
      const summary = page.getByRole('alert')
      await expect(summary).toContainText('That email and password do not match an account.')
      await expect(summary, 'app.js moves focus to the summary').toBeFocused()
      await expectSignedOut(page)
    })

    await test.step('the right password then signs him in', async () => {
      await page.getByLabel('Password').fill(member.password)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(notice(page, 'Signed in as Amadou Ceesay.')).toBeVisible()
      await expectSignedInAs(page, member.displayName)
    })
  })

  test('a sign-up with a short password is refused beside the field and creates nothing', async ({
    page,
    seed,
    problems,
  }) => {
    problems.allowStatus(422)
    await seed.site()
    const isatou = { displayName: 'Isatou Bah', email: 'isatou@example.com', password: 'short' }

    await test.step('Isatou signs up with a five-letter password', async () => {
      await page.goto('/sign-up')
      await fillSignUpForm(page, isatou)
      const posted = nextPost(page, '/sign-up')
      await page.getByRole('button', { name: 'Create my account' }).click()
      expect((await posted).status()).toBe(422)
    })

    await test.step('the message sits beside the Password field; what she typed is kept', async () => {
      const password = page.getByLabel('Password')
      await expect(password).toHaveAccessibleDescription(
        /Use at least 10 characters — a short sentence works well\./,
      )
      await expect(password).toHaveAttribute('aria-invalid', 'true')
      await expect(password).toHaveValue('')
      await expect(page.getByLabel('Your name')).toHaveValue(isatou.displayName)
      await expect(page.getByLabel('Email')).toHaveValue(isatou.email)
      await expect(page.getByRole('alert')).toContainText('There is a problem:')
      await expectSignedOut(page)
    })

    await test.step('no account was created: signing in with that email fails', async () => {
      await accountNav(page).getByRole('link', { name: 'Sign in' }).click()
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
      await fillSignInForm(page, isatou)
      const posted = nextPost(page, '/sign-in')
      await page.getByRole('button', { name: 'Sign in' }).click()
      expect((await posted).status()).toBe(422)
      await expect(page.getByLabel('Password')).toHaveAccessibleDescription(
        'That email and password do not match an account.',
      )
      await expectSignedOut(page)
    })
  })
})
