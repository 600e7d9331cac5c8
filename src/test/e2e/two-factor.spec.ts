// Two-factor sign-in, as a member lives it: set up with an authenticator app (the test plays the
// app, computing codes from the key the page shows), keep the recovery codes, sign in with a
// code, then with a recovery code when the phone is not at hand.
import { decodeBase32IgnorePadding } from '@oslojs/encoding'
import { expect, test } from './fixtures'
import {
  expectAccessible,
  expectSignedInAs,
  fillSignInForm,
  freshCode,
  nextPost,
  notice,
  signIn,
  signOut,
} from './steps'

test.describe('Two-factor sign-in', () => {
  test('a member turns it on, then signs in with a code and with a recovery code', async ({
    page,
    seed,
    problems,
  }) => {
    problems.allowStatus(422)
    await seed.site()
    const binta = await seed.member({ displayName: 'Binta Touray' })
    const used = new Set<string>()
    let key: Uint8Array = new Uint8Array()
    let recoveryCodes: string[] = []

    await test.step('Binta opens two-factor sign-in from her account page', async () => {
      await signIn(page, binta)
      await page.goto('/account')
      await expect(page.getByRole('heading', { name: 'Two-factor sign-in' })).toBeVisible()
      await page.getByRole('link', { name: 'Set it up' }).click()
      await expect(page.getByRole('heading', { name: 'Off' })).toBeVisible()
      await expectAccessible(page, 'two-factor, off')
      await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click()
    })

    await test.step('she sees a QR code and the key to type, and adds it to her app', async () => {
      await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible()
      await expect(
        page.getByRole('link', { name: 'Open it in your authenticator app' }),
      ).toHaveAttribute('href', /^otpauth:\/\/totp\//)
      const secret = (await page.locator('#two-factor-secret').textContent()) ?? ''
      key = decodeBase32IgnorePadding(secret.replace(/\s/g, ''))
      expect(key.byteLength).toBe(20)
      await expectAccessible(page, 'two-factor, setting up')
    })

    await test.step('a mistyped code is named beside the field', async () => {
      await page.getByLabel('Code from your app').fill('000000')
      const posted = nextPost(page, '/account/two-factor/confirmation')
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click()
      expect((await posted).status()).toBe(422)
      await expect(page.getByLabel('Code from your app')).toHaveAccessibleDescription(
        /That code is not right/,
      )
    })

    await test.step('the right code turns it on and shows ten recovery codes', async () => {
      await page.getByLabel('Code from your app').fill(await freshCode(page, key, used))
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click()
      await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible()
      recoveryCodes = await page.locator('.recovery-codes code').allTextContents()
      expect(recoveryCodes).toHaveLength(10)
      await expectAccessible(page, 'recovery codes')
      await page.getByRole('link', { name: 'I have kept them' }).click()
      await expect(page.getByRole('heading', { name: 'On' })).toBeVisible()
      await expect(page.getByText('10 recovery codes')).toBeVisible()
      await expectAccessible(page, 'two-factor, on')
      await signOut(page)
    })

    await test.step('signing in asks for a code after the password', async () => {
      await page.goto('/sign-in')
      await fillSignInForm(page, binta)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await expect(page.getByRole('heading', { name: 'Enter your sign-in code' })).toBeVisible()
      await expectAccessible(page, 'sign-in code')
      await page.getByLabel('Code from your app').fill(await freshCode(page, key, used))
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await expect(notice(page, 'Signed in as Binta Touray.')).toBeVisible()
      await expectSignedInAs(page, binta.displayName)
      await signOut(page)
    })

    await test.step('without her phone, a recovery code signs her in once', async () => {
      await page.goto('/sign-in')
      await fillSignInForm(page, binta)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByText('Use a recovery code instead').click()
      await page.getByLabel('Recovery code').fill(recoveryCodes[0]!)
      await page.getByRole('button', { name: 'Sign in with a recovery code' }).click()
      await expect(notice(page, 'Signed in as Binta Touray.')).toBeVisible()
      await page.goto('/account/two-factor')
      await expect(page.getByText('9 recovery codes')).toBeVisible()
    })
  })

  test('the operator requires it of providers; a provider is sent to set it up', async ({
    page,
    seed,
    openDevice,
  }) => {
    const { operator } = await seed.site()
    const lamin = await seed.member({ displayName: 'Lamin Sowe' })
    seed.store(lamin, { name: 'Lamin Plumbing' })

    await test.step('the operator ticks "For providers" at /admin/security', async () => {
      await signIn(page, operator)
      await page.goto('/account')
      await page.getByRole('link', { name: 'sign-in security' }).click()
      await expect(page.getByRole('heading', { name: 'Sign-in security' })).toBeVisible()
      await expectAccessible(page, 'sign-in security')
      await page.getByLabel('For providers (members with a storefront)').check()
      await page.getByRole('button', { name: 'Save' }).click()
      await expect(notice(page, 'Sign-in security saved.')).toBeVisible()
      await expect(page.getByLabel('For providers (members with a storefront)')).toBeChecked()
    })

    await test.step('the provider signs in and is asked to set it up first', async () => {
      const phone = await openDevice('Pixel 7')
      await phone.goto('/sign-in?return_to=%2Fsales')
      await fillSignInForm(phone, lamin)
      await phone.getByRole('button', { name: 'Sign in' }).click()
      await expect(phone).toHaveURL('/account/two-factor')
      await expect(
        phone.getByText('Tanji Market requires two-factor sign-in for members with a storefront.'),
      ).toBeVisible()
      await expect(phone.getByRole('button', { name: 'Set up two-factor sign-in' })).toBeVisible()
    })
  })
})
