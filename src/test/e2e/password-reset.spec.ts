// A forgotten password, as a member lives it: ask from the sign-in page, follow the mailed link,
// choose a new password, sign in with it. Every other device is signed out on the way.
import { linkIn } from '../mail-server'
import { expect, test } from './fixtures'
import {
  expectAccessible,
  expectSignedInAs,
  expectSignedOut,
  fillSignInForm,
  nextPost,
  notice,
  signIn,
} from './steps'

const NEW_PASSWORD = 'morning tide over the creek'

test.describe('Password reset', () => {
  test('a member who forgot the password chooses a new one from a mailed link', async ({
    page,
    seed,
    mailbox,
    openDevice,
    problems,
  }) => {
    await seed.site()
    const ann = await seed.member({ displayName: 'Ann Bah' })
    const laptop = await openDevice()

    await test.step('Ann is still signed in on her laptop', async () => {
      await signIn(laptop, ann)
    })

    await test.step('on her phone she asks for a link from the sign-in page', async () => {
      await page.goto('/sign-in')
      await page.getByRole('link', { name: 'Forgot your password?' }).click()
      await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible()
      await expectAccessible(page, 'password reset, ask')
      await page.getByLabel('Email').fill(ann.email)
      await page.getByRole('button', { name: 'Mail me a link' }).click()
      await expect(page.getByRole('heading', { name: 'Check your mail' })).toBeVisible()
      await expect(page.getByText('works for 1 hour')).toBeVisible()
      await expectAccessible(page, 'password reset, sent')
    })

    await test.step('she follows the link in the mail', async () => {
      const mail = await mailbox.waitFor(ann.email, /password/i)
      await page.goto(linkIn(mail, '/password-reset/'))
      await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible()
      await expect(page.getByText(ann.email)).toBeVisible()
      await expectAccessible(page, 'password reset, new password')
    })

    await test.step('a password attackers try first is refused beside the field', async () => {
      problems.allowStatus(422)
      await page.getByLabel('New password').fill('password12')
      const posted = nextPost(page, new URL(page.url()).pathname)
      await page.getByRole('button', { name: 'Save my new password' }).click()
      expect((await posted).status()).toBe(422)
      await expect(page.getByLabel('New password')).toHaveAccessibleDescription(
        /one of the first that attackers try/,
      )
    })

    await test.step('a good one is saved, and she signs in with it', async () => {
      await page.getByLabel('New password').fill(NEW_PASSWORD)
      await page.getByRole('button', { name: 'Save my new password' }).click()
      await expect(notice(page, 'Your password is changed. Sign in with it.')).toBeVisible()
      await expect(page).toHaveURL('/sign-in')
      await expectSignedOut(page)
      await fillSignInForm(page, { email: ann.email, password: NEW_PASSWORD })
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(notice(page, 'Signed in as Ann Bah.')).toBeVisible()
      await expectSignedInAs(page, ann.displayName)
    })

    await test.step('her laptop was signed out, and a mail says the password changed', async () => {
      await laptop.reload()
      await expectSignedOut(laptop)
      await mailbox.waitFor(ann.email, /password was changed/)
    })
  })
})
