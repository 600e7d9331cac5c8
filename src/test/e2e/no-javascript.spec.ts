// The same account journey with JavaScript off: plain links and forms, POST → 303 → GET.
import { PASSWORD, expect, test, type Credentials } from './fixtures'
import {
  accountNav,
  expectSignedInAs,
  fillSetupForm,
  fillSignInForm,
  fillSignUpForm,
  nextPost,
  notice,
  signOut,
} from './steps'

test.use({ javaScriptEnabled: false })

const market = { marketName: 'Brikama Market', town: 'Brikama' }
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

test.describe('Setup, sign up, sign out, sign in (JavaScript off)', () => {
  test('the operator opens the marketplace, then Amadou joins and comes back', async ({
    page,
    server,
    problems,
  }) => {
    await test.step('the operator opens the setup link from the server log', async () => {
      await page.goto(server.setupLink)
      const token = new URL(server.setupLink).searchParams.get('token')!
      await expect(page.getByLabel('Setup code')).toHaveValue(token)
    })

    await test.step('and opens the marketplace with a plain form post', async () => {
      await fillSetupForm(page, market, operator)
      const posted = nextPost(page, '/setup')
      await page.getByRole('button', { name: 'Open the marketplace' }).click()
      const response = await posted
      expect(response.request().isNavigationRequest(), 'the browser itself sent the form').toBe(
        true,
      )
      expect(response.status()).toBe(303)
      await expect(notice(page, 'Brikama Market is open. Welcome, Fatou Jallow!')).toBeVisible()
      await expect(page).toHaveURL('/')
      await expectSignedInAs(page, operator.displayName)
    })

    await test.step('the operator signs out', async () => {
      await signOut(page)
    })

    await test.step('Amadou follows the Sign up link and creates his account', async () => {
      await accountNav(page).getByRole('link', { name: 'Sign up' }).click()
      await expect(page).toHaveURL('/sign-up')
      await expect(page.getByRole('heading', { name: 'Join Brikama Market' })).toBeVisible()
      await fillSignUpForm(page, amadou)
      await page.getByRole('button', { name: 'Create my account' }).click()
      await expect(notice(page, 'Welcome to Brikama Market, Amadou Ceesay!')).toBeVisible()
      await expectSignedInAs(page, amadou.displayName)
    })

    await test.step('Amadou signs out', async () => {
      await signOut(page)
    })

    await test.step('a wrong password comes back beside the field, email kept', async () => {
      problems.allowStatus(422)
      await accountNav(page).getByRole('link', { name: 'Sign in' }).click()
      await expect(page).toHaveURL('/sign-in')
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
      await fillSignInForm(page, { email: amadou.email, password: 'papaya trees by the sea' })
      const posted = nextPost(page, '/sign-in')
      await page.getByRole('button', { name: 'Sign in' }).click()
      expect((await posted).status()).toBe(422)
      await expect(page.getByLabel('Password')).toHaveAccessibleDescription(
        'That email and password do not match an account.',
      )
      await expect(page.getByLabel('Email')).toHaveValue(amadou.email)
    })

    await test.step('Amadou signs in and sees his name in the header', async () => {
      await page.getByLabel('Password').fill(amadou.password)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(notice(page, 'Signed in as Amadou Ceesay.')).toBeVisible()
      await expect(page).toHaveURL('/')
      await expectSignedInAs(page, amadou.displayName)
    })
  })
})
